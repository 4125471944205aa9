import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/lib/domain/constants';
import { parseInstrument } from '../../src/lib/domain/instrument';
import {
	dimensionScoreMap,
	levelForScore,
	scoreResponse,
	type DimensionScore
} from '../../src/lib/domain/scoring';
import { fixtureSource } from './instrument-fixture';
import { instrumentWith, scale } from './scoring-helpers';

const dimension = (result: { dimensions: DimensionScore[] }, key = 'd') =>
	result.dimensions.find((d) => d.key === key) as DimensionScore;

describe('levelForScore: bands 20 / 40 / 60 / 80', () => {
	it.each<[number, Level]>([
		[0, 1],
		[19.99, 1],
		[20, 2],
		[39.99, 2],
		[40, 3],
		[59.99, 3],
		[60, 4],
		[79.99, 4],
		[80, 5],
		[100, 5],
		// Floating-point noise on an edge counts as the edge.
		[59.99999999999999, 4],
		[19.9999999999999, 2]
	])('%d → level %d', (score, level) => {
		expect(levelForScore(score)).toBe(level);
	});

	it('refuses a non-number', () => {
		expect(() => levelForScore(Number.NaN)).toThrow(RangeError);
	});
});

describe('a question score is points / maximum points', () => {
	const instrument = instrumentWith([scale('q', 'd', 100)]);
	it.each<[number, Level]>([
		[0, 1],
		[19, 1],
		[20, 2],
		[39, 2],
		[40, 3],
		[59, 3],
		[60, 4],
		[79, 4],
		[80, 5],
		[100, 5]
	])('answering %d of 100 points gives score %d → level %d', (points, level) => {
		const result = dimension(scoreResponse(instrument, { q: `s${points}` }));
		expect(result.score).toBeCloseTo(points, 10);
		expect(result.rawLevel).toBe(level);
		expect(result.level).toBe(level);
		expect(result.questions[0]).toMatchObject({
			status: 'scored',
			points,
			maxPoints: 100,
			score: points / 100
		});
	});

	it('gives level 4 to two answers of 60% weighted 1 and 2 (59.999… in floating point)', () => {
		const instrument = instrumentWith([scale('a', 'd', 5), scale('b', 'd', 5, { weight: 2 })]);
		const result = dimension(scoreResponse(instrument, { a: 's3', b: 's3' }));
		expect(result.score).toBeCloseTo(60, 10);
		expect(result.level).toBe(4);
	});
});

describe("dimension score: weighted mean of answered questions, N/A and don't know left out", () => {
	const instrument = instrumentWith([
		scale('a', 'd', 4),
		scale('b', 'd', 4),
		scale('c', 'd', 4, { weight: 3 }),
		scale('e', 'd', 4)
	]);
	it.each<[string, Record<string, string>, number | null, number]>([
		[
			'all answered, equal weights',
			{ a: 's4', b: 's0', c: 's2', e: 's2' },
			(1 + 0 + 1.5 + 0.5) / 6,
			4
		],
		['weights: c counts three times', { a: 's0', b: 's0', c: 's4', e: 's0' }, 3 / 6, 4],
		['N/A left out, not counted as zero', { a: 's4', b: 'na', c: 's4', e: 's4' }, 1, 3],
		["don't know left out, not counted as zero", { a: 's4', b: 'dk', c: 's4', e: 'dk' }, 1, 2],
		['unanswered left out', { a: 's2', c: 's2' }, 0.5, 2],
		['N/A does not count as answered', { a: 's4', b: 'na', e: 'na' }, null, 1]
	])('%s', (_what, data, expected, answered) => {
		const result = dimension(scoreResponse(instrument, data));
		if (expected === null) expect(result.score).toBeNull();
		else expect(result.score).toBeCloseTo(expected * 100, 10);
		expect(result.answeredCount).toBe(answered);
		expect(result.scoredCount).toBe(4);
	});

	it('explains each figure: status, points, maximum and weight of every question', () => {
		const result = dimension(scoreResponse(instrument, { a: 's3', b: 'na', c: 'dk' }));
		expect(
			result.questions.map((q) => [q.question, q.status, q.points, q.maxPoints, q.weight])
		).toEqual([
			['a', 'scored', 3, 4, 1],
			['b', 'notApplicable', null, 4, 1],
			['c', 'dontKnow', null, 4, 3],
			['e', 'unanswered', null, 4, 1]
		]);
	});
});

