import { and, count, eq, gte, inArray, lt, min } from 'drizzle-orm';
import { getDb } from '../db';
import { loginFailure } from '../db/schema';
import {
	LOGIN_MAX_FAILURES_PER_ADDRESS,
	LOGIN_MAX_FAILURES_PER_EMAIL,
	LOGIN_WINDOW_MS
} from './constants';

/**
 * Failed-login throttle, per e-mail and per client address. Failures live in the database so
 * the limit holds across server restarts; a success clears the e-mail's failures.
 */
export function loginThrottleKeys(email: string, address: string): string[] {
	return [`email:${email.trim().toLowerCase()}`, `addr:${address}`];
}

/** When the earliest blocked key may try again, or null when no key is blocked. */
export function loginBlockedUntil(keys: string[], now = Date.now()): Date | null {
	const db = getDb();
	const since = new Date(now - LOGIN_WINDOW_MS);
	let until: number | null = null;
	for (const key of keys) {
		const row = db
			.select({ n: count(), first: min(loginFailure.at) })
			.from(loginFailure)
			.where(and(eq(loginFailure.key, key), gte(loginFailure.at, since)))
			.get();
		const limit = key.startsWith('email:')
			? LOGIN_MAX_FAILURES_PER_EMAIL
			: LOGIN_MAX_FAILURES_PER_ADDRESS;
		if (row && row.n >= limit && row.first) {
			const free = row.first.getTime() + LOGIN_WINDOW_MS;
			until = until === null ? free : Math.max(until, free);
		}
	}
	return until === null ? null : new Date(until);
}

export function recordLoginFailure(keys: string[], now = Date.now()): void {
	const db = getDb();
	db.transaction((tx) => {
		tx.delete(loginFailure)
			.where(
				and(inArray(loginFailure.key, keys), lt(loginFailure.at, new Date(now - LOGIN_WINDOW_MS)))
			)
			.run();
		tx.insert(loginFailure)
			.values(keys.map((key) => ({ key, at: new Date(now) })))
			.run();
	});
}

export function clearLoginFailures(key: string): void {
	getDb().delete(loginFailure).where(eq(loginFailure.key, key)).run();
}
