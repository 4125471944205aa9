// Small instruments for unit tests, built in code so each test can bend one rule.
import type { InstrumentSource } from '../../src/lib/domain/instrument';

type Json = Record<string, unknown>;

/** A complete localised string: every shipped language present. */
export function L(text: string): { default: string; de: string; fr: string } {
	return { default: text, de: `${text} (de)`, fr: `${text} (fr)` };
}

/** Maturity-grid options l1…l5 (0–4 points) plus not applicable and don't know. */
export function gridChoices(options: { notApplicable?: boolean; dontKnow?: boolean } = {}): Json[] {
	const choices: Json[] = [0, 1, 2, 3, 4].map((points) => ({
		value: `l${points + 1}`,
		text: L(`Level ${points + 1}`),
		points
	}));
	if (options.notApplicable !== false) {
		choices.push({ value: 'na', text: L('Not applicable'), exclude: 'notApplicable' });
	}
	if (options.dontKnow !== false) {
		choices.push({ value: 'dk', text: L("Don't know"), exclude: 'dontKnow' });
	}
	return choices;
}

/** Practice options yes / partly / no (2, 1, 0) plus don't know. */
export function practiceChoices(): Json[] {
	return [
		{ value: 'yes', text: L('Yes'), points: 2 },
		{ value: 'partly', text: L('Partly'), points: 1 },
		{ value: 'no', text: L('No'), points: 0 },
		{ value: 'dk', text: L("Don't know"), exclude: 'dontKnow' }
	];
}

export function gridQuestion(name: string, dimension: string, extra: Json = {}): Json {
	return { type: 'radiogroup', name, title: L(name), dimension, choices: gridChoices(), ...extra };
}

export function practiceQuestion(name: string, dimension: string, extra: Json = {}): Json {
	return {
		type: 'radiogroup',
		name,
		title: L(name),
		dimension,
		choices: practiceChoices(),
		...extra
	};
}

export function modelFor(key: string, dimensions: { key: string; weight?: number }[]): Json {
	return {
		key,
		name: L(`Instrument ${key}`),
		description: L('A test instrument'),
		dimensions: dimensions.map((d) => ({
			key: d.key,
			name: L(`Dimension ${d.key}`),
			description: L(`About ${d.key}`),
			...(d.weight === undefined ? {} : { weight: d.weight }),
			levels: Object.fromEntries([1, 2, 3, 4, 5].map((l) => [String(l), L(`${d.key} level ${l}`)]))
		}))
	};
}

export function pathwaysFor(dimensionKeys: string[], actionsPerLevel = 3): Json {
	return {
		dimensions: Object.fromEntries(
			dimensionKeys.map((key) => [
				key,
				Object.fromEntries(
					[1, 2, 3, 4].map((level) => [
						String(level),
						Array.from({ length: actionsPerLevel }, (_, i) => ({
							key: `${key}-${level}-action-${i + 1}`,
							title: L(`Action ${i + 1} for ${key} at level ${level}`),
							description: L('What to do'),
							effort: (['low', 'medium', 'high'] as const)[i % 3],
							resources: [
								i % 2 === 0
									? { title: L('A guide'), url: 'https://example.org/guide' }
									: { title: L('A practice'), reference: L('EMEN CoP 3 product') }
							]
						}))
					])
				)
			])
		)
	};
}

/**
 * The fixture used across the unit tests: two dimensions ("alpha", weight 1; "beta", weight 2),
 * a gate on alpha level 3 and one on beta level 4, a conditional scored question, and context
 * questions of every supported type.
 */
export function fixtureSource(): InstrumentSource {
	const survey = {
		title: L('Test survey'),
		pages: [
			{
				name: 'context',
				title: L('About you'),
				elements: [
					{
						type: 'text',
						name: 'ctx_clients',
						title: L('Clients'),
						inputType: 'number',
						min: 0,
						max: 100000,
						isRequired: true
					},
					{ type: 'text', name: 'ctx_city', title: L('City'), maxLength: 40 },
					{
						type: 'dropdown',
						name: 'ctx_region',
						title: L('Region'),
						choices: [
							{ value: 'urban', text: L('Urban') },
							{ value: 'rural', text: L('Rural') }
						]
					},
					{
						type: 'checkbox',
						name: 'ctx_programmes',
						title: L('Programmes'),
						showNoneItem: true,
						noneText: L('None'),
						maxSelectedChoices: 3,
						choices: [
							{ value: 'training', text: L('Training') },
							{ value: 'mentoring', text: L('Mentoring') },
							{ value: 'finance', text: L('Finance') },
							{ value: 'other', text: L('Other') }
						]
					},
					{
						type: 'comment',
						name: 'ctx_programmes_other',
						title: L('Which other programmes?'),
						visibleIf: "{ctx_programmes} contains 'other'",
						isRequired: true,
						maxLength: 200
					}
				]
			},
			{
				name: 'alpha',
				title: L('Alpha'),
				elements: [
					gridQuestion('alpha_grid', 'alpha', { isRequired: true }),
					practiceQuestion('alpha_gate', 'alpha', { gateLevel: 3, gateThreshold: 0.75 }),
					practiceQuestion('alpha_practice', 'alpha', { weight: 2 }),
					gridQuestion('alpha_followup', 'alpha', { visibleIf: "{alpha_practice} = 'yes'" })
				]
			},
			{
				name: 'beta',
				title: L('Beta'),
				elements: [
					gridQuestion('beta_grid', 'beta'),
					practiceQuestion('beta_gate', 'beta', { gateLevel: 4, gateThreshold: 1 }),
					{
						type: 'dropdown',
						name: 'beta_frequency',
						title: L('How often?'),
						dimension: 'beta',
						choices: [
							{ value: 'never', text: L('Never'), points: 0 },
							{ value: 'sometimes', text: L('Sometimes'), points: 1 },
							{ value: 'often', text: L('Often'), points: 2 },
							{ value: 'always', text: L('Always'), points: 3 }
						]
					},
					gridQuestion('beta_extra', 'beta')
				]
			}
		]
	};
	return {
		survey,
		model: modelFor('fixture', [{ key: 'alpha' }, { key: 'beta', weight: 2 }]),
		pathways: pathwaysFor(['alpha', 'beta'])
	};
}

/** A deep copy, so a test can change one thing without touching the shared fixture. */
export function clone<T>(value: T): T {
	return structuredClone(value);
}

/** Finds a question object in survey JSON by name (for tests that bend one question). */
export function questionJson(survey: unknown, name: string): Json {
	for (const page of (survey as { pages: { elements: Json[] }[] }).pages) {
		for (const element of page.elements) if (element.name === name) return element;
	}
	throw new Error(`no question ${name}`);
}