describe('insufficient data: fewer than half of the scored questions answered', () => {
	const four = instrumentWith(['a', 'b', 'c', 'e'].map((n) => scale(n, 'd', 4)));
	const five = instrumentWith(['a', 'b', 'c', 'e', 'f'].map((n) => scale(n, 'd', 4)));
	it.each([
		['1 of 4 (below half)', four, { a: 's4' }, true],
		['2 of 4 (exactly half is enough)', four, { a: 's4', b: 's0' }, false],
		['2 of 5 (below half)', five, { a: 's4', b: 's4' }, true],
		['3 of 5', five, { a: 's4', b: 's4', c: 's4' }, false],
		['1 of 4 plus two "don\'t know"', four, { a: 's4', b: 'dk', c: 'dk' }, true],
		['nothing answered', four, {}, true]
	])('%s', (_what, instrument, data, insufficient) => {
		const result = dimension(scoreResponse(instrument, data));
		expect(result.insufficientData).toBe(insufficient);
		if (insufficient) {
			expect(result.score).toBeNull();
			expect(result.level).toBeNull();
			expect(result.rawLevel).toBeNull();
		} else {
			expect(result.score).not.toBeNull();
			expect(result.level).not.toBeNull();
		}
	});

	it('leaves questions hidden by visibleIf out of the count', () => {
		const instrument = parseInstrument(fixtureSource());
		// alpha_followup shows only when alpha_practice is "yes".
		const hidden = dimension(
			scoreResponse(instrument, { alpha_grid: 'l3', alpha_practice: 'no' }),
			'alpha'
		);
		expect(hidden.scoredCount).toBe(3);
		expect(hidden.insufficientData).toBe(false);
		const shown = dimension(
			scoreResponse(instrument, { alpha_grid: 'l3', alpha_practice: 'yes' }),
			'alpha'
		);
		expect(shown.scoredCount).toBe(4);
	});

	it('ignores an answer kept from a draft for a question now hidden', () => {
		const instrument = parseInstrument(fixtureSource());
		const result = dimension(
			scoreResponse(instrument, { alpha_grid: 'l3', alpha_practice: 'no', alpha_followup: 'l5' }),
			'alpha'
		);
		expect(result.questions.find((q) => q.question === 'alpha_followup')?.status).toBe('hidden');
		expect(result.score).toBeCloseTo((((2 / 4) * 1 + 0 * 2) / 3) * 100, 10);
	});
});

describe('gates cap the level: a gate of level L unmet → at most L − 1', () => {
	// Dimension of three questions: x (max 4), y (max 4), and the gate g (max 4).
	const withGates = (...gates: { level: number; threshold: number }[]) =>
		instrumentWith([
			scale('x', 'd', 4),
			scale('y', 'd', 4),
			...gates.map((gate, i) =>
				scale(`g${i + 1}`, 'd', 4, { gateLevel: gate.level, gateThreshold: gate.threshold })
			)
		]);
	const oneGate = withGates({ level: 3, threshold: 0.75 });

	it.each<[string, Record<string, string>, Level, Level, number[]]>([
		['gate met (score above threshold)', { x: 's4', y: 's4', g1: 's4' }, 5, 5, []],
		['gate met at exactly the threshold', { x: 's4', y: 's4', g1: 's3' }, 5, 5, []],
		['gate below threshold caps 5 at 2', { x: 's4', y: 's4', g1: 's2' }, 5, 2, [3]],
		['gate answered "don\'t know" is not met', { x: 's4', y: 's4', g1: 'dk' }, 5, 2, [3]],
		['gate unanswered is not met', { x: 's4', y: 's4' }, 5, 2, [3]],
		['level already below the cap is not capped', { x: 's0', y: 's1', g1: 's0' }, 1, 1, []],
		['level equal to the cap is not capped', { x: 's1', y: 's2', g1: 's1' }, 2, 2, []]
	])('%s', (_what, data, rawLevel, level, cappedBy) => {
		const result = dimension(scoreResponse(oneGate, data));
		expect(result.rawLevel).toBe(rawLevel);
		expect(result.level).toBe(level);
		expect(result.cappedBy.map((g) => g.gateLevel)).toEqual(cappedBy);
	});

	it('explains the cap: question, gate level, threshold and its score', () => {
		const result = dimension(scoreResponse(oneGate, { x: 's4', y: 's4', g1: 's2' }));
		expect(result.cappedBy).toEqual([
			{ question: 'g1', gateLevel: 3, threshold: 0.75, score: 0.5, met: false }
		]);
		expect(result.gateCap).toBe(2);
		const dk = dimension(scoreResponse(oneGate, { x: 's4', y: 's4', g1: 'dk' }));
		expect(dk.cappedBy[0]).toMatchObject({ question: 'g1', score: null, met: false });
	});

	it('applies the lowest of several unmet gates and lists each that lowered the level', () => {
		const instrument = withGates({ level: 5, threshold: 1 }, { level: 4, threshold: 0.75 });
		// (1 + 1 + 0.75 + 0.5) / 4 = 81.25: band 5; g1 (level 5) caps at 4, g2 (level 4) at 3.
		const result = dimension(scoreResponse(instrument, { x: 's4', y: 's4', g1: 's3', g2: 's2' }));
		expect(result.rawLevel).toBe(5);
		expect(result.level).toBe(3);
		expect(result.cappedBy.map((g) => g.question)).toEqual(['g2', 'g1']);
		expect(result.gates.map((g) => [g.question, g.met])).toEqual([
			['g1', false],
			['g2', false]
		]);
	});

	it('a met gate and an unmet gate: only the unmet one caps', () => {
		const instrument = withGates({ level: 3, threshold: 0.5 }, { level: 5, threshold: 1 });
		const result = dimension(scoreResponse(instrument, { x: 's4', y: 's4', g1: 's4', g2: 's3' }));
		expect(result.level).toBe(4);
		expect(result.cappedBy.map((g) => g.question)).toEqual(['g2']);
	});
});

