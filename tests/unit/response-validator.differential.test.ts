// Differential property test: our strict validator against survey-core as the oracle.
//
// For random responses (valid ones, and ones broken in ways survey-core notices and in ways it
// does not), every question must be judged alike by both, except for the cases STACK.md lists
// as survey-core being lenient: there our validator must refuse and survey-core's verdict is
// not consulted. survey-core's verdict on a question is: an error after validate(true, false)
// with keepIncorrectValues, or a value its clearIncorrectValues(true) would remove (an unknown
// choice or an unknown question name).
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { ConditionRunner, Model, type Question as SurveyQuestion } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { parseInstrument, type Instrument, type Question } from '../../src/lib/domain/instrument';
import {
	compileValidator,
	compileHiddenQuestions,
	isAbsent
} from '../../src/lib/domain/response-validator';
import { loadInstrumentsFromDir } from '../../src/lib/server/instrument-files';
import {
	fixtureSource,
	gridChoices,
	L,
	modelFor,
	pathwaysFor,
	practiceChoices
} from './instrument-fixture';

type Data = Record<string, unknown>;

/** A fixture with every feature the validator handles: page and question conditions, limits. */
function differentialSource() {
	const survey = {
		title: L('Differential'),
		pages: [
			{
				name: 'about',
				elements: [
					{
						type: 'radiogroup',
						name: 'kind',
						title: L('Kind'),
						isRequired: true,
						choices: [
							{ value: 'chamber', text: L('Chamber') },
							{ value: 'assoc', text: L('Association') },
							{ value: 'Other', text: L('Other') }
						]
					},
					{
						type: 'dropdown',
						name: 'size',
						title: L('Size'),
						isRequired: true,
						choices: [1, 2, 3].map((value) => ({ value, text: L(`Band ${value}`) }))
					},
					{
						type: 'text',
						name: 'clients',
						title: L('Clients'),
						inputType: 'number',
						min: 0,
						max: 500,
						isRequired: true
					},
					{ type: 'text', name: 'budget', title: L('Budget'), inputType: 'number' },
					{ type: 'text', name: 'city', title: L('City'), maxLength: 12, isRequired: true },
					{ type: 'text', name: 'contact', title: L('Contact') },
					{
						type: 'checkbox',
						name: 'services',
						title: L('Services'),
						minSelectedChoices: 2,
						maxSelectedChoices: 3,
						showNoneItem: true,
						noneText: L('None'),
						choices: ['train', 'mentor', 'finance', 'space'].map((value) => ({
							value,
							text: L(value)
						}))
					},
					{
						type: 'comment',
						name: 'services_note',
						title: L('Tell us more'),
						maxLength: 30,
						isRequired: true,
						visibleIf: "{services} contains 'finance' or {clients} > 100"
					}
				]
			},
			{
				name: 'assoc_page',
				visibleIf: "{kind} = 'assoc'",
				elements: [
					{
						type: 'radiogroup',
						name: 'gov_board',
						title: L('Board'),
						dimension: 'gov',
						isRequired: true,
						choices: gridChoices()
					},
					{
						type: 'radiogroup',
						name: 'gov_rules',
						title: L('Rules'),
						dimension: 'gov',
						visibleIf: "{gov_board} anyof ['l3', 'l4', 'l5'] and {size} >= 2",
						choices: practiceChoices()
					}
				]
			},
			{
				name: 'all',
				elements: [
					{
						type: 'dropdown',
						name: 'gov_gate',
						title: L('Gate'),
						dimension: 'gov',
						gateLevel: 3,
						gateThreshold: 0.5,
						isRequired: true,
						choices: practiceChoices()
					},
					{
						type: 'radiogroup',
						name: 'gov_plan',
						title: L('Plan'),
						dimension: 'gov',
						visibleIf: '{city} notempty',
						choices: gridChoices()
					}
				]
			}
		]
	};
	return {
		survey,
		model: modelFor('differential', [{ key: 'gov' }]),
		pathways: pathwaysFor(['gov'])
	};
}

const OMIT = Symbol('omit');
type Answer = unknown | typeof OMIT;
type Kind = 'valid' | 'strict' | 'lenient' | 'omit';

function valuesOf(question: Question): (string | number)[] {
	return 'choices' in question ? question.choices.map((c) => c.value) : [];
}

