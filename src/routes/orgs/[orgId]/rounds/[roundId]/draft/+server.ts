import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJsonBody, refusalJson } from '$lib/server/json-body';
import { MAX_DRAFT_BYTES, MAX_PAGE_NAME, saveDraft } from '$lib/server/responses';
import { kindFrom, requireRoundAccess } from '$lib/server/round-access';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

// Messages are functions: each request reads them in its own language.
const pageError = { error: () => m.assess_api_page_invalid({ max: MAX_PAGE_NAME }) };
const revisionError = { error: () => m.assess_api_revision_invalid() };

const draftBody = z.object(
	{
		kind: z
			.enum(['individual', 'agreed'], { error: () => m.assess_api_kind_invalid() })
			.default('individual'),
		data: z.record(z.string(), z.unknown(), { error: () => m.assess_api_data_invalid() }),
		currentPage: z.string(pageError).max(MAX_PAGE_NAME, pageError).nullable().default(null),
		revision: z.number(revisionError).int(revisionError).positive(revisionError)
	},
	{ error: () => m.assess_api_body_invalid() }
);

/** Autosave: the form posts its answers here within seconds of every change. */
export const POST: RequestHandler = async (event) => {
	const raw = await readJsonBody(event.request, MAX_DRAFT_BYTES);
	const kind = kindFrom((raw as { kind?: unknown } | null)?.kind);
	const { owner } = requireRoundAccess(event, kind, { api: true });
	const body = draftBody.safeParse(raw);
	if (!body.success)
		error(
			400,
			m.assess_api_draft_malformed({
				problem: body.error.issues[0]?.message ?? m.assess_api_body_invalid()
			})
		);
	try {
		const result = saveDraft(owner, body.data);
		return json(result);
	} catch (e) {
		return refusalJson(e, m.assess_api_draft_wrong_form());
	}
};
