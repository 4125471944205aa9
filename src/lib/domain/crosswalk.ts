// Crosswalks between versions of an instrument (issue 7): when results of an older version may
// be compared with a newer one, and how an older result's dimension scores map into the newer
// version's dimension keys.
//
// A version's crosswalk is recorded by its author relative to the previous published (or
// retired) version of the same instrument, as the authoring module checks it
// (instrument-crosswalk.ts): old dimension key → new key(s). One old key → one new key is a
// rename (or the same dimension when the key is its own), → several is a split, several old keys
// → the same new key is a merge. An old key the crosswalk leaves out (or maps to []) was
// dropped, even if the new version reuses the key; a new key nothing maps to is a new dimension
// with no history.
//
// The rules:
// - identical dimension key sets and no crosswalk: a text-only revision, mapped by identity;
// - different key sets and no crosswalk (null, or one with no entries): NOT comparable, so the
//   older results are shown apart and never silently mixed in;
// - a crosswalk naming a key either version lacks: NOT comparable (it cannot be trusted);
// - a rename carries the score (and level) over; a split copies the old score to every new key;
//   a merge is the weighted mean of the old scores by the OLD version's dimension weights (the
//   same rule as the overall index), ignoring insufficient (null) scores, null if all are null;
// - a chain of versions composes step by step: v1 is mapped into v2's keys with v2's crosswalk,
//   that into v3's with v3's, and so on, so each merge uses the weights of the version it merges;
// - results are only ever mapped forwards, from an older version into a newer one.
import { m } from '../paraglide/messages.js';
import type { Level } from './constants';
import { levelForScore } from './scoring';

/** Old dimension key → the new key(s) it became, as an author records it with a new version. */
export type Crosswalk = Readonly<Record<string, readonly string[]>>;

/** A dimension as crosswalks need it: its name (already in the reader's language) and weight. */
export interface VersionDimension {
	key: string;
	name: string;
	weight: number;
}

/** One version of an instrument: its number, dimensions, and the crosswalk from its predecessor. */
export interface CrosswalkVersion {
	version: number;
	dimensions: readonly VersionDimension[];
	/** Relative to the previous version of the instrument; null: none recorded. */
	crosswalk: Crosswalk | null;
	/** The stored crosswalk could not be read (not an object of key lists). */
	malformed?: boolean;
}

/** Why a crosswalk cannot be used as recorded. */
type CrosswalkProblem =
	{ kind: 'unknown-source'; key: string } | { kind: 'unknown-target'; source: string; key: string };

/** Why results of one version cannot be compared with another's. */
export type NotComparableReason =
	| { kind: 'no-crosswalk'; from: number; to: number }
	| { kind: 'unknown-source'; version: number; previous: number; key: string }
	| { kind: 'unknown-target'; version: number; source: string; key: string }
	| { kind: 'malformed'; version: number }
	| { kind: 'later-version'; from: number; to: number }
	| { kind: 'missing-version'; version: number }
	| { kind: 'other-instrument' };

/** Where a dimension of the newer version gets its earlier figures from. */
export interface DimensionOrigin {
	/**
	 * same: the same dimension (key and name); renamed: one old dimension under another key or
	 * name; split: one old dimension whose score was copied to several new ones; merged: several
	 * old dimensions combined; new: nothing maps to it, so it has no earlier figure.
	 */
	kind: 'same' | 'renamed' | 'split' | 'merged' | 'new';
	/** The older version's dimensions it comes from, in that version's order. */
	sources: { key: string; name: string }[];
	/** The older version's number. */
	version: number;
}

/** One step of a chain: each new key and the old keys that feed it (in the old order). */
export interface CrosswalkStep {
	from: CrosswalkVersion;
	sources: ReadonlyMap<string, readonly string[]>;
}

export interface Comparable {
	comparable: true;
	from: number;
	to: number;
	/** Nothing to map: the same dimensions under the same keys all along. */
	identity: boolean;
	/** Per dimension of the newer version, in its order. */
	origins: Record<string, DimensionOrigin>;
	/** Dimensions of the older version that no dimension of the newer one continues. */
	dropped: { key: string; name: string }[];
	/** The mapping, step by step (read by mapFigures). */
	readonly steps: readonly CrosswalkStep[];
}

export interface NotComparable {
	comparable: false;
	from: number;
	to: number;
	reason: NotComparableReason;
}

