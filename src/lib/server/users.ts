import { and, asc, count, eq, like, or, sql } from 'drizzle-orm';
import { getDb } from './db';
import { invitation, membership, organisation, session, user, type User } from './db/schema';
import { m } from '../paraglide/messages.js';
import { RefusalError } from './errors';
import { newId } from './ids';
import { hashPassword, passwordProblem, verifyPassword } from './auth/password';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function findUserByEmail(email: string): User | undefined {
	return getDb()
		.select()
		.from(user)
		.where(eq(user.email, normaliseEmail(email)))
		.get();
}

export function findUserById(id: string): User | undefined {
	return getDb().select().from(user).where(eq(user.id, id)).get();
}

export async function createUser(input: {
	email: string;
	name: string;
	password: string;
}): Promise<User> {
	const email = normaliseEmail(input.email);
	const problem = passwordProblem(input.password, email);
	if (problem) throw new RefusalError(problem, 'password', 400);
	if (findUserByEmail(email)) throw new RefusalError(m.auth_register_email_taken(), 'email');
	const passwordHash = await hashPassword(input.password);
	try {
		return getDb()
			.insert(user)
			.values({ id: newId(), email, name: input.name.trim(), passwordHash })
			.returning()
			.get();
	} catch (e) {
		// Two registrations racing for one address: the unique index decides.
		if (e instanceof Error && e.message.includes('UNIQUE'))
			throw new RefusalError(m.auth_register_email_taken(), 'email');
		throw e;
	}
}

/** Checks the current password, stores the new one and ends every other session. */
export async function changePassword(
	userId: string,
	currentPassword: string,
	newPassword: string,
	keepSessionId: string
): Promise<void> {
	const row = findUserById(userId);
	if (!row) throw new RefusalError(m.auth_account_gone(), 'form', 404);
	if (!(await verifyPassword(row.passwordHash, currentPassword)))
		throw new RefusalError(m.auth_profile_current_password_wrong(), 'currentPassword', 400);
	const problem = passwordProblem(newPassword, row.email);
	if (problem) throw new RefusalError(problem, 'newPassword', 400);
	const passwordHash = await hashPassword(newPassword);
	const db = getDb();
	db.transaction((tx) => {
		tx.update(user).set({ passwordHash }).where(eq(user.id, userId)).run();
		tx.delete(session)
			.where(and(eq(session.userId, userId), sql`${session.id} <> ${keepSessionId}`))
			.run();
	});
}

/** Organisations where this user is the only administrator while others remain members. */
export function organisationsBlockingDeletion(userId: string): { id: string; name: string }[] {
	return getDb().all<{ id: string; name: string }>(sql`
		select o.id, o.name from ${membership} m
		join ${organisation} o on o.id = m.organisation_id
		where m.user_id = ${userId} and m.role = 'admin'
		  and (select count(*) from ${membership} a where a.organisation_id = m.organisation_id and a.role = 'admin') = 1
		  and (select count(*) from ${membership} x where x.organisation_id = m.organisation_id) > 1
		order by o.name`);
}

/**
 * Deletes the account: sessions and memberships go with it; what the person submitted for
 * an organisation stays, detached from them (foreign keys set to null).
 */
export async function deleteAccount(userId: string, password: string): Promise<void> {
	const row = findUserById(userId);
	if (!row) throw new RefusalError(m.auth_account_gone(), 'form', 404);
	if (!(await verifyPassword(row.passwordHash, password)))
		throw new RefusalError(m.auth_account_password_wrong(), 'password', 400);
	const blocking = organisationsBlockingDeletion(userId);
	if (blocking.length > 0)
		throw new RefusalError(
			m.auth_account_only_admin({ organisations: blocking.map((o) => o.name).join(', ') }),
			'form'
		);
	getDb().delete(user).where(eq(user.id, userId)).run();
}

/** Everything the platform holds about a person, for them to download. */
export function exportUserData(userId: string) {
	const db = getDb();
	const me = findUserById(userId);
	if (!me) throw new RefusalError(m.auth_account_gone(), 'form', 404);
	const memberships = db
		.select({
			organisationId: organisation.id,
			organisation: organisation.name,
			role: membership.role,
			since: membership.createdAt
		})
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(eq(membership.userId, userId))
		.orderBy(asc(organisation.name))
		.all();
	const sessions = db
		.select({ expiresAt: session.expiresAt })
		.from(session)
		.where(eq(session.userId, userId))
		.all();
	const invitationsSent = db
		.select({
			organisationId: invitation.organisationId,
			note: invitation.note,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			usedAt: invitation.usedAt
		})
		.from(invitation)
		.where(eq(invitation.invitedBy, userId))
		.all();
	return {
		exportedAt: new Date().toISOString(),
		account: {
			id: me.id,
			email: me.email,
			name: me.name,
			platformRoles: { administrator: me.isAdmin, copLead: me.isCopLead },
			createdAt: me.createdAt
		},
		memberships,
		activeSessions: sessions.length,
		sessionsExpireAt: sessions.map((s) => s.expiresAt),
		invitationsSent
	};
}

/** People matching a search (name or e-mail), the first `limit` by e-mail, and how many match. */
export function listUsers(query = '', limit = 50) {
	const q = `%${query.trim().toLowerCase()}%`;
	const where = query.trim()
		? or(like(user.email, q), like(sql`lower(${user.name})`, q))
		: undefined;
	const total = getDb().select({ n: count() }).from(user).where(where).get()?.n ?? 0;
	const rows = getDb()
		.select({
			id: user.id,
			email: user.email,
			name: user.name,
			isAdmin: user.isAdmin,
			isCopLead: user.isCopLead,
			createdAt: user.createdAt
		})
		.from(user)
		.where(where)
		.orderBy(asc(user.email))
		.limit(limit)
		.all();
	return { rows, total };
}

/** Grants or withdraws a platform role; the last administrator cannot withdraw their own. */
export function setPlatformRole(userId: string, role: 'admin' | 'coplead', value: boolean): void {
	const db = getDb();
	db.transaction((tx) => {
		const target = tx.select().from(user).where(eq(user.id, userId)).get();
		if (!target) throw new RefusalError(m.auth_admin_no_such_user(), 'form', 404);
		if (role === 'admin' && !value && target.isAdmin) {
			const admins = tx
				.select({ n: sql<number>`count(*)` })
				.from(user)
				.where(eq(user.isAdmin, true))
				.get();
			if ((admins?.n ?? 0) <= 1) throw new RefusalError(m.auth_admin_last_administrator(), 'form');
		}
		tx.update(user)
			.set(role === 'admin' ? { isAdmin: value } : { isCopLead: value })
			.where(eq(user.id, userId))
			.run();
	});
}
