// Languages on the server: the interface's (Paraglide, chosen in src/hooks.server.ts) and the
// language instrument content (dimensions, descriptors, actions, resources) is shown in.
import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { SHIPPED_LANGUAGES, type ShippedLanguage } from '../domain/constants';
import { contentLanguage } from '../domain/localized';
import type { Locale } from '../i18n/locales';
import { cookieName, getLocale } from '../paraglide/runtime.js';
import { getDb } from './db';
import { user } from './db/schema';

export function isShippedLanguage(value: unknown): value is ShippedLanguage {
	return SHIPPED_LANGUAGES.includes(value as ShippedLanguage);
}

/** Languages of an Accept-Language header in the order of their quality values. */
export function acceptedLanguages(header: string | null): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return {
				tag: tag.trim().toLowerCase(),
				quality: Number.isFinite(quality) ? quality : 0,
				index
			};
		})
		.filter((l) => l.tag !== '' && l.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index)
		.map((l) => l.tag);
}

/**
 * The language of instrument content on a page: `?lang=` when it names one the instruments are
 * written in, else the interface's language, else English (Arabic content is not written yet:
 * it shows in English, per string, as SurveyJS does).
 */
export function readerLanguage(event: { url: URL }): ShippedLanguage {
	const asked = event.url.searchParams.get('lang');
	if (isShippedLanguage(asked)) return asked;
	return contentLanguage(getLocale());
}

/** A year, as browsers allow at most 400 days. */
const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** The cookie Paraglide reads in the browser too (so not httpOnly: it holds no secret). */
export function setLocaleCookie(cookies: Cookies, locale: Locale): void {
	cookies.set(cookieName, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: LOCALE_COOKIE_MAX_AGE
	});
}

/** Remembers a signed-in person's interface language for every device. */
export function setUserLanguage(userId: string, locale: Locale): void {
	getDb().update(user).set({ language: locale }).where(eq(user.id, userId)).run();
}