/** A changed-case or changed-type twin of a choice value (survey-core compares loosely). */
function looseTwin(value: string | number): string | number {
	if (typeof value === 'number') return String(value);
	const upper = value.toUpperCase();
	return upper !== value
		? upper
		: value.toLowerCase() !== value
			? value.toLowerCase()
			: `${value} `;
}

function answers(question: Question): Record<Exclude<Kind, 'omit'>, fc.Arbitrary<Answer>> {
	const values = valuesOf(question);
	switch (question.type) {
		case 'radiogroup':
		case 'dropdown':
			return {
				valid: fc.constantFrom(...values),
				strict: fc.constantFrom('zz-unknown', 'l9', '', null),
				lenient: fc.oneof(
					fc.constantFrom<unknown>([values[0]], { value: values[0] }, true, {}, []),
					fc.constantFrom(...values).map(looseTwin)
				)
			};
		case 'checkbox': {
			const none = question.noneValue;
			const max = question.maxSelectedChoices ?? values.length;
			return {
				valid: fc.oneof(
					fc.subarray(values, { maxLength: max }),
					fc.constant(none === null ? [] : [none])
				),
				strict: fc.oneof(
					fc.constantFrom<unknown>([], null, ''),
					fc.subarray(values, { maxLength: max - 1 }).map((s) => [...s, 'zz-unknown'])
				),
				lenient: fc.constantFrom<unknown>(
					values[0],
					[[values[0]]],
					[values[0], values[0]],
					{},
					none === null ? [values[0], values[0]] : [none, values[0]],
					// More than maxSelectedChoices, where the question has such a limit.
					values.length > max ? values.slice(0, max + 1) : [values[0], values[0]],
					[looseTwin(values[values.length - 1])]
				)
			};
		}
		case 'text':
			if (question.inputType === 'number') {
				const min = question.min ?? -1000;
				const max = question.max ?? 1000;
				return {
					valid: fc.integer({ min, max }),
					strict: fc.oneof(
						fc.integer({ min: min - 50, max: min - 1 }),
						fc.integer({ min: max + 1, max: max + 50 }),
						fc.constantFrom(null, '')
					),
					lenient: fc.oneof(
						fc.integer({ min, max }).map(String),
						fc.constantFrom<unknown>(true, {}, [3])
					)
				};
			}
		// falls through: a text input is judged like a comment
		case 'comment': {
			const limit = question.maxLength;
			return {
				valid: fc.string({ maxLength: Math.min(limit ?? 25, 25) }),
				strict: fc.constantFrom('', '   ', null),
				lenient: fc.oneof(
					fc.constantFrom<unknown>(42, false, {}, { text: 'x' }, ['a']),
					limit === null
						? fc.constant(7)
						: fc.integer({ min: limit + 1, max: limit + 20 }).map((n) => 'x'.repeat(n))
				)
			};
		}
	}
}

function responseArbitrary(
	instrument: Instrument
): fc.Arbitrary<{ data: Data; cleanHidden: boolean }> {
	const perQuestion = instrument.questions.map((question) => {
		const a = answers(question);
		return fc.oneof(
			{ weight: 3, arbitrary: fc.constant<Answer>(OMIT) },
			{ weight: 10, arbitrary: a.valid },
			{ weight: 1, arbitrary: a.strict },
			{ weight: 1, arbitrary: a.lenient }
		);
	});
	const cleanAnswers = instrument.questions.map((question) =>
		fc.oneof(
			{ weight: 1, arbitrary: fc.constant<Answer>(OMIT) },
			{ weight: 12, arbitrary: answers(question).valid }
		)
	);
	const names = instrument.questions.map((q) => q.name);
	const extraKeys = fc.subarray(['zz_extra', 'Kind', `${names[0]}-Comment`], { maxLength: 1 });
	const build = (values: Answer[], extras: string[]): Data => {
		const data: Data = {};
		values.forEach((value, i) => {
			if (value !== OMIT) data[names[i]] = value;
		});
		for (const key of extras) data[key] = 'x';
		return data;
	};
	return fc.oneof(
		// Mostly valid responses: whole-response verdicts must agree.
		fc.tuple(...cleanAnswers).map((values) => ({ data: build(values, []), cleanHidden: true })),
		// Anything goes, with or without answers to hidden questions.
		fc
			.tuple(fc.tuple(...perQuestion), extraKeys, fc.boolean())
			.map(([values, extras, cleanHidden]) => ({ data: build(values, extras), cleanHidden }))
	);
}

