import { describe, expect, it } from 'vitest';
import {
	canonicalJson,
	checkInstrument,
	formatProblem,
	InstrumentError,
	isScoredQuestion,
	parseInstrument,
	type InstrumentSource
} from '../../src/lib/domain/instrument';
import { clone, fixtureSource, L, pathwaysFor, questionJson } from './instrument-fixture';

type Json = Record<string, unknown>;
type Mutate = (source: { survey: Json; model: Json; pathways: Json }) => void;

interface Refusal {
	what: string;
	mutate: Mutate;
	file: 'survey.json' | 'model.json' | 'pathways.json';
	element: string;
	message: RegExp;
}

const q = (s: { survey: Json }, name: string) => questionJson(s.survey, name);
const choices = (s: { survey: Json }, name: string) => q(s, name).choices as Json[];
const modelDims = (s: { model: Json }) => s.model.dimensions as Json[];
const pathDims = (s: { pathways: Json }) =>
	(s.pathways as { dimensions: Record<string, Record<string, Json[]>> }).dimensions;
const pages = (s: { survey: Json }) => s.survey.pages as { elements: Json[] }[];

const refusals: Refusal[] = [
	{
		what: 'a scored question with an unknown dimension',
		mutate: (s) => (q(s, 'alpha_grid').dimension = 'gamma'),
		file: 'survey.json',
		element: 'question "alpha_grid"',
		message: /dimension string "gamma" is not a dimension of model\.json/
	},
	{
		what: 'an option of a scored question without points',
		mutate: (s) => delete choices(s, 'alpha_grid')[2].points,
		file: 'survey.json',
		element: 'question "alpha_grid" option "l3"',
		message: /has no points/
	},
	{
		what: 'points on an unscored question',
		mutate: (s) => (choices(s, 'ctx_region')[0].points = 1),
		file: 'survey.json',
		element: 'question "ctx_region" option "urban"',
		message: /points on an unscored question/
	},
	{
		what: 'points on an excluded option',
		mutate: (s) => (choices(s, 'alpha_grid')[5].points = 0),
		file: 'survey.json',
		element: 'question "alpha_grid" option "na"',
		message: /excluded as notApplicable carries no points/
	},
	{
		what: 'a scored question whose options all carry 0 points',
		mutate: (s) => {
			for (const choice of choices(s, 'beta_frequency')) choice.points = 0;
		},
		file: 'survey.json',
		element: 'question "beta_frequency"',
		message: /no option carries more than 0 points/
	},
	{
		what: 'a gate on level 1',
		mutate: (s) => (q(s, 'alpha_gate').gateLevel = 1),
		file: 'survey.json',
		element: 'question "alpha_gate"',
		message: /gateLevel must be one of 2, 3, 4, 5, got number 1/
	},
	{
		what: 'a gate on level 6',
		mutate: (s) => (q(s, 'alpha_gate').gateLevel = 6),
		file: 'survey.json',
		element: 'question "alpha_gate"',
		message: /gateLevel must be one of 2, 3, 4, 5, got number 6/
	},
	{
		what: 'a gate without threshold',
		mutate: (s) => delete q(s, 'alpha_gate').gateThreshold,
		file: 'survey.json',
		element: 'question "alpha_gate"',
		message: /a gate needs a gateThreshold/
	},
	{
		what: 'a gate threshold above 1',
		mutate: (s) => (q(s, 'alpha_gate').gateThreshold = 1.5),
		file: 'survey.json',
		element: 'question "alpha_gate"',
		message: /gateThreshold must be a number from 0 to 1/
	},
	{
		what: 'a threshold without gate level',
		mutate: (s) => (q(s, 'alpha_grid').gateThreshold = 0.5),
		file: 'survey.json',
		element: 'question "alpha_grid"',
		message: /gateThreshold without gateLevel/
	},
	{
		what: '"not applicable" offered on a gate question',
		mutate: (s) =>
			choices(s, 'alpha_gate').push({ value: 'na', text: L('N/A'), exclude: 'notApplicable' }),
		file: 'survey.json',
		element: 'question "alpha_gate" option "na"',
		message: /must not offer "notApplicable"/
	},
	{
		what: 'a gate question that can be hidden',
		mutate: (s) => (q(s, 'beta_gate').visibleIf = "{beta_grid} = 'l5'"),
		file: 'survey.json',
		element: 'question "beta_gate"',
		message: /gate question must always be visible/
	},
	{
		what: 'a dimension without a descriptor for level 3',
		mutate: (s) => delete (modelDims(s)[0].levels as Json)['3'],
		file: 'model.json',
		element: 'dimension "alpha"',
		message: /the level 3 descriptor is missing/
	},
	{
		what: 'a level descriptor without French',
		mutate: (s) => delete ((modelDims(s)[1].levels as Json)['5'] as Json).fr,
		file: 'model.json',
		element: 'dimension "beta"',
		message: /the level 5 descriptor is missing the fr text/
	},
	{
		what: 'a dimension name in English only',
		mutate: (s) => (modelDims(s)[0].name = 'Alpha'),
		file: 'model.json',
		element: 'dimension "alpha"',
		message: /name: is missing the de, fr text/
	},
	{
		what: 'a dimension weight of 0',
		mutate: (s) => (modelDims(s)[1].weight = 0),
		file: 'model.json',
		element: 'dimension "beta"',
		message: /weight must be above 0/
	},
	{
		what: 'a dimension key that is not lower-case a-z0-9-',
		mutate: (s) => (modelDims(s)[0].key = 'Alpha_Key'),
		file: 'model.json',
		element: 'dimension "Alpha_Key"',
		message: /key must be lower-case/
	},
	{
		what: 'a duplicate dimension key',
		mutate: (s) => (modelDims(s)[1].key = 'alpha'),
		file: 'model.json',
		element: 'dimension "alpha"',
		message: /duplicate dimension key/
	},
	{
		what: 'a dimension without any scored question',
		mutate: (s) => {
			const gamma = clone(modelDims(s)[0]);
			gamma.key = 'gamma';
			modelDims(s).push(gamma);
			pathDims(s).gamma = (pathwaysFor(['gamma']).dimensions as Json).gamma as Record<
				string,
				Json[]
			>;
		},
		file: 'model.json',
		element: 'dimension "gamma"',
		message: /has no scored question/
	},
	{
		what: 'a pathway level with two actions',
		mutate: (s) => pathDims(s).alpha['2'].pop(),
		file: 'pathways.json',
		element: 'dimension "alpha" level 2',
		message: /has 2 actions; at least 3 are needed to reach level 3/
	},
	{
		what: 'a dimension without pathway',
		mutate: (s) => delete pathDims(s).beta,
		file: 'pathways.json',
		element: 'dimension "beta"',
		message: /has no pathway/
	},
	{
		what: 'a missing pathway level',
		mutate: (s) => delete pathDims(s).beta['4'],
		file: 'pathways.json',
		element: 'dimension "beta" level 4',
		message: /has 0 actions/
	},
	{
		what: 'a pathway for level 5',
		mutate: (s) => (pathDims(s).beta['5'] = clone(pathDims(s).beta['4'])),
		file: 'pathways.json',
		element: 'dimension "beta" level 5',
		message: /not a pathway level/
	},
	{
		what: 'a pathway for a dimension the model lacks',
		mutate: (s) => (pathDims(s).zeta = clone(pathDims(s).beta)),
		file: 'pathways.json',
		element: 'dimension "zeta"',
		message: /is not a dimension of model\.json/
	},
	{
		what: 'an action with no resource',
		mutate: (s) => (pathDims(s).alpha['1'][0].resources = []),
		file: 'pathways.json',
		element: 'action "alpha-1-action-1"',
		message: /resources: needs at least one resource/
	},
	{
		what: 'a resource with neither url nor reference',
		mutate: (s) => (pathDims(s).alpha['1'][0].resources = [{ title: L('Nothing') }]),
		file: 'pathways.json',
		element: 'action "alpha-1-action-1"',
		message: /needs a url, a reference, or both/
	},
	{
		what: 'a resource url that is not http(s)',
		mutate: (s) =>
			(pathDims(s).alpha['1'][0].resources = [{ title: L('Bad'), url: 'ftp://x.org/a' }]),
		file: 'pathways.json',
		element: 'action "alpha-1-action-1"',
		message: /url must be an http\(s\) address/
	},
	{
		what: 'an unknown effort',
		mutate: (s) => (pathDims(s).beta['3'][1].effort = 'tiny'),
		file: 'pathways.json',
		element: 'action "beta-3-action-2"',
		message: /effort must be one of low, medium, high/
	},
	{
		what: 'a duplicate action key',
		mutate: (s) => (pathDims(s).beta['3'][1].key = 'alpha-1-action-1'),
		file: 'pathways.json',
		element: 'action "alpha-1-action-1"',
		message: /duplicate action key \(first used at dimensions\.alpha\.1\[0\]\.key\)/
	},
	{
		what: 'an action title without German',
		mutate: (s) => delete (pathDims(s).alpha['4'][2].title as Json).de,
		file: 'pathways.json',
		element: 'action "alpha-4-action-3"',
		message: /title: is missing the de text/
	},
	{
		what: 'a question title without French',
		mutate: (s) => delete (q(s, 'beta_grid').title as Json).fr,
		file: 'survey.json',
		element: 'question "beta_grid"',
		message: /title is missing the fr text/
	},
	{
		what: 'a question without title',
		mutate: (s) => delete q(s, 'beta_grid').title,
		file: 'survey.json',
		element: 'question "beta_grid"',
		message: /title is missing/
	},
	{
		what: 'an option text without German',
		mutate: (s) => delete (choices(s, 'beta_gate')[0].text as Json).de,
		file: 'survey.json',
		element: 'question "beta_gate" option "yes"',
		message: /text is missing the de text/
	},
	{
		what: 'an option given as a bare value',
		mutate: (s) => ((choices(s, 'ctx_region') as unknown[])[1] = 'rural'),
		file: 'survey.json',
		element: 'question "ctx_region" option string "rural"',
		message: /option must be an object/
	},
	{
		what: 'a survey title in English only',
		mutate: (s) => (s.survey.title = 'Test'),
		file: 'survey.json',
		element: 'survey',
		message: /title is missing the de, fr text/
	},
	{
		what: 'a placeholder without French',
		mutate: (s) => (q(s, 'ctx_city').placeholder = { default: 'Town', de: 'Stadt' }),
		file: 'survey.json',
		element: 'question "ctx_city"',
		message: /placeholder is missing the fr text/
	},
	{
		what: 'an unsupported question type',
		mutate: (s) => pages(s)[0].elements.push({ type: 'boolean', name: 'ctx_flag', title: L('?') }),
		file: 'survey.json',
		element: 'question "ctx_flag"',
		message:
			/question type string "boolean" is not supported; allowed: radiogroup, dropdown, checkbox, text, comment/
	},
	{
		what: 'a panel',
		mutate: (s) => pages(s)[0].elements.push({ type: 'panel', name: 'box', elements: [] }),
		file: 'survey.json',
		element: 'question "box"',
		message: /"panel" is not supported/
	},
	{
		what: 'a scored checkbox',
		mutate: (s) => (q(s, 'ctx_programmes').dimension = 'alpha'),
		file: 'survey.json',
		element: 'question "ctx_programmes"',
		message: /a checkbox question cannot be scored \(only radiogroup, dropdown\)/
	},
	{
		what: 'a scored text question',
		mutate: (s) => (q(s, 'ctx_city').dimension = 'alpha'),
		file: 'survey.json',
		element: 'question "ctx_city"',
		message: /a text question cannot be scored/
	},
	{
		what: 'duplicate question names',
		mutate: (s) => pages(s)[2].elements.push(clone(q(s, 'alpha_grid'))),
		file: 'survey.json',
		element: 'question "alpha_grid"',
		message: /duplicate question name \(first used at pages\[1\]\.elements\[0\]\)/
	},
	{
		what: 'question names that differ only in case',
		mutate: (s) => {
			const copy = clone(q(s, 'alpha_grid'));
			copy.name = 'Alpha_Grid';
			pages(s)[2].elements.push(copy);
		},
		file: 'survey.json',
		element: 'question "Alpha_Grid"',
		message: /duplicate question name/
	},
	{
		what: 'an "other" option with free text',
		mutate: (s) => (q(s, 'ctx_region').showOtherItem = true),
		file: 'survey.json',
		element: 'question "ctx_region"',
		message: /showOtherItem is not supported/
	},
	{
		what: 'a validator',
		mutate: (s) => (q(s, 'ctx_city').validators = [{ type: 'email' }]),
		file: 'survey.json',
		element: 'question "ctx_city"',
		message: /validators is not supported/
	},
	{
		what: 'a visibleIf that names an unknown question',
		mutate: (s) => (q(s, 'beta_extra').visibleIf = "{nope} = 'x'"),
		file: 'survey.json',
		element: 'question "beta_extra"',
		message: /visibleIf refers to \{nope\}/
	},
	{
		what: 'a visibleIf that does not parse',
		mutate: (s) => (q(s, 'beta_extra').visibleIf = '{beta_grid} = '),
		file: 'survey.json',
		element: 'question "beta_extra"',
		message: /visibleIf cannot be parsed/
	},
	{
		what: 'a weight on an unscored question',
		mutate: (s) => (q(s, 'ctx_region').weight = 2),
		file: 'survey.json',
		element: 'question "ctx_region"',
		message: /weight is set on an unscored question/
	},
	{
		what: 'a question weight of 0',
		mutate: (s) => (q(s, 'alpha_grid').weight = 0),
		file: 'survey.json',
		element: 'question "alpha_grid"',
		message: /weight must be above 0/
	},
	{
		what: 'an unknown exclude kind',
		mutate: (s) => (choices(s, 'alpha_grid')[6].exclude = 'skip'),
		file: 'survey.json',
		element: 'question "alpha_grid" option "dk"',
		message: /exclude must be one of notApplicable, dontKnow/
	},
	{
		what: 'an unsupported inputType',
		mutate: (s) => (q(s, 'ctx_city').inputType = 'email'),
		file: 'survey.json',
		element: 'question "ctx_city"',
		message: /inputType string "email" is not supported/
	},
	{
		what: 'min on a text input',
		mutate: (s) => (q(s, 'ctx_city').min = 3),
		file: 'survey.json',
		element: 'question "ctx_city"',
		message: /min needs inputType "number"/
	},
	{
		what: 'duplicate option values',
		mutate: (s) => (choices(s, 'ctx_region')[1].value = 'Urban'),
		file: 'survey.json',
		element: 'question "ctx_region" option "Urban"',
		message: /duplicate option value/
	},
	{
		what: 'questions outside pages',
		mutate: (s) => (s.survey.elements = [clone(q(s, 'ctx_city'))]),
		file: 'survey.json',
		element: 'survey',
		message: /elements is not supported/
	}
];

