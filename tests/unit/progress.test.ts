import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/lib/domain/constants';
import {
	countedScore,
	dimensionSeries,
	explainedProgress,
	explainProgress,
	explainStep,
	overallSeries,
	placeActions,
	progressFigure,
	progressToDate,
	roundSteps,
	targetLevelInput,
	type RoundResult
} from '../../src/lib/domain/progress';

/** A series of scores for rounds named R1, R2, … */
const series = (...scores: (number | null)[]) =>
	scores.map((score, i) => ({ roundName: `R${i + 1}`, score }));

describe('progressToDate', () => {
	it.each<[string, (number | null)[], Level, Record<string, unknown>, string]>([
		[
			'part of the gap closed',
			[30, 42],
			4,
			{ status: 'ok', share: 0.4, closedPoints: 12, gapPoints: 30, target: 60 },
			'Closed 12 of 30 points (40 %) between R1 and R2 towards level 4 (Advanced, 60 points): the score rose from 30 to 42.'
		],
		[
			'the target reached and passed: the share stops at 1',
			[30, 65],
			4,
			{ status: 'ok', share: 1, closedPoints: 30, gapPoints: 30 },
			'Closed the whole gap of 30 points between R1 and R2: the score rose from 30 to 65, reaching level 4 (Advanced, 60 points).'
		],
		[
			'the target reached exactly',
			[45, 60],
			4,
			{ status: 'ok', share: 1, closedPoints: 15, gapPoints: 15 },
			'Closed the whole gap of 15 points between R1 and R2: the score rose from 45 to 60, reaching level 4 (Advanced, 60 points).'
		],
		[
			'the score fell: negative progress',
			[40, 35],
			4,
			{ status: 'ok', share: -0.25, closedPoints: -5, gapPoints: 20 },
			'The score fell from 40 to 35 between R1 and R2, so the gap to level 4 (Advanced, 60 points) grew from 20 points to 25 points (−25 %).'
		],
		[
			'a fall larger than the first gap stops at −100 %',
			[55, 30],
			4,
			{ status: 'ok', share: -1, closedPoints: -25, gapPoints: 5 },
			'The score fell from 55 to 30 between R1 and R2, so the gap to level 4 (Advanced, 60 points) grew from 5 points to 30 points (−100 %, the lowest this figure goes).'
		],
		[
			'no change',
			[30, 30],
			4,
			{ status: 'ok', share: 0, closedPoints: 0, gapPoints: 30 },
			'No change between R1 and R2: the score is 30, 30 points below level 4 (Advanced, 60 points).'
		],
		[
			'rounds in between do not count: first against latest',
			[30, 55, 36],
			4,
			{ status: 'ok', share: 0.2, first: 30, current: 36 },
			'Closed 6 of 30 points (20 %) between R1 and R3 towards level 4 (Advanced, 60 points): the score rose from 30 to 36.'
		],
		[
			'the first round without a score: the first with one is the start',
			[null, 20, 50],
			5,
			{ status: 'ok', share: 0.5, firstRound: 'R2', target: 80 },
			'Closed 30 of 60 points (50 %) between R2 and R3 towards level 5 (Leading, 80 points): the score rose from 20 to 50.'
		],
		[
			'a single point of gap',
			[39, 40],
			3,
			{ status: 'ok', share: 1, gapPoints: 1 },
			'Closed the whole gap of 1 point between R1 and R2: the score rose from 39 to 40, reaching level 3 (Established, 40 points).'
		],
		[
			'at the target from the start, still there',
			[60, 70],
			4,
			{ status: 'at-target-from-start', first: 60, current: 70 },
			'Already at or above level 4 (Advanced, 60 points) in R1 (60), so there was no gap to close; now 70, still at or above it.'
		],
		[
			'at the target from the start, fallen below since',
			[72, 55],
			4,
			{ status: 'at-target-from-start' },
			'Already at or above level 4 (Advanced, 60 points) in R1 (72), so there was no gap to close; now 55, 5 points below it.'
		],
		[
			'a first score a rounding error below the band edge counts as at the target',
			[59.99999999999, 61],
			4,
			{ status: 'at-target-from-start' },
			'Already at or above level 4 (Advanced, 60 points) in R1 (60), so there was no gap to close; now 61, still at or above it.'
		],
		[
			'target level 1 is met by any score',
			[5, 10],
			1,
			{ status: 'at-target-from-start', target: 0 },
			'Already at or above level 1 (Initial, 0 points) in R1 (5), so there was no gap to close; now 10, still at or above it.'
		],
		[
			'a single round',
			[42],
			4,
			{ status: 'single-round', roundName: 'R1', score: 42 },
			'Progress needs two rounds with a score; so far only R1 has one: 42, 18 points below level 4 (Advanced, 60 points).'
		],
		[
			'a single round at the target',
			[64],
			4,
			{ status: 'single-round' },
			'Progress needs two rounds with a score; so far only R1 has one: 64, at or above level 4 (Advanced, 60 points).'
		],
		[
			'two rounds, only the latest with a score',
			[null, 42],
			4,
			{ status: 'single-round', roundName: 'R2' },
			'Progress needs two rounds with a score; so far only R2 has one: 42, 18 points below level 4 (Advanced, 60 points).'
		],
		[
			'no rounds',
			[],
			4,
			{ status: 'no-data', reason: 'no-rounds', latestRound: null },
			'No results yet, so there is no progress to show.'
		],
		[
			'no round with a score',
			[null, null],
			4,
			{ status: 'no-data', reason: 'no-scores', latestRound: 'R2' },
			'No round has enough answers for a score yet, so there is no progress to show.'
		],
		[
			'no score in the latest round: an older one never stands in',
			[30, 45, null],
			4,
			{ status: 'no-data', reason: 'no-current-score', latestRound: 'R3' },
			'R3 has too few answers for a score, so there is no progress figure for now.'
		]
	])('%s', (_, scores, targetLevel, expected, sentence) => {
		const result = progressToDate(series(...scores), targetLevel);
		expect(result).toMatchObject({ targetLevel, ...expected });
		if (result.status === 'ok') expect(result.share).toBeCloseTo(expected.share as number, 10);
		expect(explainProgress(result)).toBe(sentence);
	});

	it('rounds the figures only in the sentence, not in the share', () => {
		const result = progressToDate(series(30.4, 42.6), 4);
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		expect(result.closedPoints).toBeCloseTo(12.2, 10);
		expect(result.gapPoints).toBeCloseTo(29.6, 10);
		expect(explainProgress(result)).toBe(
			'Closed 12 of 30 points (41 %) between R1 and R2 towards level 4 (Advanced, 60 points): the score rose from 30 to 43.'
		);
	});

	it.each<[(number | null)[], string | null]>([
		[[30, 42], '40 %'],
		[[40, 35], '−25 %'],
		[[60, 70], 'At target'],
		[[42], null],
		[[null], null]
	])('figure of %j is %s', (scores, figure) => {
		expect(progressFigure(progressToDate(series(...scores), 4))).toBe(figure);
	});
});