export type Comparison = Comparable | NotComparable;

const keysOf = (v: CrosswalkVersion) => v.dimensions.map((d) => d.key);

/** A crosswalk with no entries says nothing: it counts as none recorded. */
export function isRecorded(crosswalk: Crosswalk | null | undefined): crosswalk is Crosswalk {
	return crosswalk !== null && crosswalk !== undefined && Object.keys(crosswalk).length > 0;
}

/**
 * What is wrong with a crosswalk between two versions' dimension keys: a source key the older
 * version lacks, or a target key the newer one lacks. Empty when it can be used.
 */
function crosswalkProblems(
	previousKeys: readonly string[],
	nextKeys: readonly string[],
	crosswalk: Crosswalk
): CrosswalkProblem[] {
	const before = new Set(previousKeys);
	const after = new Set(nextKeys);
	const problems: CrosswalkProblem[] = [];
	for (const [source, targets] of Object.entries(crosswalk)) {
		if (!before.has(source)) problems.push({ kind: 'unknown-source', key: source });
		for (const key of targets)
			if (!after.has(key)) problems.push({ kind: 'unknown-target', source, key });
	}
	return problems;
}

/** One version to the next: the old keys feeding each new key, or why it cannot be done. */
function stepBetween(
	from: CrosswalkVersion,
	to: CrosswalkVersion
): CrosswalkStep | NotComparableReason {
	if (to.malformed) return { kind: 'malformed', version: to.version };
	const oldKeys = keysOf(from);
	const newKeys = keysOf(to);
	const sources = new Map<string, string[]>(newKeys.map((k) => [k, []]));
	if (!isRecorded(to.crosswalk)) {
		const same = oldKeys.length === newKeys.length && oldKeys.every((k) => sources.has(k));
		if (!same) return { kind: 'no-crosswalk', from: from.version, to: to.version };
		for (const k of oldKeys) sources.get(k)!.push(k);
		return { from, sources };
	}
	const crosswalk = to.crosswalk;
	const problem = crosswalkProblems(oldKeys, newKeys, crosswalk)[0];
	if (problem?.kind === 'unknown-source')
		return {
			kind: 'unknown-source',
			version: to.version,
			previous: from.version,
			key: problem.key
		};
	if (problem?.kind === 'unknown-target')
		return {
			kind: 'unknown-target',
			version: to.version,
			source: problem.source,
			key: problem.key
		};
	for (const k of oldKeys) {
		const targets = Object.hasOwn(crosswalk, k) ? crosswalk[k] : [];
		for (const t of new Set(targets)) sources.get(t)!.push(k);
	}
	return { from, sources };
}

/**
 * Whether results of the first version of a chain can be compared with its last, and how they
 * map. The chain lists consecutive versions of one instrument, oldest first, each crosswalk
 * relative to the version before it in the chain; one version alone compares by identity.
 */
export function compareVersions(chain: readonly CrosswalkVersion[]): Comparison {
	if (chain.length === 0) throw new RangeError('compareVersions: the chain is empty');
	for (let i = 1; i < chain.length; i++)
		if (chain[i].version <= chain[i - 1].version)
			throw new RangeError('compareVersions: the chain must go from older to newer versions');
	const first = chain[0];
	const last = chain.at(-1)!;
	const steps: CrosswalkStep[] = [];
	for (let i = 1; i < chain.length; i++) {
		const step = stepBetween(chain[i - 1], chain[i]);
		if (!('sources' in step))
			return { comparable: false, from: first.version, to: last.version, reason: step };
		steps.push(step);
	}

	// The first version's keys behind each key of the last, through every step.
	let reach = new Map<string, Set<string>>(keysOf(first).map((k) => [k, new Set([k])]));
	for (const step of steps) {
		const next = new Map<string, Set<string>>();
		for (const [key, olds] of step.sources) {
			const union = new Set<string>();
			for (const old of olds) for (const origin of reach.get(old) ?? []) union.add(origin);
			next.set(key, union);
		}
		reach = next;
	}
	const firstOrder = keysOf(first);
	const nameOf = new Map(first.dimensions.map((d) => [d.key, d.name]));
	const fanOut = new Map<string, number>();
	for (const origins of reach.values())
		for (const o of origins) fanOut.set(o, (fanOut.get(o) ?? 0) + 1);

	const origins: Record<string, DimensionOrigin> = {};
	for (const d of last.dimensions) {
		const keys = firstOrder.filter((k) => reach.get(d.key)?.has(k));
		const sources = keys.map((key) => ({ key, name: nameOf.get(key)! }));
		const [only] = sources;
		const kind: DimensionOrigin['kind'] =
			sources.length === 0
				? 'new'
				: sources.length > 1
					? 'merged'
					: (fanOut.get(only.key) ?? 0) > 1
						? 'split'
						: only.key !== d.key || only.name !== d.name
							? 'renamed'
							: 'same';
		origins[d.key] = { kind, sources, version: first.version };
	}
	const dropped = first.dimensions
		.filter((d) => !fanOut.has(d.key))
		.map((d) => ({ key: d.key, name: d.name }));
	const identity =
		firstOrder.length === last.dimensions.length &&
		Object.values(origins).every((o) => o.kind === 'same');
	return {
		comparable: true,
		from: first.version,
		to: last.version,
		identity,
		origins,
		dropped,
		steps
	};
}

