// Peer group → quartiles, percentile ranks and the anonymity rules of DOMAIN.md's "Peer
// benchmarks" and "Rounds, sharing and privacy": threshold, give-to-get, sharing choices, and a
// defence against differencing two peer groups.
//
// Differencing defence (the rule `benchmark` enforces, tested in benchmark.property.test.ts):
//
//   Requestable groups form a lattice: per attribute (type, country, size band) either "all" or
//   one value. For each series of figures (the peer count, the overall index, each dimension)
//   the groups are taken in a fixed order — one type alone first (DOMAIN.md's default group),
//   then the whole network, then fewer filters before more, then more organisations, then a
//   stable key — and a group is publishable when it holds at least `t` organisations (the
//   viewer's own counted, so the rule is the same for every viewer) and its membership differs
//   from every publishable group before it by 0 or at least t + 1 organisations. A viewer sees a
//   publishable group's figures only if it also holds at least `t` organisations besides its own. A later group that comes too close to an earlier one is refused ('overlap');
//   the viewer is told to widen the filters, as for too few peers.
//
// Consequence: any two groups shown for the same series — to one viewer or to two different
// viewers — either have the same members (so the same figures) or differ by at least t + 1
// organisations; with the viewer's own organisation taken out of both, at least t. No pair of
// requests can isolate fewer than `t` organisations, so no single organisation's score can be
// computed by subtracting one group's figures from another's. The rule depends on the network
// only (not on the viewer nor on earlier requests), so it needs no stored request log and the
// same filters always give the same answer.
//
// Why this and not rounding: rounded quantiles still move when one organisation joins, and
// proving that no combination of rounded figures reveals a score is much harder than proving a
// set difference. Why "one value or all" per filter: with arbitrary sets of values the number of
// requestable groups grows as 2^(types + countries + size bands) and cannot be checked; a filter
// with several values of one attribute is refused ('unsupported-filter').
//
// Limits: the guarantee holds for one state of a round's results. When an organisation submits
// between two views of the same group, the two views differ by that one organisation; the server
// should benchmark against closed rounds (or a published snapshot) to cover that case.
import { m } from '../paraglide/messages.js';
import { ANONYMITY_MINIMUM, ANONYMITY_THRESHOLD } from './constants';
import type { SharingChoice } from './organisation';

/** What the benchmark rules need to know about one organisation's result in a round. */
export interface PeerOrganisation {
	id: string;
	type: string;
	country: string;
	sizeBand: string;
	sharing: SharingChoice;
	/** Dimension key → score 0–100, null when the dimension had insufficient data. */
	dimensions: Readonly<Record<string, number | null>>;
	overall: number | null;
}

/** Empty or absent lists mean "all". `benchmark` accepts at most one value per list. */
export interface BenchmarkFilter {
	types?: readonly string[];
	countries?: readonly string[];
	sizeBands?: readonly string[];
}

export interface Summary {
	n: number;
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
}

/** Why a group's figures are withheld. */
export type WithheldReason = 'too-few-peers' | 'overlap';

/** Figures of one series (the overall index or one dimension) for the viewer. */
export type SeriesBenchmark =
	| {
			status: 'ok';
			/** The viewer's own score; null when it has none. */
			own: number | null;
			summary: Summary;
			/** Percentile rank of `own` among the peers (see `percentileRank`); null without `own`. */
			percentile: number | null;
	  }
	| {
			status: 'too-few';
			reason: WithheldReason;
			own: number | null;
			/** Peers with a score in this series. */
			peerCount: number;
			needed: number;
	  };

export type DimensionBenchmark = SeriesBenchmark & { key: string };

export type BenchmarkResult =
	| {
			status: 'refused';
			/** `round-open`: set by the server, which benchmarks closed rounds only (see benchmarks.ts). */
			reason: 'not-sharing' | 'unsupported-filter' | 'round-open';
			message: string;
	  }
	| { status: 'too-few'; reason: WithheldReason; peerCount: number; needed: number }
	| {
			status: 'ok';
			/** Distinct organisations other than the viewer's own in the peer group. */
			peerCount: number;
			overall: SeriesBenchmark;
			dimensions: DimensionBenchmark[];
	  };

