// survey.json: SurveyJS JSON is loose, so it is walked by hand against surveys/README.md.
import './survey-properties';
import { ConditionRunner, ConditionsParser, Serializer } from 'survey-core';
import {
	EXCLUDE_KINDS,
	GATE_LEVELS,
	SCORED_QUESTION_TYPES,
	SUPPORTED_QUESTION_TYPES,
	type ExcludeKind,
	type GateLevel,
	type QuestionType
} from './constants';
import type { Choice, Gate, Question, QuestionScoring } from './instrument';
import {
	describeValue,
	isObject,
	localizedProblem,
	type JsonObject,
	type Problems
} from './instrument-problems';
import type { LocalizedString } from './localized';

/**
 * Properties that change what an answer may be or whether it is required. The platform's own
 * validator (response-validator.ts) does not implement them, so an instrument using them would
 * accept answers the validator cannot judge: refuse them with the reason.
 */
export const UNSUPPORTED_QUESTION_PROPERTIES: Record<string, string> = {
	valueName: 'stores the answer under another name',
	enableIf: 'makes the question read-only on a condition',
	readOnly: 'makes the question read-only',
	requiredIf: 'makes the question required on a condition; use isRequired',
	validators: 'adds validators the platform does not run',
	setValueIf: 'sets answers by expression',
	setValueExpression: 'sets answers by expression',
	resetValueIf: 'clears answers by expression',
	defaultValue: 'pre-fills an answer, which would bias the score',
	defaultValueExpression: 'pre-fills an answer, which would bias the score',
	bindings: 'binds the answer to another question',
	clearIfInvisible: 'changes when hidden answers are cleared',
	showCommentArea: 'stores an extra "-Comment" answer',
	hasComment: 'stores an extra "-Comment" answer',
	choicesFromQuestion: 'copies choices from another question',
	choiceValuesFromQuestion: 'copies choices from another question',
	choiceTextsFromQuestion: 'copies choices from another question',
	choicesByUrl: 'loads choices from a server',
	choicesVisibleIf: 'hides choices on a condition',
	choicesEnableIf: 'disables choices on a condition',
	hideIfChoicesEmpty: 'hides the question when choices are filtered out',
	showOtherItem: 'adds an "other" answer with free text',
	hasOther: 'adds an "other" answer with free text',
	storeOthersAsComment: 'stores "other" text apart',
	showRefuseItem: 'adds a built-in "refuse" answer',
	showDontKnowItem: 'adds a built-in "don\'t know" answer; use a choice with exclude "dontKnow"',
	showSelectAllItem: 'adds a built-in "select all" answer',
	hasSelectAll: 'adds a built-in "select all" answer',
	valuePropertyName: 'stores checkbox answers as objects',
	minValueExpression: 'computes the minimum by expression; use min',
	maxValueExpression: 'computes the maximum by expression; use max',
	maskType: 'masks the input',
	maskSettings: 'masks the input'
};

export const UNSUPPORTED_PAGE_PROPERTIES: Record<string, string> = {
	enableIf: 'makes the page read-only on a condition',
	readOnly: 'makes the page read-only',
	requiredIf: 'makes the page required on a condition',
	isRequired: 'requires an answer somewhere on the page; set isRequired on questions'
};

export const UNSUPPORTED_SURVEY_PROPERTIES: Record<string, string> = {
	triggers: 'sets or copies answers by trigger',
	calculatedValues: 'adds computed values to the answers',
	elements: 'holds questions outside pages; put every question in a page'
};

const SCORING_ONLY_PROPERTIES = ['weight', 'gateLevel', 'gateThreshold'] as const;

/** SurveyJS's built-in value of the "none" option (settings.noneItemValue). */
const NONE_VALUE = 'none';

/** Whether a property counts as set (false, '', [], {} and maskType "none" do not). */
export function isSetProperty(key: string, value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	if (Array.isArray(value) && value.length === 0) return false;
	if (isObject(value) && Object.keys(value).length === 0) return false;
	if (key === 'maskType' && value === 'none') return false;
	return true;
}

interface ParsedSurvey {
	questions: Question[];
}

interface ConditionInfo {
	error: string | null;
	variables: string[];
}

function inspectCondition(expression: string): ConditionInfo {
	// A parser keeps its last error, so each expression gets a fresh one.
	const parser = new ConditionsParser();
	if (!parser.parseExpression(expression)) {
		return { error: `cannot be parsed (${parser.error?.code ?? 'syntax error'})`, variables: [] };
	}
	return { error: null, variables: new ConditionRunner(expression).getVariables() };
}

const localizableCache = new Map<string, string[]>();

