import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from './db';
import { invitation, membership, organisation, user } from './db/schema';
import { INVITATION_LIFETIME_MS } from './auth/constants';
import { generateToken, hashToken } from './auth/session';
import { m } from '../paraglide/messages.js';
import { RefusalError } from './errors';
import { newId } from './ids';

export const INVITATION_NOTE_MAX = 120;

/** Creates a single-use link; only the token's hash is stored, so the link is shown once. */
export function createInvitation(
	organisationId: string,
	invitedBy: string,
	note: string,
	now = Date.now()
): { id: string; token: string; expiresAt: Date } {
	const token = generateToken();
	const expiresAt = new Date(now + INVITATION_LIFETIME_MS);
	const id = newId();
	getDb()
		.insert(invitation)
		.values({
			id,
			tokenHash: hashToken(token),
			organisationId,
			invitedBy,
			note: note.trim(),
			createdAt: new Date(now),
			expiresAt
		})
		.run();
	return { id, token, expiresAt };
}

export type InvitationState = 'valid' | 'expired' | 'used' | 'revoked';

export interface InvitationView {
	id: string;
	organisationId: string;
	organisationName: string;
	invitedByName: string | null;
	expiresAt: Date;
	state: InvitationState;
}

function stateOf(
	row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
	now: number
) {
	if (row.usedAt) return 'used';
	if (row.revokedAt) return 'revoked';
	if (row.expiresAt.getTime() <= now) return 'expired';
	return 'valid';
}

/** What the invitation page shows: who invited, to which organisation, and whether it still works. */
export function findInvitation(token: string, now = Date.now()): InvitationView | undefined {
	const row = getDb()
		.select({
			id: invitation.id,
			organisationId: invitation.organisationId,
			organisationName: organisation.name,
			invitedByName: user.name,
			expiresAt: invitation.expiresAt,
			usedAt: invitation.usedAt,
			revokedAt: invitation.revokedAt
		})
		.from(invitation)
		.innerJoin(organisation, eq(organisation.id, invitation.organisationId))
		.leftJoin(user, eq(user.id, invitation.invitedBy))
		.where(eq(invitation.tokenHash, hashToken(token)))
		.get();
	if (!row) return undefined;
	return {
		id: row.id,
		organisationId: row.organisationId,
		organisationName: row.organisationName,
		invitedByName: row.invitedByName,
		expiresAt: row.expiresAt,
		state: stateOf(row, now)
	};
}

/** Why a link no longer works, in the request's language. */
export function invitationRefusal(state: Exclude<InvitationState, 'valid'>): string {
	switch (state) {
		case 'expired':
			return m.auth_invite_expired();
		case 'used':
			return m.auth_invite_used();
		case 'revoked':
			return m.auth_invite_revoked();
	}
}

/** Joins the user to the organisation as a respondent and uses up the link, atomically. */
export function acceptInvitation(token: string, userId: string, now = Date.now()): string {
	return getDb().transaction((tx) => {
		const row = tx
			.select()
			.from(invitation)
			.where(eq(invitation.tokenHash, hashToken(token)))
			.get();
		if (!row) throw new RefusalError(m.auth_invite_not_valid(), 'form', 404);
		const state = stateOf(row, now);
		if (state !== 'valid') throw new RefusalError(invitationRefusal(state), 'form', 410);
		const already = tx
			.select({ role: membership.role })
			.from(membership)
			.where(and(eq(membership.organisationId, row.organisationId), eq(membership.userId, userId)))
			.get();
		if (already) throw new RefusalError(m.auth_invite_already_member(), 'form', 409);
		tx.update(invitation)
			.set({ usedAt: new Date(now), usedBy: userId })
			.where(eq(invitation.id, row.id))
			.run();
		tx.insert(membership)
			.values({ organisationId: row.organisationId, userId, role: 'respondent' })
			.run();
		return row.organisationId;
	});
}

export function listOpenInvitations(organisationId: string, now = Date.now()) {
	return getDb()
		.select({
			id: invitation.id,
			note: invitation.note,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			invitedByName: user.name
		})
		.from(invitation)
		.leftJoin(user, eq(user.id, invitation.invitedBy))
		.where(
			and(
				eq(invitation.organisationId, organisationId),
				isNull(invitation.usedAt),
				isNull(invitation.revokedAt),
				gt(invitation.expiresAt, new Date(now))
			)
		)
		.orderBy(desc(invitation.createdAt))
		.all();
}

export function revokeInvitation(organisationId: string, invitationId: string): void {
	const result = getDb()
		.update(invitation)
		.set({ revokedAt: new Date() })
		.where(
			and(
				eq(invitation.id, invitationId),
				eq(invitation.organisationId, organisationId),
				isNull(invitation.usedAt)
			)
		)
		.run();
	if (result.changes === 0)
		throw new RefusalError(m.auth_invite_no_open_invitation(), 'invitationId', 404);
}
