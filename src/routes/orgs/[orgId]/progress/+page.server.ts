import { targetLevelInput } from '$lib/domain/progress';
import { instrumentLabel } from '$lib/instrument-names';
import { requireOrgRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { readerLanguage } from '$lib/server/language';
import {
	organisationProgress,
	resultInstruments,
	setTargetLevel,
	targetLevelOf
} from '$lib/server/progress';
import type { Actions, PageServerLoad } from './$types';

/**
 * Progress over rounds of one instrument (`?instrument=key`), by default the one with the
 * organisation's latest result. Every member reads it; administrators set the target level.
 */
export const load: PageServerLoad = (event) => {
	const { organisation, role } = requireOrgRole(event, event.params.orgId);
	const instruments = resultInstruments(organisation.id);
	const asked = event.url.searchParams.get('instrument');
	const chosen = instruments.find((i) => i.instrumentKey === asked) ?? instruments[0] ?? null;
	return {
		instruments: instruments.map((i) => ({
			key: i.instrumentKey,
			label: instrumentLabel(i.instrumentKey),
			roundCount: i.roundCount
		})),
		/** An instrument was asked for that the organisation has no results of. */
		unknownInstrument: asked !== null && asked !== '' && chosen?.instrumentKey !== asked,
		progress: chosen
			? organisationProgress(organisation.id, chosen.instrumentKey, readerLanguage(event))
			: null,
		targetLevel: targetLevelOf(organisation.id),
		/** Kept by the instrument selector, so the content stays in the language asked for. */
		lang: event.url.searchParams.get('lang'),
		isAdmin: role === 'admin'
	};
};

export const actions: Actions = {
	target: async (event) => {
		const { organisation } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, targetLevelInput);
		if (!parsed.ok) return parsed.failure;
		try {
			setTargetLevel(organisation.id, parsed.data.targetLevel);
		} catch (e) {
			if (e instanceof RefusalError)
				return formFail(e.status, data, { [e.field]: e.message }, e.message);
			throw e;
		}
		return { saved: 'target' as const };
	}
};
