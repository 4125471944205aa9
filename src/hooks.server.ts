import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import '$lib/i18n/zod';
import { isInterfaceLocale } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';
import {
	cookieName,
	defineCustomServerStrategy,
	extractLocaleFromRequest,
	getTextDirection
} from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { setLocaleCookie } from '$lib/server/language';
import { registerInstrumentsFromDir } from '$lib/server/instruments';
import { SESSION_COOKIE_NAME } from '$lib/server/auth/constants';
import {
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';

/** At start: open the database (applying migrations) and register changed instruments. */
export const init: ServerInit = () => {
	getDb();
	try {
		for (const v of registerInstrumentsFromDir())
			if (v.created) console.log(`Instrument ${v.key}: version ${v.version} registered.`);
	} catch (e) {
		// A broken instrument file must not take the platform down: the versions already
		// registered stay in use, and the log says exactly what to fix.
		console.error(`Instruments were not registered:\n${(e as Error).message}`);
	}
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery defence for every state-changing request, forms and JSON alike:
 * the browser's Origin header must name this site. A request without one is refused too.
 */
const checkOrigin: Handle = ({ event, resolve }) => {
	if (UNSAFE_METHODS.has(event.request.method)) {
		const origin = event.request.headers.get('origin');
		if (origin === event.url.origin) return resolve(event);
		// This check runs before the request has its language (nothing else may run for a
		// forged request), so the refusal reads the language from the cookie and the browser.
		const locale = extractLocaleFromRequest(event.request);
		error(
			403,
			origin
				? m.common_request_cross_site({}, { locale })
				: m.common_request_no_origin({}, { locale })
		);
	}
	return resolve(event);
};

const authenticate: Handle = ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE_NAME);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = validateSessionToken(token);
	if (session) setSessionCookie(event.cookies, token, session.expiresAt);
	else deleteSessionCookie(event.cookies);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

// The person's own language setting wins over the cookie and the browser (src/lib/i18n).
const chosenLocale = new WeakMap<Request, string>();
defineCustomServerStrategy('custom-user', {
	getLocale: (request) => (request ? chosenLocale.get(request) : undefined)
});

/**
 * Runs each request in its language: Paraglide's messages, `<html lang dir>`. The signed-in
 * person's setting is also put in the cookie, so the browser renders in the same language.
 */
const language: Handle = ({ event, resolve }) => {
	const setting = event.locals.user?.language;
	if (isInterfaceLocale(setting)) {
		chosenLocale.set(event.request, setting);
		if (event.cookies.get(cookieName) !== setting) setLocaleCookie(event.cookies, setting);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', locale).replace('%dir%', getTextDirection(locale))
		});
	});
};

export const handle = sequence(checkOrigin, authenticate, language);
