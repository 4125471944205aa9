// Property tests of the benchmark rules: statistics against brute-force references, the
// threshold, and the differencing defence over random networks and random pairs of filters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '../../src/lib/domain/consensus';
import {
	benchmark,
	eligiblePeers,
	percentileRank,
	summarise,
	threshold,
	type BenchmarkFilter,
	type BenchmarkResult,
	type PeerOrganisation,
	type SeriesBenchmark
} from '../../src/lib/domain/benchmark';
import { SHARING_CHOICES, type SharingChoice } from '../../src/lib/domain/organisation';

const TYPES = ['chamber', 'ngo', 'association'];
const COUNTRIES = ['DE', 'FR', 'IT'];
const SIZES = ['1-5', '6-20'];
const DIMENSIONS = ['outreach', 'finance'];

// Few distinct scores so that ties are common.
const score = fc.option(
	fc.integer({ min: 0, max: 10 }).map((x) => x * 10),
	{
		nil: null,
		freq: 6
	}
);
const sharing = fc.constantFrom<SharingChoice>(
	'anonymous',
	'anonymous',
	'named-cop',
	'named-members',
	'private'
);
const organisation = fc.record({
	type: fc.constantFrom(...TYPES),
	country: fc.constantFrom(...COUNTRIES),
	sizeBand: fc.constantFrom(...SIZES),
	sharing,
	dimensions: fc.record({ outreach: score, finance: score }),
	overall: score
});
const network = fc
	.array(organisation, { minLength: 0, maxLength: 45 })
	.map((list): PeerOrganisation[] => list.map((o, i) => ({ id: `o${i}`, ...o })));
/** A viewer that lets its result count (else nothing is ever shown). */
const viewerOf = (id: string) =>
	organisation.map((o): PeerOrganisation => ({
		...o,
		id,
		sharing: o.sharing === 'private' ? 'anonymous' : o.sharing
	}));
const oneOrAll = (values: string[]) =>
	fc.oneof(
		fc.constant([] as string[]),
		fc.constantFrom(...values, 'XX').map((v) => [v])
	);
const filter: fc.Arbitrary<BenchmarkFilter> = fc.record({
	types: oneOrAll(TYPES),
	countries: oneOrAll(COUNTRIES),
	sizeBands: oneOrAll(SIZES)
});
const configured = fc.constantFrom(undefined, 3, 4, 5, 6);

/** Every series of figures a result can show, with how to score an organisation in it. */
const SERIES: { name: string; score: (o: PeerOrganisation) => number | null }[] = [
	{ name: 'overall', score: (o) => o.overall },
	...DIMENSIONS.map((key) => ({ name: key, score: (o: PeerOrganisation) => o.dimensions[key] }))
];

function seriesOf(result: BenchmarkResult, name: string): SeriesBenchmark | null {
	if (result.status !== 'ok') return null;
	if (name === 'overall') return result.overall;
	return result.dimensions.find((d) => d.key === name) ?? null;
}

/** Ids of the organisations a shown series was computed from (recomputed independently). */
function members(
	all: readonly PeerOrganisation[],
	viewerId: string,
	f: BenchmarkFilter,
	scoreOf: (o: PeerOrganisation) => number | null
): Set<string> {
	return new Set(
		eligiblePeers(all, viewerId, f)
			.filter((o) => scoreOf(o) !== null)
			.map((o) => o.id)
	);
}

function symmetricDifference(a: Set<string>, b: Set<string>): Set<string> {
	return new Set([...[...a].filter((x) => !b.has(x)), ...[...b].filter((x) => !a.has(x))]);
}

/** Every filter the defence covers: per attribute all or one value (and one nobody has). */
const ALL_FILTERS: BenchmarkFilter[] = [[], ...TYPES.map((v) => [v])].flatMap((types) =>
	[[], ...COUNTRIES.map((v) => [v]), ['XX']].flatMap((countries) =>
		[[], ...SIZES.map((v) => [v])].map((sizeBands) => ({ types, countries, sizeBands }))
	)
);

function expectPairwiseApart(groups: Set<string>[], margin: number, label: string): void {
	for (let i = 0; i < groups.length; i++) {
		for (let j = i + 1; j < groups.length; j++) {
			const size = symmetricDifference(groups[i], groups[j]).size;
			expect(size === 0 || size >= margin, `${label}: groups differ by ${size}`).toBe(true);
		}
	}
}

