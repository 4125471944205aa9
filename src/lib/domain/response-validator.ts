// Strict validation of a response (SurveyJS data keyed by question name) against an instrument.
//
// SurveyJS's own validate() is slow and lenient (STACK.md: it keeps wrong shapes, answers to
// hidden questions and over-long text, and without keepIncorrectValues it silently deletes
// unknown choices). This validator is compiled once per instrument version, never changes the
// data, and names the question and the reason for everything it refuses. survey-core stays the
// oracle in tests/unit/response-validator.differential.test.ts.
//
// Reasons are shown beside the questions after a refused submission, so they are written in the
// request's language when a validation runs (never when the validator is compiled).
import { ConditionRunner } from 'survey-core';
import { m } from '../paraglide/messages.js';
import type { ChoiceValue, Instrument, Question } from './instrument';

export type ValidationErrorCode =
	| 'notAnObject'
	| 'unknownQuestion'
	| 'wrongType'
	| 'unknownChoice'
	| 'duplicateChoice'
	| 'noneWithOthers'
	| 'tooFewChoices'
	| 'tooManyChoices'
	| 'belowMin'
	| 'aboveMax'
	| 'tooLong'
	| 'hiddenAnswer'
	| 'required';

export interface ResponseValidationError {
	/** The question's name (or the unknown key); null when the response as a whole is wrong. */
	question: string | null;
	code: ValidationErrorCode;
	reason: string;
}

export interface ResponseValidationResult {
	valid: boolean;
	errors: ResponseValidationError[];
}

export interface ValidateOptions {
	/** Submission: every visible required question must be answered. */
	requireComplete: boolean;
}

export interface ResponseValidator {
	/**
	 * Strict check: shapes, unknown names, answers to hidden questions, and with
	 * `requireComplete` the required visible questions.
	 */
	validate(data: unknown, options: ValidateOptions): ResponseValidationResult;
	/**
	 * Draft check: shapes and unknown names only. A draft may keep an answer to a question
	 * that a later answer hid (SurveyJS clears hidden answers only on completion).
	 */
	validateDraft(data: unknown): ResponseValidationResult;
}

/** Names of the questions a response does not show (hidden by their or their page's visibleIf). */
export type HiddenQuestions = ReadonlySet<string>;

type Data = Readonly<Record<string, unknown>>;
type ShapeError = { code: ValidationErrorCode; reason: string } | null;

/** SurveyJS's notion of "no answer" for a question: undefined, null, '' and, for checkboxes, []. */
export function isAbsent(question: Question, value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	return question.type === 'checkbox' && Array.isArray(value) && value.length === 0;
}

/** Missing for the required rule: absent, or text of blanks only (SurveyJS trims text). */
function isMissing(question: Question, value: unknown): boolean {
	if (isAbsent(question, value)) return true;
	return (
		(question.type === 'text' || question.type === 'comment') &&
		typeof value === 'string' &&
		value.trim() === ''
	);
}

/** What was sent instead, named for a reason: "a list", "number 3", text in quotes. */
function describe(value: unknown): string {
	if (value === null) return m.assess_validator_got_null();
	if (Array.isArray(value)) return m.assess_validator_got_list();
	if (typeof value === 'object') return m.assess_validator_got_object();
	if (typeof value === 'string')
		return m.assess_validator_got_text({ value: JSON.stringify(value) });
	if (typeof value === 'number') return m.assess_validator_got_number({ value: String(value) });
	if (typeof value === 'boolean') return m.assess_validator_got_boolean({ value: String(value) });
	return m.assess_validator_got_other({ type: typeof value, value: String(value) });
}

