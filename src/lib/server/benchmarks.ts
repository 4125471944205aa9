import { eq } from 'drizzle-orm';
import {
	benchmark,
	type BenchmarkFilter,
	type BenchmarkResult,
	type PeerOrganisation
} from '../domain/benchmark';
import type { SharingChoice } from '../domain/organisation';
import { getDb } from './db';
import { organisation, organisationDimension, organisationRound, type Round } from './db/schema';
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
	const db = getDb();
	const rows = db
		.select({
			id: organisation.id,
			name: organisation.name,
			region: organisation.region,
			type: organisation.type,
			country: organisation.country,
			sizeBand: organisation.sizeBand,
			sharing: organisation.sharing,
			overall: organisationRound.overallIndex
		})
		.from(organisationRound)
		.innerJoin(organisation, eq(organisation.id, organisationRound.organisationId))
		.where(eq(organisationRound.roundId, roundId))
		.all();
	const dims = db
		.select({
			organisationId: organisationDimension.organisationId,
			key: organisationDimension.dimensionKey,
			score: organisationDimension.score
		})
		.from(organisationDimension)
		.where(eq(organisationDimension.roundId, roundId))
		.all();
	const byOrg = new Map<string, Record<string, number | null>>();
	for (const d of dims) {
		let entry = byOrg.get(d.organisationId);
		if (!entry) byOrg.set(d.organisationId, (entry = {}));
		entry[d.key] = d.score;
	}
	const network = rows.map((r) => ({
		...r,
		sharing: r.sharing as SharingChoice,
		dimensions: byOrg.get(r.id) ?? {}
	}));
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
				message: 'Your organisation has no result in this round yet: submit the assessment first.'
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
				message:
					'Benchmarks for this round open when it closes: while organisations are still submitting, comparing figures from one day to the next could reveal a single organisation’s score.'
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
