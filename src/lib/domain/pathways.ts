// Results (+ benchmark) → an improvement pathway: DOMAIN.md, "Improvement pathways and action
// plans". An organisation's pathway lists its weakest dimensions first and, for each, the
// actions of the instrument's pathways that lead from its current level to the next.
//
// The order, in full (each step breaks the ties of the one before):
//   1. Dimensions with a level below 5 come first, the lowest level first ("weakest first").
//   2. Then the greater need: weight × (points to the next level + points below the peer
//      median). The peer-median term counts only where a benchmark is available and the
//      organisation is below the median; a dimension that weighs more in the overall index and
//      lies further from its next level and from its peers needs more.
//   3. Then the instrument's order of dimensions.
//   A dimension whose score already reaches the next level's band is held back by a gate
//   question: it needs 0 points, only the gate, and its explanation says so.
//   Within a dimension, actions go by effort — low before medium before high (quick wins first
//   among equals) — then in the order the instrument lists them.
// Dimensions at level 5 have no next level, and dimensions without a score (insufficient data)
// have no level to start from: both come last, without actions.
import { formatNumber } from '../i18n/format';
import { m } from '../paraglide/messages.js';
import { EFFORTS, LEVEL_BANDS, type Effort, type Level } from './constants';
import type { Dimension, PathwayAction } from './instrument';
import { levelName as levelNameIn, pickText } from './localized';

/** The organisation's standing in one dimension, as stored with its round result. */
export interface DimensionStanding {
	key: string;
	score: number | null;
	level: Level | null;
}

export interface PathwayInput {
	dimensions: readonly Pick<Dimension, 'key' | 'name' | 'weight' | 'levels'>[];
	pathways: Readonly<Record<string, Readonly<Record<number, readonly PathwayAction[]>>>>;
	standings: readonly DimensionStanding[];
	/** Peer median per dimension key, where a benchmark is available and shows that dimension. */
	peerMedians?: Readonly<Record<string, number | null>> | null;
	/** Language of the dimension and level names in the explanations (the sentence itself is in
	 * the interface's language). */
	language?: string;
}

export interface RankedAction {
	/** 1 for the first action of the pathway. */
	rank: number;
	action: PathwayAction;
	/** Why it sits where it does, in one sentence. */
	explanation: string;
}

export type DimensionPathway = {
	key: string;
	weight: number;
	score: number | null;
	level: Level | null;
} & (
	| {
			status: 'pathway';
			/** 1 for the dimension that needs most. */
			rank: number;
			nextLevel: Level;
			/** Points from the score to the lower edge of the next level (0 when gated). */
			pointsToNext: number;
			/**
			 * The score already reaches the next level's band but a gate question holds the level
			 * back: meeting the gate, not more points, is the way up.
			 */
			gated: boolean;
			peerMedian: number | null;
			/** Points below the peer median (0 when at or above it); null without a benchmark. */
			pointsBelowPeers: number | null;
			/** weight × (pointsToNext + pointsBelowPeers). */
			need: number;
			actions: RankedAction[];
	  }
	| { status: 'top' }
	| { status: 'insufficient-data' }
);

export interface Pathway {
	/** Dimensions in pathway order: those with a pathway first, then level 5, then no data. */
	dimensions: DimensionPathway[];
	/** Every action of the pathway in priority order. */
	actions: RankedAction[];
}

/** Rounds to one decimal, and drops ".0", as people read points (in the interface's language). */
export function formatPoints(points: number): string {
	const rounded = Math.round(points * 10) / 10;
	return formatNumber(rounded, { maximumFractionDigits: 1, useGrouping: false });
}

const EFFORT_ORDER: Record<Effort, number> = Object.fromEntries(
	EFFORTS.map((effort, index) => [effort, index])
) as Record<Effort, number>;

const EFFORT_WORDS: Record<Effort, () => string> = {
	low: m.plan_explain_effort_low,
	medium: m.plan_explain_effort_medium,
	high: m.plan_explain_effort_high
};

function levelName(level: Level, language: string): string {
	return m.plan_explain_level({ level, name: levelNameIn(level, language) });
}

