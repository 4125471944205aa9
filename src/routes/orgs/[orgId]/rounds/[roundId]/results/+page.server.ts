import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { compiledVersion } from '$lib/server/instruments';
import { readerLanguage } from '$lib/server/language';
import { resultsPage } from '$lib/server/results';
import { requireRoundAccess } from '$lib/server/round-access';
import { acceptsAnswers } from '$lib/server/rounds';
import type { PageServerLoad } from './$types';

/** Read from the scores stored at submission: nothing is recomputed from answers here. */
export const load: PageServerLoad = (event) => {
	const { round, organisation, role, user } = requireRoundAccess(event);
	const compiled = compiledVersion(round.versionId);
	if (!compiled) error(500, m.results_error_version_missing());
	const { instrument } = compiled;
	return {
		// The language of the instrument's content (names, descriptors, questions) on the page.
		language: readerLanguage(event),
		round: {
			id: round.id,
			name: round.name,
			status: round.status,
			startsOn: round.startsOn,
			endsOn: round.endsOn,
			accepting: acceptsAnswers(round)
		},
		instrument: {
			key: instrument.key,
			name: instrument.name,
			dimensions: instrument.dimensions.map((d) => ({
				key: d.key,
				name: d.name,
				weight: d.weight,
				levels: d.levels
			})),
			// Only the scored questions: the explanation shows their titles and chosen options.

			questions: Object.fromEntries(
				instrument.questions
					.filter((q) => 'scoring' in q && q.scoring)
					.map((q) => [
						q.name,
						{
							title: q.title,
							dimension: q.scoring?.dimension ?? null,
							gateLevel: q.scoring?.gate?.level ?? null,
							choices:
								'choices' in q ? q.choices.map((c) => ({ value: c.value, text: c.text })) : []
						}
					])
			)
		},
		isAdmin: role === 'admin',
		...resultsPage(round, organisation.id, {
			userId: user.id,
			isOrganisationAdmin: role === 'admin'
		})
	};
};
