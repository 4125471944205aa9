import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePlatformRole, requireUser } from '$lib/server/auth/guards';
import {
	AUTHORING_MAX_BYTES,
	CrosswalkRefusal,
	DRAFT_PARTS,
	findVersion,
	saveDraftPart
} from '$lib/server/authoring';
import { readJsonBody, refusalJson } from '$lib/server/json-body';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

const saveBody = z.object(
	{
		part: z.enum(DRAFT_PARTS, { error: () => m.instruments_api_part_invalid() }),
		content: z.unknown()
	},
	{ error: () => m.instruments_api_body_invalid() }
);

/**
 * Saves one part of a draft (questionnaire, model, pathways or crosswalk) and answers with the
 * draft's problems and warnings. Parts travel one at a time to stay well under the body limit.
 */
export const POST: RequestHandler = async (event) => {
	requireUser(event, { api: true });
	requirePlatformRole(event, 'coplead');
	const versionId = Number(event.params.versionId);
	const { key } = event.params;
	if (!Number.isSafeInteger(versionId) || !findVersion(key, versionId)) {
		error(404, m.instruments_not_found());
	}
	const body = saveBody.safeParse(await readJsonBody(event.request, AUTHORING_MAX_BYTES));
	if (!body.success) error(400, body.error.issues[0]?.message ?? m.instruments_api_body_invalid());
	try {
		const { version, review } = saveDraftPart(key, versionId, body.data.part, body.data.content);
		return json({ review, updatedAt: version.updatedAt?.getTime() ?? null });
	} catch (e) {
		if (e instanceof CrosswalkRefusal) {
			return json({ message: e.message, errors: e.problems }, { status: 400 });
		}
		return refusalJson(e, m.instruments_api_body_invalid());
	}
};
