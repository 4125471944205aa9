// An organisation's progress over the rounds of one instrument: its stored results (never
// recomputed), the actions of its plan marked done, and progress to date towards its target
// level. The rules live in src/lib/domain/progress.ts; this module reads the figures.
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { LEVELS, type Level } from '../domain/constants';
import type { Dimension, Instrument, PathwayAction } from '../domain/instrument';
import { pickText } from '../domain/localized';
import {
	DEFAULT_TARGET_LEVEL,
	dimensionSeries,
	explainedProgress,
	type ExplainedProgress,
	overallSeries,
	placeActions,
	roundSteps,
	type ActionInterval,
	type DimensionFigure,
	type ProgressAction,
	type ProgressRound,
	type RoundResult,
	type RoundStep,
	type SeriesPoint
} from '../domain/progress';
import { m } from '../paraglide/messages.js';
import { apartProgress, resultVersions, type ApartProgress } from './crosswalks';
import { getDb } from './db';
import {
	actionItem,
	organisation,
	organisationDimension,
	organisationRound,
	response,
	round
} from './db/schema';
import { RefusalError } from './errors';
import { compiledVersion, currentVersion } from './instruments';

const asLevel = (value: number | null): Level | null =>
	value !== null && LEVELS.includes(value as Level) ? (value as Level) : null;

/** An instrument the organisation has stored results for, for the page's selector. */
export interface ResultInstrument {
	instrumentKey: string;
	roundCount: number;
	/** The first day of its latest round with a result, YYYY-MM-DD. */
	latestStartsOn: string;
}

/** The instruments the organisation has results for, the one with the latest result first. */
export function resultInstruments(organisationId: string): ResultInstrument[] {
	const latest = sql<string>`max(${round.startsOn})`;
	return getDb()
		.select({
			instrumentKey: round.instrumentKey,
			roundCount: sql<number>`count(*)`,
			latestStartsOn: latest
		})
		.from(organisationRound)
		.innerJoin(round, eq(round.id, organisationRound.roundId))
		.where(eq(organisationRound.organisationId, organisationId))
		.groupBy(round.instrumentKey)
		.orderBy(desc(latest), asc(round.instrumentKey))
		.all();
}

/** The organisation's target level (1–5); an out-of-range stored value reads as the default. */
export function targetLevelOf(organisationId: string): Level {
	const row = getDb()
		.select({ targetLevel: organisation.targetLevel })
		.from(organisation)
		.where(eq(organisation.id, organisationId))
		.get();
	return asLevel(row?.targetLevel ?? null) ?? DEFAULT_TARGET_LEVEL;
}

export function setTargetLevel(organisationId: string, level: Level): void {
	if (!LEVELS.includes(level))
		throw new RefusalError(m.progress_target_level_invalid(), 'targetLevel', 400);
	getDb()
		.update(organisation)
		.set({ targetLevel: level })
		.where(eq(organisation.id, organisationId))
		.run();
}

export interface ProgressDimension {
	key: string;
	name: string;
	series: SeriesPoint[];
	progress: ExplainedProgress;
	/** How figures of rounds on older versions were mapped into it (crosswalks), if at all. */
	crosswalkNotes: string[];
}

export interface OrganisationProgress {
	instrumentKey: string;
	instrumentName: string;
	targetLevel: Level;
	/** In order of their first day. */
	rounds: ProgressRound[];
	overall: { series: SeriesPoint[]; progress: ExplainedProgress };
	/** Current version's dimensions first, in model order; then any only older rounds had. */
	dimensions: ProgressDimension[];
	/** Every done action, in order of completion. */
	actions: ProgressAction[];
	/** Before the first round, between each pair, after the last. */
	intervals: ActionInterval<ProgressAction>[];
	/** Each pair of consecutive rounds: the changes beside the actions done in between. */
	steps: RoundStep<ProgressAction>[];
	/**
	 * Rounds on versions not comparable with the newest round's (no crosswalk): left out of
	 * everything above and shown apart, one entry per set of versions, newest first.
	 */
	apart: ApartProgress[];
}

/**
 * The organisation's results of one instrument across its rounds (ordered by their first day),
 * with the actions it marked done placed between them and progress to date towards its target
 * level, overall and per dimension. Null when it has no result of the instrument. Only this
 * organisation's rows are ever read.
 */