/** Localisable properties of a SurveyJS class, as survey-core itself declares them. */
function localizableProperties(className: string): string[] {
	let names = localizableCache.get(className);
	if (!names) {
		names = Serializer.getProperties(className)
			.filter((property) => property.isLocalizable)
			.map((property) => property.name);
		localizableCache.set(className, names);
	}
	return names;
}

function checkLocalizable(
	object: JsonObject,
	className: string,
	element: string,
	path: string,
	problems: Problems,
	required: readonly string[] = []
): void {
	for (const name of localizableProperties(className)) {
		if (object[name] === undefined && !required.includes(name)) continue;
		const problem = localizedProblem(object[name]);
		if (problem) problems.add('survey.json', element, `${path}.${name}`, `${name} ${problem}`);
	}
}

function checkUnsupported(
	object: JsonObject,
	table: Record<string, string>,
	element: string,
	path: string,
	problems: Problems
): void {
	for (const [key, why] of Object.entries(table)) {
		if (isSetProperty(key, object[key])) {
			problems.add('survey.json', element, `${path}.${key}`, `${key} is not supported: it ${why}`);
		}
	}
}

function optionalNumber(
	object: JsonObject,
	key: string,
	element: string,
	path: string,
	problems: Problems,
	check: (n: number) => string | null = () => null
): number | null {
	const value = object[key];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		problems.add(
			'survey.json',
			element,
			`${path}.${key}`,
			`${key} must be a number, got ${describeValue(value)}`
		);
		return null;
	}
	const problem = check(value);
	if (problem) {
		problems.add('survey.json', element, `${path}.${key}`, `${key} ${problem}`);
		return null;
	}
	return value;
}

const nonNegativeInteger = (n: number) =>
	Number.isInteger(n) && n >= 0 ? null : 'must be a whole number of 0 or more';

