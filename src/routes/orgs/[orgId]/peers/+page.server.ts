import { z } from 'zod';
import { requireOrgRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { readerLanguage } from '$lib/server/language';
import { answerPeerRequest, peerRequestsOf } from '$lib/server/peers';
import type { Actions, PageServerLoad } from './$types';

const answerInput = z.object({
	requestId: z.string({ error: 'Choose a request.' }).min(1, 'Choose a request.'),
	decision: z.enum(['accepted', 'declined'], { error: 'Accept or decline the request.' })
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