const DAY = 86_400_000;
const T1 = Date.UTC(2025, 3, 15);
const T2 = Date.UTC(2026, 3, 15);

const round = (
	roundId: string,
	at: number,
	overall: number | null,
	dimensions: RoundResult['dimensions']
): RoundResult => ({
	roundId,
	name: `Round ${roundId}`,
	at,
	overall,
	overallLevel: overall === null ? null : ((Math.min(4, Math.floor(overall / 20)) + 1) as Level),
	dimensions
});

const action = (id: string, completedAt: number, dimensionKey = 'outreach') => ({
	id,
	completedAt,
	dimensionKey
});

describe('placeActions', () => {
	const rounds = [
		{ roundId: 'a', at: T1 },
		{ roundId: 'b', at: T2 }
	];

	it.each<[string, number, number]>([
		['well before the first round', T1 - 100 * DAY, 0],
		['a moment before the first round', T1 - 1, 0],
		['exactly at the first round: its answers could reflect it', T1, 0],
		['a moment after the first round', T1 + 1, 1],
		['exactly at the second round', T2, 1],
		['a moment after the last round', T2 + 1, 2],
		['long after the last round', T2 + 400 * DAY, 2]
	])('%s: interval %i', (_, completedAt, interval) => {
		const placed = placeActions(rounds, [action('x', completedAt)]);
		expect(placed.map((p) => p.actions.map((a) => a.id))).toEqual(
			[0, 1, 2].map((i) => (i === interval ? ['x'] : []))
		);
	});

	it('names the rounds on each side of every interval', () => {
		expect(placeActions(rounds, []).map(({ after, before }) => ({ after, before }))).toEqual([
			{ after: null, before: 'a' },
			{ after: 'a', before: 'b' },
			{ after: 'b', before: null }
		]);
	});

	it('keeps the actions of an interval in order of completion', () => {
		const placed = placeActions(rounds, [
			action('late', T2 - DAY),
			action('early', T1 + DAY),
			action('middle', T1 + 100 * DAY)
		]);
		expect(placed[1].actions.map((a) => a.id)).toEqual(['early', 'middle', 'late']);
	});

	it('puts every action in the one interval there is without rounds', () => {
		const placed = placeActions([], [action('x', T1), action('y', T2)]);
		expect(placed).toEqual([
			{ after: null, before: null, actions: [action('x', T1), action('y', T2)] }
		]);
	});

	it('places each action exactly once when rounds overlap in time', () => {
		const overlapping = [
			{ roundId: 'a', at: T2 },
			{ roundId: 'b', at: T1 }
		];
		const placed = placeActions(overlapping, [
			action('x', T1 - 1),
			action('y', T1 + 1),
			action('z', T2 + 1)
		]);
		expect(placed.map((p) => p.actions.map((a) => a.id))).toEqual([['x', 'y'], [], ['z']]);
	});
});

