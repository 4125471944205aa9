// Answers → question, dimension and overall scores and levels, as DOMAIN.md's "Scoring rules"
// state them, with an explanation of every figure (which answers, which weights, which gate).
import {
	INSUFFICIENT_DATA_SHARE,
	LEVELS,
	LEVEL_BANDS,
	SCORE_EPSILON,
	type ExcludeKind,
	type GateLevel,
	type Level
} from './constants';
import {
	isScoredQuestion,
	type ChoiceValue,
	type Instrument,
	type ScoredQuestion
} from './instrument';
import { compileHiddenQuestions, isAbsent } from './response-validator';

/**
 * What became of a scored question's answer:
 * - `scored`: an option with points; counts in the mean and as answered;
 * - `notApplicable` / `dontKnow`: an excluded option; left out of every average and count;
 * - `unanswered`: no answer;
 * - `hidden`: the question is hidden by its visibleIf for this response, so it is not part of
 *   the dimension for this response (an answer kept from a draft is ignored);
 * - `invalid`: the answer is not an option of the question (only for unvalidated data).
 */
export type QuestionScoreStatus =
	'scored' | 'notApplicable' | 'dontKnow' | 'unanswered' | 'hidden' | 'invalid';

export interface QuestionScore {
	question: string;
	dimension: string;
	weight: number;
	status: QuestionScoreStatus;
	answer: ChoiceValue | null;
	/** Points of the chosen option; null unless `scored`. */
	points: number | null;
	maxPoints: number;
	/** points / maxPoints, 0–1; null unless `scored`. */
	score: number | null;
}

export interface GateCheck {
	question: string;
	gateLevel: GateLevel;
	threshold: number;
	/** The question's score, null when unanswered, "don't know" or hidden. */
	score: number | null;
	met: boolean;
}

export interface DimensionScore {
	key: string;
	/** The dimension's weight in the overall index. */
	weight: number;
	/** Weighted mean of the answered questions' scores × 100, unrounded; null if insufficient. */
	score: number | null;
	/** Questions answered with an option that carries points. */
	answeredCount: number;
	/** Scored questions of the dimension shown to this respondent (hidden ones are left out). */
	scoredCount: number;
	insufficientData: boolean;
	/** Level from the score bands alone; null if insufficient. */
	rawLevel: Level | null;
	/** Level after gate caps; null if insufficient. */
	level: Level | null;
	/** Highest level the unmet gates allow (lowest gateLevel − 1); null when every gate is met. */
	gateCap: Level | null;
	/** Unmet gates that lowered the level below the band's level, lowest gate first. */
	cappedBy: GateCheck[];
	/** Every gate of the dimension, met or not (pathways show what stands between levels). */
	gates: GateCheck[];
	/** How the score was made: every scored question of the dimension, in questionnaire order. */
	questions: QuestionScore[];
	/** Σ weight × question score over answered questions, and Σ weight: score = 100 × sum / weight. */
	weightedSum: number;
	weightSum: number;
}

export interface OverallContribution {
	dimension: string;
	weight: number;
	score: number | null;
	/** False when the dimension has insufficient data and is left out of the index. */
	included: boolean;
}

export interface OverallScore {
	/** Weighted mean of the sufficient dimensions' scores, 0–100; null if none is sufficient. */
	index: number | null;
	/** Band of the index (gates act on dimensions, not on the index). */
	level: Level | null;
	contributions: OverallContribution[];
	weightedSum: number;
	weightSum: number;
}

export interface ResponseScore {
	dimensions: DimensionScore[];
	overall: OverallScore;
}

/** Score band → level: <20 → 1, 20–<40 → 2, 40–<60 → 3, 60–<80 → 4, ≥80 → 5 (DOMAIN.md). */
export function levelForScore(score: number): Level {
	if (!Number.isFinite(score)) throw new RangeError(`levelForScore: ${score} is not a score`);
	// Tolerate floating-point noise so a score that is 40 on paper is level 3, not 2.
	const tolerant = score + SCORE_EPSILON;
	let level: Level = 1;
	for (const candidate of LEVELS) if (tolerant >= LEVEL_BANDS[candidate]) level = candidate;
	return level;
}

/** A level capped by gates: if a gate of level L is unmet, the level is at most L − 1. */
export function applyGateCap(level: Level, gateCap: Level | null): Level {
	return gateCap === null ? level : (Math.min(level, gateCap) as Level);
}

/** Weighted mean of [value, weight] pairs; null when there are none. */
function weightedMean(pairs: readonly (readonly [number, number])[]) {
	let weightedSum = 0;
	let weightSum = 0;
	for (const [value, weight] of pairs) {
		weightedSum += value * weight;
		weightSum += weight;
	}
	return { weightedSum, weightSum, mean: weightSum > 0 ? weightedSum / weightSum : null };
}

interface CompiledQuestion {
	question: ScoredQuestion;
	name: string;
	dimension: string;
	weight: number;
	maxPoints: number;
	/** Option value → its points and exclusion, looked up in O(1) per answer. */
	options: Map<
		ChoiceValue,
		{ value: ChoiceValue; points: number | null; exclude: ExcludeKind | null }
	>;
}

interface CompiledDimension {
	key: string;
	weight: number;
	questions: CompiledQuestion[];
}

const compiledScorers = new WeakMap<Instrument, CompiledDimension[]>();