export interface BenchmarkOptions {
	/** Configured anonymity threshold; defaults to ANONYMITY_THRESHOLD, never below the minimum. */
	threshold?: number;
	/** Dimension keys in display order; defaults to the keys of the viewer's own result. */
	dimensionKeys?: readonly string[];
}

/** Only organisations whose sharing choice is not `private` count in anyone's aggregates. */
export function countsInAggregates(organisation: Pick<PeerOrganisation, 'sharing'>): boolean {
	return organisation.sharing !== 'private';
}

/** An organisation matches a filter when each non-empty list of the filter holds its value. */
export function matchesFilter(organisation: PeerOrganisation, filter: BenchmarkFilter): boolean {
	return ATTRIBUTES.every((attribute) => {
		const allowed = filter[attribute.filterKey];
		return !allowed || allowed.length === 0 || allowed.includes(organisation[attribute.key]);
	});
}

/** Peer group: organisations that count in aggregates, match the filter, and are not the viewer. */
export function eligiblePeers(
	all: readonly PeerOrganisation[],
	viewerId: string,
	filter: BenchmarkFilter
): PeerOrganisation[] {
	return all.filter((o) => countsInAggregates(o) && o.id !== viewerId && matchesFilter(o, filter));
}

/** Give to get: an organisation sees benchmarks only if its own result counts in others'. */
export function giveToGet(
	viewer: Pick<PeerOrganisation, 'sharing'>
): { allowed: true } | { allowed: false; reason: string } {
	if (countsInAggregates(viewer)) return { allowed: true };
	return { allowed: false, reason: m.results_bench_private_reason() };
}

/** Anonymity threshold in force: the configured value, never below ANONYMITY_MINIMUM. */
export function threshold(configured: number = ANONYMITY_THRESHOLD): number {
	const whole = Number.isFinite(configured) ? Math.ceil(configured) : ANONYMITY_THRESHOLD;
	return Math.max(whole, ANONYMITY_MINIMUM);
}

/**
 * Quantile p (0–1) of an ascending, non-empty list: linear interpolation between order
 * statistics at h = (n − 1)·p (Hyndman–Fan type 7, R's default, Excel's QUARTILE.INC).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) throw new RangeError('quantile of an empty list');
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** n, minimum, quartiles (type 7, see `quantileOfSorted`) and maximum of a non-empty list. */
export function summarise(values: readonly number[]): Summary {
	if (values.length === 0) throw new RangeError('summary of an empty list');
	const sorted = [...values].sort((a, b) => a - b);
	return summariseSorted(sorted);
}

function summariseSorted(sorted: ArrayLike<number>): Summary {
	return {
		n: sorted.length,
		min: sorted[0],
		q1: quantileOfSorted(sorted, 0.25),
		median: quantileOfSorted(sorted, 0.5),
		q3: quantileOfSorted(sorted, 0.75),
		max: sorted[sorted.length - 1]
	};
}

/**
 * Percentile rank, 0–100: the share of peers scoring strictly below `value` plus half the share
 * scoring exactly `value` (mid-rank), so a tie with every peer gives 50, not 0 or 100.
 */
export function percentileRank(value: number, values: readonly number[]): number {
	if (values.length === 0) throw new RangeError('percentile rank among no peers');
	return percentileRankSorted(
		value,
		[...values].sort((a, b) => a - b)
	);
}

function percentileRankSorted(value: number, sorted: ArrayLike<number>): number {
	const below = firstIndex(sorted, (x) => x >= value);
	const notAbove = firstIndex(sorted, (x) => x > value);
	return ((below + (notAbove - below) / 2) / sorted.length) * 100;
}

/** First index whose value satisfies a predicate that is monotone over the ascending list. */
function firstIndex(sorted: ArrayLike<number>, test: (x: number) => boolean): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (test(sorted[mid])) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