describe('series', () => {
	const rounds = [
		round('a', T1, 30, {
			outreach: { score: 20, level: 2 },
			finance: { score: null, level: null }
		}),
		round('b', T2, null, { outreach: { score: 45, level: 3 } })
	];

	it('tells a score, insufficient data and a dimension the version lacks apart', () => {
		expect(dimensionSeries(rounds, 'finance').map((p) => [p.state, p.score])).toEqual([
			['insufficient', null],
			['absent', null]
		]);
		expect(dimensionSeries(rounds, 'outreach').map((p) => [p.state, p.score, p.level])).toEqual([
			['scored', 20, 2],
			['scored', 45, 3]
		]);
		expect(dimensionSeries(rounds, 'constructor').map((p) => p.state)).toEqual([
			'absent',
			'absent'
		]);
	});

	it('carries the overall index with the round and its moment', () => {
		expect(overallSeries(rounds)).toEqual([
			{ roundId: 'a', roundName: 'Round a', at: T1, score: 30, level: 2, state: 'scored' },
			{
				roundId: 'b',
				roundName: 'Round b',
				at: T2,
				score: null,
				level: null,
				state: 'insufficient'
			}
		]);
	});
});

describe('roundSteps', () => {
	const T3 = T2 + 365 * DAY;
	const rounds = [
		round('a', T1, 40.4, {
			outreach: { score: 30, level: 2 },
			finance: { score: 62.4, level: 4 },
			legacy: { score: 50, level: 3 }
		}),
		round('b', T2, 47.6, {
			outreach: { score: 41, level: 3 },
			finance: { score: 69.6, level: 4 }
		}),
		round('c', T3, 47.6, {
			outreach: { score: 38, level: 2 },
			finance: { score: null, level: null }
		})
	];
	const actions = [
		action('before-a', T1 - DAY, 'outreach'),
		action('outreach-1', T1 + DAY, 'outreach'),
		action('outreach-2', T2 - DAY, 'outreach'),
		action('finance-1', T2, 'finance'),
		action('legacy-1', T1 + 2 * DAY, 'legacy'),
		action('later', T2 + DAY, 'finance'),
		action('after-c', T3 + DAY, 'outreach')
	];
	const steps = roundSteps(rounds, ['outreach', 'finance'], actions);

	it('gives one step per pair of consecutive rounds', () => {
		expect(steps.map((s) => [s.from.roundId, s.to.roundId])).toEqual([
			['a', 'b'],
			['b', 'c']
		]);
	});

	it('shows per dimension the change beside the actions done in between', () => {
		const [first] = steps;
		expect(first.overall).toEqual({ previous: 40.4, current: 47.6, change: 8 });
		expect(
			first.dimensions.map((d) => [
				d.key,
				d.previous,
				d.current,
				d.change,
				d.actions.map((a) => a.id)
			])
		).toEqual([
			['outreach', 30, 41, 11, ['outreach-1', 'outreach-2']],
			// Differences of the displayed figures: 62 → 70 reads +8, not +7.2.
			['finance', 62.4, 69.6, 8, ['finance-1']]
		]);
		// An action for a dimension not listed still counts among the step's actions.
		expect(first.actions.map((a) => a.id)).toEqual([
			'outreach-1',
			'legacy-1',
			'outreach-2',
			'finance-1'
		]);
	});

	it('has no change where a round lacks a score, and never counts actions outside the step', () => {
		const [, second] = steps;
		expect(second.overall.change).toBe(0);
		expect(second.dimensions.map((d) => [d.key, d.change, d.actions.map((a) => a.id)])).toEqual([
			['outreach', -3, []],
			['finance', null, ['later']]
		]);
		expect(steps.flatMap((s) => s.actions.map((a) => a.id))).not.toContain('before-a');
		expect(steps.flatMap((s) => s.actions.map((a) => a.id))).not.toContain('after-c');
	});

	it('has no steps with fewer than two rounds', () => {
		expect(roundSteps(rounds.slice(0, 1), ['outreach'], actions)).toEqual([]);
		expect(roundSteps([], ['outreach'], actions)).toEqual([]);
	});
});