/** The scoring plan of an instrument, built once: scoring runs per response, often. */
function compileScorer(instrument: Instrument): CompiledDimension[] {
	const cached = compiledScorers.get(instrument);
	if (cached) return cached;
	const dimensions = instrument.dimensions.map((dimension) => ({
		key: dimension.key,
		weight: dimension.weight,
		questions: dimension.questions
			.map((name) => instrument.questionsByName[name])
			.filter(isScoredQuestion)
			.map((question) => ({
				question,
				name: question.name,
				dimension: question.scoring.dimension,
				weight: question.scoring.weight,
				maxPoints: question.scoring.maxPoints,
				options: new Map(
					question.choices.map((c) => [
						c.value,
						{ value: c.value, points: c.points, exclude: c.exclude }
					])
				)
			}))
	}));
	compiledScorers.set(instrument, dimensions);
	return dimensions;
}

function scoreQuestion(
	compiled: CompiledQuestion,
	value: unknown,
	visible: boolean
): QuestionScore {
	let status: QuestionScoreStatus;
	let answer: ChoiceValue | null = null;
	let points: number | null = null;
	let score: number | null = null;
	if (!visible) {
		status = 'hidden';
	} else if (isAbsent(compiled.question, value)) {
		status = 'unanswered';
	} else {
		const option =
			typeof value === 'string' || typeof value === 'number'
				? compiled.options.get(value)
				: undefined;
		if (option === undefined) {
			status = 'invalid';
			answer = typeof value === 'string' || typeof value === 'number' ? value : null;
		} else if (option.exclude !== null) {
			status = option.exclude;
			answer = option.value;
		} else {
			status = 'scored';
			answer = option.value;
			points = option.points ?? 0;
			score = points / compiled.maxPoints;
		}
	}
	return {
		question: compiled.name,
		dimension: compiled.dimension,
		weight: compiled.weight,
		status,
		answer,
		points,
		maxPoints: compiled.maxPoints,
		score
	};
}

/**
 * A gate is met only if its question has a score of at least the threshold. Unanswered or
 * "don't know" does not meet it (surveys/README.md: "An unanswered or 'don't know' gate
 * question does not meet its gate"): a level must be shown, not assumed. Gate questions cannot
 * offer "not applicable" or be hidden (instrument.ts refuses both), so no other case exists.
 */
function checkGate(question: ScoredQuestion, score: QuestionScore): GateCheck | null {
	const gate = question.scoring.gate;
	if (!gate) return null;
	const met = score.score !== null && score.score + SCORE_EPSILON >= gate.threshold;
	return {
		question: question.name,
		gateLevel: gate.level,
		threshold: gate.threshold,
		score: score.score,
		met
	};
}

/** Scores one response: question scores, dimension scores and levels with gates, overall index. */
export function scoreResponse(
	instrument: Instrument,
	data: Readonly<Record<string, unknown>>
): ResponseScore {
	const hidden = compileHiddenQuestions(instrument)(data);
	const dimensions: DimensionScore[] = compileScorer(instrument).map((dimension) => {
		const questions: QuestionScore[] = [];
		const gates: GateCheck[] = [];
		let shown = 0;
		let answered = 0;
		let weightedSum = 0;
		let weightSum = 0;
		for (const compiled of dimension.questions) {
			const score = scoreQuestion(compiled, data[compiled.name], !hidden.has(compiled.name));
			questions.push(score);
			if (score.status !== 'hidden') shown++;
			if (score.score !== null) {
				answered++;
				weightedSum += score.score * score.weight;
				weightSum += score.weight;
			}
			const gate = checkGate(compiled.question, score);
			if (gate) gates.push(gate);
		}
		// Fewer than half of the shown scored questions answered: no score. Exactly half is enough.
		const insufficientData =
			shown === 0 || answered < shown * INSUFFICIENT_DATA_SHARE || weightSum === 0;
		const unmet = gates.filter((g) => !g.met).sort((a, b) => a.gateLevel - b.gateLevel);
		const gateCap = unmet.length > 0 ? ((unmet[0].gateLevel - 1) as Level) : null;
		const score = insufficientData ? null : (weightedSum / weightSum) * 100;
		const rawLevel = score === null ? null : levelForScore(score);
		const level = rawLevel === null ? null : applyGateCap(rawLevel, gateCap);
		const cappedBy = rawLevel === null ? [] : unmet.filter((g) => g.gateLevel - 1 < rawLevel);
		return {
			key: dimension.key,
			weight: dimension.weight,
			score,
			answeredCount: answered,
			scoredCount: shown,
			insufficientData,
			rawLevel,
			level,
			gateCap,
			cappedBy,
			gates,
			questions,
			weightedSum,
			weightSum
		};
	});
	return { dimensions, overall: overallScore(dimensions) };
}

/** Overall index: weighted mean of the dimension scores (model weights), insufficient ones left out. */
export function overallScore(
	dimensions: readonly { key: string; weight: number; score: number | null }[]
): OverallScore {
	const contributions: OverallContribution[] = dimensions.map((d) => ({
		dimension: d.key,
		weight: d.weight,
		score: d.score,
		included: d.score !== null
	}));
	const { weightedSum, weightSum, mean } = weightedMean(
		dimensions.filter((d) => d.score !== null).map((d) => [d.score ?? 0, d.weight] as const)
	);
	return {
		index: mean,
		level: mean === null ? null : levelForScore(mean),
		contributions,
		weightedSum,
		weightSum
	};
}

/** Dimension key → score (null when insufficient): the figures stored per response. */
export function dimensionScoreMap(result: ResponseScore): Record<string, number | null> {
	const map: Record<string, number | null> = {};
	for (const dimension of result.dimensions) map[dimension.key] = dimension.score;
	return map;
}