// One whole sentence per quarter (not a phrase inside one): languages place the quarter, the
// group and the series differently.
const QUARTERS = [
	{ from: 75, sentence: m.results_bench_position_top_quarter },
	{ from: 50, sentence: m.results_bench_position_upper_half },
	{ from: 25, sentence: m.results_bench_position_lower_half },
	{ from: -Infinity, sentence: m.results_bench_position_bottom_quarter }
] as const;

/**
 * Plain sentence for a percentile, in the interface's language: top quarter ≥ 75, upper half
 * ≥ 50, lower half ≥ 25, else bottom. `dimensionName` is as the sentence names the series
 * ("outreach", "the overall index"), `groupLabel` the peer group ("chambers of commerce").
 */
export function describePosition(
	percentile: number,
	dimensionName: string,
	groupLabel: string
): string {
	const quarter = QUARTERS.find((q) => percentile >= q.from) ?? QUARTERS[QUARTERS.length - 1];
	return quarter.sentence({ group: groupLabel, name: dimensionName });
}

// ---------------------------------------------------------------------------------------------
// The group lattice and the differencing defence (see the comment at the top of this file).

const ATTRIBUTES = [
	{ key: 'type', filterKey: 'types' },
	{ key: 'country', filterKey: 'countries' },
	{ key: 'sizeBand', filterKey: 'sizeBands' }
] as const satisfies readonly {
	key: keyof PeerOrganisation;
	filterKey: keyof BenchmarkFilter;
}[];

/**
 * All requestable groups of one network: per attribute 0 = "all", i = the (i − 1)-th value seen.
 * A point is stored as one index into a dense array of (values + 1) per attribute.
 */
interface Lattice {
	values: string[][];
	sizes: number[];
	/** Per point: its coordinates and how many attributes it filters on. */
	coordinates: number[][];
	filtered: number[];
	/** The network the lattice was built from, and per organisation the 2^attributes groups it is in. */
	network: readonly PeerOrganisation[];
	groupsOf: Int32Array;
}

function buildLattice(network: readonly PeerOrganisation[]): Lattice {
	const values = ATTRIBUTES.map((a) => [...new Set(network.map((o) => o[a.key]))].sort());
	const sizes = values.map((v) => v.length + 1);
	const total = sizes.reduce((a, b) => a * b, 1);
	const coordinates: number[][] = [];
	const filtered: number[] = [];
	for (let index = 0; index < total; index++) {
		const c = decode(sizes, index);
		coordinates.push(c);
		filtered.push(c.filter((x) => x !== 0).length);
	}
	const corners = 1 << ATTRIBUTES.length;
	const groupsOf = new Int32Array(network.length * corners);
	const own = new Array<number>(ATTRIBUTES.length);
	const c = new Array<number>(ATTRIBUTES.length);
	network.forEach((o, i) => {
		for (let a = 0; a < ATTRIBUTES.length; a++) {
			own[a] = values[a].indexOf(o[ATTRIBUTES[a].key]) + 1;
		}
		for (let mask = 0; mask < corners; mask++) {
			for (let a = 0; a < ATTRIBUTES.length; a++) c[a] = mask & (1 << a) ? own[a] : 0;
			groupsOf[i * corners + mask] = encode(sizes, c);
		}
	});
	return { values, sizes, coordinates, filtered, network, groupsOf };
}

function encode(sizes: readonly number[], c: readonly number[]): number {
	let index = 0;
	for (let a = 0; a < sizes.length; a++) index = index * sizes[a] + c[a];
	return index;
}

function decode(sizes: readonly number[], index: number): number[] {
	const c = new Array<number>(sizes.length);
	for (let a = sizes.length - 1; a >= 0; a--) {
		c[a] = index % sizes[a];
		index = Math.floor(index / sizes[a]);
	}
	return c;
}

/** Members of each lattice group among the network's organisations that pass `include`. */
function countGroups(lattice: Lattice, include: (o: PeerOrganisation) => boolean): Int32Array {
	const counts = new Int32Array(lattice.coordinates.length);
	const corners = 1 << ATTRIBUTES.length;
	lattice.network.forEach((o, i) => {
		if (!include(o)) return;
		for (let k = i * corners; k < (i + 1) * corners; k++) counts[lattice.groupsOf[k]]++;
	});
	return counts;
}

