import {
	benchmark,
	type BenchmarkFilter,
	type BenchmarkResult,
	type PeerOrganisation
} from '../domain/benchmark';
import type { SharingChoice } from '../domain/organisation';
import { m } from '../paraglide/messages.js';
import { getDb } from './db';
import type { Round } from './db/schema';
import { compiledVersion } from './instruments';
import { onResultsChanged } from './results';

export interface NetworkMember extends PeerOrganisation {
	name: string;
	region: string;
}

// Every organisation's stored result of a round, read once and kept until a submission or a
// sharing choice changes it: a benchmark then costs no database work at all.
const networks = new Map<string, NetworkMember[]>();
onResultsChanged((roundId) => {
	if (roundId) networks.delete(roundId);
	else networks.clear();
});

/** All organisations with a result in the round, whatever their sharing choice. */
export function roundNetwork(roundId: string): NetworkMember[] {
	const cached = networks.get(roundId);
	if (cached) return cached;
	// Raw prepared statements returning arrays: at 10,000 organisations × 10 dimensions the
	// object mapping of the query builder costs more than SQLite's own work.
	const client = getDb().$client;
	const rows = client
		.prepare(
			`select o.id, o.name, o.region, o.type, o.country, o.size_band, o.sharing, r.overall_index
			 from organisation_round r join organisation o on o.id = r.organisation_id
			 where r.round_id = ?`
		)
		.raw()
		.all(roundId) as [
		string,
		string,
		string,
		string,
		string,
		string,
		SharingChoice,
		number | null
	][];
	const dims = client
		.prepare(
			'select organisation_id, dimension_key, score from organisation_dimension where round_id = ?'
		)
		.raw()
		.all(roundId) as [string, string, number | null][];
	const byOrg = new Map<string, Record<string, number | null>>();
	for (const [organisationId, key, score] of dims) {
		let entry = byOrg.get(organisationId);
		if (!entry) byOrg.set(organisationId, (entry = {}));
		entry[key] = score;
	}
	const network: NetworkMember[] = rows.map(
		([id, name, region, type, country, sizeBand, sharing, overall]) => ({
			id,
			name,
			region,
			type,
			country,
			sizeBand,
			sharing,
			overall,
			dimensions: byOrg.get(id) ?? {}
		})
	);
	networks.set(roundId, network);
	return network;
}

/**
 * The organisation's benchmark in a round under DOMAIN.md's rules (give-to-get, threshold,
 * sharing choices, the differencing defence of src/lib/domain/benchmark.ts).
 */
export function organisationBenchmark(
	r: Round,
	organisationId: string,
	filter: BenchmarkFilter
): { result: BenchmarkResult; hasResult: boolean } {
	const network = roundNetwork(r.id);
	const own = network.find((o) => o.id === organisationId);
	const compiled = compiledVersion(r.versionId);
	const dimensionKeys = compiled?.instrument.dimensions.map((d) => d.key) ?? [];
	if (!own) {
		// Without a result of its own an organisation has nothing to compare, and gives nothing.
		return {
			hasResult: false,
			result: {
				status: 'refused',
				reason: 'not-sharing',
				message: m.results_bench_no_own_result()
			}
		};
	}
	// The differencing defence holds for one state of a round's results. While a round is open
	// each submission changes that state, and comparing a group before and after one
	// organisation submits would reveal its score: benchmarks wait until the round closes.
	if (r.status !== 'closed') {
		return {
			hasResult: true,
			result: {
				status: 'refused',
				reason: 'round-open',
				message: m.results_bench_wait_for_close()
			}
		};
	}
	return { hasResult: true, result: benchmark(own, network, filter, { dimensionKeys }) };
}

/** The values the filters offer: those of organisations that count in aggregates. */
export function filterOptions(roundId: string) {
	const counting = roundNetwork(roundId).filter((o) => o.sharing !== 'private');
	const distinct = (values: string[]) => [...new Set(values)].sort();
	return {
		types: distinct(counting.map((o) => o.type)),
		countries: distinct(counting.map((o) => o.country)),
		sizeBands: distinct(counting.map((o) => o.sizeBand))
	};
}