export function organisationProgress(
	organisationId: string,
	instrumentKey: string,
	language: string
): OrganisationProgress | null {
	const db = getDb();
	const rows = db
		.select({
			roundId: round.id,
			name: round.name,
			startsOn: round.startsOn,
			endsOn: round.endsOn,
			status: round.status,
			versionId: round.versionId,
			overall: organisationRound.overallIndex,
			overallLevel: organisationRound.overallLevel,
			source: organisationRound.source,
			respondentCount: organisationRound.respondentCount,
			updatedAt: organisationRound.updatedAt
		})
		.from(organisationRound)
		.innerJoin(round, eq(round.id, organisationRound.roundId))
		.where(
			and(
				eq(organisationRound.organisationId, organisationId),
				eq(round.instrumentKey, instrumentKey)
			)
		)
		.orderBy(asc(round.startsOn), asc(round.createdAt), asc(round.id))
		.all();
	if (rows.length === 0) return null;
	const roundIds = rows.map((r) => r.roundId);

	const moments = resultMoments(organisationId, roundIds);
	const figures = new Map<string, Record<string, DimensionFigure>>();
	for (const d of db
		.select()
		.from(organisationDimension)
		.where(
			and(
				eq(organisationDimension.organisationId, organisationId),
				inArray(organisationDimension.roundId, roundIds)
			)
		)
		.all()) {
		const of = figures.get(d.roundId) ?? {};
		of[d.dimensionKey] = { score: d.score, level: asLevel(d.level) };
		figures.set(d.roundId, of);
	}

	// Crosswalks (issue 7): only rounds on versions comparable with the newest one form the
	// series, their figures mapped into its keys; the others are returned `apart`, never mixed in.
	const byVersion = resultVersions(
		instrumentKey,
		rows.map((r) => r.versionId),
		language
	);
	const comparableRows = rows.filter((r) => byVersion.latest.has(r.versionId));
	const toRound = (r: (typeof rows)[number]): ProgressRound => ({
		roundId: r.roundId,
		name: r.name,
		startsOn: r.startsOn,
		endsOn: r.endsOn,
		status: r.status,
		at: moments.get(`${r.roundId} ${r.source}`) ?? r.updatedAt.getTime(),
		overall: r.overall,
		overallLevel: asLevel(r.overallLevel),
		source: r.source,
		respondentCount: r.respondentCount
	});
	const rounds: ProgressRound[] = comparableRows.map(toRound);
	const results: RoundResult[] = rounds.map((r, i) => ({
		roundId: r.roundId,
		name: r.name,
		at: r.at,
		overall: r.overall,
		overallLevel: r.overallLevel,
		dimensions: byVersion.latest.map(comparableRows[i].versionId, figures.get(r.roundId) ?? {})
	}));

	// Names come from the current version where it has the dimension, else the latest round's
	// version that had it (older rounds' figures are already in the newest version's keys).
	const current = currentVersion(instrumentKey);
	const versions = [
		...(current ? [current.id] : []),
		...rows.map((r) => r.versionId).reverse()
	].filter((id, i, all) => all.indexOf(id) === i);
	const instruments = versions
		.map((id) => compiledVersion(id)?.instrument)
		.filter((i): i is Instrument => i !== undefined);
	const dimensionOf = new Map<string, Dimension>();
	for (const instrument of instruments)
		for (const d of instrument.dimensions) if (!dimensionOf.has(d.key)) dimensionOf.set(d.key, d);
	const stored = new Set(results.flatMap((r) => Object.keys(r.dimensions)));
	const keys = [...dimensionOf.keys(), ...stored].filter(
		(key, i, all) => stored.has(key) && all.indexOf(key) === i
	);
	const nameOf = (key: string) => {
		const d = dimensionOf.get(key);
		return d ? pickText(d.name, language) : key;
	};

	const actions = doneActions(organisationId, instrumentKey, instruments, language, nameOf);
	const targetLevel = targetLevelOf(organisationId);
	const explained = (series: SeriesPoint[]) => explainedProgress(series, targetLevel);
	const overall = overallSeries(results);

	return {
		instrumentKey,
		instrumentName: instruments[0] ? pickText(instruments[0].name, language) : instrumentKey,
		targetLevel,
		rounds,
		overall: { series: overall, progress: explained(overall) },
		dimensions: keys.map((key) => {
			const series = dimensionSeries(results, key);
			return {
				key,
				name: nameOf(key),
				series,
				progress: explained(series),
				crosswalkNotes: byVersion.latest.notes[key] ?? []
			};
		}),
		actions,
		intervals: placeActions(results, actions),
		steps: roundSteps(results, keys, actions),
		apart: byVersion.apart.map((set) =>
			apartProgress(
				set,
				rows
					.filter((r) => set.has(r.versionId))
					.map((r) => ({
						round: toRound(r),
						versionId: r.versionId,
						figures: figures.get(r.roundId) ?? {}
					}))
			)
		)
	};
}

/**
 * When each result was last answered, by round and source: the agreed answers' submission, or
 * the latest respondent's (what a median result is made of).
 */
function resultMoments(organisationId: string, roundIds: string[]): Map<string, number> {
	const rows = getDb()
		.select({
			roundId: response.roundId,
			kind: response.kind,
			at: sql<number>`max(${response.submittedAt})`
		})
		.from(response)
		.where(
			and(
				eq(response.organisationId, organisationId),
				inArray(response.roundId, roundIds),
				isNotNull(response.submittedAt)
			)
		)
		.groupBy(response.roundId, response.kind)
		.all();
	return new Map(
		rows.map((r) => [`${r.roundId} ${r.kind === 'agreed' ? 'agreed' : 'median'}`, Number(r.at)])
	);
}

/** The plan's done actions of the instrument; adopted ones titled from the pathways. */
function doneActions(
	organisationId: string,
	instrumentKey: string,
	instruments: Instrument[],
	language: string,
	nameOf: (key: string) => string
): ProgressAction[] {
	const pathwayActions = new Map<string, PathwayAction>();
	for (const instrument of instruments)
		for (const levels of Object.values(instrument.pathways))
			for (const list of Object.values(levels))
				for (const a of list) if (!pathwayActions.has(a.key)) pathwayActions.set(a.key, a);
	return getDb()
		.select({
			id: actionItem.id,
			title: actionItem.title,
			actionKey: actionItem.actionKey,
			dimensionKey: actionItem.dimensionKey,
			completedAt: actionItem.completedAt
		})
		.from(actionItem)
		.where(
			and(
				eq(actionItem.organisationId, organisationId),
				eq(actionItem.instrumentKey, instrumentKey),
				eq(actionItem.status, 'done'),
				isNotNull(actionItem.completedAt)
			)
		)
		.orderBy(asc(actionItem.completedAt), asc(actionItem.id))
		.all()
		.map((a) => {
			const adopted = a.actionKey ? pathwayActions.get(a.actionKey) : undefined;
			return {
				id: a.id,
				title: adopted ? pickText(adopted.title, language) : a.title,
				dimensionKey: a.dimensionKey,
				dimensionName: nameOf(a.dimensionKey),
				completedAt: a.completedAt!.getTime(),
				adopted: a.actionKey !== null
			};
		});
}
