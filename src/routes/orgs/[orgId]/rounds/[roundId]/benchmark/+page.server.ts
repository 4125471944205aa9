import { error } from '@sveltejs/kit';
import type { BenchmarkFilter } from '$lib/domain/benchmark';
import { m } from '$lib/paraglide/messages';
import { filterOptions, organisationBenchmark } from '$lib/server/benchmarks';
import { compiledVersion } from '$lib/server/instruments';
import { readerLanguage } from '$lib/server/language';
import { requireRoundAccess } from '$lib/server/round-access';
import { acceptsAnswers } from '$lib/server/rounds';
import type { PageServerLoad } from './$types';

/**
 * The filters of the GET form: each "all" (an empty value) or one value. Without a `type`
 * parameter at all the peer group is the organisation's own type (DOMAIN.md's default).
 * Several values of one parameter are passed on as they are: the domain refuses them.
 */
function readFilter(url: URL, ownType: string): BenchmarkFilter {
	const values = (name: string) => url.searchParams.getAll(name).filter((v) => v !== '');
	return {
		types: url.searchParams.has('type') ? values('type') : [ownType],
		countries: values('country'),
		sizeBands: values('size')
	};
}

/** Figures come from the stored dimension scores of the round (src/lib/server/benchmarks.ts). */
export const load: PageServerLoad = (event) => {
	const { round, organisation, role } = requireRoundAccess(event);
	const compiled = compiledVersion(round.versionId);
	if (!compiled) error(500, m.results_error_version_missing());
	const { instrument } = compiled;

	const filter = readFilter(event.url, organisation.type);
	const { result, hasResult } = organisationBenchmark(round, organisation.id, filter);
	const options = filterOptions(round.id);
	// A chosen value no peer has still shows as chosen in its list.
	const withChosen = (list: string[], chosen: readonly string[] = []) => [
		...new Set([...list, ...chosen])
	];

	return {
		// The language of the instrument's content (names of the instrument and its dimensions).
		language: readerLanguage(event),
		round: {
			id: round.id,
			name: round.name,
			status: round.status,
			accepting: acceptsAnswers(round)
		},
		instrument: {
			name: instrument.name,
			dimensions: instrument.dimensions.map((d) => ({ key: d.key, name: d.name }))
		},
		filter: {
			types: [...(filter.types ?? [])],
			countries: [...(filter.countries ?? [])],
			sizeBands: [...(filter.sizeBands ?? [])]
		},
		options: {
			types: withChosen(options.types, filter.types),
			countries: withChosen(options.countries, filter.countries),
			sizeBands: withChosen(options.sizeBands, filter.sizeBands)
		},
		ownType: organisation.type,
		result,
		hasResult,
		isAdmin: role === 'admin'
	};
};
