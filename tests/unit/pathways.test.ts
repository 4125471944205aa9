import { describe, expect, it } from 'vitest';
import type { Effort, Level } from '../../src/lib/domain/constants';
import type { PathwayAction } from '../../src/lib/domain/instrument';
import { buildPathway, type PathwayInput } from '../../src/lib/domain/pathways';
import { L } from './instrument-fixture';

function action(
	dimension: string,
	level: 1 | 2 | 3 | 4,
	key: string,
	effort: Effort
): PathwayAction {
	return {
		key,
		dimension,
		level,
		title: L(key),
		description: L(`Do ${key}`),
		effort,
		resources: []
	};
}

function dimension(key: string, weight = 1) {
	return {
		key,
		name: L(key.charAt(0).toUpperCase() + key.slice(1)),
		weight,
		levels: { 1: L('l1'), 2: L('l2'), 3: L('l3'), 4: L('l4'), 5: L('l5') }
	};
}

/** Per dimension and level 1–4: a high, a low and a medium action, in that file order. */
function pathwaysOf(keys: string[]): PathwayInput['pathways'] {
	return Object.fromEntries(
		keys.map((key) => [
			key,
			Object.fromEntries(
				([1, 2, 3, 4] as const).map((level) => [
					level,
					[
						action(key, level, `${key}-${level}-h`, 'high'),
						action(key, level, `${key}-${level}-l`, 'low'),
						action(key, level, `${key}-${level}-m`, 'medium')
					]
				])
			)
		])
	);
}

function input(
	standings: [string, number | null, Level | null, number?][],
	peerMedians: Record<string, number | null> | null = null
): PathwayInput {
	return {
		dimensions: standings.map(([key, , , weight]) => dimension(key, weight ?? 1)),
		pathways: pathwaysOf(standings.map(([key]) => key)),
		standings: standings.map(([key, score, level]) => ({ key, score, level })),
		peerMedians
	};
}

const order = (p: ReturnType<typeof buildPathway>) => p.dimensions.map((d) => d.key);

describe('buildPathway: the order of dimensions', () => {
	const cases: {
		name: string;
		standings: [string, number | null, Level | null, number?][];
		medians?: Record<string, number | null>;
		expected: string[];
	}[] = [
		{
			name: 'the lowest level comes first, whatever the gap inside the level',
			standings: [
				['a', 59, 3],
				['b', 19, 1],
				['c', 20, 2]
			],
			expected: ['b', 'c', 'a']
		},
		{
			name: 'within a level, more points to the next level first',
			standings: [
				['a', 38, 2],
				['b', 22, 2]
			],
			expected: ['b', 'a']
		},
		{
			name: 'within a level, weight multiplies the need',
			standings: [
				['a', 30, 2, 1],
				['b', 35, 2, 1.5] // 1.5 × 5 = 7.5 < 1 × 10
			],
			expected: ['a', 'b']
		},
		{
			name: 'weight can overturn the gap',
			standings: [
				['a', 30, 2, 1],
				['b', 32, 2, 2] // 2 × 8 = 16 > 10
			],
			expected: ['b', 'a']
		},
		{
			name: 'the gap below the peer median adds to the need',
			standings: [
				['a', 30, 2],
				['b', 34, 2]
			],
			medians: { a: 25, b: 50 }, // a: 10 + 0, b: 6 + 16
			expected: ['b', 'a']
		},
		{
			name: 'equal need keeps the instrument order',
			standings: [
				['a', 30, 2],
				['b', 30, 2]
			],
			expected: ['a', 'b']
		},
		{
			name: 'level 5 and insufficient data come last, without actions',
			standings: [
				['a', null, null],
				['b', 90, 5],
				['c', 70, 4]
			],
			expected: ['c', 'b', 'a']
		}
	];
	it.each(cases)('$name', ({ standings, medians, expected }) => {
		expect(order(buildPathway(input(standings, medians ?? null)))).toEqual(expected);
	});
});

describe('buildPathway: actions', () => {
	it('lists the actions of the current level, quick wins first, then file order', () => {
		const pathway = buildPathway(
			input([
				['a', 45, 3],
				['b', 10, 1]
			])
		);
		expect(pathway.actions.map((a) => [a.rank, a.action.key])).toEqual([
			[1, 'b-1-l'],
			[2, 'b-1-m'],
			[3, 'b-1-h'],
			[4, 'a-3-l'],
			[5, 'a-3-m'],
			[6, 'a-3-h']
		]);
		const [b, a] = pathway.dimensions;
		expect(b).toMatchObject({ status: 'pathway', rank: 1, nextLevel: 2, pointsToNext: 10 });
		expect(a).toMatchObject({ status: 'pathway', rank: 2, nextLevel: 4, pointsToNext: 15 });
	});

	it('gives top and insufficient dimensions no actions', () => {
		const pathway = buildPathway(
			input([
				['a', 95, 5],
				['b', null, null]
			])
		);
		expect(pathway.actions).toEqual([]);
		expect(pathway.dimensions.map((d) => d.status)).toEqual(['top', 'insufficient-data']);
	});

	it('explains each action in one sentence with every factor', () => {
		const withPeers = buildPathway(input([['outreach', 12, 1, 1.5]], { outreach: 24.25 }));
		expect(withPeers.actions[0].explanation).toBe(
			'Outreach is the number 1 dimension to work on: at level 1 (Initial), 8 points short of level 2 (Developing); it weighs 1.5 in the overall index; 12.3 points below the peer median; low effort, a quick win.'
		);
		expect(withPeers.actions[2].explanation).toMatch(/; high effort\.$/);

		const above = buildPathway(input([['services', 50, 3]], { services: 41 }));
		expect(above.actions[1].explanation).toBe(
			'Services is the number 1 dimension to work on: at level 3 (Established), 10 points short of level 4 (Advanced); it weighs 1 in the overall index; at or above the peer median; medium effort.'
		);

		const none = buildPathway(input([['services', 50, 3]]));
		expect(none.actions[0].explanation).toContain('no peer benchmark is available');
	});

	it('reads the peer median only where the benchmark has one for the dimension', () => {
		const pathway = buildPathway(input([['a', 30, 2]], { a: null }));
		expect(pathway.dimensions[0]).toMatchObject({
			peerMedian: null,
			pointsBelowPeers: null,
			need: 10
		});
	});
});
