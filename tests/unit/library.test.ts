import { describe, expect, it } from 'vitest';
import type { Effort, PathwayLevel } from '../../src/lib/domain/constants';
import type { Instrument, PathwayAction, Resource } from '../../src/lib/domain/instrument';
import {
	collectResources,
	filterActions,
	groupActions,
	levelStepHeading,
	listActions,
	NO_FILTER,
	parseLibraryFilter,
	resourceIdentity,
	type LibraryFilter,
	type LibraryQuery
} from '../../src/lib/domain/library';

const L = (text: string) => ({ default: text, de: `${text} (de)`, fr: `${text} (fr)` });

const guide: Resource = { title: L('Guide'), url: 'https://example.org/guide', reference: null };
const guideAgain: Resource = {
	title: { default: 'Guide ', de: 'Leitfaden', fr: 'Guide' },
	url: 'https://example.org/guide',
	reference: L('Another citation of the same guide')
};
const guideElsewhere: Resource = {
	title: L('Guide'),
	url: 'https://example.org/other',
	reference: null
};
const book: Resource = { title: L('Book'), url: null, reference: L('Author, Book, 2020') };
const atlas: Resource = {
	title: { default: 'Atlas', de: 'Zeitschrift', fr: 'Atlas' },
	url: null,
	reference: L('Atlas of practice')
};

function action(
	key: string,
	dimension: string,
	level: PathwayLevel,
	effort: Effort,
	resources: Resource[] = []
): PathwayAction {
	return { key, dimension, level, title: L(key), description: L(`Do ${key}`), effort, resources };
}

// Two dimensions, authored out of order inside the pathways record on purpose.
const a1 = action('a1', 'alpha', 1, 'low', [guide, book]);
const a2 = action('a2', 'alpha', 1, 'high', [guideAgain]);
const a3 = action('a3', 'alpha', 3, 'medium', [guide, guide]);
const b1 = action('b1', 'beta', 2, 'low', [guideElsewhere, atlas]);
const b2 = action('b2', 'beta', 4, 'low');
const actions = [a1, a2, a3, b1, b2];

const instrument: Pick<Instrument, 'dimensions' | 'pathways'> = {
	dimensions: [
		{ key: 'alpha', name: L('Alpha'), description: null, weight: 1, theme: 'alpha', levels: {} },
		{ key: 'beta', name: L('Beta'), description: null, weight: 1, theme: 'beta', levels: {} }
	] as unknown as Instrument['dimensions'],
	pathways: {
		beta: { 4: [b2], 2: [b1], 1: [], 3: [] },
		alpha: { 3: [a3], 1: [a1, a2], 2: [], 4: [] }
	}
};

const query = (q: Partial<Record<keyof LibraryQuery, string | string[]>>): LibraryQuery => {
	const list = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());
	return { dimension: list(q.dimension), level: list(q.level), effort: list(q.effort) };
};

describe('reading the library filters from the address', () => {
	it.each<[string, Parameters<typeof query>[0], LibraryFilter, string[]]>([
		['nothing given shows everything', {}, NO_FILTER, []],
		['empty values are "all"', { dimension: '', level: '', effort: '' }, NO_FILTER, []],
		[
			'every filter set',
			{ dimension: 'beta', level: '2', effort: 'low' },
			{ dimension: 'beta', level: 2, effort: 'low' },
			[]
		],
		['level 4 is the last with actions', { level: '4' }, { ...NO_FILTER, level: 4 }, []],
		['one value repeated counts once', { level: ['3', '3'] }, { ...NO_FILTER, level: 3 }, []],
		['an unknown dimension shows all', { dimension: 'gamma' }, NO_FILTER, ['dimension']],
		['dimension keys are exact', { dimension: 'Alpha' }, NO_FILTER, ['dimension']],
		['level 5 has no actions', { level: '5' }, NO_FILTER, ['level']],
		['level 0 is not a level', { level: '0' }, NO_FILTER, ['level']],
		['a level must be a whole number', { level: '2.0' }, NO_FILTER, ['level']],
		['a level must be a number', { level: 'two' }, NO_FILTER, ['level']],
		['an unknown effort shows every effort', { effort: 'tiny' }, NO_FILTER, ['effort']],
		[
			'two values of one filter: that filter shows all, the others still apply',
			{ dimension: ['alpha', 'beta'], effort: 'high' },
			{ ...NO_FILTER, effort: 'high' },
			['dimension']
		],
		[
			'each bad value gets its own message, the good one applies',
			{ dimension: 'gamma', level: '9', effort: 'medium' },
			{ ...NO_FILTER, effort: 'medium' },
			['dimension', 'level']
		]
	])('%s', (_name, given, filter, problemFields) => {
		const parsed = parseLibraryFilter(query(given), ['alpha', 'beta']);
		expect(parsed.filter).toEqual(filter);
		expect(parsed.problems.map((p) => p.field)).toEqual(problemFields);
	});

	it.each([
		[
			{ dimension: 'gamma' },
			'“gamma” is not a dimension of this instrument: showing all dimensions.'
		],
		[{ level: '5' }, 'Level 5 Leading is the top of the scale'],
		[{ level: 'x' }, '“x” is not a level with actions (choose 1 to 4): showing all levels.'],
		[{ effort: 'tiny' }, 'choose low, medium or high'],
		[{ effort: ['low', 'high'] }, 'Choose one effort at a time (“low”, “high” were given)'],
		[{ dimension: 'x'.repeat(500) }, `“${'x'.repeat(40)}…” is not a dimension`]
	])('says what was wrong and what is shown instead: %j', (given, message) => {
		const [problem] = parseLibraryFilter(query(given), ['alpha']).problems;
		expect(problem.message).toContain(message);
	});
});

