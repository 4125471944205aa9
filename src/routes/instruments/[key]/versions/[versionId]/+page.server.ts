import { error, fail, redirect } from '@sveltejs/kit';
import { pickText } from '$lib/domain/localized';
import { requirePlatformRole } from '$lib/server/auth/guards';
import {
	deleteDraft,
	findVersion,
	modelName,
	previousVersion,
	PublishRefusal,
	publishDraft,
	retireVersion,
	reviewVersion,
	versionUsage
} from '$lib/server/authoring';
import { RefusalError } from '$lib/server/errors';
import { compiledVersion, currentVersion } from '$lib/server/instruments';
import { readerLanguage } from '$lib/server/language';
import type { InstrumentVersion } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function requireVersion(event: RequestEvent | Parameters<PageServerLoad>[0]): InstrumentVersion {
	const versionId = Number(event.params.versionId);
	const row = Number.isSafeInteger(versionId)
		? findVersion(event.params.key, versionId)
		: undefined;
	if (!row) error(404, m.instruments_not_found());
	return row;
}

/** A draft opens in the editor; a published or retired version is shown read-only. */
export const load: PageServerLoad = (event) => {
	requirePlatformRole(event, 'coplead');
	const row = requireVersion(event);
	const language = readerLanguage(event);
	const previous = previousVersion(row.instrumentKey, row.version);
	const name = modelName(row.model);
	const version = {
		id: row.id,
		key: row.instrumentKey,
		version: row.version,
		status: row.status,
		current: currentVersion(row.instrumentKey)?.id === row.id,
		name: name ? pickText(name, language) : row.instrumentKey,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		publishedAt: row.publishedAt,
		...versionUsage(row.id)
	};
	if (row.status === 'draft') {
		return {
			version,
			language,
			draft: {
				survey: row.survey,
				model: row.model,
				pathways: row.pathways,
				crosswalk: row.crosswalk ?? null,
				review: reviewVersion(row),
				previous
			},
			published: null
		};
	}
	return { version, language, draft: null, published: publishedSummary(row, language, previous) };
};

/** What a read-only version shows: its dimensions, their questions and actions, its crosswalk. */
function publishedSummary(
	row: InstrumentVersion,
	language: string,
	previous: ReturnType<typeof previousVersion>
) {
	const instrument = compiledVersion(row.id)?.instrument;
	if (!instrument) error(500, m.instruments_not_found());
	const dimensions = instrument.dimensions.map((d) => ({
		key: d.key,
		name: pickText(d.name, language),
		weight: d.weight,
		questions: d.questions.length,
		actions: Object.values(instrument.pathways[d.key] ?? {}).flat().length
	}));
	const names = new Map(dimensions.map((d) => [d.key, d.name]));
	const oldNames = new Map(previous?.dimensions.map((d) => [d.key, pickText(d.name, language)]));
	return {
		dimensions,
		questions: instrument.questions.length,
		scored: instrument.questions.filter((q) => q.scoring !== null).length,
		previousVersion: previous?.version ?? null,
		crosswalk: Object.entries(row.crosswalk ?? {}).map(([oldKey, targets]) => ({
			oldKey,
			oldName: oldNames.get(oldKey) ?? oldKey,
			targets: targets.map((key) => ({ key, name: names.get(key) ?? key }))
		}))
	};
}

export const actions: Actions = {
	publish: (event) => {
		requirePlatformRole(event, 'coplead');
		const row = requireVersion(event);
		try {
			publishDraft(row.instrumentKey, row.id);
		} catch (e) {
			if (e instanceof PublishRefusal) {
				return fail(e.status, { action: 'publish', message: e.message, problems: e.problems });
			}
			if (e instanceof RefusalError)
				return fail(e.status, { action: 'publish', message: e.message });
			throw e;
		}
		redirect(303, `/instruments/${row.instrumentKey}/versions/${row.id}?published=1`);
	},
	retire: (event) => {
		requirePlatformRole(event, 'coplead');
		const row = requireVersion(event);
		try {
			retireVersion(row.instrumentKey, row.id);
		} catch (e) {
			if (e instanceof RefusalError)
				return fail(e.status, { action: 'retire', message: e.message });
			throw e;
		}
		return { action: 'retire', retired: true };
	},
	delete: (event) => {
		requirePlatformRole(event, 'coplead');
		const row = requireVersion(event);
		try {
			deleteDraft(row.instrumentKey, row.id);
		} catch (e) {
			if (e instanceof RefusalError)
				return fail(e.status, { action: 'delete', message: e.message });
			throw e;
		}
		redirect(303, `/instruments?deleted=${row.version}`);
	}
};