function choiceLookup(values: readonly ChoiceValue[]): (value: unknown) => ShapeError {
	// Exact type and value: "3" is not the option 3, and "Yes" is not "yes".
	const strings = new Set(values.filter((v): v is string => typeof v === 'string'));
	const numbers = new Set(values.filter((v): v is number => typeof v === 'number'));
	return (value) => {
		if (typeof value === 'string') {
			return strings.has(value)
				? null
				: {
						code: 'unknownChoice',
						reason: m.assess_validator_unknown_choice({ value: JSON.stringify(value) })
					};
		}
		if (typeof value === 'number') {
			return numbers.has(value)
				? null
				: {
						code: 'unknownChoice',
						reason: m.assess_validator_unknown_choice({ value: String(value) })
					};
		}
		return {
			code: 'wrongType',
			reason: m.assess_validator_expected_option({ got: describe(value) })
		};
	};
}

/** The shape check of one question's (present) answer. */
function compileShape(question: Question): (value: unknown) => ShapeError {
	switch (question.type) {
		case 'radiogroup':
		case 'dropdown':
			return choiceLookup(question.choices.map((c) => c.value));
		case 'checkbox': {
			const values = question.choices.map((c) => c.value);
			const none = question.noneValue;
			const option = choiceLookup(none === null ? values : [...values, none]);
			const max = question.maxSelectedChoices;
			return (value) => {
				if (!Array.isArray(value)) {
					return {
						code: 'wrongType',
						reason: m.assess_validator_expected_options({ got: describe(value) })
					};
				}
				const seen = new Set<unknown>();
				for (const item of value) {
					const error = option(item);
					if (error) {
						return error.code === 'wrongType'
							? {
									code: 'wrongType',
									reason: m.assess_validator_expected_option_in_list({ got: describe(item) })
								}
							: error;
					}
					if (seen.has(item)) {
						return {
							code: 'duplicateChoice',
							reason: m.assess_validator_duplicate_choice({ value: JSON.stringify(item) })
						};
					}
					seen.add(item);
				}
				if (none !== null && value.length > 1 && seen.has(none)) {
					return {
						code: 'noneWithOthers',
						reason: m.assess_validator_none_with_others({ none: String(none) })
					};
				}
				if (max !== null && value.length > max) {
					return {
						code: 'tooManyChoices',
						reason: m.assess_validator_too_many_choices({
							max: String(max),
							count: String(value.length)
						})
					};
				}
				return null;
			};
		}
		case 'text':
			if (question.inputType === 'number') {
				const { min, max } = question;
				return (value) => {
					if (typeof value !== 'number' || !Number.isFinite(value)) {
						return {
							code: 'wrongType',
							reason: m.assess_validator_expected_number({ got: describe(value) })
						};
					}
					if (min !== null && value < min) {
						return {
							code: 'belowMin',
							reason: m.assess_validator_below_min({ value: String(value), min: String(min) })
						};
					}
					if (max !== null && value > max) {
						return {
							code: 'aboveMax',
							reason: m.assess_validator_above_max({ value: String(value), max: String(max) })
						};
					}
					return null;
				};
			}
			return textShape(question.maxLength);
		case 'comment':
			return textShape(question.maxLength);
	}
}

function textShape(maxLength: number | null): (value: unknown) => ShapeError {
	return (value) => {
		if (typeof value !== 'string') {
			return {
				code: 'wrongType',
				reason: m.assess_validator_expected_text({ got: describe(value) })
			};
		}
		if (maxLength !== null && value.length > maxLength) {
			return {
				code: 'tooLong',
				reason: m.assess_validator_too_long({
					length: String(value.length),
					max: String(maxLength)
				})
			};
		}
		return null;
	};
}

const NONE_HIDDEN: HiddenQuestions = new Set();
const visibilityCache = new WeakMap<Instrument, (data: Data) => HiddenQuestions>();

/**
 * Which questions a response hides, from the questions' and pages' visibleIf evaluated with
 * survey-core's own expression engine against the whole response, as a SurveyJS form would.
 * Compiled once per instrument; the expressions are parsed once.
 */
