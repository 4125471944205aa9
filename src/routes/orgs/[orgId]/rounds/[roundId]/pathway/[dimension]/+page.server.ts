import { error } from '@sveltejs/kit';
import { LEVELS, PATHWAY_LEVELS } from '$lib/domain/constants';
import { levelName, pickText } from '$lib/domain/localized';
import { m } from '$lib/paraglide/messages';
import { adoptedActions } from '$lib/server/action-plans';
import { compiledVersion } from '$lib/server/instruments';
import { readerLanguage } from '$lib/server/language';
import { adoptFromForm } from '$lib/server/pathway-forms';
import { actionView, dimensionView, organisationStanding } from '$lib/server/pathways';
import { requireRoundAccess } from '$lib/server/round-access';
import type { Actions, PageServerLoad } from './$types';

/** A dimension's whole ladder: levels 1–5 with their descriptors and the actions between them. */
export const load: PageServerLoad = (event) => {
	const { round, organisation } = requireRoundAccess(event);
	const compiled = compiledVersion(round.versionId);
	if (!compiled) error(500, m.plan_pathway_error_version_missing());
	const { instrument } = compiled;
	const dimension = instrument.dimensions.find((d) => d.key === event.params.dimension);
	if (!dimension) error(404, m.plan_ladder_error_no_dimension());
	const language = readerLanguage(event);
	const standing = organisationStanding(round.id, organisation.id);
	const own = standing?.dimensions.find((d) => d.key === dimension.key) ?? null;
	const view = dimensionView(dimension, language);
	return {
		language,
		round: { id: round.id, name: round.name },
		instrument: { key: instrument.key, name: pickText(instrument.name, language) },
		dimension: view,
		current: own ? { score: own.score, level: own.level } : null,
		ladder: LEVELS.map((level) => ({
			level,
			name: levelName(level, language),
			descriptor: view.levels[level],
			actions: PATHWAY_LEVELS.includes(level as never)
				? (instrument.pathways[dimension.key]?.[level as 1 | 2 | 3 | 4] ?? []).map((a) =>
						actionView(a, language)
					)
				: []
		})),
		plan: Object.fromEntries(adoptedActions(organisation.id, instrument.key))
	};
};

export const actions: Actions = {
	adopt: adoptFromForm
};
