import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { startAgreedResponse } from '$lib/server/responses';
import { teamProgress } from '$lib/server/results';
import { requireRoundAccess } from '$lib/server/round-access';
import { acceptsAnswers } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';

const agreedInput = z.object({ fromResponseId: z.string().default('') });

/** The administrator's view of who has answered, and the start of the agreed response. */
export const load: PageServerLoad = (event) => {
	const { round } = requireRoundAccess(event, 'agreed');
	return {
		round: { id: round.id, name: round.name, accepting: acceptsAnswers(round) },
		...teamProgress(round.id, event.params.orgId)
	};
};

export const actions: Actions = {
	agreed: async (event) => {
		const { owner, organisation, round } = requireRoundAccess(event, 'agreed');
		const data = await event.request.formData();
		const parsed = parseForm(data, agreedInput);
		if (!parsed.ok) return parsed.failure;
		try {
			startAgreedResponse(owner, parsed.data.fromResponseId || null);
		} catch (e) {
			if (e instanceof RefusalError)
				return formFail(e.status, data, { [e.field]: e.message }, e.message);
			throw e;
		}
		redirect(303, `/orgs/${organisation.id}/rounds/${round.id}/assess?as=agreed`);
	}
};
