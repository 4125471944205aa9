// Progress over rounds (issue 6, DOMAIN.md "Improvement pathways and action plans"): an
// organisation's results of one instrument across its rounds, the actions it marked done
// between them, and "progress to date", the share of the gap to its target level closed since
// its first round.
//
// Where a round sits on the timeline: at the moment its result describes, which is the
// organisation's latest submission that counts in the round (the agreed answers when recorded,
// else the latest respondent's), not the round's last day. A result describes the
// organisation as it answered; an action done after that, even while the round is still open,
// could not change it and so belongs to the next round's interval. The round's last day would
// also put an open round's result in the future. The server supplies the moment (`at`).
//
// Boundary rule: an action completed at or before a round's moment counts before that round
// (the answers could reflect it); one completed later counts after it.
//
// Results of rounds are compared by dimension key: versions of an instrument keep their keys,
// and a round whose version lacks a dimension simply has no point for it ('absent').
//
// Sentences and figures are in the interface's language (Paraglide messages, numbers formatted
// for the language); the English wording is the reference the tests read.
import { z } from 'zod';
import { formatNumber } from '../i18n/format';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { LEVEL_BANDS, SCORE_EPSILON, type Level } from './constants';
import { levelName as levelNameIn } from './localized';

/** A dimension's stored score and level in one round; null when data were insufficient. */
export interface DimensionFigure {
	score: number | null;
	level: Level | null;
}

/** An organisation's stored result in one round, as the progress rules read it. */
export interface RoundResult {
	roundId: string;
	name: string;
	/** The moment the result describes, in ms since the epoch (see the top of this file). */
	at: number;
	overall: number | null;
	overallLevel: Level | null;
	/** By dimension key; a key the round's instrument version lacks is absent. */
	dimensions: Readonly<Record<string, DimensionFigure>>;
}

/** An action of the plan marked done, placed on the timeline by its completion. */
export interface DoneAction {
	completedAt: number;
	dimensionKey: string;
}

/** One round of an organisation's progress, as the progress page lists it. */
export interface ProgressRound {
	roundId: string;
	name: string;
	startsOn: string;
	endsOn: string;
	status: 'open' | 'closed';
	/** The moment the result describes (its latest counting submission), ms since the epoch. */
	at: number;
	overall: number | null;
	overallLevel: Level | null;
	source: 'agreed' | 'median';
	respondentCount: number;
}

/** An action of the plan marked done, with its title in the reader's language. */
export interface ProgressAction {
	id: string;
	title: string;
	dimensionKey: string;
	dimensionName: string;
	completedAt: number;
	/** Adopted from the instrument's pathways (else the organisation's own). */
	adopted: boolean;
}

// ---------------------------------------------------------------------------------------------
// Series

/** 'insufficient': the round asked about it but had too few answers; 'absent': it did not ask. */
export type PointState = 'scored' | 'insufficient' | 'absent';

/** One round's point of a trend: the overall index or one dimension's score. */
export interface SeriesPoint {
	roundId: string;
	roundName: string;
	at: number;
	score: number | null;
	level: Level | null;
	state: PointState;
}

/** The overall index across rounds, in the order the rounds are given. */
export function overallSeries(rounds: readonly RoundResult[]): SeriesPoint[] {
	return rounds.map((r) => ({
		roundId: r.roundId,
		roundName: r.name,
		at: r.at,
		score: r.overall,
		level: r.overall === null ? null : r.overallLevel,
		state: r.overall === null ? 'insufficient' : 'scored'
	}));
}

/** A dimension's figure in a round; undefined when the round's version lacks the dimension. */
function figureOf(r: RoundResult, key: string): DimensionFigure | undefined {
	return Object.hasOwn(r.dimensions, key) ? r.dimensions[key] : undefined;
}

