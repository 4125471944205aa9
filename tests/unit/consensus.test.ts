import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/lib/domain/constants';
import {
	median,
	organisationResult,
	respondentResult,
	type RespondentResult
} from '../../src/lib/domain/consensus';
import { scoreResponse } from '../../src/lib/domain/scoring';
import { instrumentWith, scale } from './scoring-helpers';

const model = {
	dimensions: [
		{ key: 'a', weight: 1 },
		{ key: 'b', weight: 3 }
	]
};

const respondent = (
	id: string,
	a: number | null,
	b: number | null = null,
	caps: { a?: Level | null; b?: Level | null } = {}
): RespondentResult => ({ id, dimensions: { a, b }, gateCaps: caps });

const dim = (result: ReturnType<typeof organisationResult>, key: string) =>
	result.dimensions.find((d) => d.key === key)!;

describe('median', () => {
	it.each<[number[], number]>([
		[[42], 42],
		[[10, 90, 30], 30],
		[[10, 20, 30, 90], 25],
		[[50, 50], 50],
		[[0, 100, 100, 0, 60], 60]
	])('median of %j is %d', (values, expected) => {
		expect(median(values)).toBe(expected);
	});
});

describe('organisation result', () => {
	it('uses the agreed submission when one is recorded, whatever the respondents say', () => {
		const result = organisationResult(
			{
				agreed: { dimensions: { a: 85, b: 30 }, gateCaps: { a: 3 } },
				respondents: [respondent('r1', 10, 90), respondent('r2', 20, 80)]
			},
			model
		);
		expect(result.source).toBe('agreed');
		expect(dim(result, 'a')).toMatchObject({ score: 85, rawLevel: 5, gateCap: 3, level: 3 });
		expect(dim(result, 'b')).toMatchObject({ score: 30, level: 2 });
		expect(result.overall.index).toBeCloseTo((85 + 90) / 4, 10);
		// The spread still shows how the respondents differed.
		expect(dim(result, 'a').spread).toMatchObject({ min: 10, max: 20, scores: [10, 20] });
	});

	it.each<[string, (number | null)[], number | null]>([
		['odd count: the middle score', [10, 70, 40], 40],
		['even count: mean of the two middle scores', [10, 70, 40, 20], 30],
		['one respondent', [55], 55],
		['respondents without a score are left out', [null, 80, null, 20], 50],
		['nobody has a score: no score', [null, null], null]
	])('median per dimension — %s', (_what, scores, expected) => {
		const result = organisationResult(
			{ respondents: scores.map((s, i) => respondent(`r${i}`, s)) },
			model
		);
		expect(result.source).toBe('median');
		expect(dim(result, 'a').score).toBe(expected);
		expect(dim(result, 'a').respondentCount).toBe(scores.filter((s) => s !== null).length);
	});

	it('recomputes the overall index from the median dimension scores with model weights', () => {
		const result = organisationResult(
			{
				respondents: [respondent('r1', 20, 100), respondent('r2', 40, 60), respondent('r3', 90, 0)]
			},
			model
		);
		expect(dim(result, 'a').score).toBe(40);
		expect(dim(result, 'b').score).toBe(60);
		expect(result.overall.index).toBeCloseTo((40 * 1 + 60 * 3) / 4, 10);
		expect(result.overall.level).toBe(3);
	});

	it('leaves a dimension nobody scored out of the overall index', () => {
		const result = organisationResult({ respondents: [respondent('r1', 70, null)] }, model);
		expect(result.overall).toEqual({ index: 70, level: 4 });
	});

	it('has no result without respondents or agreement', () => {
		const result = organisationResult({ respondents: [] }, model);
		expect(result.source).toBe('none');
		expect(result.overall).toEqual({ index: null, level: null });
	});

	it.each<[string, (Level | null)[], Level | null, Level]>([
		['no respondent capped', [null, null, null], null, 5],
		['a minority capped: no cap', [2, null, null], null, 5],
		['a majority capped at 3', [3, 3, null], 3, 3],
		['majority capped at different levels: the cap a majority shares', [2, 3, null], 3, 3],
		['half of an even count is not a majority', [2, 2, null, null], null, 5],
		['everyone capped: the median cap', [1, 2, 4], 2, 2]
	])('gate caps of the median result — %s', (_what, caps, gateCap, level) => {
		const result = organisationResult(
			{ respondents: caps.map((cap, i) => respondent(`r${i}`, 90, null, { a: cap })) },
			model
		);
		expect(dim(result, 'a')).toMatchObject({ score: 90, rawLevel: 5, gateCap, level });
	});

	it.each<[string, (number | null)[], boolean]>([
		['25 points apart is not divergent', [50, 75], false],
		['25.01 points apart is divergent', [50, 75.01], true],
		['25 apart computed with rounding noise is not divergent', [20.7, 45.7], false],
		['a single score is never divergent', [10], false],
		['extremes count, the middle does not', [0, 50, 26], true]
	])('spread and divergence — %s', (_what, scores, divergent) => {
		const result = organisationResult(
			{ respondents: scores.map((s, i) => respondent(`r${i}`, s)) },
			model
		);
		const spread = dim(result, 'a').spread;
		expect(spread.divergent).toBe(divergent);
		const present = scores.filter((s): s is number => s !== null);
		expect(spread.min).toBe(Math.min(...present));
		expect(spread.max).toBe(Math.max(...present));
	});

	it('lists individual scores in respondent order, without names, null for insufficient data', () => {
		const result = organisationResult(
			{ respondents: [respondent('anna', 30), respondent('ben', null), respondent('chloe', 70)] },
			model
		);
		expect(dim(result, 'a').spread).toEqual({
			min: 30,
			max: 70,
			range: 40,
			scores: [30, null, 70],
			divergent: true
		});
		expect(JSON.stringify(dim(result, 'a').spread)).not.toMatch(/anna|ben|chloe/);
	});

	it('takes respondents straight from scored responses', () => {
		const instrument = instrumentWith(
			[
				scale('a1', 'a', 4),
				scale('a2', 'a', 4, { gateLevel: 3, gateThreshold: 1 }),
				scale('b1', 'b', 4)
			],
			[{ key: 'a' }, { key: 'b', weight: 3 }]
		);
		const r1 = respondentResult('r1', scoreResponse(instrument, { a1: 's4', a2: 's2', b1: 's4' }));
		expect(r1).toEqual({ id: 'r1', dimensions: { a: 75, b: 100 }, gateCaps: { a: 2, b: null } });
		const r2 = respondentResult('r2', scoreResponse(instrument, { a1: 's4', a2: 's3', b1: 's0' }));
		const r3 = respondentResult('r3', scoreResponse(instrument, { a1: 's4', a2: 's4', b1: 'dk' }));
		const result = organisationResult({ respondents: [r1, r2, r3] }, instrument);
		// a: scores 75, 87.5, 100 → median 87.5; caps 2, 2, none → majority capped at 2.
		expect(dim(result, 'a')).toMatchObject({ score: 87.5, rawLevel: 5, gateCap: 2, level: 2 });
		// b: r3 has insufficient data → median of 100 and 0.
		expect(dim(result, 'b')).toMatchObject({ score: 50, respondentCount: 2 });
		expect(dim(result, 'b').spread.divergent).toBe(true);
	});
});
