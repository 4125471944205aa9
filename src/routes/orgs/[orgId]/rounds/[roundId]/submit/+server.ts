import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJsonBody, refusalJson } from '$lib/server/json-body';
import { MAX_DRAFT_BYTES, submitResponse } from '$lib/server/responses';
import { kindFrom, requireRoundAccess } from '$lib/server/round-access';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

// Messages are functions: each request reads them in its own language.
const submitBody = z.object(
	{
		kind: z
			.enum(['individual', 'agreed'], { error: () => m.assess_api_kind_invalid() })
			.default('individual'),
		data: z.record(z.string(), z.unknown(), { error: () => m.assess_api_data_invalid() })
	},
	{ error: () => m.assess_api_body_invalid() }
);

/** Submission: strict validation against the response's version, then one transaction. */
export const POST: RequestHandler = async (event) => {
	const raw = await readJsonBody(event.request, MAX_DRAFT_BYTES);
	const kind = kindFrom((raw as { kind?: unknown } | null)?.kind);
	const { owner, organisation, round } = requireRoundAccess(event, kind, { api: true });
	const body = submitBody.safeParse(raw);
	if (!body.success)
		error(
			400,
			m.assess_api_submission_malformed({
				problem: body.error.issues[0]?.message ?? m.assess_api_body_invalid()
			})
		);
	try {
		submitResponse(owner, body.data.data);
	} catch (e) {
		return refusalJson(e, m.assess_submit_needs_attention());
	}
	return json({ submitted: true, results: `/orgs/${organisation.id}/rounds/${round.id}/results` });
};
