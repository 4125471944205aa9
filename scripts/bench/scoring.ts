// Benchmark: validated-and-scored responses per second on one core (our compiled validator +
// scoring) against survey-core's own validate() on the same responses, one cached Model.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import {
	parseInstrument,
	isScoredQuestion,
	type Instrument,
	type Question
} from '../../src/lib/domain/instrument';
import { compileValidator, compileHiddenQuestions } from '../../src/lib/domain/response-validator';
import { scoreResponse } from '../../src/lib/domain/scoring';
import { loadInstrumentDir } from '../../src/lib/server/instrument-files';
import { seededRandom, yieldToEventLoop, type BenchFigure, type BenchSection } from './section';
import { syntheticInstrumentSource } from './synthetic-instrument';

const REAL_INSTRUMENT = fileURLToPath(new URL('../../surveys/chamber-diversity', import.meta.url));
const RESPONSES = 2000;
/** Our side runs for at least this long (repeating the responses) for a stable rate. */
const OURS_MIN_MS = 2000;
/** survey-core is slow: stop at this many validations or this much time, whichever first. */
const SURVEY_CORE_MAX = 1000;
const SURVEY_CORE_MAX_MS = 15000;
const YIELD_EVERY = 50;

export const GOAL_PER_SECOND = 2000;
export const GOAL_RATIO = 25;

type BenchInstrument = { instrument: Instrument; origin: string };

/** The real chamber audit (54 questions) as shipped. */
function realInstrument(): BenchInstrument {
	if (!existsSync(REAL_INSTRUMENT)) throw new Error(`${REAL_INSTRUMENT} is missing`);
	return {
		instrument: loadInstrumentDir(REAL_INSTRUMENT).instrument,
		origin: 'surveys/chamber-diversity'
	};
}

/** The generated 60-question instrument: the size issue 3 names for its goal. */
function syntheticInstrument(): BenchInstrument {
	return {
		instrument: parseInstrument(syntheticInstrumentSource()),
		origin: 'generated 60-question instrument'
	};
}

function randomAnswer(question: Question, random: () => number): unknown {
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	switch (question.type) {
		case 'radiogroup':
		case 'dropdown':
			return pick(question.choices).value;
		case 'checkbox': {
			const max = question.maxSelectedChoices ?? question.choices.length;
			const chosen = question.choices.filter(() => random() < 0.4).slice(0, max);
			return chosen.length > 0 ? chosen.map((c) => c.value) : [question.choices[0].value];
		}
		case 'text':
			if (question.inputType === 'number') {
				const min = question.min ?? 0;
				const max = question.max ?? 1000;
				return Math.round(min + random() * (Math.min(max, min + 1000) - min));
			}
			return 'Answer '.repeat(1 + Math.floor(random() * 3)).slice(0, question.maxLength ?? 100);
		case 'comment':
			return 'A longer free-text answer. '
				.repeat(1 + Math.floor(random() * 4))
				.slice(0, question.maxLength ?? 500);
	}
}

/** Random complete responses: every visible question answered (required ones always). */
function randomResponses(instrument: Instrument, count: number): Record<string, unknown>[] {
	const random = seededRandom(2026);
	const visibility = compileHiddenQuestions(instrument);
	const responses: Record<string, unknown>[] = [];
	for (let i = 0; i < count; i++) {
		const data: Record<string, unknown> = {};
		for (const question of instrument.questions) {
			if (question.isRequired || random() < 0.9)
				data[question.name] = randomAnswer(question, random);
		}
		// Answers to questions their conditions hide would be refused: drop them, as SurveyJS does.
		for (let round = 0; round < 5; round++) {
			const hiddenQuestions = visibility(data);
			const hidden = Object.keys(data).filter((name) => hiddenQuestions.has(name));
			if (hidden.length === 0) break;
			for (const name of hidden) delete data[name];
		}
		responses.push(data);
	}
	return responses;
}

async function measureOurs(instrument: Instrument, responses: Record<string, unknown>[]) {
	const validator = compileValidator(instrument);
	let valid = 0;
	let count = 0;
	let checksum = 0;
	const run = (data: Record<string, unknown>) => {
		const verdict = validator.validate(data, { requireComplete: true });
		if (verdict.valid) {
			valid++;
			checksum += scoreResponse(instrument, data).overall.index ?? 0;
		}
		count++;
	};
	for (const data of responses.slice(0, 200)) run(data); // warm-up for the JIT
	valid = 0;
	count = 0;
	const start = performance.now();
	while (performance.now() - start < OURS_MIN_MS) {
		for (let i = 0; i < responses.length; i++) {
			run(responses[i]);
			if (i % 500 === 0) await yieldToEventLoop();
		}
	}
	const ms = performance.now() - start;
	return { count, ms, validShare: valid / count, checksum };
}

async function measureSurveyCore(instrument: Instrument, responses: Record<string, unknown>[]) {
	const model = new Model(instrument.survey);
	// Without it validate() deletes unknown choices and reports them as missing (STACK.md).
	model.keepIncorrectValues = true;
	let valid = 0;
	let count = 0;
	for (const data of responses.slice(0, 20)) {
		model.data = data;
		model.validate(true, false);
	}
	const start = performance.now();
	while (count < SURVEY_CORE_MAX && performance.now() - start < SURVEY_CORE_MAX_MS) {
		model.data = responses[count % responses.length];
		if (model.validate(true, false)) valid++;
		count++;
		if (count % YIELD_EVERY === 0) await yieldToEventLoop();
	}
	const ms = performance.now() - start;
	model.dispose();
	return { count, ms, validShare: valid / count };
}

function scoringSectionFor(name: string, load: () => BenchInstrument): BenchSection {
	return {
		name,
		async run(): Promise<BenchFigure[]> {
			const { instrument, origin } = load();
			const scored = instrument.questions.filter(isScoredQuestion).length;
			const responses = randomResponses(instrument, RESPONSES);
			const ours = await measureOurs(instrument, responses);
			const core = await measureSurveyCore(instrument, responses);
			const oursRate = (ours.count / ours.ms) * 1000;
			const coreRate = (core.count / core.ms) * 1000;
			const ratio = oursRate / coreRate;
			const met = oursRate >= GOAL_PER_SECOND && ratio >= GOAL_RATIO;
			const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
			return [
				{
					label: 'instrument',
					value: `${origin} (${instrument.questions.length} questions, ${scored} scored)`
				},
				{ label: 'distinct random responses', value: responses.length },
				{
					label: 'ours: validated + scored',
					value: Math.round(oursRate),
					unit: `responses/s (${ours.count} in ${Math.round(ours.ms)} ms, ${percent(ours.validShare)} valid)`
				},
				{
					label: 'survey-core validate()',
					value: Math.round(coreRate),
					unit: `responses/s (${core.count} in ${Math.round(core.ms)} ms, ${percent(core.validShare)} valid)`
				},
				{ label: 'ratio', value: `${ratio.toFixed(0)}×` },
				{
					label: `goal ≥ ${GOAL_PER_SECOND}/s and ≥ ${GOAL_RATIO}×`,
					value: met ? 'met' : 'NOT met'
				}
			];
		}
	};
}

export const scoringSections: BenchSection[] = [
	scoringSectionFor('Validate and score responses: the chamber audit', realInstrument),
	scoringSectionFor('Validate and score responses: 60 questions', syntheticInstrument)
];
