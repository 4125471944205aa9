import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../../src/lib/server/db';
import { session } from '../../src/lib/server/db/schema';
import {
	LOGIN_MAX_FAILURES_PER_EMAIL,
	LOGIN_WINDOW_MS,
	SESSION_LIFETIME_MS
} from '../../src/lib/server/auth/constants';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/lib/server/auth/password';
import {
	clearLoginFailures,
	loginBlockedUntil,
	loginThrottleKeys,
	recordLoginFailure
} from '../../src/lib/server/auth/rate-limit';
import {
	createSession,
	generateToken,
	hashToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { makeUser } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
	it('stores only the SHA-256 of the token and finds the user by the token', async () => {
		const u = await makeUser();
		const token = generateToken();
		const s = createSession(token, u.id);
		expect(s.id).toBe(hashToken(token));
		expect(s.id).not.toContain(token);
		const stored = getDb().select().from(session).where(eq(session.userId, u.id)).all();
		expect(stored.map((r) => r.id)).toEqual([hashToken(token)]);
		expect(validateSessionToken(token).user?.email).toBe(u.email);
		expect(validateSessionToken(generateToken()).user).toBeNull();
	});

	it('lasts 30 days, is renewed when fewer than 15 remain, and ends when expired', async () => {
		const u = await makeUser();
		const token = generateToken();
		const start = Date.now();
		createSession(token, u.id, start);
		const early = validateSessionToken(token, start + 10 * DAY);
		expect(early.session?.expiresAt.getTime()).toBe(start + SESSION_LIFETIME_MS);
		const late = validateSessionToken(token, start + 16 * DAY);
		expect(late.session?.expiresAt.getTime()).toBe(start + 16 * DAY + SESSION_LIFETIME_MS);
		expect(validateSessionToken(token, start + 16 * DAY + SESSION_LIFETIME_MS).session).toBeNull();
		// An expired session is deleted, not merely refused.
		expect(
			getDb()
				.select()
				.from(session)
				.where(eq(session.id, hashToken(token)))
				.get()
		).toBeUndefined();
	});
});

describe('passwords', () => {
	it.each([
		['short', 'x@y.example', 'at least 10'],
		['x@y.example', 'x@y.example', 'not be your e-mail'],
		['X@Y.EXAMPLE', 'x@y.example', 'not be your e-mail'],
		['password123', 'x@y.example', 'most common'],
		['QWERTYUIOP', 'x@y.example', 'most common']
	])('refuses %s', (password, email, why) => {
		expect(passwordProblem(password, email)).toContain(why);
	});

	it('accepts a long, uncommon password', () => {
		expect(passwordProblem('correct horse battery', 'x@y.example')).toBeNull();
	});

	it('hashes with argon2id and verifies', async () => {
		const h = await hashPassword('correct horse battery');
		expect(h.startsWith('$argon2id$')).toBe(true);
		expect(h).toContain('m=19456,t=2,p=1');
		expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(h, 'wrong horse battery')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});

describe('login throttle', () => {
	it('blocks an e-mail after 10 failures in 15 minutes, until the first failure is 15 minutes old', () => {
		const keys = loginThrottleKeys('Someone@Test.example', '10.0.0.1');
		const t0 = Date.now();
		for (let i = 0; i < LOGIN_MAX_FAILURES_PER_EMAIL - 1; i++) recordLoginFailure(keys, t0 + i);
		expect(loginBlockedUntil(keys, t0 + 100)).toBeNull();
		recordLoginFailure(keys, t0 + 50);
		expect(loginBlockedUntil(keys, t0 + 100)?.getTime()).toBe(t0 + LOGIN_WINDOW_MS);
		expect(loginBlockedUntil(keys, t0 + LOGIN_WINDOW_MS + 100)).toBeNull();
	});

	it('counts the e-mail case-insensitively and another e-mail from the same address separately', () => {
		const t0 = Date.now();
		for (let i = 0; i < LOGIN_MAX_FAILURES_PER_EMAIL; i++)
			recordLoginFailure(loginThrottleKeys('case@test.example', '10.0.0.2'), t0);
		expect(
			loginBlockedUntil(loginThrottleKeys('CASE@test.example', '10.0.0.9'), t0)
		).not.toBeNull();
		expect(loginBlockedUntil(loginThrottleKeys('other@test.example', '10.0.0.2'), t0)).toBeNull();
	});

	it('blocks an address that tries many e-mails', () => {
		const t0 = Date.now();
		for (let i = 0; i < 50; i++)
			recordLoginFailure(loginThrottleKeys(`e${i}@test.example`, '10.0.0.3'), t0);
		expect(
			loginBlockedUntil(loginThrottleKeys('fresh@test.example', '10.0.0.3'), t0)
		).not.toBeNull();
	});

	it('forgets the e-mail failures after a successful login', () => {
		const keys = loginThrottleKeys('cleared@test.example', '10.0.0.4');
		const t0 = Date.now();
		for (let i = 0; i < LOGIN_MAX_FAILURES_PER_EMAIL; i++) recordLoginFailure(keys, t0);
		clearLoginFailures(keys[0]);
		expect(loginBlockedUntil([keys[0]], t0)).toBeNull();
	});
});