interface OracleVerdict {
	flagged: Set<string>;
	visible: Map<string, boolean>;
}

/** survey-core's verdict on a response, per question name and per unknown key. */
function oracle(model: Model, data: Data): OracleVerdict {
	model.keepIncorrectValues = true;
	model.data = structuredClone(data);
	model.validate(true, false);
	const flagged = new Set<string>();
	const visible = new Map<string, boolean>();
	for (const q of model.getAllQuestions() as SurveyQuestion[]) {
		const shown = q.isVisible && (q.page ? q.page.isVisible : true);
		visible.set(q.name, shown);
		// validate() skips hidden questions and leaves their errors of an earlier run in place.
		if (shown && q.errors.length > 0) flagged.add(q.name);
	}
	const before = JSON.stringify(model.data);
	const beforeData = JSON.parse(before) as Data;
	model.keepIncorrectValues = false;
	model.clearIncorrectValues(true);
	const after = model.data as Data;
	model.keepIncorrectValues = true;
	for (const key of Object.keys(beforeData)) {
		if (JSON.stringify(after[key]) !== JSON.stringify(beforeData[key])) flagged.add(key);
	}
	return { flagged, visible };
}

/** Removes answers to questions survey-core hides, until nothing changes (as on completion). */
function withoutHiddenAnswers(model: Model, data: Data): Data {
	let current = { ...data };
	for (let round = 0; round < 5; round++) {
		model.data = structuredClone(current);
		const hidden = (model.getAllQuestions() as SurveyQuestion[])
			.filter((q) => !(q.isVisible && (q.page ? q.page.isVisible : true)))
			.map((q) => q.name)
			.filter((name) => name in current);
		if (hidden.length === 0) return current;
		current = Object.fromEntries(Object.entries(current).filter(([key]) => !hidden.includes(key)));
	}
	return current;
}

/**
 * Why survey-core's verdict does not count for this question's value (STACK.md's lenient
 * cases), or null. Judged from the value's shape and survey-core's own visibility.
 */
function lenientCase(
	question: Question,
	value: unknown,
	visibleInSurveyCore: boolean
): string | null {
	if (!isAbsent(question, value)) {
		const values = valuesOf(question);
		const looseOnly = (v: unknown) =>
			!values.includes(v as string | number) &&
			values.some((c) => String(c).toLowerCase() === String(v).trim().toLowerCase());
		const isOption = (v: unknown) => typeof v === 'string' || typeof v === 'number';
		switch (question.type) {
			case 'radiogroup':
			case 'dropdown':
				if (!isOption(value)) return 'wrong type';
				if (looseOnly(value)) return 'loosely equal option';
				break;
			case 'checkbox': {
				if (!Array.isArray(value)) return 'wrong type';
				if (!value.every(isOption)) return 'wrong type in list';
				if (value.some(looseOnly)) return 'loosely equal option';
				if (new Set(value).size !== value.length) return 'duplicate';
				if (question.noneValue !== null && value.length > 1 && value.includes(question.noneValue)) {
					return 'none with others';
				}
				if (question.maxSelectedChoices !== null && value.length > question.maxSelectedChoices) {
					return 'too many';
				}
				break;
			}
			case 'text':
				if (question.inputType === 'number') {
					if (typeof value !== 'number') return 'wrong type';
					break;
				}
			// falls through
			case 'comment':
				if (typeof value !== 'string') return 'wrong type';
				if (question.maxLength !== null && value.length > question.maxLength) return 'too long';
				break;
		}
		if (!visibleInSurveyCore) return 'answer to a hidden question';
	}
	return null;
}

const variablesCache = new Map<Question, string[]>();

