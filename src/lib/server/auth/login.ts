import type { Cookies } from '@sveltejs/kit';
import { formatNumber } from '../../i18n/format';
import { m } from '../../paraglide/messages.js';
import { hashPassword, verifyPassword } from './password';
import {
	clearLoginFailures,
	loginBlockedUntil,
	loginThrottleKeys,
	recordLoginFailure
} from './rate-limit';
import { createSession, generateToken, setSessionCookie } from './session';
import { findUserByEmail, normaliseEmail } from '../users';
import { RefusalError } from '../errors';

// Verified against when the e-mail is unknown, so both refusals take the same time.
let dummyHash: Promise<string> | undefined;

/** Minutes until a time, for people: "in 12 minutes". */
export function tryAgainMessage(until: Date, now = Date.now()): string {
	const minutes = Math.max(1, Math.ceil((until.getTime() - now) / 60_000));
	const inputs = { minutes: formatNumber(minutes) };
	return minutes === 1 ? m.auth_login_throttled_one(inputs) : m.auth_login_throttled_other(inputs);
}

/** Checks the credentials under the throttle and starts a session. */
export async function logIn(
	cookies: Cookies,
	email: string,
	password: string,
	address: string
): Promise<void> {
	const keys = loginThrottleKeys(email, address);
	const blocked = loginBlockedUntil(keys);
	if (blocked) throw new RefusalError(tryAgainMessage(blocked), 'form', 429);
	const found = findUserByEmail(email);
	dummyHash ??= hashPassword('not-a-real-password-at-all');
	const ok = found
		? await verifyPassword(found.passwordHash, password)
		: await verifyPassword(await dummyHash, password).then(() => false);
	if (!found || !ok) {
		recordLoginFailure(keys);
		throw new RefusalError(m.auth_login_wrong_credentials(), 'form', 400);
	}
	clearLoginFailures(`email:${normaliseEmail(email)}`);
	startSession(cookies, found.id);
}

export function startSession(cookies: Cookies, userId: string): void {
	const token = generateToken();
	const session = createSession(token, userId);
	setSessionCookie(cookies, token, session.expiresAt);
}

/** Only same-site paths are followed after login: never an open redirect. */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
}
