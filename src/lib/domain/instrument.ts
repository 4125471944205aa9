// An instrument: questionnaire (SurveyJS JSON) + maturity model + improvement pathways.
//
// `checkInstrument` turns the three parsed JSON files into one typed, checked object and lists
// every problem it finds, each naming the file and the element, so an author (or a later
// editor) can fix them all in one pass. The file format is surveys/README.md; the checks live
// in instrument-model.ts (model.json, pathways.json) and instrument-survey.ts (survey.json).
import {
	INSTRUMENT_SIZES,
	type Effort,
	type ExcludeKind,
	type GateLevel,
	type Level,
	type PathwayLevel
} from './constants';
import { Problems } from './instrument-problems';
import { parseModel, parsePathways, rawDimensionKeys } from './instrument-model';
import { parseSurvey } from './instrument-survey';
import type { LocalizedString } from './localized';

// ---------------------------------------------------------------------------------------------
// Types

export type InstrumentFile = 'survey.json' | 'model.json' | 'pathways.json';

/** One thing wrong with an instrument: where (file, element, JSON path) and what. */
export interface InstrumentProblem {
	file: InstrumentFile;
	/** The element in words: `question "outreach_campaigns"`, `dimension "outreach"`, … */
	element: string;
	/** JSON path inside the file, e.g. `pages[2].elements[0].choices[1].points`. */
	path: string;
	message: string;
}

/** The three files of an instrument, as parsed JSON (not yet checked). */
export interface InstrumentSource {
	survey: unknown;
	model: unknown;
	pathways: unknown;
}

export type ChoiceValue = string | number;

export interface Choice {
	value: ChoiceValue;
	text: LocalizedString;
	/** Points of a scored option; null on unscored questions and on excluded options. */
	points: number | null;
	exclude: ExcludeKind | null;
}

export interface Gate {
	level: GateLevel;
	/** Minimum question score, 0–1, for the dimension to reach `level`. */
	threshold: number;
}

export interface QuestionScoring {
	dimension: string;
	weight: number;
	/** Highest points among the options that carry points (always above 0). */
	maxPoints: number;
	gate: Gate | null;
}

interface QuestionBase {
	name: string;
	page: string;
	title: LocalizedString;
	isRequired: boolean;
	/** The question's own `visibleIf`, null when always visible. */
	visibleIf: string | null;
	/** Its page's `visibleIf`: a question on a hidden page is hidden too. */
	pageVisibleIf: string | null;
}

export interface SingleChoiceQuestion extends QuestionBase {
	type: 'radiogroup' | 'dropdown';
	choices: Choice[];
	/** Null for an unscored context question. */
	scoring: QuestionScoring | null;
}

export interface CheckboxQuestion extends QuestionBase {
	type: 'checkbox';
	choices: Choice[];
	/** SurveyJS's built-in "none" option value, when the question shows it. */
	noneValue: string | null;
	minSelectedChoices: number | null;
	maxSelectedChoices: number | null;
	scoring: null;
}

export interface TextQuestion extends QuestionBase {
	type: 'text';
	inputType: 'text' | 'number';
	min: number | null;
	max: number | null;
	/** Effective limit in characters (the question's, else the survey's maxTextLength). */
	maxLength: number | null;
	scoring: null;
}

export interface CommentQuestion extends QuestionBase {
	type: 'comment';
	maxLength: number | null;
	scoring: null;
}

export type Question = SingleChoiceQuestion | CheckboxQuestion | TextQuestion | CommentQuestion;
export type ScoredQuestion = SingleChoiceQuestion & { scoring: QuestionScoring };

export interface Dimension {
	key: string;
	name: LocalizedString;
	description: LocalizedString | null;
	weight: number;
	/**
	 * What the dimension is about across instruments (model.json's `theme`, else its key):
	 * peer learning matches a chamber's and an association's dimensions of the same theme.
	 */
	theme: string;
	levels: Record<Level, LocalizedString>;
	/** Names of the scored questions of this dimension, in questionnaire order. */
	questions: string[];
}

export interface Resource {
	title: LocalizedString;
	url: string | null;
	reference: LocalizedString | null;
}

export interface PathwayAction {
	key: string;
	dimension: string;
	/** The level an organisation is at when this action moves it to `level + 1`. */
	level: PathwayLevel;
	title: LocalizedString;
	description: LocalizedString;
	effort: Effort;
	resources: Resource[];
}

export interface Instrument {
	key: string;
	name: LocalizedString;
	description: LocalizedString | null;
	dimensions: Dimension[];
	/** Every question, in questionnaire order. */
	questions: Question[];
	questionsByName: Record<string, Question>;
	/** dimension key → level 1–4 → actions to reach the next level. */
	pathways: Record<string, Record<PathwayLevel, PathwayAction[]>>;
	/** The SurveyJS JSON as authored, for rendering the form. */
	survey: Record<string, unknown>;
	/** The three files as given; hash `canonicalJson(source)` for the version's content hash. */
	source: InstrumentSource;
}

export interface CheckInstrumentOptions {
	/** The folder name: model.json's `key` must equal it. */
	expectedKey?: string;
}

export type InstrumentCheck =
	| { ok: true; instrument: Instrument; problems: [] }
	| { ok: false; instrument: null; problems: InstrumentProblem[] };

