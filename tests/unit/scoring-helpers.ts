// Builders for scoring tests: one-page instruments with "scale" questions whose options s0…sN
// carry 0…N points, so any score k / N can be answered exactly.
import { parseInstrument, type Instrument } from '../../src/lib/domain/instrument';
import { L, modelFor, pathwaysFor } from './instrument-fixture';

type Json = Record<string, unknown>;

export interface ScaleOptions {
	weight?: number;
	gateLevel?: number;
	gateThreshold?: number;
	notApplicable?: boolean;
	dontKnow?: boolean;
	visibleIf?: string;
}

/** A scored radiogroup with options s0…s{max} (points 0…max), plus na and dk unless turned off. */
export function scale(
	name: string,
	dimension: string,
	max: number,
	options: ScaleOptions = {}
): Json {
	const choices: Json[] = Array.from({ length: max + 1 }, (_, points) => ({
		value: `s${points}`,
		text: L(`${points} points`),
		points
	}));
	const gated = options.gateLevel !== undefined;
	if (options.notApplicable ?? !gated) {
		choices.push({ value: 'na', text: L('Not applicable'), exclude: 'notApplicable' });
	}
	if (options.dontKnow ?? true) {
		choices.push({ value: 'dk', text: L("Don't know"), exclude: 'dontKnow' });
	}
	const question: Json = { type: 'radiogroup', name, title: L(name), dimension, choices };
	if (options.weight !== undefined) question.weight = options.weight;
	if (gated) {
		question.gateLevel = options.gateLevel;
		question.gateThreshold = options.gateThreshold;
	}
	if (options.visibleIf !== undefined) question.visibleIf = options.visibleIf;
	return question;
}

/** A one-page instrument with the given questions and dimensions (weights default to 1). */
export function instrumentWith(
	questions: Json[],
	dimensions: { key: string; weight?: number }[] = [{ key: 'd' }]
): Instrument {
	return parseInstrument({
		survey: { title: L('Test'), pages: [{ name: 'p', elements: questions }] },
		model: modelFor('test', dimensions),
		pathways: pathwaysFor(dimensions.map((d) => d.key))
	});
}
