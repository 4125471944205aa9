import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import { and, eq, ne } from 'drizzle-orm';
import { getDb } from '../db';
import { session, user, type Session, type User } from '../db/schema';
import { SESSION_COOKIE_NAME, SESSION_LIFETIME_MS, SESSION_RENEW_THRESHOLD_MS } from './constants';

export type SessionUser = Pick<
	User,
	'id' | 'email' | 'name' | 'isAdmin' | 'isCopLead' | 'language'
>;
export type SessionValidation =
	{ session: Session; user: SessionUser } | { session: null; user: null };

/** A random token for a cookie or a link: 160 bits, base32. */
export function generateToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only the SHA-256 of a token is ever stored. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(token: string, userId: string, now = Date.now()): Session {
	const row: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now + SESSION_LIFETIME_MS)
	};
	getDb().insert(session).values(row).run();
	return row;
}

export function validateSessionToken(token: string, now = Date.now()): SessionValidation {
	const db = getDb();
	const id = hashToken(token);
	const row = db
		.select({
			session,
			user: {
				id: user.id,
				email: user.email,
				name: user.name,
				isAdmin: user.isAdmin,
				isCopLead: user.isCopLead,
				language: user.language
			}
		})
		.from(session)
		.innerJoin(user, eq(session.userId, user.id))
		.where(eq(session.id, id))
		.get();
	if (!row) return { session: null, user: null };
	if (now >= row.session.expiresAt.getTime()) {
		db.delete(session).where(eq(session.id, id)).run();
		return { session: null, user: null };
	}
	if (now >= row.session.expiresAt.getTime() - SESSION_RENEW_THRESHOLD_MS) {
		row.session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		db.update(session).set({ expiresAt: row.session.expiresAt }).where(eq(session.id, id)).run();
	}
	return row;
}

export function invalidateSession(sessionId: string): void {
	getDb().delete(session).where(eq(session.id, sessionId)).run();
}

/** Ends every session of a user except, optionally, the one in use. */
export function invalidateOtherSessions(userId: string, keepSessionId?: string): void {
	const where = keepSessionId
		? and(eq(session.userId, userId), ne(session.id, keepSessionId))
		: eq(session.userId, userId);
	getDb().delete(session).where(where).run();
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE_NAME, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== 'true',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.set(SESSION_COOKIE_NAME, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== 'true',
		path: '/',
		maxAge: 0
	});
}