/** Lower-case question names read by a question's own and its page's visibleIf. */
function conditionVariables(question: Question): string[] {
	let names = variablesCache.get(question);
	if (!names) {
		names = [question.visibleIf, question.pageVisibleIf]
			.filter((e): e is string => e !== null)
			.flatMap((e) => new ConditionRunner(e).getVariables())
			.map((v) => v.split(/[.[]/)[0].toLowerCase());
		variablesCache.set(question, names);
	}
	return names;
}

function compare(instrument: Instrument, model: Model, data: Data) {
	const ours = compileValidator(instrument).validate(data, { requireComplete: true });
	const ourFlags = new Set(ours.errors.map((e) => e.question));
	const verdict = oracle(model, data);
	const problems: string[] = [];
	let anyFlag = verdict.flagged.size > 0;

	// A value of the wrong shape read by a condition (an object where an option belongs) may be
	// unwrapped by survey-core and not by us; the response is refused for that value anyway, so
	// the visibility of the questions whose conditions read it is not compared.
	const wrongShape = new Set(
		instrument.questions
			.filter((q) => lenientCase(q, data[q.name], true) !== null)
			.map((q) => q.name.toLowerCase())
	);
	const tainted = (question: Question) =>
		conditionVariables(question).some((name) => wrongShape.has(name));

	// Otherwise visibility is computed by both from the same expressions: it must match exactly.
	const ourHidden = compileHiddenQuestions(instrument)(data);
	for (const question of instrument.questions) {
		const ours = !ourHidden.has(question.name);
		if (ours !== verdict.visible.get(question.name) && !tainted(question)) {
			problems.push(
				`${question.name}: visible ${ours} vs survey-core ${verdict.visible.get(question.name)}`
			);
		}
	}
	for (const question of instrument.questions) {
		const name = question.name;
		const visible = tainted(question) ? true : (verdict.visible.get(name) ?? true);
		const lenient = lenientCase(question, data[name], visible);
		if (lenient) {
			anyFlag = true;
			if (!ourFlags.has(name))
				problems.push(`${name}: ${lenient} (${JSON.stringify(data[name])}) not refused`);
		} else if (tainted(question)) {
			anyFlag = true;
		} else if (ourFlags.has(name) !== verdict.flagged.has(name)) {
			problems.push(
				`${name}: ours ${ourFlags.has(name)} vs survey-core ${verdict.flagged.has(name)} for ${JSON.stringify(data[name])}`
			);
		}
	}
	for (const key of Object.keys(data)) {
		if (key in instrument.questionsByName) continue;
		const commentKey = key.endsWith('-Comment') && key.slice(0, -8) in instrument.questionsByName;
		if (!ourFlags.has(key)) problems.push(`${key}: unknown key not refused`);
		if (!commentKey && !verdict.flagged.has(key)) problems.push(`${key}: survey-core kept it`);
		anyFlag = true;
	}
	if (ours.valid === anyFlag) problems.push(`verdict: ours ${ours.valid}, expected ${!anyFlag}`);
	return { problems, valid: ours.valid };
}

function runDifferential(instrument: Instrument, numRuns: number) {
	const model = new Model(instrument.survey);
	let valid = 0;
	fc.assert(
		fc.property(responseArbitrary(instrument), ({ data, cleanHidden }) => {
			const response = cleanHidden ? withoutHiddenAnswers(model, data) : data;
			const { problems, valid: isValid } = compare(instrument, model, response);
			if (isValid) valid++;
			expect(problems, JSON.stringify(response)).toEqual([]);
		}),
		// No shrinking: each step costs a survey-core run, and the problems list already names
		// the question and value that differ.
		{ numRuns, endOnFailure: true }
	);
	model.dispose();
	return valid;
}

const real = existsSync('surveys')
	? (() => {
			try {
				return loadInstrumentsFromDir('surveys');
			} catch {
				return [];
			}
		})()
	: [];

// survey-core takes about a millisecond per response: generous timeouts for loaded CI machines.
const TIMEOUT = 60_000;

describe('validator agrees with survey-core (differential, fast-check)', () => {
	it(
		'on a fixture with page and question conditions, limits and every type',
		() => {
			const valid = runDifferential(parseInstrument(differentialSource()), 300);
			// A test of validity needs valid responses too: make sure the generator produces some.
			expect(valid).toBeGreaterThan(20);
		},
		TIMEOUT
	);

	it(
		'on the shared unit-test fixture',
		() => {
			expect(runDifferential(parseInstrument(fixtureSource()), 150)).toBeGreaterThan(10);
		},
		TIMEOUT
	);

	it.each(real.map((r) => [r.key, r.instrument] as const))(
		'on the real instrument %s',
		(_key, instrument) => {
			expect(runDifferential(instrument, 60)).toBeGreaterThan(3);
		},
		TIMEOUT
	);

	it('covers real instruments: both shipped instruments were loaded', () => {
		expect(real.map((r) => r.key).sort()).toEqual([
			'association-professionalisation',
			'chamber-diversity'
		]);
	});
});
