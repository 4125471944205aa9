import { error } from '@sveltejs/kit';
import { m } from '../paraglide/messages.js';
import { requireOrgRole, type GuardEvent } from './auth/guards';
import type { ResponseKind, ResponseOwner } from './responses';
import { roundForOrganisation } from './rounds';

/**
 * A member's access to a round of their organisation: 404 unless the person is a member and
 * the round concerns the organisation. The agreed response is the administrator's alone.
 */
export function requireRoundAccess(
	event: GuardEvent & { params: { orgId: string; roundId: string } },
	kind: ResponseKind = 'individual',
	opts: { api?: boolean } = {}
) {
	const access = requireOrgRole(
		event,
		event.params.orgId,
		kind === 'agreed' ? 'admin' : 'member',
		opts
	);
	const r = roundForOrganisation(
		event.params.roundId,
		access.organisation.id,
		access.organisation.type
	);
	if (!r) error(404, m.assess_not_found());
	const owner: ResponseOwner = {
		round: r,
		organisationId: access.organisation.id,
		userId: access.user.id,
		kind
	};
	return { ...access, round: r, owner };
}

export function kindFrom(value: unknown): ResponseKind {
	return value === 'agreed' ? 'agreed' : 'individual';
}