function mutated(mutate: Mutate): InstrumentSource {
	const source = clone(fixtureSource()) as { survey: Json; model: Json; pathways: Json };
	mutate(source);
	return source;
}

describe('instrument parser', () => {
	it('loads the fixture into a typed instrument', () => {
		const instrument = parseInstrument(fixtureSource(), { expectedKey: 'fixture' });
		expect(instrument.key).toBe('fixture');
		expect(instrument.dimensions.map((d) => [d.key, d.weight, d.questions])).toEqual([
			['alpha', 1, ['alpha_grid', 'alpha_gate', 'alpha_practice', 'alpha_followup']],
			['beta', 2, ['beta_grid', 'beta_gate', 'beta_frequency', 'beta_extra']]
		]);
		const gate = instrument.questionsByName.alpha_gate;
		expect(isScoredQuestion(gate) && gate.scoring).toEqual({
			dimension: 'alpha',
			weight: 1,
			maxPoints: 2,
			gate: { level: 3, threshold: 0.75 }
		});
		expect(instrument.questionsByName.ctx_programmes).toMatchObject({
			type: 'checkbox',
			noneValue: 'none',
			maxSelectedChoices: 3,
			minSelectedChoices: null
		});
		expect(instrument.questionsByName.ctx_clients).toMatchObject({
			inputType: 'number',
			min: 0,
			max: 100000,
			isRequired: true
		});
		expect(instrument.pathways.alpha[1]).toHaveLength(3);
		expect(instrument.pathways.beta[4][0]).toMatchObject({ key: 'beta-4-action-1', level: 4 });
	});

	it.each(refusals)('refuses $what, naming $file and $element', (refusal) => {
		const result = checkInstrument(mutated(refusal.mutate));
		expect(result.ok).toBe(false);
		const match = result.problems.find(
			(p) =>
				p.file === refusal.file && p.element === refusal.element && refusal.message.test(p.message)
		);
		expect(match, JSON.stringify(result.problems, null, 2)).toBeDefined();
	});

	it('reads a dimension’s theme, its key when none is given, and refuses a malformed one', () => {
		const source = mutated((s) => {
			((s.model as Json).dimensions as Json[])[0].theme = 'outreach';
		});
		const checked = checkInstrument(source);
		expect(checked.ok && checked.instrument.dimensions.map((d) => d.theme)).toEqual([
			'outreach',
			'beta'
		]);
		const bad = checkInstrument(
			mutated((s) => {
				((s.model as Json).dimensions as Json[])[0].theme = 'Outreach!';
			})
		);
		expect(bad.problems).toContainEqual(
			expect.objectContaining({
				file: 'model.json',
				message: expect.stringMatching(/theme must be lower-case/)
			})
		);
	});

	it('refuses a model key that is not the folder name', () => {
		const result = checkInstrument(fixtureSource(), { expectedKey: 'other' });
		expect(result.problems).toEqual([
			expect.objectContaining({
				file: 'model.json',
				element: 'model',
				message: expect.stringMatching(/must equal the instrument's folder name "other"/)
			})
		]);
	});

	it('lists every problem at once, across the three files', () => {
		const result = checkInstrument(
			mutated((s) => {
				q(s, 'alpha_grid').dimension = 'gamma';
				delete (q(s, 'beta_grid').title as Json).de;
				pathDims(s).alpha['2'].pop();
			})
		);
		expect(result.problems.map((p) => `${p.file} ${p.element}`).sort()).toEqual([
			'pathways.json dimension "alpha" level 2',
			'survey.json question "alpha_grid"',
			'survey.json question "beta_grid"'
		]);
	});

	it('throws an InstrumentError whose message names file, element and path', () => {
		const source = mutated((s) => delete choices(s, 'beta_gate')[1].points);
		expect(() => parseInstrument(source)).toThrow(InstrumentError);
		expect(() => parseInstrument(source)).toThrow(
			'survey.json: question "beta_gate" option "partly" (pages[2].elements[1].choices[1].points)'
		);
	});

	it('formats a problem with another file name (the loader passes the full path)', () => {
		const problem = checkInstrument(mutated((s) => (q(s, 'alpha_grid').dimension = 'x')))
			.problems[0];
		expect(formatProblem(problem, 'surveys/fixture/survey.json')).toMatch(
			/^surveys\/fixture\/survey\.json: question "alpha_grid" \(pages\[1\]\.elements\[0\]\.dimension\): /
		);
	});

	it('refuses files that are not objects at all', () => {
		const result = checkInstrument({ survey: [], model: 'x', pathways: null });
		expect(result.problems.map((p) => p.file).sort()).toEqual([
			'model.json',
			'pathways.json',
			'survey.json'
		]);
	});
});

describe('canonicalJson', () => {
	it('gives the same string whatever the key order', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 'é' } })).toBe(
			canonicalJson({ a: { c: 'é', d: [2, { x: 0, y: 1 }] }, b: 1 })
		);
		expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
	});

	it('keeps array order and leaves out undefined properties, as JSON does', () => {
		expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
		expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
	});

	it('changes when the content changes', () => {
		const changed = mutated((s) => ((q(s, 'alpha_gate') as Json).gateThreshold = 0.5));
		expect(canonicalJson(changed)).not.toBe(canonicalJson(fixtureSource()));
	});
});