/**
 * Compares two versions of one instrument given its whole history (every version results may
 * be on, any order): the chain between them is taken from the history. Results are only mapped
 * forwards, so a later `from` than `to` is not comparable.
 */
export function compareInHistory(
	history: readonly CrosswalkVersion[],
	from: number,
	to: number
): Comparison {
	const known = new Set(history.map((v) => v.version));
	for (const version of [from, to])
		if (!known.has(version))
			return { comparable: false, from, to, reason: { kind: 'missing-version', version } };
	if (from > to)
		return { comparable: false, from, to, reason: { kind: 'later-version', from, to } };
	const chain = history
		.filter((v) => v.version >= from && v.version <= to)
		.sort((a, b) => a.version - b.version);
	return compareVersions(chain);
}

/** A dimension's figure in a result: its score and level, null when data were insufficient. */
export interface Figure {
	score: number | null;
	level: Level | null;
}

/**
 * One step's figures: a single source is carried over as it was (rename, split, same); several
 * are the weighted mean of their scores by the older version's weights, ignoring nulls. A
 * merged level is the level of the merged score, but never above the highest level among the
 * parts (a gate that held every part back still holds the whole). A new key with no source in
 * the result stays absent, as a dimension the round did not ask about.
 */
function applyStep<F extends Figure>(step: CrosswalkStep, figures: Readonly<Record<string, F>>) {
	const weightOf = new Map(step.from.dimensions.map((d) => [d.key, d.weight]));
	const out: Record<string, Figure> = {};
	for (const [key, olds] of step.sources) {
		const present = olds
			.filter((k) => Object.hasOwn(figures, k))
			.map((k) => [k, figures[k]] as const);
		if (present.length === 0) continue;
		if (present.length === 1) {
			const [[, f]] = present;
			out[key] = { score: f.score, level: f.level };
			continue;
		}
		const scored = present.filter(([, f]) => f.score !== null);
		if (scored.length === 0) {
			out[key] = { score: null, level: null };
			continue;
		}
		let sum = 0;
		let weights = 0;
		for (const [k, f] of scored) {
			const w = weightOf.get(k) ?? 1;
			sum += f.score! * w;
			weights += w;
		}
		const score = sum / weights;
		const levels = scored.map(([, f]) => f.level).filter((l): l is Level => l !== null);
		const ceiling = levels.length > 0 ? Math.max(...levels) : 5;
		out[key] = { score, level: Math.min(levelForScore(score), ceiling) as Level };
	}
	return out;
}

/** An older result's dimension figures in the newer version's keys (see the rules above). */
export function mapFigures(
	comparison: Comparable,
	figures: Readonly<Record<string, Figure>>
): Record<string, Figure> {
	if (comparison.identity) return { ...figures };
	let current: Readonly<Record<string, Figure>> = figures;
	for (const step of comparison.steps) current = applyStep(step, current);
	return { ...current };
}

/** An older result's dimension scores in the newer version's keys (null: insufficient data). */
export function mapScores(
	comparison: Comparable,
	scores: Readonly<Record<string, number | null>>
): Record<string, number | null> {
	const figures = Object.fromEntries(
		Object.entries(scores).map(([k, score]) => [k, { score, level: null }])
	);
	return Object.fromEntries(
		Object.entries(mapFigures(comparison, figures)).map(([k, f]) => [k, f.score])
	);
}

