import { and, desc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Level } from '../domain/constants';
import {
	organisationResult,
	type OrganisationResult,
	type RespondentResult
} from '../domain/consensus';
import { mapScores } from '../domain/crosswalk';
import type { ResponseScore } from '../domain/scoring';
import { m } from '../paraglide/messages.js';
import { getDb } from './db';
import {
	membership,
	organisationDimension,
	organisationRound,
	response,
	responseDimension,
	round,
	user,
	type Round
} from './db/schema';
import { comparableDimensions, summariseComparison } from './crosswalks';
import { compiledVersion } from './instruments';

interface StoredSubmission {
	id: string;
	userId: string | null;
	kind: 'individual' | 'agreed';
	submittedAt: Date;
	overallIndex: number | null;
	dimensions: Record<string, number | null>;
	gateCaps: Record<string, Level | null>;
}

/** The submissions of an organisation in a round, with their stored dimension scores. */
function storedSubmissions(roundId: string, organisationId: string): StoredSubmission[] {
	const db = getDb();
	const rows = db
		.select({
			id: response.id,
			userId: response.userId,
			kind: response.kind,
			submittedAt: response.submittedAt,
			overallIndex: response.overallIndex
		})
		.from(response)
		.where(
			and(
				eq(response.roundId, roundId),
				eq(response.organisationId, organisationId),
				isNotNull(response.submittedAt)
			)
		)
		.orderBy(response.submittedAt)
		.all();
	if (rows.length === 0) return [];
	const dims = db
		.select()
		.from(responseDimension)
		.where(
			inArray(
				responseDimension.responseId,
				rows.map((r) => r.id)
			)
		)
		.all();
	return rows.map((r) => {
		const mine = dims.filter((d) => d.responseId === r.id);
		return {
			...r,
			submittedAt: r.submittedAt!,
			dimensions: Object.fromEntries(mine.map((d) => [d.dimensionKey, d.score])),
			gateCaps: Object.fromEntries(mine.map((d) => [d.dimensionKey, d.gateCap as Level | null]))
		};
	});
}

/** DOMAIN.md: the agreed submission if recorded, else the per-dimension median of respondents. */
export function computeOrganisationResult(
	r: Round,
	organisationId: string
): {
	result: OrganisationResult;
	submissions: StoredSubmission[];
} {
	const compiled = compiledVersion(r.versionId);
	if (!compiled) throw new Error(`Instrument version ${r.versionId} is missing`);
	const submissions = storedSubmissions(r.id, organisationId);
	const agreed = submissions.find((s) => s.kind === 'agreed');
	const respondents: RespondentResult[] = submissions
		.filter((s) => s.kind === 'individual')
		.map((s) => ({ id: s.id, dimensions: s.dimensions, gateCaps: s.gateCaps }));
	const result = organisationResult(
		{
			agreed: agreed ? { dimensions: agreed.dimensions, gateCaps: agreed.gateCaps } : null,
			respondents
		},
		compiled.instrument
	);
	return { result, submissions };
}

/**
 * The organisation's result in its previous round of the same instrument, for the change
 * since: read as stored at submission, not recomputed.
 */
export function previousResult(r: Round, organisationId: string) {
	const db = getDb();
	const earlier = db
		.select({
			id: round.id,
			name: round.name,
			versionId: round.versionId,
			overallIndex: organisationRound.overallIndex,
			overallLevel: organisationRound.overallLevel
		})
		.from(organisationRound)
		.innerJoin(round, eq(round.id, organisationRound.roundId))
		.where(
			and(
				eq(organisationRound.organisationId, organisationId),
				eq(round.instrumentKey, r.instrumentKey),
				lt(round.startsOn, r.startsOn)
			)
		)
		.orderBy(desc(round.startsOn))
		.limit(1)
		.get();
	if (!earlier) return null;
	const dimensions = db
		.select({ key: organisationDimension.dimensionKey, score: organisationDimension.score })
		.from(organisationDimension)
		.where(
			and(
				eq(organisationDimension.roundId, earlier.id),
				eq(organisationDimension.organisationId, organisationId)
			)
		)
		.all();
	// Issue 7: compared only when the versions are comparable, in this round's keys; the
	// crosswalk summary says how (or why not). See crosswalks.ts.
	const comparison = comparableDimensions(earlier.versionId, r.versionId);
	const stored = Object.fromEntries(dimensions.map((d) => [d.key, d.score]));
	return {
		roundId: earlier.id,
		roundName: earlier.name,
		overall: { index: earlier.overallIndex, level: earlier.overallLevel as Level | null },
		dimensions: comparison.comparable ? mapScores(comparison, stored) : stored,
		crosswalk: summariseComparison(comparison)
	};
}

export interface Viewer {
	userId: string;
	isOrganisationAdmin: boolean;
}

