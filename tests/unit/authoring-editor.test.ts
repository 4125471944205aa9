// The draft editor's pure parts: the model and pathways forms round-trip the files unchanged,
// every problem the instrument checks report links to a field the forms render, and the
// crosswalk checks name the field of each refusal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	fieldIds,
	fromEditModel,
	fromEditPathways,
	problemTarget,
	renamePathway,
	toEditModel,
	toEditPathways
} from '../../src/lib/components/authoring/draft-state';
import { canonicalJson, checkInstrument } from '../../src/lib/domain/instrument';
import {
	checkCrosswalk,
	dimensionKeysDiffer,
	identityCrosswalk
} from '../../src/lib/domain/instrument-crosswalk';
import { clone, fixtureSource, questionJson } from './instrument-fixture';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

describe('model and pathways forms', () => {
	it.each(['chamber-diversity', 'association-professionalisation'])(
		'give back %s exactly as loaded when nothing is edited',
		(key) => {
			const model = read(`surveys/${key}/model.json`);
			const pathways = read(`surveys/${key}/pathways.json`);
			expect(canonicalJson(fromEditModel(toEditModel(model)))).toBe(canonicalJson(model));
			expect(canonicalJson(fromEditPathways(toEditPathways(pathways)))).toBe(
				canonicalJson(pathways)
			);
		}
	);

	it('read a broken draft without throwing, and leave blank languages out so checks name them', () => {
		const edit = toEditModel({ key: 'x', dimensions: [null, { key: 'a', name: 'Only English' }] });
		expect(edit.dimensions).toHaveLength(2);
		expect(edit.dimensions[1].name).toEqual({ default: 'Only English', de: '', fr: '' });
		const back = fromEditModel(edit) as { dimensions: { name: unknown; weight?: unknown }[] };
		expect(back.dimensions[1].name).toEqual({ default: 'Only English' });
		expect(back.dimensions[1]).not.toHaveProperty('weight');
		expect(toEditPathways('nonsense').dimensions).toEqual({});
	});

	it('rename a dimension’s pathway, never over another one', () => {
		const pathways = toEditPathways(read('surveys/chamber-diversity/pathways.json'));
		renamePathway(pathways, 'strategy', 'leadership');
		expect(Object.keys(pathways.dimensions)[0]).toBe('leadership');
		renamePathway(pathways, 'leadership', 'workforce');
		expect(pathways.dimensions).toHaveProperty('leadership');
	});
});

describe('problem links', () => {
	const problemsOf = (mutate: (source: ReturnType<typeof fixtureSource>) => void) => {
		const source = fixtureSource();
		mutate(source);
		return checkInstrument(source).problems;
	};

	it('take a questionnaire problem to its question and property in the creator', () => {
		const [problem] = problemsOf((s) => {
			const choices = questionJson(s.survey, 'alpha_gate').choices as Record<string, unknown>[];
			delete choices[0].points;
		});
		expect(problemTarget(problem)).toMatchObject({
			tab: 'survey',
			question: 'alpha_gate',
			property: 'choices'
		});
		const [dimension] = problemsOf((s) => {
			questionJson(s.survey, 'alpha_gate').dimension = 'nope';
		});
		expect(problemTarget(dimension)).toMatchObject({
			question: 'alpha_gate',
			property: 'dimension'
		});
	});

	it('take model and pathway problems to the form field that holds them', () => {
		const [level] = problemsOf((s) => {
			const model = s.model as { dimensions: { levels: Record<string, unknown> }[] };
			delete (model.dimensions[1].levels['3'] as Record<string, unknown>).fr;
		});
		expect(problemTarget(level)).toEqual({
			tab: 'model',
			id: fieldIds.level(1, 3),
			section: '1'
		});
		const [url] = problemsOf((s) => {
			const pathways = s.pathways as {
				dimensions: Record<string, Record<string, { resources: { url?: string }[] }[]>>;
			};
			pathways.dimensions.beta['2'][1].resources[0].url = 'not a url';
		});
		expect(problemTarget(url)).toEqual({
			tab: 'pathways',
			id: fieldIds.resourceField('beta', '2', 1, 0, 'url'),
			section: 'beta'
		});
		const [title] = problemsOf((s) => {
			const pathways = s.pathways as {
				dimensions: Record<string, Record<string, Record<string, unknown>[]>>;
			};
			delete pathways.dimensions.alpha['1'][0].title;
		});
		expect(problemTarget(title)).toMatchObject({
			id: fieldIds.actionField('alpha', '1', 0, 'title')
		});
	});

	it('take a crosswalk problem to its row', () => {
		expect(
			problemTarget({
				file: 'crosswalk',
				element: 'crosswalk.alpha',
				path: 'crosswalk.alpha',
				message: ''
			})
		).toEqual({ tab: 'crosswalk', id: fieldIds.crosswalk('alpha'), section: null });
	});
});

describe('crosswalk checks', () => {
	const old = ['alpha', 'beta', 'gamma'];
	const next = ['alpha', 'people'];

	it.each([
		['a rename and a merge', { alpha: ['alpha'], beta: ['people'], gamma: ['people'] }],
		['a split', { alpha: ['alpha', 'people'] }],
		['nothing carried over', {}]
	])('accept %s', (_, crosswalk) => {
		expect(checkCrosswalk(crosswalk, old, next, 1)).toEqual({ crosswalk, problems: [] });
	});

	it.each([
		[
			'an unknown old key',
			{ delta: ['alpha'] },
			'crosswalk.delta',
			/“delta” is not a dimension of version 1/
		],
		['an unknown new key', { beta: ['nope'] }, 'crosswalk.beta', /nope: not a dimension/],
		['an empty list', { beta: [] }, 'crosswalk.beta', /at least one new dimension/],
		['a list that is not one', { beta: 'people' }, 'crosswalk.beta', /list of new dimension keys/],
		['not an object', ['alpha'], 'crosswalk', /must map old dimension keys/]
	])('refuse %s, naming the field', (_, value, field, message) => {
		const check = checkCrosswalk(value, old, next, 1);
		expect(check.crosswalk).toBeNull();
		expect(check.problems).toEqual([{ field, message: expect.stringMatching(message) }]);
	});

	it('refuse any crosswalk on a first version', () => {
		expect(checkCrosswalk({}, [], next, null).problems[0].field).toBe('crosswalk');
	});

	it('tell when dimension keys differ, and start from the keys kept', () => {
		expect(dimensionKeysDiffer(old, ['gamma', 'beta', 'alpha'])).toBe(false);
		expect(dimensionKeysDiffer(old, next)).toBe(true);
		expect(identityCrosswalk(old, next)).toEqual({ alpha: ['alpha'] });
		expect(clone(identityCrosswalk([], next))).toEqual({});
	});
});