/** Members two lattice groups share: the group of the attribute-wise meet, or 0 if disjoint. */
function sharedCount(lattice: Lattice, counts: Int32Array, p: number, q: number): number {
	const a = lattice.coordinates[p];
	const b = lattice.coordinates[q];
	let meet = 0;
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== 0 && b[i] !== 0 && a[i] !== b[i]) return 0;
		meet = meet * lattice.sizes[i] + (a[i] === 0 ? b[i] : a[i]);
	}
	return counts[meet];
}

/**
 * Rank of a group in the publication order. The groups DOMAIN.md makes the default (one type,
 * all countries, all sizes) come first, so that an organisation's own default is the group
 * that is shown when it overlaps a broader one; then the whole network; then groups with one,
 * two or three other filters. Any fixed order keeps the guarantee; this one keeps the most
 * useful groups.
 */
function priority(lattice: Lattice, p: number): number {
	const typeOnly = lattice.filtered[p] === 1 && lattice.coordinates[p][0] !== 0;
	return typeOnly ? 0 : lattice.filtered[p] + 1;
}

/**
 * Whether the group at `target` is publishable for this series: at least `t` members, and a
 * membership that differs by 0 or ≥ t + 1 from every publishable group earlier in the order
 * (see `priority`, then more members, then index). Groups are compared by counts alone:
 * |A Δ B| = |A| + |B| − 2|A ∩ B|, and |A Δ B| ≥ ||A| − |B||, so only groups whose sizes lie
 * within t of each other need comparing.
 */
function isPublishable(lattice: Lattice, counts: Int32Array, target: number, t: number): boolean {
	if (counts[target] < t) return false;
	const margin = t + 1;
	const before = (p: number, q: number) =>
		priority(lattice, p) - priority(lattice, q) || counts[q] - counts[p] || p - q;
	// Only the target and the groups before it decide the target's fate.
	const order: number[] = [];
	for (let p = 0; p < counts.length; p++) {
		if (counts[p] >= t && before(p, target) <= 0) order.push(p);
	}
	order.sort(before);
	const publishedBySize = new Map<number, number[]>();
	for (const p of order) {
		const size = counts[p];
		let clear = true;
		for (let other = size - margin + 1; clear && other < size + margin; other++) {
			for (const q of publishedBySize.get(other) ?? []) {
				const difference = size + other - 2 * sharedCount(lattice, counts, p, q);
				if (difference > 0 && difference < margin) {
					clear = false;
					break;
				}
			}
		}
		if (p === target) return clear;
		if (clear) {
			const list = publishedBySize.get(size);
			if (list) list.push(p);
			else publishedBySize.set(size, [p]);
		}
	}
	return false;
}

/** The lattice point of a filter; -1 when it names a value no organisation has; null if unsupported. */
function pointOf(lattice: Lattice, filter: BenchmarkFilter): number | null {
	const c: number[] = [];
	for (let a = 0; a < ATTRIBUTES.length; a++) {
		const chosen = [...new Set(filter[ATTRIBUTES[a].filterKey] ?? [])];
		if (chosen.length > 1) return null;
		if (chosen.length === 0) c.push(0);
		else {
			const i = lattice.values[a].indexOf(chosen[0]);
			if (i < 0) return -1;
			c.push(i + 1);
		}
	}
	return encode(lattice.sizes, c);
}

// ---------------------------------------------------------------------------------------------

/**
 * The viewer's benchmark: give-to-get, then the peer group (sharing, filter, viewer excluded);
 * figures only for groups and series with at least `threshold` peers that pass the differencing
 * defence; per series the summary of the peers' scores and the viewer's percentile rank.
 */
