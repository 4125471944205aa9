import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../src/lib/domain/instrument';
import {
	compileValidator,
	compileHiddenQuestions,
	type ValidationErrorCode
} from '../../src/lib/domain/response-validator';
import { fixtureSource } from './instrument-fixture';

const instrument = parseInstrument(fixtureSource());
const validator = compileValidator(instrument);

/** A complete, valid response to the fixture. */
const complete = {
	ctx_clients: 120,
	ctx_city: 'Lyon',
	ctx_region: 'urban',
	ctx_programmes: ['training', 'other'],
	ctx_programmes_other: 'Legal advice',
	alpha_grid: 'l3',
	alpha_gate: 'yes',
	alpha_practice: 'yes',
	alpha_followup: 'l2',
	beta_grid: 'na',
	beta_gate: 'dk',
	beta_frequency: 'often'
};

describe('response validator', () => {
	it('accepts a complete valid response, in both modes', () => {
		expect(validator.validate(complete, { requireComplete: true })).toEqual({
			valid: true,
			errors: []
		});
		expect(validator.validateDraft(complete)).toEqual({ valid: true, errors: [] });
	});

	it('is compiled once per instrument', () => {
		expect(compileValidator(instrument)).toBe(validator);
	});

	it.each<[string, Record<string, unknown>, string | null, ValidationErrorCode]>([
		['an unknown question name', { nope: 1 }, 'nope', 'unknownQuestion'],
		[
			'a SurveyJS comment key the survey does not have',
			{ 'alpha_grid-Comment': 'x' },
			'alpha_grid-Comment',
			'unknownQuestion'
		],
		['a name in the wrong case', { Alpha_Grid: 'l3' }, 'Alpha_Grid', 'unknownQuestion'],
		['an unknown choice', { alpha_grid: 'l9' }, 'alpha_grid', 'unknownChoice'],
		['a choice in the wrong case', { alpha_grid: 'L3' }, 'alpha_grid', 'unknownChoice'],
		['a number where the choice is text', { ctx_region: 1 }, 'ctx_region', 'unknownChoice'],
		['a list for a single choice', { alpha_grid: ['l3'] }, 'alpha_grid', 'wrongType'],
		[
			'an object for a single choice',
			{ beta_frequency: { value: 'often' } },
			'beta_frequency',
			'wrongType'
		],
		['a string where a number belongs', { ctx_clients: '120' }, 'ctx_clients', 'wrongType'],
		['a boolean where a number belongs', { ctx_clients: true }, 'ctx_clients', 'wrongType'],
		['a number below min', { ctx_clients: -1 }, 'ctx_clients', 'belowMin'],
		['a number above max', { ctx_clients: 100001 }, 'ctx_clients', 'aboveMax'],
		['an object in a text field', { ctx_city: { text: 'Lyon' } }, 'ctx_city', 'wrongType'],
		['an empty object in a text field', { ctx_city: {} }, 'ctx_city', 'wrongType'],
		['a number in a text field', { ctx_city: 69 }, 'ctx_city', 'wrongType'],
		['text over maxLength', { ctx_city: 'x'.repeat(41) }, 'ctx_city', 'tooLong'],
		[
			'a comment over maxLength',
			{ ctx_programmes: ['other'], ctx_programmes_other: 'y'.repeat(201) },
			'ctx_programmes_other',
			'tooLong'
		],
		['a non-list for a checkbox', { ctx_programmes: 'training' }, 'ctx_programmes', 'wrongType'],
		[
			'an unknown checkbox value',
			{ ctx_programmes: ['training', 'cooking'] },
			'ctx_programmes',
			'unknownChoice'
		],
		[
			'a nested list in a checkbox',
			{ ctx_programmes: [['training']] },
			'ctx_programmes',
			'wrongType'
		],
		[
			'a duplicate checkbox value',
			{ ctx_programmes: ['training', 'training'] },
			'ctx_programmes',
			'duplicateChoice'
		],
		[
			'"none" with other options',
			{ ctx_programmes: ['none', 'training'] },
			'ctx_programmes',
			'noneWithOthers'
		],
		[
			'more than maxSelectedChoices',
			{ ctx_programmes: ['training', 'mentoring', 'finance', 'other'], ctx_programmes_other: 'x' },
			'ctx_programmes',
			'tooManyChoices'
		],
		[
			'an answer to a question hidden by visibleIf',
			{ alpha_practice: 'no', alpha_followup: 'l5' },
			'alpha_followup',
			'hiddenAnswer'
		],
		[
			'an answer to a hidden question when its condition is unanswered',
			{ alpha_practice: undefined, alpha_followup: 'l5' },
			'alpha_followup',
			'hiddenAnswer'
		]
	])('rejects %s, naming the question', (_what, change, question, code) => {
		const data = { ...complete, ...change };
		const result = validator.validate(data, { requireComplete: false });
		expect(result.valid).toBe(false);
		expect(result.errors).toContainEqual(expect.objectContaining({ question, code }));
		for (const error of result.errors) expect(error.reason.length).toBeGreaterThan(5);
	});

	it.each<[string, unknown]>([
		['null', null],
		['a list', [complete]],
		['a string', 'alpha_grid=l3']
	])('rejects a response that is %s', (_what, data) => {
		expect(validator.validate(data, { requireComplete: false }).errors).toEqual([
			expect.objectContaining({ question: null, code: 'notAnObject' })
		]);
	});

	it.each<[string, string, unknown]>([
		['missing', 'ctx_clients', undefined],
		['null', 'ctx_clients', null],
		['an empty string', 'alpha_grid', ''],
		['blanks only', 'ctx_programmes_other', '   ']
	])('with requireComplete, a required visible question %s is reported', (_what, name, value) => {
		const data: Record<string, unknown> = { ...complete, [name]: value };
		if (value === undefined) delete data[name];
		expect(validator.validate(data, { requireComplete: true }).errors).toEqual([
			{ question: name, code: 'required', reason: 'an answer is required' }
		]);
		expect(validator.validate(data, { requireComplete: false }).valid).toBe(true);
	});

	it('does not require a required question that visibleIf hides', () => {
		const data = { ...complete, ctx_programmes: ['training'] } as Record<string, unknown>;
		delete data.ctx_programmes_other;
		expect(validator.validate(data, { requireComplete: true }).valid).toBe(true);
	});

	it('accepts "none" alone and an empty checkbox list', () => {
		const none = { ...complete, ctx_programmes: ['none'] } as Record<string, unknown>;
		delete none.ctx_programmes_other;
		expect(validator.validate(none, { requireComplete: true }).valid).toBe(true);
		expect(
			validator.validate({ ...none, ctx_programmes: [] }, { requireComplete: true }).valid
		).toBe(true);
	});

	it('draft mode checks shapes and names but keeps answers that a later answer hid', () => {
		const draft = { alpha_practice: 'no', alpha_followup: 'l5' };
		expect(validator.validateDraft(draft).valid).toBe(true);
		expect(validator.validateDraft({ ...draft, alpha_grid: 'l9', zzz: 1 }).errors).toEqual([
			expect.objectContaining({ question: 'zzz', code: 'unknownQuestion' }),
			expect.objectContaining({ question: 'alpha_grid', code: 'unknownChoice' })
		]);
	});

	it('reports every problem, not only the first, in questionnaire order', () => {
		const result = validator.validate(
			{ alpha_grid: 'l9', ctx_clients: 'many', beta_gate: 'maybe' },
			{ requireComplete: false }
		);
		expect(result.errors.map((e) => e.question)).toEqual([
			'ctx_clients',
			'alpha_grid',
			'beta_gate'
		]);
	});

	it('never changes the data it checks', () => {
		const data = { ...complete, alpha_grid: 'l9', nope: { deep: [1] }, alpha_practice: 'no' };
		const before = structuredClone(data);
		validator.validate(data, { requireComplete: true });
		validator.validateDraft(data);
		expect(data).toEqual(before);
	});

	it('evaluates visibility with survey-core expressions against the whole response', () => {
		const hidden = compileHiddenQuestions(instrument);
		expect(hidden({ ctx_programmes: ['other'], alpha_practice: 'yes' })).toEqual(new Set());
		expect(hidden({ ctx_programmes: ['training'] })).toEqual(
			new Set(['ctx_programmes_other', 'alpha_followup'])
		);
		expect(hidden({ alpha_practice: 'partly' }).has('alpha_followup')).toBe(true);
		expect(compileHiddenQuestions(instrument)).toBe(hidden);
	});
});