describe('listing and filtering the actions', () => {
	it('lists dimensions in model order, levels 1–4, actions as authored', () => {
		expect(listActions(instrument).map((a) => a.key)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
	});

	it('leaves out a dimension that has no pathways', () => {
		const partial = { ...instrument, pathways: { beta: instrument.pathways.beta } };
		expect(listActions(partial).map((a) => a.key)).toEqual(['b1', 'b2']);
	});

	it.each<[string, Partial<LibraryFilter>, string[]]>([
		['no filter', {}, ['a1', 'a2', 'a3', 'b1', 'b2']],
		['dimension', { dimension: 'alpha' }, ['a1', 'a2', 'a3']],
		['level', { level: 1 }, ['a1', 'a2']],
		['effort', { effort: 'low' }, ['a1', 'b1', 'b2']],
		['dimension and effort', { dimension: 'beta', effort: 'low' }, ['b1', 'b2']],
		['all three', { dimension: 'alpha', level: 1, effort: 'high' }, ['a2']],
		['nothing matches', { dimension: 'beta', level: 1 }, []]
	])('filters by %s', (_name, filter, keys) => {
		expect(filterActions(actions, { ...NO_FILTER, ...filter }).map((a) => a.key)).toEqual(keys);
	});
});

describe('grouping by dimension then level', () => {
	const shape = (groups: ReturnType<typeof groupActions<PathwayAction>>) =>
		groups.map((g) => [g.dimension, g.levels.map((l) => [l.level, l.actions.map((a) => a.key)])]);

	it.each<[string, PathwayAction[], string[], unknown]>([
		[
			'every action, in the given dimension order',
			actions,
			['beta', 'alpha'],
			[
				[
					'beta',
					[
						[2, ['b1']],
						[4, ['b2']]
					]
				],
				[
					'alpha',
					[
						[1, ['a1', 'a2']],
						[3, ['a3']]
					]
				]
			]
		],
		[
			'levels in order whatever the order of the actions',
			[a3, a2, a1],
			['alpha'],
			[
				[
					'alpha',
					[
						[1, ['a2', 'a1']],
						[3, ['a3']]
					]
				]
			]
		],
		[
			'empty dimensions and levels are left out',
			[b2],
			['alpha', 'beta'],
			[['beta', [[4, ['b2']]]]]
		],
		['no actions, no groups', [], ['alpha', 'beta'], []],
		[
			'an action of an unnamed dimension comes last, not lost',
			[b1, a1],
			['alpha'],
			[
				['alpha', [[1, ['a1']]]],
				['beta', [[2, ['b1']]]]
			]
		]
	])('%s', (_name, given, order, expected) => {
		expect(shape(groupActions(given, order))).toEqual(expected);
	});
});

describe('every resource once, with the actions that cite it', () => {
	it('treats the same English title (trimmed) and address as one resource', () => {
		expect(resourceIdentity(guide)).toBe(resourceIdentity(guideAgain));
		expect(resourceIdentity(guide)).not.toBe(resourceIdentity(guideElsewhere));
		expect(resourceIdentity(book)).not.toBe(resourceIdentity({ ...book, url: 'https://x.org' }));
	});

	const summary = (language: string, given = actions) =>
		collectResources(given, language).map((r) => [
			r.resource.title.default.trim(),
			r.resource.url,
			r.citedBy.map((a) => a.key)
		]);

	it.each<[string, string, PathwayAction[], unknown]>([
		[
			'deduplicated by title and address, sorted by the English title',
			'en',
			actions,
			[
				['Atlas', null, ['b1']],
				['Book', null, ['a1']],
				['Guide', 'https://example.org/guide', ['a1', 'a2', 'a3']],
				['Guide', 'https://example.org/other', ['b1']]
			]
		],
		[
			'sorted by the title in the reader’s language (Zeitschrift after Guide in German)',
			'de',
			actions,
			[
				['Book', null, ['a1']],
				['Guide', 'https://example.org/guide', ['a1', 'a2', 'a3']],
				['Guide', 'https://example.org/other', ['b1']],
				['Atlas', null, ['b1']]
			]
		],
		[
			'only what the given actions cite',
			'en',
			[a3, b2],
			[['Guide', 'https://example.org/guide', ['a3']]]
		],
		['no actions, no resources', 'en', [], []]
	])('%s', (_name, language, given, expected) => {
		expect(summary(language, given)).toEqual(expected);
	});

	it('keeps the first citation’s text of a resource cited in two ways', () => {
		const [first] = collectResources([a2, a1], 'en').filter((r) => r.resource.url !== null);
		expect(first.resource).toBe(guideAgain);
		expect(first.citedBy.map((a) => a.key)).toEqual(['a2', 'a1']);
	});
});

describe('level headings', () => {
	it.each<[PathwayLevel, string]>([
		[1, 'From level 1 Initial to level 2 Developing'],
		[2, 'From level 2 Developing to level 3 Established'],
		[4, 'From level 4 Advanced to level 5 Leading']
	])('level %i reads "%s"', (level, heading) => {
		expect(levelStepHeading(level)).toBe(heading);
	});
});