/**
 * Everything the results page shows. Respondents' names reach only the organisation's
 * administrator; everyone else sees anonymous scores, and their own answers' explanation.
 */
export function resultsPage(r: Round, organisationId: string, viewer: Viewer) {
	const { result, submissions } = computeOrganisationResult(r, organisationId);
	const earlier = previousResult(r, organisationId);
	// A previous round on a version that is not comparable is shown apart, never compared.
	const previous = earlier?.crosswalk.comparable ? earlier : null;
	const individual = submissions.filter((s) => s.kind === 'individual');
	const agreed = submissions.find((s) => s.kind === 'agreed') ?? null;
	const names = viewer.isOrganisationAdmin
		? namesOf(individual.map((s) => s.userId))
		: new Map<string, string>();
	const explained = agreed ?? individual.find((s) => s.userId === viewer.userId) ?? null;
	return {
		result,
		previous,
		previousApart:
			earlier && !earlier.crosswalk.comparable
				? {
						roundId: earlier.roundId,
						roundName: earlier.roundName,
						reason: earlier.crosswalk.reason ?? ''
					}
				: null,
		respondentCount: individual.length,
		respondents: viewer.isOrganisationAdmin
			? individual.map((s) => ({
					name: (s.userId ? names.get(s.userId) : undefined) ?? m.results_former_member(),
					submittedAt: s.submittedAt,
					overallIndex: s.overallIndex
				}))
			: null,
		agreedAt: agreed?.submittedAt ?? null,
		explanation: explained
			? {
					source: explained === agreed ? ('agreed' as const) : ('yours' as const),
					detail: scoreDetailOf(explained.id)
				}
			: null
	};
}

function scoreDetailOf(responseId: string): ResponseScore | null {
	const row = getDb()
		.select({ detail: response.scoreDetail })
		.from(response)
		.where(eq(response.id, responseId))
		.get();
	return (row?.detail as ResponseScore | undefined) ?? null;
}

function namesOf(userIds: (string | null)[]): Map<string, string> {
	const ids = userIds.filter((id): id is string => id !== null);
	if (ids.length === 0) return new Map();
	const rows = getDb()
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(inArray(user.id, ids))
		.all();
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** For the organisation's administrator: each member's progress in the round. */
export function teamProgress(roundId: string, organisationId: string) {
	const db = getDb();
	const members = db
		.select({ userId: user.id, name: user.name, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(membership.organisationId, organisationId))
		.orderBy(user.name)
		.all();
	const responses = db
		.select({
			id: response.id,
			userId: response.userId,
			status: response.status,
			submittedAt: response.submittedAt,
			kind: response.kind
		})
		.from(response)
		.where(and(eq(response.roundId, roundId), eq(response.organisationId, organisationId)))
		.all();
	return {
		members: members.map((m) => {
			const mine = responses.find((r) => r.kind === 'individual' && r.userId === m.userId);
			return {
				...m,
				responseId: mine?.id ?? null,
				state: !mine
					? ('not started' as const)
					: mine.submittedAt
						? ('submitted' as const)
						: ('draft' as const),
				submittedAt: mine?.submittedAt ?? null
			};
		}),
		agreed: responses.find((r) => r.kind === 'agreed') ?? null
	};
}

/**
 * Stores the organisation's result for the round (called in the submission's transaction),
 * so benchmarks and the network dashboard never recompute it from answers.
 */
export function refreshOrganisationResult(
	r: Round,
	organisationId: string,
	now = Date.now()
): void {
	const { result, submissions } = computeOrganisationResult(r, organisationId);
	const db = getDb();
	db.delete(organisationRound)
		.where(
			and(eq(organisationRound.roundId, r.id), eq(organisationRound.organisationId, organisationId))
		)
		.run();
	if (result.source === 'none') return;
	db.insert(organisationRound)
		.values({
			roundId: r.id,
			organisationId,
			source: result.source,
			respondentCount: submissions.filter((s) => s.kind === 'individual').length,
			overallIndex: result.overall.index,
			overallLevel: result.overall.level,
			updatedAt: new Date(now)
		})
		.run();
	db.insert(organisationDimension)
		.values(
			result.dimensions.map((d) => ({
				roundId: r.id,
				organisationId,
				dimensionKey: d.key,
				score: d.score,
				level: d.level,
				divergent: d.spread.divergent
			}))
		)
		.run();
	resultsChanged(r.id);
}

const listeners = new Set<(roundId: string) => void>();

/** Caches of figures derived from stored results subscribe here to be told of changes. */
export function onResultsChanged(listener: (roundId: string) => void): void {
	listeners.add(listener);
}

export function resultsChanged(roundId: string | null): void {
	for (const listener of listeners) listener(roundId ?? '');
}