export function compileHiddenQuestions(instrument: Instrument): (data: Data) => HiddenQuestions {
	const cached = visibilityCache.get(instrument);
	if (cached) return cached;
	const runners = new Map<string, ConditionRunner>();
	const runner = (expression: string | null) => {
		if (expression === null) return null;
		let compiled = runners.get(expression);
		if (!compiled) {
			compiled = new ConditionRunner(expression);
			runners.set(expression, compiled);
		}
		return compiled;
	};
	const conditional = instrument.questions
		.map((q) => ({ name: q.name, page: runner(q.pageVisibleIf), own: runner(q.visibleIf) }))
		.filter((p) => p.page !== null || p.own !== null);

	const hiddenQuestions = (data: Data): HiddenQuestions => {
		if (conditional.length === 0) return NONE_HIDDEN;
		const hidden = new Set<string>();
		// A page's condition is shared by its questions: evaluate it once per response.
		const results = new Map<ConditionRunner, boolean>();
		const run = (r: ConditionRunner) => {
			let value = results.get(r);
			if (value === undefined) {
				value = r.runValues(data as Record<string, unknown>) === true;
				results.set(r, value);
			}
			return value;
		};
		for (const p of conditional) {
			if ((p.page !== null && !run(p.page)) || (p.own !== null && !run(p.own))) hidden.add(p.name);
		}
		return hidden;
	};
	visibilityCache.set(instrument, hiddenQuestions);
	return hiddenQuestions;
}

const validatorCache = new WeakMap<Instrument, ResponseValidator>();

/** Compiles an instrument's strict response validator once (cached per instrument object). */
export function compileValidator(instrument: Instrument): ResponseValidator {
	const cached = validatorCache.get(instrument);
	if (cached) return cached;
	const visibility = compileHiddenQuestions(instrument);
	const checks = instrument.questions.map((question) => ({
		question,
		shape: compileShape(question),
		minSelected: question.type === 'checkbox' ? question.minSelectedChoices : null,
		none: question.type === 'checkbox' ? question.noneValue : null
	}));
	const known = new Set(instrument.questions.map((q) => q.name));

	const run = (data: unknown, mode: 'draft' | 'strict', requireComplete: boolean) => {
		const errors: ResponseValidationError[] = [];
		if (data === null || typeof data !== 'object' || Array.isArray(data)) {
			errors.push({
				question: null,
				code: 'notAnObject',
				reason: m.assess_validator_not_object({ got: describe(data) })
			});
			return { valid: false, errors };
		}
		const answers = data as Data;
		for (const key of Object.keys(answers)) {
			if (!known.has(key)) {
				errors.push({
					question: key,
					code: 'unknownQuestion',
					reason: m.assess_validator_unknown_question({ key })
				});
			}
		}
		const hidden = mode === 'strict' ? visibility(answers) : null;
		for (const { question, shape, minSelected, none } of checks) {
			const value = answers[question.name];
			const absent = isAbsent(question, value);
			if (!absent) {
				const error = shape(value);
				if (error) {
					errors.push({ question: question.name, ...error });
					continue;
				}
			}
			if (hidden === null) continue;
			if (hidden.has(question.name)) {
				if (!absent) {
					errors.push({
						question: question.name,
						code: 'hiddenAnswer',
						reason: m.assess_validator_hidden_answer()
					});
				}
				continue;
			}
			if (question.isRequired && requireComplete && isMissing(question, value)) {
				errors.push({
					question: question.name,
					code: 'required',
					reason: m.assess_validator_required()
				});
				continue;
			}
			// As in SurveyJS, minSelectedChoices applies to a visible checkbox even when it is
			// empty (so only on completion), and "none" alone satisfies it.
			if (minSelected !== null && (requireComplete || !absent)) {
				const count = Array.isArray(value) ? value.length : 0;
				const noneAlone = count === 1 && none !== null && (value as unknown[])[0] === none;
				if (count < minSelected && !noneAlone) {
					errors.push({
						question: question.name,
						code: 'tooFewChoices',
						reason: m.assess_validator_too_few_choices({
							min: String(minSelected),
							count: String(count)
						})
					});
				}
			}
		}
		return { valid: errors.length === 0, errors };
	};

	const validator: ResponseValidator = {
		validate: (data, options) => run(data, 'strict', options.requireComplete),
		validateDraft: (data) => run(data, 'draft', false)
	};
	validatorCache.set(instrument, validator);
	return validator;
}
