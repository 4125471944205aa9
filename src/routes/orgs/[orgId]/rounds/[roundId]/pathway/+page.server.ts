import { error } from '@sveltejs/kit';
import { LEVEL_NAMES } from '$lib/domain/constants';
import { pickText } from '$lib/domain/localized';
import { m } from '$lib/paraglide/messages';
import { adoptedActions } from '$lib/server/action-plans';
import { compiledVersion } from '$lib/server/instruments';
import { readerLanguage } from '$lib/server/language';
import { adoptFromForm, contactPeerFromForm } from '$lib/server/pathway-forms';
import {
	actionView,
	dimensionView,
	organisationPathway,
	PRIORITY_DIMENSIONS
} from '$lib/server/pathways';
import { peerSuggestions, requestsSentBy } from '$lib/server/peers';
import { requireRoundAccess } from '$lib/server/round-access';
import type { Actions, PageServerLoad } from './$types';

/** The pathway is built from the round's stored result; nothing is recomputed from answers. */
export const load: PageServerLoad = (event) => {
	const { round, organisation, role } = requireRoundAccess(event);
	const compiled = compiledVersion(round.versionId);
	if (!compiled) error(500, m.plan_pathway_error_version_missing());
	const { instrument } = compiled;
	const language = readerLanguage(event);
	const found = organisationPathway(round, organisation, language);
	const dimensions = new Map(instrument.dimensions.map((d) => [d.key, d]));

	const priority = (found?.pathway.dimensions ?? [])
		.filter((d) => d.status === 'pathway')
		.slice(0, PRIORITY_DIMENSIONS)
		.map((d) => d.key);
	const suggestions = found ? peerSuggestions(round, organisation, priority, language) : {};

	return {
		language,
		levelNames: Object.fromEntries(
			Object.entries(LEVEL_NAMES).map(([level, name]) => [level, pickText(name, language)])
		),
		round: { id: round.id, name: round.name, status: round.status },
		instrument: { key: instrument.key, name: pickText(instrument.name, language) },
		hasResult: found !== null,
		overall: found ? found.standing : null,
		peerMedianReason: found?.peerMedianReason ?? null,
		dimensions: (found?.pathway.dimensions ?? []).map((d) => ({
			...d,
			...dimensionView(dimensions.get(d.key)!, language),
			actions:
				d.status === 'pathway'
					? d.actions.map((a) => ({
							rank: a.rank,
							explanation: a.explanation,
							...actionView(a.action, language)
						}))
					: [],
			peers: suggestions[d.key] ?? null
		})),
		plan: Object.fromEntries(adoptedActions(organisation.id, instrument.key)),
		sent: found ? requestsSentBy(organisation.id) : {},
		isAdmin: role === 'admin'
	};
};

export const actions: Actions = {
	adopt: adoptFromForm,
	contact: contactPeerFromForm
};
