import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireOrgRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { readerLanguage } from '$lib/server/language';
import { answerPeerRequest, peerRequestsOf } from '$lib/server/peers';
import type { Actions, PageServerLoad } from './$types';

const answerInput = z.object({
	requestId: z
		.string({ error: () => m.plan_requests_error_choose() })
		.min(1, { error: () => m.plan_requests_error_choose() }),
	decision: z.enum(['accepted', 'declined'], { error: () => m.plan_requests_error_decision() })
});

/** Requests in both directions; every member reads them, administrators answer them. */
export const load: PageServerLoad = (event) => {
	const { organisation, role } = requireOrgRole(event, event.params.orgId);
	return {
		...peerRequestsOf(organisation.id, readerLanguage(event)),
		isAdmin: role === 'admin',
		openToRequests: organisation.peerContact && organisation.sharing === 'named-members'
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const { organisation, user } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, answerInput);
		if (!parsed.ok) return parsed.failure;
		try {
			answerPeerRequest(user.id, organisation.id, parsed.data.requestId, parsed.data.decision);
			return { answered: parsed.data.requestId, decision: parsed.data.decision };
		} catch (e) {
			if (e instanceof RefusalError)
				return formFail(e.status, data, { [e.field]: e.message }, e.message);
			throw e;
		}
	}
};