/** The k-th order statistic (0-based) without sorting: v with #(< v) ≤ k < #(≤ v). */
function orderStatistic(values: readonly number[], k: number): number {
	for (const v of values) {
		const below = values.filter((x) => x < v).length;
		const notAbove = values.filter((x) => x <= v).length;
		if (below <= k && k < notAbove) return v;
	}
	throw new Error('unreachable');
}

/** Type 7 by its definition: the piecewise-linear curve through (k / (n − 1), x₍ₖ₎). */
function referenceQuantile(values: readonly number[], p: number): number {
	const n = values.length;
	if (n === 1) return values[0];
	for (let k = 0; k < n - 1; k++) {
		const left = k / (n - 1);
		const right = (k + 1) / (n - 1);
		if (p >= left && p <= right) {
			const a = orderStatistic(values, k);
			const b = orderStatistic(values, k + 1);
			return a + ((p - left) / (right - left)) * (b - a);
		}
	}
	throw new Error('unreachable');
}

/** Mid-rank percentile, one peer at a time. */
function referencePercentile(value: number, values: readonly number[]): number {
	let points = 0;
	for (const v of values) points += v < value ? 1 : v === value ? 0.5 : 0;
	return (100 * points) / values.length;
}

const values = fc.array(
	fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
	{ minLength: 1, maxLength: 30 }
);