/** The newer version's keys an older result can have a figure for (not the new dimensions). */
export function continuedKeys(comparison: Comparable): string[] {
	return Object.entries(comparison.origins)
		.filter(([, o]) => o.kind !== 'new')
		.map(([key]) => key);
}

/** "A", "A and B", "A, B and C" in the interface's language. */
function listNames(names: readonly string[]): string {
	if (names.length <= 1) return names[0] ?? '';
	return m.crosswalk_list_and({ first: names.slice(0, -1).join(', '), last: names.at(-1)! });
}

/**
 * The note a mapped figure carries for the reader: "from Outreach (v1), renamed", "split from
 * A (v1)", "merged from A and B (v1)". Null when there is nothing to say (the same dimension,
 * or a new one without earlier figures).
 */
export function describeOrigin(origin: DimensionOrigin): string | null {
	const version = String(origin.version);
	const names = origin.sources.map((s) => s.name);
	switch (origin.kind) {
		case 'renamed':
			return m.crosswalk_note_renamed({ source: names[0], version });
		case 'split':
			return m.crosswalk_note_split({ source: names[0], version });
		case 'merged':
			return m.crosswalk_note_merged({ sources: listNames(names), version });
		default:
			return null;
	}
}

/** The notes of a comparison, by key of the newer version: only the dimensions that have one. */
export function originNotes(comparison: Comparable): Record<string, string> {
	const notes: Record<string, string> = {};
	for (const [key, origin] of Object.entries(comparison.origins)) {
		const note = describeOrigin(origin);
		if (note !== null) notes[key] = note;
	}
	return notes;
}

/** Why results are shown apart, in one sentence. */
export function describeNotComparable(reason: NotComparableReason): string {
	switch (reason.kind) {
		case 'no-crosswalk':
			return m.crosswalk_reason_no_crosswalk({ from: String(reason.from), to: String(reason.to) });
		case 'unknown-source':
			return m.crosswalk_reason_unknown_source({
				version: String(reason.version),
				previous: String(reason.previous),
				key: reason.key
			});
		case 'unknown-target':
			return m.crosswalk_reason_unknown_target({
				version: String(reason.version),
				source: reason.source,
				key: reason.key
			});
		case 'malformed':
			return m.crosswalk_reason_malformed({ version: String(reason.version) });
		case 'later-version':
			return m.crosswalk_reason_later_version({ from: String(reason.from), to: String(reason.to) });
		case 'missing-version':
			return m.crosswalk_reason_missing_version({ version: String(reason.version) });
		case 'other-instrument':
			return m.crosswalk_reason_other_instrument();
	}
}

/** Versions whose results can be shown together: the anchor's keys, the others mapped into them. */
export interface VersionGroup {
	/** The newest version of the group: every member is mapped into its keys. */
	anchor: number;
	/** Each member version (the anchor included) and how it maps into the anchor. */
	members: Map<number, Comparable>;
	/** For every group but the first: why it cannot be compared with the first group's anchor. */
	apart: NotComparable | null;
}

/**
 * Splits the versions results are on into groups shown apart: the newest version anchors the
 * first group, which takes every version comparable with it; the newest of the rest anchors the
 * next group, and so on. Results are never mixed across groups.
 */
export function groupVersions(
	history: readonly CrosswalkVersion[],
	versions: readonly number[]
): VersionGroup[] {
	let remaining = [...new Set(versions)].sort((a, b) => b - a);
	const groups: VersionGroup[] = [];
	while (remaining.length > 0) {
		const anchor = remaining[0];
		const members = new Map<number, Comparable>();
		for (const v of remaining) {
			const c = compareInHistory(history, v, anchor);
			if (c.comparable) members.set(v, c);
		}
		// A version missing from the history is still its own group (by identity).
		if (!members.has(anchor))
			members.set(anchor, {
				comparable: true,
				from: anchor,
				to: anchor,
				identity: true,
				origins: {},
				dropped: [],
				steps: []
			});
		let apart: NotComparable | null = null;
		if (groups.length > 0) {
			const c = compareInHistory(history, anchor, groups[0].anchor);
			apart = c.comparable ? null : c;
		}
		groups.push({ anchor, members, apart });
		remaining = remaining.filter((v) => !members.has(v));
	}
	return groups;
}
