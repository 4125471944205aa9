// The shipped instruments under surveys/: they must load, pass their own checks and have the
// sizes issue 3 asks for. Nothing here is skipped: a missing folder is a failure.
import { describe, expect, it } from 'vitest';
import {
	checkInstrumentSizes,
	formatProblem,
	isScoredQuestion,
	type Instrument,
	type Question
} from '../../src/lib/domain/instrument';
import { compileValidator, compileHiddenQuestions } from '../../src/lib/domain/response-validator';
import { scoreResponse } from '../../src/lib/domain/scoring';
import { loadInstrumentDir } from '../../src/lib/server/instrument-files';

const KEYS = ['chamber-diversity', 'association-professionalisation'];

/** A plausible answer to an unscored question that passes its limits. */
function contextAnswer(question: Question): unknown {
	switch (question.type) {
		case 'radiogroup':
		case 'dropdown':
			return question.choices[0].value;
		case 'checkbox':
			return question.choices
				.slice(0, Math.max(1, question.minSelectedChoices ?? 1))
				.map((c) => c.value);
		case 'text':
			return question.inputType === 'number' ? (question.min ?? 0) : 'Lyon';
		case 'comment':
			return 'Some words';
	}
}

/** Answers every visible question, scored ones with the option of the given points. */
function answerAll(instrument: Instrument, pick: 'max' | 'min'): Record<string, unknown> {
	const visibility = compileHiddenQuestions(instrument);
	let data: Record<string, unknown> = {};
	// Conditions may depend on answers: answer, re-evaluate, drop what became hidden, repeat.
	for (let round = 0; round < 5; round++) {
		const hidden = visibility(data);
		const next: Record<string, unknown> = {};
		for (const question of instrument.questions) {
			if (hidden.has(question.name)) continue;
			if (isScoredQuestion(question)) {
				const target = pick === 'max' ? question.scoring.maxPoints : 0;
				next[question.name] = question.choices.find((c) => c.points === target)?.value;
			} else {
				next[question.name] = contextAnswer(question);
			}
		}
		if (JSON.stringify(next) === JSON.stringify(data)) break;
		data = next;
	}
	return data;
}

describe.each(KEYS)('real instrument %s', (key) => {
	const loaded = loadInstrumentDir(`surveys/${key}`);
	const { instrument } = loaded;

	it('loads, with a model key equal to the folder name and a content hash', () => {
		expect(instrument.key).toBe(key);
		expect(loaded.contentHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('has the sizes issue 3 asks for', () => {
		const problems = checkInstrumentSizes(instrument).map((p) => formatProblem(p));
		expect(problems).toEqual([]);
		const scored = instrument.questions.filter(isScoredQuestion);
		expect(instrument.dimensions.length).toBeGreaterThanOrEqual(7);
		expect(instrument.dimensions.length).toBeLessThanOrEqual(10);
		expect(scored.length).toBeGreaterThanOrEqual(40);
		expect(scored.length).toBeLessThanOrEqual(70);
		for (const dimension of instrument.dimensions) {
			expect(dimension.questions.length, dimension.key).toBeGreaterThanOrEqual(4);
		}
		const gated = instrument.dimensions.filter((d) =>
			scored.some((q) => q.scoring.dimension === d.key && q.scoring.gate !== null)
		);
		expect(gated.length * 2).toBeGreaterThanOrEqual(instrument.dimensions.length);
		expect(instrument.questions.length - scored.length).toBeGreaterThanOrEqual(2);
	});

	it('names questions as surveys/README.md says: <dimension>_<topic>, ctx_<topic>', () => {
		for (const question of instrument.questions) {
			const prefix = isScoredQuestion(question) ? `${question.scoring.dimension}_` : 'ctx_';
			expect(question.name.startsWith(prefix), question.name).toBe(true);
		}
	});

	it('scores a response with the best answer everywhere at 100, level 5', () => {
		const data = answerAll(instrument, 'max');
		expect(compileValidator(instrument).validate(data, { requireComplete: true }).errors).toEqual(
			[]
		);
		const result = scoreResponse(instrument, data);
		for (const dimension of result.dimensions) {
			expect(dimension.score, dimension.key).toBeCloseTo(100, 9);
			expect(dimension.level, dimension.key).toBe(5);
		}
		expect(result.overall.level).toBe(5);
	});

	it('scores a response with the lowest answer everywhere at 0, level 1', () => {
		const data = answerAll(instrument, 'min');
		expect(compileValidator(instrument).validate(data, { requireComplete: true }).errors).toEqual(
			[]
		);
		const result = scoreResponse(instrument, data);
		expect(result.dimensions.every((d) => d.score === 0 && d.level === 1)).toBe(true);
		expect(result.overall).toMatchObject({ index: 0, level: 1 });
	});
});
