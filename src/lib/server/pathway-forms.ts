// The form actions of the pathway and ladder pages: adopt an action into the plan, ask a
// suggested peer for a conversation. Both pages share them, so they live here.
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '../paraglide/messages.js';
import { adoptAction } from './action-plans';
import { requireOrgRole } from './auth/guards';
import { RefusalError } from './errors';
import { formFail, parseForm } from './forms';
import { peerRequestInput, sendPeerRequest } from './peers';
import { requireRoundAccess } from './round-access';

type RoundEvent = RequestEvent<{ orgId: string; roundId: string }>;

const adoptInput = z.object({
	actionKey: z
		.string({ error: () => m.plan_pathway_error_choose_action() })
		.min(1, { error: () => m.plan_pathway_error_choose_action() })
});

function refusal(e: unknown, data: FormData) {
	if (e instanceof RefusalError) {
		return formFail(e.status, data, { [e.field]: e.message }, e.message);
	}
	throw e;
}

/** `?/adopt`: any member adopts; a respondent becomes the item's owner (action-plans.ts). */
export async function adoptFromForm(event: RoundEvent) {
	const { round, organisation, role, user } = requireRoundAccess(event);
	const data = await event.request.formData();
	const parsed = parseForm(data, adoptInput);
	if (!parsed.ok) return parsed.failure;
	try {
		const { id } = adoptAction({ userId: user.id, role }, organisation.id, {
			instrumentKey: round.instrumentKey,
			actionKey: parsed.data.actionKey,
			roundId: round.id
		});
		return { adopted: parsed.data.actionKey, itemId: id };
	} catch (e) {
		return refusal(e, data);
	}
}

/** `?/contact`: the organisation's administrators ask a suggested peer to get in touch. */
export async function contactPeerFromForm(event: RoundEvent) {
	const { round, organisation, user } = requireRoundAccess(event);
	// Speaking for the organisation to another one is the administrators' part.
	requireOrgRole(event, organisation.id, 'admin');
	const data = await event.request.formData();
	const parsed = parseForm(data, peerRequestInput);
	if (!parsed.ok) return parsed.failure;
	try {
		sendPeerRequest(user.id, round, organisation, parsed.data);
		return { contacted: parsed.data.toOrganisationId, dimensionKey: parsed.data.dimensionKey };
	} catch (e) {
		return refusal(e, data);
	}
}