describe('statistics against brute-force references', () => {
	it('summarise: min, type 7 quartiles and max', () => {
		fc.assert(
			fc.property(values, (list) => {
				const s = summarise(list);
				expect(s.n).toBe(list.length);
				expect(s.min).toBe(orderStatistic(list, 0));
				expect(s.max).toBe(orderStatistic(list, list.length - 1));
				expect(s.q1).toBeCloseTo(referenceQuantile(list, 0.25), 9);
				expect(s.median).toBeCloseTo(referenceQuantile(list, 0.5), 9);
				expect(s.q3).toBeCloseTo(referenceQuantile(list, 0.75), 9);
				// The median agrees with the consensus rule's median.
				expect(s.median).toBeCloseTo(median(list), 9);
				expect(s.min <= s.q1 && s.q1 <= s.median && s.median <= s.q3 && s.q3 <= s.max).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});

	it('percentileRank: share strictly below plus half of those equal', () => {
		fc.assert(
			fc.property(values, fc.integer({ min: -1, max: 101 }), fc.nat(), (list, other, pick) => {
				for (const value of [other, list[pick % list.length]]) {
					const rank = percentileRank(value, list);
					expect(rank).toBeCloseTo(referencePercentile(value, list), 9);
					expect(rank).toBeGreaterThanOrEqual(0);
					expect(rank).toBeLessThanOrEqual(100);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('benchmark invariants on random networks', () => {
	it('no figure is ever computed from fewer than the threshold, and each from the right peers', () => {
		fc.assert(
			fc.property(network, viewerOf('viewer'), filter, configured, (all, viewer, f, t) => {
				const orgs = [viewer, ...all];
				const needed = threshold(t);
				const result = benchmark(viewer, orgs, f, { threshold: t });
				if (result.status === 'too-few') {
					expect(Object.keys(result).sort()).toEqual(['needed', 'peerCount', 'reason', 'status']);
					return;
				}
				expect(result.status).toBe('ok');
				if (result.status !== 'ok') return;
				expect(result.peerCount).toBe(eligiblePeers(orgs, 'viewer', f).length);
				expect(result.peerCount).toBeGreaterThanOrEqual(needed);
				for (const series of SERIES) {
					const shown = seriesOf(result, series.name)!;
					const scores = [...members(orgs, 'viewer', f, series.score)].map((id) =>
						series.score(orgs.find((o) => o.id === id)!)!
					);
					if (shown.status === 'too-few') {
						expect('summary' in shown).toBe(false);
						expect(shown.peerCount).toBe(scores.length);
						continue;
					}
					expect(shown.summary.n).toBeGreaterThanOrEqual(needed);
					expect(shown.summary).toEqual(summarise(scores));
					const own = series.score(viewer);
					expect(shown.percentile).toBe(own === null ? null : percentileRank(own, scores));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('two groups shown to one viewer differ by 0 or at least the threshold, in every series', () => {
		fc.assert(
			fc.property(
				network,
				viewerOf('viewer'),
				filter,
				filter,
				configured,
				(all, viewer, f1, f2, t) => {
					const orgs = [viewer, ...all];
					const needed = threshold(t);
					const r1 = benchmark(viewer, orgs, f1, { threshold: t });
					const r2 = benchmark(viewer, orgs, f2, { threshold: t });
					const groups = [{ name: 'peers', score: () => 0 }, ...SERIES];
					for (const series of groups) {
						const shown1 =
							series.name === 'peers'
								? r1.status === 'ok'
								: seriesOf(r1, series.name)?.status === 'ok';
						const shown2 =
							series.name === 'peers'
								? r2.status === 'ok'
								: seriesOf(r2, series.name)?.status === 'ok';
						if (!shown1 || !shown2) continue;
						const diff = symmetricDifference(
							members(orgs, 'viewer', f1, series.score),
							members(orgs, 'viewer', f2, series.score)
						);
						expect(diff.size === 0 || diff.size >= needed, `${series.name}: ${diff.size}`).toBe(
							true
						);
					}
				}
			),
			{ numRuns: 400 }
		);
	});

	it('groups shown to two different viewers differ by 0 or more than the threshold', () => {
		fc.assert(
			fc.property(network, viewerOf('a'), viewerOf('b'), (all, a, b) => {
				const orgs = [a, b, ...all];
				for (const series of SERIES) {
					// Whole groups, each viewer put back: what two colluding viewers could pool.
					const shown = new Map<string, Set<string>>();
					for (const viewer of [a, b]) {
						for (const f of ALL_FILTERS) {
							if (seriesOf(benchmark(viewer, orgs, f), series.name)?.status !== 'ok') continue;
							const group = members(orgs, '', f, series.score);
							shown.set([...group].sort().join(), group);
						}
					}
					expectPairwiseApart([...shown.values()], threshold() + 1, series.name);
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('adding one organisation never isolates it', () => {
		fc.assert(
			fc.property(network, viewerOf('viewer'), organisation, (all, viewer, extra) => {
				const before = [viewer, ...all];
				const newcomer: PeerOrganisation = { ...extra, id: 'new', sharing: 'anonymous' };
				const after = [...before, newcomer];
				const needed = threshold();
				for (const series of SERIES) {
					const shown: Set<string>[] = [];
					for (const f of ALL_FILTERS) {
						const was = benchmark(viewer, before, f);
						const now = benchmark(viewer, after, f);
						// A group withheld for too few peers opens only by taking the newcomer in, and
						// then rests on at least the threshold (a group withheld for overlap may open as
						// the order of groups shifts, but then the newcomer is not what changed in it).
						if (was.status === 'too-few' && was.reason === 'too-few-peers' && now.status === 'ok') {
							expect(now.peerCount).toBeGreaterThanOrEqual(needed);
							expect(eligiblePeers(after, 'viewer', f).map((o) => o.id)).toContain('new');
						}
						if (seriesOf(now, series.name)?.status === 'ok') {
							shown.push(members(after, 'viewer', f, series.score));
						}
					}
					// No two groups shown after the newcomer arrived differ by the newcomer alone.
					expectPairwiseApart(shown, needed, series.name);
				}
			}),
			{ numRuns: 150 }
		);
	});
	it('a private organisation never changes anyone’s figures', () => {
		fc.assert(
			fc.property(network, viewerOf('viewer'), organisation, filter, (all, viewer, extra, f) => {
				const hidden: PeerOrganisation = { ...extra, id: 'hidden', sharing: 'private' };
				expect(benchmark(viewer, [viewer, ...all, hidden], f)).toEqual(
					benchmark(viewer, [viewer, ...all], f)
				);
			}),
			{ numRuns: 200 }
		);
	});

	it('every sharing choice but private sees figures given enough peers', () => {
		for (const choice of Object.keys(SHARING_CHOICES) as SharingChoice[]) {
			const viewer: PeerOrganisation = {
				id: 'viewer',
				type: 'chamber',
				country: 'DE',
				sizeBand: '1-5',
				sharing: choice,
				dimensions: { outreach: 50, finance: 50 },
				overall: 50
			};
			const peers = Array.from({ length: 8 }, (_, i) => ({
				...viewer,
				id: `p${i}`,
				sharing: 'anonymous' as const
			}));
			expect(benchmark(viewer, peers, {}).status).toBe(choice === 'private' ? 'refused' : 'ok');
		}
	});
});