/** DOMAIN.md's priority: weakest first, then need (gap to next level, weight, gap to peers). */
export function buildPathway(input: PathwayInput): Pathway {
	const language = input.language ?? 'en';
	const standings = new Map(input.standings.map((s) => [s.key, s]));
	const order = new Map(input.dimensions.map((d, i) => [d.key, i]));

	type Candidate = Extract<DimensionPathway, { status: 'pathway' }> & { name: string };
	const candidates: Candidate[] = [];
	const top: DimensionPathway[] = [];
	const insufficient: DimensionPathway[] = [];

	for (const dimension of input.dimensions) {
		const standing = standings.get(dimension.key);
		const score = standing?.score ?? null;
		const level = standing?.level ?? null;
		const base = { key: dimension.key, weight: dimension.weight, score, level };
		if (score === null || level === null) {
			insufficient.push({ ...base, status: 'insufficient-data' });
			continue;
		}
		if (level === 5) {
			top.push({ ...base, status: 'top' });
			continue;
		}
		const nextLevel = (level + 1) as Level;
		const pointsToNext = Math.max(0, LEVEL_BANDS[nextLevel] - score);
		const gated = pointsToNext === 0;
		const peerMedian = input.peerMedians?.[dimension.key] ?? null;
		const pointsBelowPeers = peerMedian === null ? null : Math.max(0, peerMedian - score);
		candidates.push({
			...base,
			level,
			score,
			status: 'pathway',
			rank: 0,
			nextLevel,
			pointsToNext,
			gated,
			peerMedian,
			pointsBelowPeers,
			need: dimension.weight * (pointsToNext + (pointsBelowPeers ?? 0)),
			actions: [],
			name: pickText(dimension.name, language)
		});
	}

	candidates.sort(
		(a, b) => a.level! - b.level! || b.need - a.need || order.get(a.key)! - order.get(b.key)!
	);

	const actions: RankedAction[] = [];
	candidates.forEach((candidate, index) => {
		candidate.rank = index + 1;
		const level = candidate.level!;
		const own = [...(input.pathways[candidate.key]?.[level] ?? [])];
		const fileOrder = new Map(own.map((a, i) => [a.key, i]));
		own.sort(
			(a, b) =>
				EFFORT_ORDER[a.effort] - EFFORT_ORDER[b.effort] ||
				fileOrder.get(a.key)! - fileOrder.get(b.key)!
		);
		for (const action of own) {
			const ranked: RankedAction = {
				rank: actions.length + 1,
				action,
				explanation: explainAction(candidate, action, candidate.name, language)
			};
			candidate.actions.push(ranked);
			actions.push(ranked);
		}
	});

	return {
		dimensions: [
			...candidates.map(({ name: _name, ...rest }) => rest as DimensionPathway),
			...top,
			...insufficient
		],
		actions
	};
}

/**
 * One sentence per action: "Outreach is the number 1 dimension to work on: at level 1 (Initial),
 * 8 points short of level 2 (Developing); it weighs 1.5 in the overall index; 12 points below
 * the peer median; low effort, a quick win."
 */
function explainAction(
	dimension: Extract<DimensionPathway, { status: 'pathway' }>,
	action: PathwayAction,
	name: string,
	language: string
): string {
	const where = dimension.gated
		? m.plan_explain_gated({
				level: levelName(dimension.level!, language),
				score: formatPoints(dimension.score!)
			})
		: m.plan_explain_short({
				level: levelName(dimension.level!, language),
				points: formatPoints(dimension.pointsToNext),
				next: levelName(dimension.nextLevel, language)
			});
	const peers =
		dimension.pointsBelowPeers === null
			? m.plan_explain_no_benchmark()
			: dimension.pointsBelowPeers > 0
				? m.plan_explain_below_peers({ points: formatPoints(dimension.pointsBelowPeers) })
				: m.plan_explain_at_peers();
	return m.plan_explain_sentence({
		name,
		rank: dimension.rank,
		where,
		weight: formatPoints(dimension.weight),
		peers,
		effort: EFFORT_WORDS[action.effort]()
	});
}
