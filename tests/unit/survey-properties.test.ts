import { Model, Serializer } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { registerSurveyProperties, SCORING_CATEGORY } from '../../src/lib/domain/survey-properties';
import { fixtureSource, questionJson } from './instrument-fixture';

describe('custom SurveyJS scoring properties', () => {
	it('survive new Model(json).toJSON(): dimension, weight, gate, points, exclude', () => {
		const source = fixtureSource();
		const json = new Model(source.survey).toJSON();
		const gate = questionJson(json, 'alpha_gate');
		expect(gate).toMatchObject({ dimension: 'alpha', gateLevel: 3, gateThreshold: 0.75 });
		expect(questionJson(json, 'alpha_practice')).toMatchObject({ dimension: 'alpha', weight: 2 });
		expect(gate.choices).toEqual(questionJson(source.survey, 'alpha_gate').choices);
		expect((questionJson(json, 'alpha_grid').choices as unknown[]).slice(-2)).toEqual([
			expect.objectContaining({ value: 'na', exclude: 'notApplicable' }),
			expect.objectContaining({ value: 'dk', exclude: 'dontKnow' })
		]);
	});

	it('are exposed on the question objects SurveyJS builds', () => {
		const model = new Model(fixtureSource().survey);
		const question = model.getQuestionByName('beta_gate') as unknown as Record<string, unknown>;
		expect(question.dimension).toBe('beta');
		expect(question.gateLevel).toBe(4);
	});

	it('are registered once, in the "Scoring" category of the Creator', () => {
		registerSurveyProperties();
		registerSurveyProperties();
		const names = Serializer.getProperties('question').map((p) => p.name);
		for (const name of ['dimension', 'weight', 'gateLevel', 'gateThreshold']) {
			expect(names.filter((n) => n === name)).toHaveLength(1);
			expect(Serializer.findProperty('question', name).category).toBe(SCORING_CATEGORY);
		}
		const itemNames = Serializer.getProperties('itemvalue').map((p) => p.name);
		expect(itemNames.filter((n) => n === 'points' || n === 'exclude')).toEqual([
			'points',
			'exclude'
		]);
	});
});