/** Thrown by `parseInstrument`; `problems` holds every problem, the message lists them. */
export class InstrumentError extends Error {
	readonly problems: InstrumentProblem[];
	constructor(problems: InstrumentProblem[], prefix = 'Invalid instrument') {
		super(`${prefix}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
		this.name = 'InstrumentError';
		this.problems = problems;
	}
}

/** `survey.json: question "x" (pages[0].elements[1]): message`. */
export function formatProblem(problem: InstrumentProblem, file: string = problem.file): string {
	const where = problem.path ? ` (${problem.path})` : '';
	return `${file}: ${problem.element}${where}: ${problem.message}`;
}

/** A question with a dimension is scored; one without is an unscored context question. */
export function isScoredQuestion(question: Question): question is ScoredQuestion {
	return question.scoring !== null;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Checks the three files of an instrument against surveys/README.md and returns every problem. */
export function checkInstrument(
	source: InstrumentSource,
	options: CheckInstrumentOptions = {}
): InstrumentCheck {
	const problems = new Problems();
	const model = parseModel(source.model, options, problems);
	const dimensionKeys = model ? model.dimensions.map((d) => d.key) : rawDimensionKeys(source.model);
	const survey = parseSurvey(source.survey, new Set(dimensionKeys), problems);
	const pathways = parsePathways(source.pathways, dimensionKeys, problems);

	if (model && survey) {
		for (const dimension of model.dimensions) {
			const scored = survey.questions.filter((q) => q.scoring?.dimension === dimension.key);
			if (scored.length === 0) {
				problems.add(
					'model.json',
					`dimension "${dimension.key}"`,
					dimension.path,
					'has no scored question in survey.json (no question has this dimension)'
				);
			}
		}
	}
	if (!model || !survey || !pathways || problems.list.length > 0) {
		return { ok: false, instrument: null, problems: problems.list };
	}

	const dimensions: Dimension[] = model.dimensions.map((d) => ({
		key: d.key,
		name: d.name,
		description: d.description ?? null,
		weight: d.weight,
		theme: d.theme ?? d.key,
		levels: d.levels,
		questions: survey.questions.filter((q) => q.scoring?.dimension === d.key).map((q) => q.name)
	}));
	const questionsByName: Record<string, Question> = {};
	for (const question of survey.questions) questionsByName[question.name] = question;

	return {
		ok: true,
		problems: [],
		instrument: {
			key: model.key,
			name: model.name,
			description: model.description ?? null,
			dimensions,
			questions: survey.questions,
			questionsByName,
			pathways,
			survey: source.survey as Record<string, unknown>,
			source
		}
	};
}

/** Parses an instrument, throwing an `InstrumentError` that lists every problem. */
export function parseInstrument(
	source: InstrumentSource,
	options: CheckInstrumentOptions = {}
): Instrument {
	const result = checkInstrument(source, options);
	if (!result.ok) throw new InstrumentError(result.problems);
	return result.instrument;
}

/**
 * Sizes issue 3 asks of a shipped instrument: 7–10 dimensions, 40–70 scored questions, at least
 * 4 per dimension, a gate in at least half of the dimensions, some context questions. Apart
 * from the parser so small test fixtures and drafts in an editor can still load.
 */
export function checkInstrumentSizes(instrument: Instrument): InstrumentProblem[] {
	const s = INSTRUMENT_SIZES;
	const problems: InstrumentProblem[] = [];
	const add = (file: InstrumentFile, element: string, message: string) =>
		problems.push({ file, element, path: '', message });
	const dimensionCount = instrument.dimensions.length;
	if (dimensionCount < s.minDimensions || dimensionCount > s.maxDimensions) {
		add(
			'model.json',
			'model',
			`has ${dimensionCount} dimensions; ${s.minDimensions}–${s.maxDimensions} expected`
		);
	}
	const scored = instrument.questions.filter(isScoredQuestion);
	if (scored.length < s.minScoredQuestions || scored.length > s.maxScoredQuestions) {
		add(
			'survey.json',
			'survey',
			`has ${scored.length} scored questions; ${s.minScoredQuestions}–${s.maxScoredQuestions} expected`
		);
	}
	let gated = 0;
	for (const dimension of instrument.dimensions) {
		const own = scored.filter((q) => q.scoring.dimension === dimension.key);
		if (own.length < s.minScoredPerDimension) {
			add(
				'survey.json',
				`dimension "${dimension.key}"`,
				`has ${own.length} scored questions; at least ${s.minScoredPerDimension} expected`
			);
		}
		if (own.some((q) => q.scoring.gate !== null)) gated++;
	}
	if (gated < dimensionCount * s.minGatedDimensionShare) {
		add(
			'survey.json',
			'survey',
			`has gate questions in ${gated} of ${dimensionCount} dimensions; at least half expected`
		);
	}
	const context = instrument.questions.length - scored.length;
	if (context < s.minContextQuestions) {
		add('survey.json', 'survey', 'has no unscored context question');
	}
	return problems;
}

/**
 * JSON with object keys sorted at every depth and no whitespace: the same content always gives
 * the same string, whatever the key order in the file, so its hash identifies a version.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
		if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
			return 'null';
		}
		if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint is not JSON');
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
	const record = value as Record<string, unknown>;
	const entries = Object.keys(record)
		.filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
		.sort()
		.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
	return `{${entries.join(',')}}`;
}
