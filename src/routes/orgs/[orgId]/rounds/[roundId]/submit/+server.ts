import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJsonBody, refusalJson } from '$lib/server/json-body';
import { MAX_DRAFT_BYTES, submitResponse } from '$lib/server/responses';
import { kindFrom, requireRoundAccess } from '$lib/server/round-access';
import type { RequestHandler } from './$types';

const submitBody = z.object({
	kind: z.enum(['individual', 'agreed']).default('individual'),
	data: z.record(z.string(), z.unknown())
});

/** Submission: strict validation against the response's version, then one transaction. */
export const POST: RequestHandler = async (event) => {
	const raw = await readJsonBody(event.request, MAX_DRAFT_BYTES);
	const kind = kindFrom((raw as { kind?: unknown } | null)?.kind);
	const { owner, organisation, round } = requireRoundAccess(event, kind, { api: true });
	const body = submitBody.safeParse(raw);
	if (!body.success)
		error(
			400,
			`The submission is malformed: ${body.error.issues[0]?.message ?? 'unknown problem'}.`
		);
	try {
		submitResponse(owner, body.data.data);
	} catch (e) {
		return refusalJson(e, 'Some answers need your attention before you can submit.');
	}
	return json({ submitted: true, results: `/orgs/${organisation.id}/rounds/${round.id}/results` });
};