/** One dimension's score across rounds, compared by key; rounds without it have no score. */
export function dimensionSeries(rounds: readonly RoundResult[], key: string): SeriesPoint[] {
	return rounds.map((r) => {
		const figure = figureOf(r, key);
		const state: PointState = !figure
			? 'absent'
			: figure.score === null
				? 'insufficient'
				: 'scored';
		return {
			roundId: r.roundId,
			roundName: r.name,
			at: r.at,
			score: state === 'scored' ? figure!.score : null,
			level: state === 'scored' ? figure!.level : null,
			state
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Progress to date

/** The score an organisation aims for: the lower edge of its target level's band. */
export function targetScore(targetLevel: Level): number {
	return LEVEL_BANDS[targetLevel];
}

interface TargetOf {
	targetLevel: Level;
	/** The target level's lower band edge, 0–100. */
	target: number;
	/** Some score counted was held back by a gate question (see `countedScore`). */
	gated: boolean;
}

/**
 * The score progress counts: a score whose band is above its level — a gate question holds the
 * level back — counts as the top of its level (one point below the next band). Otherwise a
 * dimension held at level 2 with a score of 68 would read as "at target" for level 4.
 */
export function countedScore(score: number | null, level: Level | null | undefined): number | null {
	if (score === null || level === null || level === undefined || level === 5) return score;
	return Math.min(score, LEVEL_BANDS[(level + 1) as Level] - 1);
}

interface Between {
	/** The first round with a score, and its score. */
	firstRound: string;
	first: number;
	/** The latest round and its score. */
	latestRound: string;
	current: number;
}

/** "Progress to date" with the figures it was computed from; see `progressToDate`. */
export type ProgressToDate = TargetOf &
	(
		| (Between & {
				status: 'ok';
				/** Share of the first round's gap closed, −1 to 1. */
				share: number;
				/** Points gained towards the target (negative when the score fell). */
				closedPoints: number;
				/** The gap in the first round: target − first score. */
				gapPoints: number;
		  })
		| (Between & { status: 'at-target-from-start' })
		| { status: 'single-round'; roundName: string; score: number }
		| {
				status: 'no-data';
				/** No rounds; no round with a score; or none in the latest round. */
				reason: 'no-rounds' | 'no-scores' | 'no-current-score';
				latestRound: string | null;
		  }
	);

/**
 * Share of the gap to the target level closed since the first round:
 * (min(current, target) − first) ÷ (target − first). Gains beyond the target do not count (the
 * share stops at 1); a fall makes it negative, stopping at −1, since a fall larger than the
 * first round's gap is no longer a share of it (a gap of 1 point and a fall of 20 would read
 * "−2000 %"). The first round is the first with a score; the current score is the latest
 * round's, never an older one standing in for missing data.
 */
export function progressToDate(
	points: readonly (Pick<SeriesPoint, 'roundName' | 'score'> & { level?: Level | null })[],
	targetLevel: Level
): ProgressToDate {
	const target = targetScore(targetLevel);
	const series = points.map((p) => ({ ...p, score: countedScore(p.score, p.level) }));
	const gated = series.some((p, i) => p.score !== points[i].score);
	const base = { targetLevel, target, gated };
	const latest = series.at(-1);
	if (!latest) return { ...base, status: 'no-data', reason: 'no-rounds', latestRound: null };
	const firstIndex = series.findIndex((p) => p.score !== null);
	if (firstIndex < 0)
		return { ...base, status: 'no-data', reason: 'no-scores', latestRound: latest.roundName };
	if (latest.score === null)
		return {
			...base,
			status: 'no-data',
			reason: 'no-current-score',
			latestRound: latest.roundName
		};
	if (firstIndex === series.length - 1)
		return { ...base, status: 'single-round', roundName: latest.roundName, score: latest.score };
	const first = series[firstIndex].score!;
	const between: Between = {
		firstRound: series[firstIndex].roundName,
		first,
		latestRound: latest.roundName,
		current: latest.score
	};
	// The same tolerance as the level bands: a first score of "exactly 60" is at level 4.
	if (first + SCORE_EPSILON >= target)
		return { ...base, ...between, status: 'at-target-from-start' };
	const gapPoints = target - first;
	const closedPoints = Math.min(latest.score, target) - first;
	const share = Math.max(-1, Math.min(1, closedPoints / gapPoints));
	return { ...base, ...between, status: 'ok', share, closedPoints, gapPoints };
}

/** A whole number as displayed, with a typographic minus ("−3"), in the interface's language. */
function whole(n: number): string {
	const r = Math.round(n);
	return r < 0 ? `−${formatNumber(-r)}` : formatNumber(r);
}

/** "1 point", "12 points". */
function points(n: number): string {
	const count = whole(n);
	return Math.abs(Math.round(n)) === 1
		? m.progress_points_one({ count })
		: m.progress_points_other({ count });
}

/**
 * A share as a whole percentage ("40 %", "−25 %"). The sign's spacing is each language's own
 * (a message), the number is formatted for the language; English keeps the space the
 * platform has always shown.
 */
function percent(share: number): string {
	return m.progress_percent({ value: whole(share * 100) });
}

/** A level's name in the interface's language (Arabic reads the English name). */
export function levelName(level: Level): string {
	return levelNameIn(level, getLocale());
}

/** "level 4 (Advanced, 60 points)", in the interface's language. */
export function describeTarget(targetLevel: Level): string {
	return m.progress_target({
		level: String(targetLevel),
		name: levelName(targetLevel),
		points: points(targetScore(targetLevel))
	});
}

/** The progress figure as a percentage ("40 %"), or null when there is none to show. */
export function progressFigure(progress: ProgressToDate): string | null {
	if (progress.status === 'ok') return percent(progress.share);
	if (progress.status === 'at-target-from-start') return m.progress_figure_at_target();
	return null;
}

/** The plain sentence that explains a progress-to-date figure, with its numbers. */
export function explainProgress(progress: ProgressToDate): string {
	const target = describeTarget(progress.targetLevel);
	switch (progress.status) {
		case 'no-data':
			if (progress.reason === 'no-rounds') return m.progress_explain_no_rounds();
			if (progress.reason === 'no-scores') return m.progress_explain_no_scores();
			return m.progress_explain_no_current_score({ round: progress.latestRound ?? '' });
		case 'single-round': {
			const round = progress.roundName;
			const score = whole(progress.score);
			return progress.score + SCORE_EPSILON >= progress.target
				? m.progress_explain_single_round_at_target({ round, score, target })
				: m.progress_explain_single_round_below({
						round,
						score,
						points: points(progress.target - progress.score),
						target
					});
		}
		case 'at-target-from-start': {
			const figures = {
				target,
				round: progress.firstRound,
				first: whole(progress.first),
				current: whole(progress.current)
			};
			return progress.current + SCORE_EPSILON >= progress.target
				? m.progress_explain_at_target_still(figures)
				: m.progress_explain_at_target_below({
						...figures,
						points: points(progress.target - progress.current)
					});
		}
		case 'ok': {
			const { closedPoints, gapPoints, share } = progress;
			const figures = {
				firstRound: progress.firstRound,
				latestRound: progress.latestRound,
				first: whole(progress.first),
				current: whole(progress.current),
				gap: points(gapPoints),
				target
			};
			if (share >= 1) return m.progress_explain_closed_whole(figures);
			if (closedPoints > 0)
				return m.progress_explain_closed_part({
					...figures,
					closed: whole(closedPoints),
					percent: percent(share)
				});
			if (closedPoints === 0) return m.progress_explain_no_change(figures);
			const fell = {
				...figures,
				grown: points(progress.target - progress.current),
				percent: percent(share)
			};
			return share <= -1 ? m.progress_explain_fell_lowest(fell) : m.progress_explain_fell(fell);
		}
	}
}

/** Progress to date with its figure and the sentence that explains it, as pages show it. */
export type ExplainedProgress = ProgressToDate & { sentence: string; figure: string | null };

export function explainedProgress(
	series: readonly (Pick<SeriesPoint, 'roundName' | 'score'> & { level?: Level | null })[],
	targetLevel: Level
): ExplainedProgress {
	const progress = progressToDate(series, targetLevel);
	const sentence = explainProgress(progress);
	return {
		...progress,
		sentence: progress.gated ? `${sentence} ${m.progress_explain_gated()}` : sentence,
		figure: progressFigure(progress)
	};
}

// ---------------------------------------------------------------------------------------------
// Actions on the timeline

/** A stretch of the timeline and the actions completed in it. */
export interface ActionInterval<A> {
	/** The round the interval follows; null before the first round. */
	after: string | null;
	/** The round the interval leads to; null after the last round. */
	before: string | null;
	/** In order of completion. */
	actions: A[];
}

/**
 * Places done actions on the timeline of rounds (given in order): one interval before the first
 * round, one between each pair of consecutive rounds, one after the last; with no rounds, one
 * interval holding every action. An action completed at or before a round's moment counts
 * before that round. Rounds whose moments go backwards (overlapping rounds) take the latest
 * moment so far, so the intervals never overlap and every action lands in exactly one.
 */
export function placeActions<A extends Pick<DoneAction, 'completedAt'>>(
	rounds: readonly Pick<RoundResult, 'roundId' | 'at'>[],
	actions: readonly A[]
): ActionInterval<A>[] {
	const intervals: ActionInterval<A>[] = [];
	for (let i = 0; i <= rounds.length; i++)
		intervals.push({
			after: i > 0 ? rounds[i - 1].roundId : null,
			before: i < rounds.length ? rounds[i].roundId : null,
			actions: []
		});
	const edges: number[] = [];
	for (const r of rounds) edges.push(Math.max(r.at, edges.at(-1) ?? -Infinity));
	const ordered = [...actions].sort((a, b) => a.completedAt - b.completedAt);
	for (const action of ordered) {
		const index = edges.findIndex((edge) => action.completedAt <= edge);
		intervals[index < 0 ? edges.length : index].actions.push(action);
	}
	return intervals;
}

/** A figure in two consecutive rounds and its change. */
export interface ScoreChange {
	previous: number | null;
	current: number | null;
	/**
	 * The difference of the figures as displayed (whole points), so "62 → 70" reads "+8" as on
	 * the results page; null when either round has no score.
	 */
	change: number | null;
}

export interface DimensionStep<A> extends ScoreChange {
	key: string;
	/** The actions for this dimension done between the two rounds. */
	actions: A[];
}

/** From one round to the next: the changes beside the actions done in between. */
export interface RoundStep<A> {
	from: { roundId: string; name: string };
	to: { roundId: string; name: string };
	overall: ScoreChange;
	dimensions: DimensionStep<A>[];
	/** Every action done between the two rounds, whatever its dimension. */
	actions: A[];
}

export function scoreChange(previous: number | null, current: number | null): ScoreChange {
	return {
		previous,
		current,
		change:
			previous === null || current === null ? null : Math.round(current) - Math.round(previous)
	};
}

/**
 * DOMAIN.md: "The next round shows, per dimension, the change since the last round beside the
 * actions done in between." One step per pair of consecutive rounds, dimensions in the order
 * given.
 */
export function roundSteps<A extends DoneAction>(
	rounds: readonly RoundResult[],
	dimensionKeys: readonly string[],
	actions: readonly A[]
): RoundStep<A>[] {
	const intervals = placeActions(rounds, actions);
	const steps: RoundStep<A>[] = [];
	for (let i = 1; i < rounds.length; i++) {
		const [before, after] = [rounds[i - 1], rounds[i]];
		const done = intervals[i].actions;
		steps.push({
			from: { roundId: before.roundId, name: before.name },
			to: { roundId: after.roundId, name: after.name },
			overall: scoreChange(before.overall, after.overall),
			dimensions: dimensionKeys.map((key) => ({
				key,
				...scoreChange(figureOf(before, key)?.score ?? null, figureOf(after, key)?.score ?? null),
				actions: done.filter((a) => a.dimensionKey === key)
			})),
			actions: done
		});
	}
	return steps;
}

/** A dimension's step in words: "Up 8 points since Spring 2025 (from 32 to 40), with 2 actions done in between." */
export function explainStep(
	step: ScoreChange & { actions: readonly unknown[] },
	since: string
): string {
	const n = step.actions.length;
	const done =
		n === 0
			? m.progress_step_done_none()
			: n === 1
				? m.progress_step_done_one({ count: whole(n) })
				: m.progress_step_done_other({ count: whole(n) });
	const { previous, current, change } = step;
	if (change === null || previous === null || current === null) {
		if (previous === null && current === null)
			return m.progress_step_no_score_either({ since, done });
		return previous === null
			? m.progress_step_no_score_before({ since, done })
			: m.progress_step_no_score_later({ since, done });
	}
	if (change === 0) return m.progress_step_no_change({ since, current: whole(current), done });
	const figures = {
		points: points(Math.abs(change)),
		since,
		previous: whole(previous),
		current: whole(current),
		done
	};
	return change > 0 ? m.progress_step_up(figures) : m.progress_step_down(figures);
}

// ---------------------------------------------------------------------------------------------
// Target level

/** The target level of an organisation that has not chosen one (the schema's default too). */
export const DEFAULT_TARGET_LEVEL: Level = 4;

/** What an administrator sends to set the organisation's target level. */
export const targetLevelInput = z.object({
	targetLevel: z
		.enum(['1', '2', '3', '4', '5'], { error: () => m.progress_target_level_invalid() })
		.transform((v) => Number(v) as Level)
});