export function benchmark(
	viewer: PeerOrganisation,
	organisations: readonly PeerOrganisation[],
	filter: BenchmarkFilter,
	opts: BenchmarkOptions = {}
): BenchmarkResult {
	const access = giveToGet(viewer);
	if (!access.allowed) return { status: 'refused', reason: 'not-sharing', message: access.reason };

	const t = threshold(opts.threshold);
	const { network, lattice, publishable } = preparedNetwork(viewer, organisations);
	const target = pointOf(lattice, filter);
	if (target === null) {
		return {
			status: 'refused',
			reason: 'unsupported-filter',
			message: m.results_bench_unsupported_filter()
		};
	}

	const peers = eligiblePeers(network, viewer.id, filter);
	const withheld = (series: string, peerCount: number) =>
		target < 0 || peerCount < t
			? ('too-few-peers' as const)
			: publishable(series, target, t)
				? null
				: ('overlap' as const);

	const groupWithheld = withheld(GROUP_SERIES, peers.length);
	if (groupWithheld) {
		return { status: 'too-few', reason: groupWithheld, peerCount: peers.length, needed: t };
	}

	const series = (key: string): SeriesBenchmark => {
		const score = scoreOf(key);
		const own = score(viewer);
		const scored = peers.map(score).filter((s): s is number => s !== null);
		const reason = withheld(key, scored.length);
		if (reason) return { status: 'too-few', reason, own, peerCount: scored.length, needed: t };
		// A typed array sorts numerically without a comparator: several times faster at 10,000.
		const sorted = Float64Array.from(scored).sort();
		return {
			status: 'ok',
			own,
			summary: summariseSorted(sorted),
			percentile: own === null ? null : percentileRankSorted(own, sorted)
		};
	};

	const keys = opts.dimensionKeys ?? Object.keys(viewer.dimensions);
	return {
		status: 'ok',
		peerCount: peers.length,
		overall: series(OVERALL_SERIES),
		dimensions: keys.map((key) => ({ key, ...series(key) }))
	};
}

// ---------------------------------------------------------------------------------------------
// The network side of the defence, computed once per network.
//
// Everything the defence decides depends on the network alone, not on the viewer: the lattice,
// the group counts of each series and which groups are publishable. The server keeps one
// network array per round until a result or a sharing choice changes, so these are kept per
// array (a WeakMap: they go when the array goes) and a benchmark then only filters and sorts
// its own peers' scores.

const GROUP_SERIES = '\u0000group';
const OVERALL_SERIES = '\u0000overall';

function scoreOf(series: string): (o: PeerOrganisation) => number | null {
	if (series === OVERALL_SERIES) return (o) => o.overall;
	return (o) => o.dimensions[series] ?? null;
}

interface PreparedNetwork {
	network: readonly PeerOrganisation[];
	lattice: Lattice;
	countsFor(series: string): Int32Array;
	publishable(series: string, target: number, t: number): boolean;
}

const preparedNetworks = new WeakMap<readonly PeerOrganisation[], PreparedNetwork>();

/**
 * The network the defence works on — the viewer's own result (as given) plus every other
 * organisation that counts in aggregates — with its lattice and memoised counts. Reused across
 * viewers when the viewer is the array's own entry for it (then the network is the same set).
 */
function preparedNetwork(
	viewer: PeerOrganisation,
	organisations: readonly PeerOrganisation[]
): PreparedNetwork {
	const shared = organisations.find((o) => o.id === viewer.id) === viewer;
	if (shared) {
		const cached = preparedNetworks.get(organisations);
		if (cached) return cached;
	}
	const network = shared
		? organisations.filter(countsInAggregates)
		: [viewer, ...organisations.filter((o) => o.id !== viewer.id)].filter(countsInAggregates);
	const lattice = buildLattice(network);
	const counts = new Map<string, Int32Array>();
	const decided = new Map<string, boolean>();
	const prepared: PreparedNetwork = {
		network,
		lattice,
		countsFor(series) {
			let c = counts.get(series);
			if (!c) {
				const score = scoreOf(series);
				c = countGroups(lattice, series === GROUP_SERIES ? () => true : (o) => score(o) !== null);
				counts.set(series, c);
			}
			return c;
		},
		publishable(series, target, t) {
			const key = `${series}|${t}|${target}`;
			let answer = decided.get(key);
			if (answer === undefined) {
				answer = isPublishable(lattice, prepared.countsFor(series), target, t);
				decided.set(key, answer);
			}
			return answer;
		}
	};
	if (shared) preparedNetworks.set(organisations, prepared);
	return prepared;
}