describe('explainStep', () => {
	it.each<[number | null, number | null, number, string]>([
		[32, 40, 2, 'Up 8 points since R1 (from 32 to 40), with 2 actions done in between.'],
		[40, 39, 1, 'Down 1 point since R1 (from 40 to 39), with 1 action done in between.'],
		[40.2, 39.9, 0, 'No change since R1 (40), with no action marked done in between.'],
		[null, 40, 1, 'No comparison with R1: no score in R1; with 1 action done in between.'],
		[
			40,
			null,
			0,
			'No comparison with R1: no score in the later round; with no action marked done in between.'
		],
		[
			null,
			null,
			0,
			'No comparison with R1: no score in either round; with no action marked done in between.'
		]
	])('%s → %s with %i actions', (previous, current, n, sentence) => {
		const change =
			previous === null || current === null ? null : Math.round(current) - Math.round(previous);
		expect(
			explainStep({ previous, current, change, actions: Array.from({ length: n }) }, 'R1')
		).toBe(sentence);
	});
});

describe('targetLevelInput', () => {
	it.each<[unknown, Level | null]>([
		['1', 1],
		['4', 4],
		['5', 5],
		['0', null],
		['6', null],
		['4.5', null],
		['', null],
		['four', null],
		[undefined, null]
	])('%j gives %s', (value, level) => {
		const parsed = targetLevelInput.safeParse({ targetLevel: value });
		if (level === null) {
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues[0].message).toBe('Choose a target level from 1 to 5.');
		} else {
			expect(parsed.success && parsed.data.targetLevel).toBe(level);
		}
	});
});

describe('scores held back by a gate', () => {
	it.each([
		{ score: 67.9, level: 2 as Level, counted: 39 },
		{ score: 35, level: 2 as Level, counted: 35 },
		{ score: 95, level: 5 as Level, counted: 95 },
		{ score: 50, level: null, counted: 50 },
		{ score: null, level: null, counted: null }
	])('counts $score at level $level as $counted', ({ score, level, counted }) => {
		expect(countedScore(score, level)).toBe(counted);
	});

	it('does not call a gated dimension at target, and says why', () => {
		const progress = explainedProgress(
			[
				{ roundName: 'R1', score: 68, level: 2 },
				{ roundName: 'R2', score: 70, level: 3 }
			],
			4
		);
		expect(progress).toMatchObject({ status: 'ok', gated: true, first: 39, current: 59 });
		expect(progress.sentence).toBe(
			'Closed 20 of 21 points (95 %) between R1 and R2 towards level 4 (Advanced, 60 points): the score rose from 39 to 59. A score held back by a gate question counts as the top of its level.'
		);
	});
});
