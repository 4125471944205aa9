// Several respondents of one organisation → the organisation's result for a round, with the
// spread of their answers (DOMAIN.md, "Several respondents in one organisation").
import { DIVERGENCE_POINTS, SCORE_EPSILON, type Level } from './constants';
import { applyGateCap, levelForScore, overallScore, type ResponseScore } from './scoring';

/** One respondent's (or the agreed submission's) dimension scores and gate caps. */
export interface RespondentResult {
	id: string;
	/** Dimension key → score 0–100, null when the dimension had insufficient data. */
	dimensions: Readonly<Record<string, number | null>>;
	/** Dimension key → highest level the respondent's unmet gates allow; absent or null: no cap. */
	gateCaps?: Readonly<Record<string, Level | null>>;
}

export type AgreedResult = Omit<RespondentResult, 'id'>;

export interface OrganisationInput {
	/** The agreed submission the organisation's administrator recorded, if any. */
	agreed?: AgreedResult | null;
	respondents: readonly RespondentResult[];
}

/** What the consensus needs from a model: its dimensions and their weights. */
export interface ConsensusModel {
	dimensions: readonly { key: string; weight: number }[];
}

export interface DimensionSpread {
	min: number | null;
	max: number | null;
	/** max − min; null when no respondent has a score. */
	range: number | null;
	/** Each respondent's score in the order given (null: insufficient data); names are not here. */
	scores: (number | null)[];
	/** Respondents differ by more than DIVERGENCE_POINTS: a topic for discussion. */
	divergent: boolean;
}

export interface OrganisationDimensionResult {
	key: string;
	weight: number;
	/** Agreed score, else the median of the respondents' scores; null if nobody has one. */
	score: number | null;
	/** Level of the score's band. */
	rawLevel: Level | null;
	/** Cap from gates (see `organisationResult`); null when none applies. */
	gateCap: Level | null;
	level: Level | null;
	/** Respondents with a score for this dimension. */
	respondentCount: number;
	spread: DimensionSpread;
}

export interface OrganisationResult {
	source: 'agreed' | 'median' | 'none';
	dimensions: OrganisationDimensionResult[];
	overall: { index: number | null; level: Level | null };
}

/** Builds a consensus input from one respondent's scored response. */
export function respondentResult(id: string, score: ResponseScore): RespondentResult {
	const dimensions: Record<string, number | null> = {};
	const gateCaps: Record<string, Level | null> = {};
	for (const dimension of score.dimensions) {
		dimensions[dimension.key] = dimension.score;
		gateCaps[dimension.key] = dimension.gateCap;
	}
	return { id, dimensions, gateCaps };
}

/** Median of a non-empty list; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
	if (values.length === 0) throw new RangeError('median of an empty list');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Gate cap of the median result: the lowest cap that holds for a strict majority of the
 * respondents with a score (no cap counts as 5). A gate that most respondents say is unmet
 * holds the organisation back; one that only a minority says is unmet does not, just as one
 * outlier cannot move the median score. Taking the median of the respondents' levels instead
 * could show a level that does not match the median score shown beside it.
 */
function majorityGateCap(caps: readonly Level[]): Level | null {
	const sorted = [...caps].sort((a, b) => a - b);
	// sorted[k] is the smallest c with more than half of the caps ≤ c, k = ⌊n / 2⌋.
	const cap = sorted[Math.floor(sorted.length / 2)];
	return cap === 5 ? null : cap;
}

function spreadOf(scores: (number | null)[]): DimensionSpread {
	const present = scores.filter((s): s is number => s !== null);
	if (present.length === 0) return { min: null, max: null, range: null, scores, divergent: false };
	const min = Math.min(...present);
	const max = Math.max(...present);
	const range = max - min;
	// More than 25 points, with tolerance so 25 computed as 25.000000000000004 is not divergent.
	return { min, max, range, scores, divergent: range > DIVERGENCE_POINTS + SCORE_EPSILON };
}

/**
 * The organisation's result for a round: the agreed submission if recorded, else per dimension
 * the median of the respondents' scores; overall index from those dimension scores with model
 * weights; spread and divergence (more than 25 points) per dimension from the respondents.
 */
export function organisationResult(
	input: OrganisationInput,
	model: ConsensusModel
): OrganisationResult {
	const agreed = input.agreed ?? null;
	const dimensions = model.dimensions.map((dimension): OrganisationDimensionResult => {
		const scores = input.respondents.map((r) => r.dimensions[dimension.key] ?? null);
		const spread = spreadOf(scores);
		const withScore = input.respondents.filter(
			(r) => (r.dimensions[dimension.key] ?? null) !== null
		);
		let score: number | null;
		let gateCap: Level | null;
		if (agreed) {
			score = agreed.dimensions[dimension.key] ?? null;
			gateCap = agreed.gateCaps?.[dimension.key] ?? null;
		} else if (withScore.length > 0) {
			score = median(withScore.map((r) => r.dimensions[dimension.key] as number));
			gateCap = majorityGateCap(withScore.map((r) => r.gateCaps?.[dimension.key] ?? 5));
		} else {
			score = null;
			gateCap = null;
		}
		const rawLevel = score === null ? null : levelForScore(score);
		return {
			key: dimension.key,
			weight: dimension.weight,
			score,
			rawLevel,
			gateCap,
			level: rawLevel === null ? null : applyGateCap(rawLevel, gateCap),
			respondentCount: withScore.length,
			spread
		};
	});
	const overall = overallScore(dimensions);
	return {
		source: agreed ? 'agreed' : input.respondents.length > 0 ? 'median' : 'none',
		dimensions,
		overall: { index: overall.index, level: overall.level }
	};
}
