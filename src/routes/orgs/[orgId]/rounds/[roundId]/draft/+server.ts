import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJsonBody, refusalJson } from '$lib/server/json-body';
import { MAX_DRAFT_BYTES, MAX_PAGE_NAME, saveDraft } from '$lib/server/responses';
import { kindFrom, requireRoundAccess } from '$lib/server/round-access';
import type { RequestHandler } from './$types';

const draftBody = z.object({
	kind: z.enum(['individual', 'agreed']).default('individual'),
	data: z.record(z.string(), z.unknown()),
	currentPage: z.string().max(MAX_PAGE_NAME).nullable().default(null),
	revision: z.number().int().positive()
});

/** Autosave: the form posts its answers here within seconds of every change. */
export const POST: RequestHandler = async (event) => {
	const raw = await readJsonBody(event.request, MAX_DRAFT_BYTES);
	const kind = kindFrom((raw as { kind?: unknown } | null)?.kind);
	const { owner } = requireRoundAccess(event, kind, { api: true });
	const body = draftBody.safeParse(raw);
	if (!body.success)
		error(400, `The draft is malformed: ${body.error.issues[0]?.message ?? 'unknown problem'}.`);
	try {
		const result = saveDraft(owner, body.data);
		return json(result);
	} catch (e) {
		return refusalJson(e, 'Some answers have the wrong form.');
	}
};
