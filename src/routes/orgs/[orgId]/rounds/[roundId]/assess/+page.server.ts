import { error, redirect } from '@sveltejs/kit';
import { requireRoundAccess, kindFrom } from '$lib/server/round-access';
import { RefusalError } from '$lib/server/errors';
import { compiledVersion } from '$lib/server/instruments';
import { findResponse, openResponse, reopenResponse } from '$lib/server/responses';
import { acceptsAnswers } from '$lib/server/rounds';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const kind = kindFrom(event.url.searchParams.get('as'));
	const { round, owner, organisation } = requireRoundAccess(event, kind);
	const accepting = acceptsAnswers(round);
	// The agreed response starts on the team page (from a copy or empty), never here.
	const existing = findResponse(owner);
	if (!existing && kind === 'agreed')
		redirect(303, `/orgs/${organisation.id}/rounds/${round.id}/team`);
	if (!existing && !accepting) error(404, m.assess_page_closed_unanswered());
	const current = existing ?? openResponse(owner);
	const compiled = compiledVersion(current.versionId);
	if (!compiled) error(500, m.assess_page_version_missing());
	return {
		round: { id: round.id, name: round.name, endsOn: round.endsOn, accepting },
		kind,
		survey: compiled.instrument.survey,
		response: {
			status: current.status,
			data: current.status === 'submitted' ? (current.submittedData ?? {}) : current.draftData,
			currentPage: current.currentPage,
			revision: current.draftRevision,
			savedAt: current.draftSavedAt,
			submittedAt: current.submittedAt
		}
	};
};

export const actions: Actions = {
	/** A submitted response becomes a draft again, until the round closes. */
	reopen: async (event) => {
		const data = await event.request.formData();
		const kind = kindFrom(data.get('kind'));
		const { owner, organisation, round } = requireRoundAccess(event, kind);
		try {
			reopenResponse(owner);
		} catch (e) {
			if (e instanceof RefusalError) return { message: e.message };
			throw e;
		}
		redirect(
			303,
			`/orgs/${organisation.id}/rounds/${round.id}/assess${kind === 'agreed' ? '?as=agreed' : ''}`
		);
	}
};
