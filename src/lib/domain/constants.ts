// The numbers of DOMAIN.md's rules, in one place: scoring, consensus, anonymity and languages.
import { m } from '../paraglide/messages.js';

/** A level of the platform's one five-level maturity scale. */
export type Level = 1 | 2 | 3 | 4 | 5;

export const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];

/** Levels a gate can guard: level 1 needs nothing, so a gate on it would mean nothing. */
export type GateLevel = 2 | 3 | 4 | 5;
export const GATE_LEVELS: readonly GateLevel[] = [2, 3, 4, 5];

/** Levels with improvement pathways: the actions under L lead to L + 1, so level 5 has none. */
export type PathwayLevel = 1 | 2 | 3 | 4;
export const PATHWAY_LEVELS: readonly PathwayLevel[] = [1, 2, 3, 4];

/**
 * Lower bound (inclusive) of each level's score band, 0–100: below 20 is level 1, 20 to below
 * 40 level 2, 40 to below 60 level 3, 60 to below 80 level 4, 80 and above level 5.
 */
export const LEVEL_BANDS: Readonly<Record<Level, number>> = { 1: 0, 2: 20, 3: 40, 4: 60, 5: 80 };

/** Level names as users read them, in every shipped language (SurveyJS localised-string shape). */
export const LEVEL_NAMES: Readonly<Record<Level, { default: string; de: string; fr: string }>> = {
	1: { default: 'Initial', de: 'Anfänglich', fr: 'Initial' },
	2: { default: 'Developing', de: 'In Entwicklung', fr: 'En développement' },
	3: { default: 'Established', de: 'Etabliert', fr: 'Établi' },
	4: { default: 'Advanced', de: 'Fortgeschritten', fr: 'Avancé' },
	5: { default: 'Leading', de: 'Führend', fr: 'Exemplaire' }
};

/** A dimension needs at least this share of its scored questions answered to get a score. */
export const INSUFFICIENT_DATA_SHARE = 0.5;

/** Respondents of one organisation who differ by more than this many points are divergent. */
export const DIVERGENCE_POINTS = 25;

/**
 * Tolerance for comparing computed scores with band edges and the divergence limit: a weighted
 * mean that is exactly 40 on paper can come out as 39.99999999999999 in floating point, and a
 * user who answered for "exactly 40" must get level 3.
 */
export const SCORE_EPSILON = 1e-9;

/** Languages every instrument and the interface ship complete. */
export const SHIPPED_LANGUAGES = ['en', 'de', 'fr'] as const;
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

/** Each shipped language in its own words, as language choices offer it. */
export const LANGUAGE_NAMES: Readonly<Record<ShippedLanguage, string>> = {
	en: 'English',
	de: 'Deutsch',
	fr: 'Français'
};

/** The language SurveyJS stores under the `default` key of a localised string. */
export const DEFAULT_LANGUAGE: ShippedLanguage = 'en';
export const SURVEYJS_DEFAULT_LOCALE_KEY = 'default';

/** Peer figures need this many distinct other organisations (configurable, never below the minimum). */
export const ANONYMITY_THRESHOLD = 5;
export const ANONYMITY_MINIMUM = 3;

/** Effort of an improvement action; quick wins (low) come first among equals. */
export const EFFORTS = ['low', 'medium', 'high'] as const;
export type Effort = (typeof EFFORTS)[number];

/** Effort as pages say it. */
export const EFFORT_LABELS: Readonly<Record<Effort, string>> = {
	low: 'Low effort',
	medium: 'Medium effort',
	high: 'High effort'
};

/** Choice options that carry no points and are left out of every average. */
export const EXCLUDE_KINDS = ['notApplicable', 'dontKnow'] as const;
export type ExcludeKind = (typeof EXCLUDE_KINDS)[number];

/** SurveyJS question types the platform validates; only some of them can be scored. */
export const SUPPORTED_QUESTION_TYPES = [
	'radiogroup',
	'dropdown',
	'checkbox',
	'text',
	'comment'
] as const;
export type QuestionType = (typeof SUPPORTED_QUESTION_TYPES)[number];
export const SCORED_QUESTION_TYPES: readonly QuestionType[] = ['radiogroup', 'dropdown'];

/** Each dimension needs this many actions per pathway level, so an organisation has a choice. */
export const MIN_ACTIONS_PER_PATHWAY_LEVEL = 3;

/** Instrument sizes issue 3 asks of the shipped instruments (checked apart from the parser). */
export const INSTRUMENT_SIZES = {
	minDimensions: 7,
	maxDimensions: 10,
	minScoredQuestions: 40,
	maxScoredQuestions: 70,
	minScoredPerDimension: 4,
	minGatedDimensionShare: 0.5,
	minContextQuestions: 1
} as const;

/** Statuses of an action-plan item; only planned and in-progress items can be overdue. */
export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
	planned: 'Planned',
	'in-progress': 'In progress',
	done: 'Done',
	dropped: 'Dropped'
};
/** Statuses of work still to do: an item in one of them past its due date is overdue. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'in-progress'];

/** Effort in the interface's language (EFFORT_LABELS holds the English source). */
export function effortLabel(effort: Effort): string {
	const labels: Record<Effort, () => string> = {
		low: m.plan_effort_low,
		medium: m.plan_effort_medium,
		high: m.plan_effort_high
	};
	return labels[effort]?.() ?? EFFORT_LABELS[effort] ?? effort;
}

/** An action plan item's status in the interface's language (ACTION_STATUS_LABELS: English). */
export function actionStatusLabel(status: ActionStatus): string {
	const labels: Record<ActionStatus, () => string> = {
		planned: m.plan_status_planned,
		'in-progress': m.plan_status_in_progress,
		done: m.plan_status_done,
		dropped: m.plan_status_dropped
	};
	return labels[status]?.() ?? ACTION_STATUS_LABELS[status] ?? status;
}
