import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { MemberRole, OrganisationInput, SharingChoice } from '../domain/organisation';
import { getDb } from './db';
import { membership, organisation, user, type Organisation } from './db/schema';
import { m } from '../paraglide/messages.js';
import { RefusalError } from './errors';
import { newId } from './ids';
import { resultsChanged } from './results';

export interface MembershipWithOrganisation {
	organisation: Organisation;
	role: MemberRole;
}

/** Creates the organisation and makes its creator the administrator, in one transaction. */
export function createOrganisation(creatorId: string, input: OrganisationInput): Organisation {
	return getDb().transaction((tx) => {
		const row = tx
			.insert(organisation)
			.values({ id: newId(), ...input })
			.returning()
			.get();
		tx.insert(membership)
			.values({ organisationId: row.id, userId: creatorId, role: 'admin' })
			.run();
		return row;
	});
}

export function updateOrganisation(organisationId: string, input: OrganisationInput): void {
	getDb().update(organisation).set(input).where(eq(organisation.id, organisationId)).run();
}

export function findMembership(
	organisationId: string,
	userId: string
): MembershipWithOrganisation | undefined {
	const row = getDb()
		.select({ organisation, role: membership.role })
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)))
		.get();
	return row ?? undefined;
}

export function listOrganisationsOfUser(userId: string) {
	return getDb()
		.select({
			id: organisation.id,
			name: organisation.name,
			type: organisation.type,
			country: organisation.country,
			region: organisation.region,
			role: membership.role,
			members: sql<number>`(select count(*) from ${membership} m where m.organisation_id = organisation.id)`
		})
		.from(membership)
		.innerJoin(organisation, eq(organisation.id, membership.organisationId))
		.where(eq(membership.userId, userId))
		.orderBy(asc(organisation.name))
		.all();
}

export function listMembers(organisationId: string) {
	return getDb()
		.select({
			userId: user.id,
			name: user.name,
			email: user.email,
			role: membership.role,
			since: membership.createdAt
		})
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(asc(user.name))
		.all();
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

function adminCount(tx: Tx, organisationId: string): number {
	const row = tx
		.select({ n: count() })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'admin')))
		.get();
	return row?.n ?? 0;
}

function memberRole(tx: Tx, organisationId: string, userId: string): MemberRole {
	const row = tx
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)))
		.get();
	// A tampered or stale member id: same answer as for any unknown record.
	if (!row) throw new RefusalError(m.org_refusal_not_member(), 'userId', 404);
	return row.role;
}

/** Changes a member's role; an organisation never loses its last administrator. */
export function changeMemberRole(organisationId: string, userId: string, role: MemberRole): void {
	getDb().transaction((tx) => {
		const current = memberRole(tx, organisationId, userId);
		if (current === role) return;
		if (current === 'admin' && adminCount(tx, organisationId) <= 1)
			throw new RefusalError(m.org_refusal_last_admin_role(), 'role');
		tx.update(membership)
			.set({ role })
			.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)))
			.run();
	});
}

/** Removes a member (or lets one leave); never the last administrator. */
export function removeMember(organisationId: string, userId: string): void {
	getDb().transaction((tx) => {
		const current = memberRole(tx, organisationId, userId);
		if (current === 'admin' && adminCount(tx, organisationId) <= 1)
			throw new RefusalError(m.org_refusal_last_admin_remove(), 'userId');
		tx.delete(membership)
			.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)))
			.run();
	});
}

export function listAllOrganisations(limit = 500) {
	return getDb()
		.select({
			id: organisation.id,
			name: organisation.name,
			type: organisation.type,
			country: organisation.country,
			region: organisation.region,
			members: sql<number>`(select count(*) from ${membership} m where m.organisation_id = organisation.id)`
		})
		.from(organisation)
		.orderBy(asc(organisation.country), asc(organisation.name))
		.limit(limit)
		.all();
}

/** Records how far the organisation's results travel; later views follow it at once. */
export function setSharing(organisationId: string, sharing: SharingChoice): void {
	getDb().update(organisation).set({ sharing }).where(eq(organisation.id, organisationId)).run();
	resultsChanged(null);
}