describe('overall index: weighted mean of dimension scores, insufficient ones left out', () => {
	const instrument = instrumentWith(
		[
			scale('a1', 'a', 4),
			scale('a2', 'a', 4),
			scale('b1', 'b', 4),
			scale('b2', 'b', 4),
			scale('c1', 'c', 4),
			scale('c2', 'c', 4)
		],
		[{ key: 'a' }, { key: 'b', weight: 3 }, { key: 'c', weight: 0.5 }]
	);
	it.each<[string, Record<string, string>, number | null, Level | null]>([
		[
			'weights 1, 3, 0.5',
			{ a1: 's4', a2: 's4', b1: 's0', b2: 's0', c1: 's2', c2: 's2' },
			(100 + 0 + 25) / 4.5,
			2
		],
		['c insufficient: left out', { a1: 's4', a2: 's4', b1: 's0', b2: 's0' }, 25, 2],
		['only a sufficient', { a1: 's4', b1: 'dk', b2: 'na' }, 100, 5],
		['none sufficient: no index', { a1: 'dk', b1: 'na' }, null, null]
	])('%s', (_what, data, index, level) => {
		const { overall } = scoreResponse(instrument, data);
		if (index === null) expect(overall.index).toBeNull();
		else expect(overall.index).toBeCloseTo(index, 10);
		expect(overall.level).toBe(level);
	});

	it('explains the index: each dimension, its weight and whether it counted', () => {
		const result = scoreResponse(instrument, { a1: 's4', a2: 's4', b1: 's0', b2: 's0' });
		expect(result.overall.contributions).toEqual([
			{ dimension: 'a', weight: 1, score: 100, included: true },
			{ dimension: 'b', weight: 3, score: 0, included: true },
			{ dimension: 'c', weight: 0.5, score: null, included: false }
		]);
		expect(result.overall.weightSum).toBe(4);
		expect(dimensionScoreMap(result)).toEqual({ a: 100, b: 0, c: null });
	});

	it('the overall level follows the bands without gates', () => {
		const gated = instrumentWith([
			scale('x', 'd', 4),
			scale('y', 'd', 4),
			scale('g', 'd', 4, { gateLevel: 2, gateThreshold: 1 })
		]);
		const result = scoreResponse(gated, { x: 's4', y: 's4', g: 's0' });
		expect(result.dimensions[0].level).toBe(1);
		expect(result.overall.index).toBeCloseTo(200 / 3, 10);
		expect(result.overall.level).toBe(4);
	});
});

describe('answers that are not options', () => {
	it('are marked invalid and left out (the validator refuses them before scoring)', () => {
		const instrument = instrumentWith([scale('a', 'd', 4), scale('b', 'd', 4)]);
		const result = dimension(scoreResponse(instrument, { a: 's4', b: 'S4' }));
		expect(result.questions[1].status).toBe('invalid');
		expect(result.answeredCount).toBe(1);
		expect(result.score).toBe(100);
	});
});