export function parseSurvey(
	raw: unknown,
	dimensionKeys: ReadonlySet<string>,
	problems: Problems
): ParsedSurvey | null {
	const before = problems.list.length;
	if (!isObject(raw)) {
		problems.add('survey.json', 'survey', '', `must be an object, got ${describeValue(raw)}`);
		return null;
	}
	checkUnsupported(raw, UNSUPPORTED_SURVEY_PROPERTIES, 'survey', '', problems);
	if (raw.clearInvisibleValues === 'none') {
		problems.add(
			'survey.json',
			'survey',
			'clearInvisibleValues',
			'clearInvisibleValues "none" would submit answers to hidden questions, which are refused'
		);
	}
	checkLocalizable(raw, 'survey', 'survey', '', problems);
	const maxTextLength = optionalNumber(
		raw,
		'maxTextLength',
		'survey',
		'',
		problems,
		nonNegativeInteger
	);

	if (!Array.isArray(raw.pages) || raw.pages.length === 0) {
		problems.add('survey.json', 'survey', 'pages', 'pages must be a non-empty array');
		return null;
	}

	const questions: Question[] = [];
	const names = new Map<string, string>();
	const conditions: { element: string; path: string; variables: string[] }[] = [];

	raw.pages.forEach((page: unknown, pageIndex: number) => {
		const pagePath = `pages[${pageIndex}]`;
		if (!isObject(page)) {
			problems.add('survey.json', `page #${pageIndex + 1}`, pagePath, 'must be an object');
			return;
		}
		const pageName = typeof page.name === 'string' && page.name !== '' ? page.name : null;
		const pageElement = pageName ? `page "${pageName}"` : `page #${pageIndex + 1}`;
		if (!pageName) problems.add('survey.json', pageElement, `${pagePath}.name`, 'page has no name');
		checkUnsupported(page, UNSUPPORTED_PAGE_PROPERTIES, pageElement, pagePath, problems);
		checkLocalizable(page, 'page', pageElement, pagePath, problems);
		let pageVisibleIf: string | null = null;
		if (page.visibleIf !== undefined && page.visibleIf !== '') {
			pageVisibleIf = checkVisibleIf(page.visibleIf, pageElement, pagePath, problems, conditions);
		}
		if (!Array.isArray(page.elements)) {
			problems.add('survey.json', pageElement, `${pagePath}.elements`, 'elements must be an array');
			return;
		}
		page.elements.forEach((element: unknown, elementIndex: number) => {
			const path = `${pagePath}.elements[${elementIndex}]`;
			const question = parseQuestion(element, path, {
				page: pageName ?? String(pageIndex),
				pageVisibleIf,
				dimensionKeys,
				maxTextLength,
				problems,
				conditions
			});
			if (!question) return;
			const lower = question.name.toLowerCase();
			const first = names.get(lower);
			if (first !== undefined) {
				// SurveyJS matches names without regard to case, so `A` and `a` would share one answer.
				problems.add(
					'survey.json',
					`question "${question.name}"`,
					`${path}.name`,
					`duplicate question name (first used at ${first})`
				);
				return;
			}
			names.set(lower, path);
			questions.push(question);
		});
	});

	for (const condition of conditions) {
		for (const variable of condition.variables) {
			const name = variable.split(/[.[]/)[0].toLowerCase();
			if (!names.has(name)) {
				problems.add(
					'survey.json',
					condition.element,
					`${condition.path}.visibleIf`,
					`visibleIf refers to {${variable}}, which is not a question of this survey`
				);
			}
		}
	}
	for (const question of questions) {
		if (question.scoring?.gate && (question.visibleIf || question.pageVisibleIf)) {
			problems.add(
				'survey.json',
				`question "${question.name}"`,
				'',
				'a gate question must always be visible (no visibleIf on it or its page): a hidden gate could never be met'
			);
		}
	}
	return problems.list.length > before ? null : { questions };
}

function checkVisibleIf(
	value: unknown,
	element: string,
	path: string,
	problems: Problems,
	conditions: { element: string; path: string; variables: string[] }[]
): string | null {
	if (typeof value !== 'string') {
		problems.add(
			'survey.json',
			element,
			`${path}.visibleIf`,
			'visibleIf must be a string expression'
		);
		return null;
	}
	const info = inspectCondition(value);
	if (info.error) {
		problems.add('survey.json', element, `${path}.visibleIf`, `visibleIf ${info.error}`);
		return null;
	}
	conditions.push({ element, path, variables: info.variables });
	return value;
}

interface QuestionContext {
	page: string;
	pageVisibleIf: string | null;
	dimensionKeys: ReadonlySet<string>;
	maxTextLength: number | null;
	problems: Problems;
	conditions: { element: string; path: string; variables: string[] }[];
}

function parseQuestion(raw: unknown, path: string, context: QuestionContext): Question | null {
	const { problems } = context;
	const before = problems.list.length;
	if (!isObject(raw)) {
		problems.add('survey.json', 'element', path, `must be an object, got ${describeValue(raw)}`);
		return null;
	}
	const name = typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name : null;
	const element = name ? `question "${name}"` : `element at ${path}`;
	if (!name) problems.add('survey.json', element, `${path}.name`, 'has no name');
	const type = raw.type;
	if (typeof type !== 'string' || !(SUPPORTED_QUESTION_TYPES as readonly string[]).includes(type)) {
		problems.add(
			'survey.json',
			element,
			`${path}.type`,
			`question type ${describeValue(type)} is not supported; allowed: ${SUPPORTED_QUESTION_TYPES.join(', ')}`
		);
		return null;
	}
	const questionType = type as QuestionType;
	checkUnsupported(raw, UNSUPPORTED_QUESTION_PROPERTIES, element, path, problems);
	checkLocalizable(raw, questionType, element, path, problems, ['title']);
	if (raw.isRequired !== undefined && typeof raw.isRequired !== 'boolean') {
		problems.add('survey.json', element, `${path}.isRequired`, 'isRequired must be true or false');
	}
	let visibleIf: string | null = null;
	if (raw.visibleIf !== undefined && raw.visibleIf !== '') {
		visibleIf = checkVisibleIf(raw.visibleIf, element, path, problems, context.conditions);
	}

	const scored = raw.dimension !== undefined;
	if (scored) {
		if (typeof raw.dimension !== 'string' || !context.dimensionKeys.has(raw.dimension)) {
			problems.add(
				'survey.json',
				element,
				`${path}.dimension`,
				`dimension ${describeValue(raw.dimension)} is not a dimension of model.json`
			);
		}
		if (!(SCORED_QUESTION_TYPES as readonly string[]).includes(questionType)) {
			problems.add(
				'survey.json',
				element,
				`${path}.dimension`,
				`a ${questionType} question cannot be scored (only ${SCORED_QUESTION_TYPES.join(', ')})`
			);
		}
	} else {
		for (const key of SCORING_ONLY_PROPERTIES) {
			if (raw[key] !== undefined) {
				problems.add(
					'survey.json',
					element,
					`${path}.${key}`,
					`${key} is set on an unscored question (it has no dimension)`
				);
			}
		}
	}

	const base = {
		name: name ?? '',
		page: context.page,
		title: raw.title as LocalizedString,
		isRequired: raw.isRequired === true,
		visibleIf,
		pageVisibleIf: context.pageVisibleIf
	};

	let question: Question;
	switch (questionType) {
		case 'radiogroup':
		case 'dropdown': {
			const choices = parseChoices(raw, element, path, scored, problems);
			const scoring = scored ? parseScoring(raw, choices, element, path, problems) : null;
			question = { ...base, type: questionType, choices, scoring };
			break;
		}
		case 'checkbox': {
			const choices = parseChoices(raw, element, path, false, problems);
			const showNone = raw.showNoneItem === true || raw.hasNone === true;
			if (showNone && choices.some((choice) => choice.value === NONE_VALUE)) {
				problems.add(
					'survey.json',
					element,
					`${path}.choices`,
					`a choice uses the value "${NONE_VALUE}", which the built-in "none" option already uses`
				);
			}
			const min = optionalNumber(
				raw,
				'minSelectedChoices',
				element,
				path,
				problems,
				nonNegativeInteger
			);
			const max = optionalNumber(
				raw,
				'maxSelectedChoices',
				element,
				path,
				problems,
				nonNegativeInteger
			);
			question = {
				...base,
				type: 'checkbox',
				choices,
				noneValue: showNone ? NONE_VALUE : null,
				// 0 means "no limit" in SurveyJS.
				minSelectedChoices: min ? min : null,
				maxSelectedChoices: max ? max : null,
				scoring: null
			};
			if (min && max && min > max) {
				problems.add(
					'survey.json',
					element,
					path,
					'minSelectedChoices is above maxSelectedChoices'
				);
			}
			break;
		}
		case 'text': {
			const inputType = raw.inputType ?? 'text';
			if (inputType !== 'text' && inputType !== 'number') {
				problems.add(
					'survey.json',
					element,
					`${path}.inputType`,
					`inputType ${describeValue(inputType)} is not supported; use "text" or "number"`
				);
			}
			const isNumber = inputType === 'number';
			for (const key of ['min', 'max']) {
				if (!isNumber && raw[key] !== undefined) {
					problems.add('survey.json', element, `${path}.${key}`, `${key} needs inputType "number"`);
				}
			}
			const min = isNumber ? optionalNumber(raw, 'min', element, path, problems) : null;
			const max = isNumber ? optionalNumber(raw, 'max', element, path, problems) : null;
			if (min !== null && max !== null && min > max) {
				problems.add('survey.json', element, path, 'min is above max');
			}
			question = {
				...base,
				type: 'text',
				inputType: isNumber ? 'number' : 'text',
				min,
				max,
				// SurveyJS ignores maxLength on number inputs.
				maxLength: isNumber ? null : parseMaxLength(raw, element, path, context),
				scoring: null
			};
			break;
		}
		case 'comment':
			question = {
				...base,
				type: 'comment',
				maxLength: parseMaxLength(raw, element, path, context),
				scoring: null
			};
			break;
	}
	return problems.list.length > before ? null : question;
}

/** SurveyJS: maxLength -1 (default) inherits the survey's maxTextLength; 0 means no limit. */
function parseMaxLength(
	raw: JsonObject,
	element: string,
	path: string,
	context: QuestionContext
): number | null {
	const own = optionalNumber(raw, 'maxLength', element, path, context.problems, (n) =>
		Number.isInteger(n) && n >= -1 ? null : 'must be a whole number (-1 inherits the survey limit)'
	);
	const limit = own === null || own < 0 ? context.maxTextLength : own;
	return limit !== null && limit > 0 ? limit : null;
}

function parseChoices(
	raw: JsonObject,
	element: string,
	path: string,
	scored: boolean,
	problems: Problems
): Choice[] {
	if (!Array.isArray(raw.choices) || raw.choices.length === 0) {
		problems.add('survey.json', element, `${path}.choices`, 'choices must be a non-empty array');
		return [];
	}
	const choices: Choice[] = [];
	const seen = new Map<string, number>();
	raw.choices.forEach((item: unknown, index: number) => {
		const choicePath = `${path}.choices[${index}]`;
		if (!isObject(item)) {
			problems.add(
				'survey.json',
				`${element} option ${describeValue(item)}`,
				choicePath,
				'option must be an object { "value": …, "text": { "default": …, "de": …, "fr": … } }'
			);
			return;
		}
		const value = item.value;
		if (
			(typeof value !== 'string' || value === '') &&
			(typeof value !== 'number' || !Number.isFinite(value))
		) {
			problems.add(
				'survey.json',
				`${element} option #${index + 1}`,
				`${choicePath}.value`,
				'option value must be a non-empty string or a number'
			);
			return;
		}
		const optionElement = `${element} option "${value}"`;
		// SurveyJS compares choice values loosely (case, "1" and 1), so such pairs would collide.
		const looseKey = String(value).trim().toLowerCase();
		const first = seen.get(looseKey);
		if (first !== undefined) {
			problems.add(
				'survey.json',
				optionElement,
				`${choicePath}.value`,
				`duplicate option value (same as option #${first + 1})`
			);
		}
		seen.set(looseKey, index);
		const textProblem = localizedProblem(item.text);
		if (textProblem)
			problems.add('survey.json', optionElement, `${choicePath}.text`, `text ${textProblem}`);
		for (const key of ['visibleIf', 'enableIf']) {
			if (isSetProperty(key, item[key])) {
				problems.add(
					'survey.json',
					optionElement,
					`${choicePath}.${key}`,
					`${key} on an option is not supported`
				);
			}
		}
		let exclude: ExcludeKind | null = null;
		if (item.exclude !== undefined && item.exclude !== '') {
			if ((EXCLUDE_KINDS as readonly unknown[]).includes(item.exclude)) {
				exclude = item.exclude as ExcludeKind;
			} else {
				problems.add(
					'survey.json',
					optionElement,
					`${choicePath}.exclude`,
					`exclude must be one of ${EXCLUDE_KINDS.join(', ')}`
				);
			}
		}
		let points: number | null = null;
		if (item.points !== undefined) {
			if (!scored) {
				problems.add(
					'survey.json',
					optionElement,
					`${choicePath}.points`,
					'points on an unscored question (it has no dimension)'
				);
			} else if (exclude) {
				problems.add(
					'survey.json',
					optionElement,
					`${choicePath}.points`,
					`an option excluded as ${exclude} carries no points`
				);
			} else if (
				typeof item.points !== 'number' ||
				!Number.isFinite(item.points) ||
				item.points < 0
			) {
				problems.add(
					'survey.json',
					optionElement,
					`${choicePath}.points`,
					`points must be a number of 0 or more, got ${describeValue(item.points)}`
				);
			} else {
				points = item.points;
			}
		} else if (scored && !exclude) {
			problems.add(
				'survey.json',
				optionElement,
				`${choicePath}.points`,
				'option of a scored question has no points (give points, or exclude "notApplicable"/"dontKnow")'
			);
		}
		choices.push({ value, text: item.text as LocalizedString, points, exclude });
	});
	return choices;
}

function parseScoring(
	raw: JsonObject,
	choices: Choice[],
	element: string,
	path: string,
	problems: Problems
): QuestionScoring | null {
	const weight = optionalNumber(raw, 'weight', element, path, problems, (n) =>
		n > 0 ? null : 'must be above 0'
	);
	const pointed = choices.filter((choice) => choice.points !== null);
	const maxPoints = pointed.reduce((max, choice) => Math.max(max, choice.points ?? 0), 0);
	if (choices.length > 0 && maxPoints <= 0) {
		problems.add(
			'survey.json',
			element,
			`${path}.choices`,
			'no option carries more than 0 points, so no score can be computed'
		);
	}
	let gate: Gate | null = null;
	const gateLevel = raw.gateLevel;
	const threshold = raw.gateThreshold;
	if (gateLevel !== undefined) {
		if (!(GATE_LEVELS as readonly unknown[]).includes(gateLevel)) {
			problems.add(
				'survey.json',
				element,
				`${path}.gateLevel`,
				`gateLevel must be one of ${GATE_LEVELS.join(', ')}, got ${describeValue(gateLevel)}`
			);
		}
		if (threshold === undefined) {
			problems.add(
				'survey.json',
				element,
				`${path}.gateThreshold`,
				'a gate needs a gateThreshold (minimum question score, 0–1)'
			);
		} else if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
			problems.add(
				'survey.json',
				element,
				`${path}.gateThreshold`,
				`gateThreshold must be a number from 0 to 1, got ${describeValue(threshold)}`
			);
		}
		const notApplicable = choices.find((choice) => choice.exclude === 'notApplicable');
		if (notApplicable) {
			problems.add(
				'survey.json',
				`${element} option "${notApplicable.value}"`,
				`${path}.choices`,
				'a gate question must not offer "notApplicable": answering it would switch the gate off'
			);
		}
		if (typeof threshold === 'number' && (GATE_LEVELS as readonly unknown[]).includes(gateLevel)) {
			gate = { level: gateLevel as GateLevel, threshold };
		}
	} else if (threshold !== undefined) {
		problems.add(
			'survey.json',
			element,
			`${path}.gateThreshold`,
			'gateThreshold without gateLevel'
		);
	}
	return { dimension: String(raw.dimension), weight: weight ?? 1, maxPoints, gate };
}
