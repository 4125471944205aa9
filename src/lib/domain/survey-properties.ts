// The custom scoring properties of surveys/README.md, registered with SurveyJS.
//
// SurveyJS drops unregistered properties silently when it loads JSON, and the Creator shows a
// property only if it was registered before the JSON was loaded. So server and browser both
// import this module (for its side effect) before they build any Model or Creator.
import { Serializer } from 'survey-core';
import { EXCLUDE_KINDS, GATE_LEVELS } from './constants';

/** Category of the Creator's property grid where the scoring properties appear. */
export const SCORING_CATEGORY = 'Scoring';

interface PropertyDefinition {
	className: 'question' | 'itemvalue';
	info: Record<string, unknown> & { name: string };
}

/** Property names without SurveyJS's `:type` suffix, for lookups. */
export const QUESTION_SCORING_PROPERTIES = [
	'dimension',
	'weight',
	'gateLevel',
	'gateThreshold'
] as const;
export const CHOICE_SCORING_PROPERTIES = ['points', 'exclude'] as const;

/** One entry of the Creator's dimension drop-down: a model dimension, or '' for "none". */
export interface DimensionChoice {
	value: string;
	text: string;
}

// The Creator asks for the drop-down's entries each time it shows the property; the authoring
// page sets them from the draft's model.json. Elsewhere (server, assessment form) the list stays
// empty and the property holds whatever string the JSON has, exactly as a plain string would.
let dimensionChoices: DimensionChoice[] = [];

/**
 * Sets the dimensions offered in the Creator's "Dimension" drop-down (the draft's model). An
 * entry with value '' lets the author clear the dimension (an unscored context question).
 */
export function setDimensionChoices(choices: DimensionChoice[]): void {
	dimensionChoices = choices;
}

const definitions: PropertyDefinition[] = [
	{
		className: 'question',
		info: {
			name: 'dimension',
			type: 'dropdown',
			choices: () => dimensionChoices,
			category: SCORING_CATEGORY,
			visibleIndex: 0
		}
	},
	{
		className: 'question',
		info: {
			name: 'weight',
			type: 'number',
			default: 1,
			minValue: 0,
			category: SCORING_CATEGORY,
			visibleIndex: 1
		}
	},
	{
		className: 'question',
		info: {
			name: 'gateLevel',
			type: 'number',
			minValue: GATE_LEVELS[0],
			maxValue: GATE_LEVELS[GATE_LEVELS.length - 1],
			category: SCORING_CATEGORY,
			visibleIndex: 2
		}
	},
	{
		className: 'question',
		info: {
			name: 'gateThreshold',
			type: 'number',
			minValue: 0,
			maxValue: 1,
			category: SCORING_CATEGORY,
			visibleIndex: 3
		}
	},
	{ className: 'itemvalue', info: { name: 'points', type: 'number', minValue: 0 } },
	{
		className: 'itemvalue',
		info: { name: 'exclude', type: 'dropdown', choices: ['', ...EXCLUDE_KINDS] }
	}
];

/** Registers dimension, weight, gateLevel, gateThreshold (question) and points, exclude (choice) once. */
export function registerSurveyProperties(): void {
	for (const { className, info } of definitions) {
		// Idempotent: hot reload and several entry points import this module more than once.
		if (Serializer.findProperty(className, info.name)) continue;
		Serializer.addProperty(className, info);
	}
}

registerSurveyProperties();
