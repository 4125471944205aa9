// Crosswalks applied (issue 7): reads an instrument's versions and the crosswalks their authors
// recorded, and answers whether results of two versions may be compared and how an older
// result's figures map into a newer version's dimension keys. The rules live in
// src/lib/domain/crosswalk.ts; this module reads the versions.
//
// Results of versions that are not comparable are never mixed: progress shows them apart,
// the change since the previous round and the network's change between rounds are not computed.
// Benchmarks need no crosswalk: they compare organisations within one round, and a round is
// answered on one version.
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { SHIPPED_LANGUAGES } from '../domain/constants';
import {
	compareInHistory,
	describeNotComparable,
	describeOrigin,
	groupVersions,
	mapFigures,
	originNotes,
	type Comparable,
	type Comparison,
	type CrosswalkVersion,
	type Figure,
	type VersionDimension
} from '../domain/crosswalk';
import { pickText } from '../domain/localized';
import {
	dimensionSeries,
	overallSeries,
	type DimensionFigure,
	type ProgressRound,
	type SeriesPoint
} from '../domain/progress';
import { getLocale } from '../paraglide/runtime.js';
import { getDb } from './db';
import { instrumentVersion } from './db/schema';
import { compiledVersion } from './instruments';

/** The stored shape of a crosswalk: old key → new keys. Anything else cannot be read. */
const storedCrosswalk = z.record(z.string(), z.array(z.string()));

/** The language of dimension names in notes: the interface's, English where content lacks it. */
function contentLanguage(): string {
	const locale = getLocale();
	return (SHIPPED_LANGUAGES as readonly string[]).includes(locale) ? locale : 'en';
}

interface VersionRow {
	id: number;
	instrumentKey: string;
	version: number;
	crosswalk: unknown;
}

function asCrosswalkVersion(row: VersionRow, language: string): CrosswalkVersion {
	const compiled = compiledVersion(row.id);
	if (!compiled) throw new Error(`Instrument version ${row.id} is missing`);
	const parsed = row.crosswalk === null ? null : storedCrosswalk.safeParse(row.crosswalk);
	return {
		version: row.version,
		dimensions: compiled.instrument.dimensions.map((d) => ({
			key: d.key,
			name: pickText(d.name, language),
			weight: d.weight
		})),
		crosswalk: parsed?.success ? parsed.data : null,
		malformed: parsed !== null && !parsed.success
	};
}

const versionFields = {
	id: instrumentVersion.id,
	instrumentKey: instrumentVersion.instrumentKey,
	version: instrumentVersion.version,
	crosswalk: instrumentVersion.crosswalk
};

/**
 * Every version of the instrument results can be on (published or retired, not drafts), in
 * order, with dimension names in `language`. A crosswalk is relative to the version before it.
 */
export function versionHistory(
	instrumentKey: string,
	language: string = contentLanguage()
): { ids: Map<number, number>; history: CrosswalkVersion[] } {
	const rows = getDb()
		.select(versionFields)
		.from(instrumentVersion)
		.where(
			and(eq(instrumentVersion.instrumentKey, instrumentKey), ne(instrumentVersion.status, 'draft'))
		)
		.orderBy(instrumentVersion.version)
		.all();
	return {
		/** Version id → version number. */
		ids: new Map(rows.map((r) => [r.id, r.version])),
		history: rows.map((r) => asCrosswalkVersion(r, language))
	};
}

function versionRow(versionId: number): VersionRow {
	const row = getDb()
		.select(versionFields)
		.from(instrumentVersion)
		.where(eq(instrumentVersion.id, versionId))
		.get();
	if (!row) throw new Error(`Instrument version ${versionId} is missing`);
	return row;
}

/**
 * Whether results of one stored version may be compared with another's, and how the older
 * one's dimension figures map into the newer one's keys (mapFigures, mapScores).
 */
export function comparableDimensions(
	fromVersionId: number,
	toVersionId: number,
	language: string = contentLanguage()
): Comparison {
	const from = versionRow(fromVersionId);
	const to = fromVersionId === toVersionId ? from : versionRow(toVersionId);
	if (from.instrumentKey !== to.instrumentKey)
		return {
			comparable: false,
			from: from.version,
			to: to.version,
			reason: { kind: 'other-instrument' }
		};
	if (from.id === to.id) {
		// One version: compared by identity, without reading the others.
		return compareInHistory([asCrosswalkVersion(from, language)], from.version, from.version);
	}
	const { history } = versionHistory(from.instrumentKey, language);
	// A draft is never in the history; results are never on one, but say so rather than fail.
	for (const row of [from, to])
		if (!history.some((v) => v.version === row.version))
			history.push(asCrosswalkVersion(row, language));
	return compareInHistory(history, from.version, to.version);
}

/** A comparison as pages and their data need it: plain data, in the interface's language. */
export interface ComparisonSummary {
	comparable: boolean;
	fromVersion: number;
	toVersion: number;
	/** Why the results are kept apart, in words; null when they are comparable. */
	reason: string | null;
	/** By dimension key of the newer version: how its earlier figure was mapped (only those). */
	notes: Record<string, string>;
}

export function summariseComparison(c: Comparison): ComparisonSummary {
	return {
		comparable: c.comparable,
		fromVersion: c.from,
		toVersion: c.to,
		reason: c.comparable ? null : describeNotComparable(c.reason),
		notes: c.comparable ? originNotes(c) : {}
	};
}

/** Two rounds whose results are kept apart, and why (for a page to say so). */
export interface RoundsApart {
	from: { id: string; name: string };
	to: { id: string; name: string };
	reason: string;
}

/** Null when the rounds' results can be compared (same version, or through crosswalks). */
export function roundsApart(
	fromRound: { id: string; name: string; versionId: number },
	toRound: { id: string; name: string; versionId: number }
): RoundsApart | null {
	const c = comparableDimensions(fromRound.versionId, toRound.versionId);
	if (c.comparable) return null;
	return {
		from: { id: fromRound.id, name: fromRound.name },
		to: { id: toRound.id, name: toRound.name },
		reason: describeNotComparable(c.reason)
	};
}

// ---------------------------------------------------------------------------------------------
// Progress across rounds on several versions

/** Versions whose results are shown together, mapped into the newest one's keys. */
export interface VersionSet {
	versionId: number;
	version: number;
	/** The newest version's dimensions, in its order and the reader's language. */
	dimensions: VersionDimension[];
	/** Whether results of a stored version belong to this set. */
	has(versionId: number): boolean;
	/** A result of a member version in this set's keys (the newest version's). */
	map<F extends Figure>(
		versionId: number,
		figures: Readonly<Record<string, F>>
	): Record<string, Figure>;
	/** By dimension key: how figures of older member versions were mapped into it, if at all. */
	notes: Record<string, string[]>;
}

export interface ResultVersions {
	/** The newest version results are on, and every version comparable with it. */
	latest: VersionSet;
	/** Versions not comparable with the newest, in sets of their own, newest first. */
	apart: (VersionSet & { reason: string })[];
}

/**
 * Sorts the versions an organisation's results are on into sets that may be shown together:
 * the newest version with every version that maps into it, then the rest (see groupVersions).
 */
export function resultVersions(
	instrumentKey: string,
	versionIds: readonly number[],
	language: string = contentLanguage()
): ResultVersions {
	const { ids, history } = versionHistory(instrumentKey, language);
	const numberOf = (id: number) => {
		const n = ids.get(id);
		if (n === undefined) throw new Error(`Instrument version ${id} is not one of ${instrumentKey}`);
		return n;
	};
	const idOf = new Map([...ids].map(([id, n]) => [n, id]));
	const groups = groupVersions(history, versionIds.map(numberOf));
	const sets = groups.map((g) => {
		const anchor = history.find((v) => v.version === g.anchor)!;
		const byId = (versionId: number): Comparable | undefined => g.members.get(numberOf(versionId));
		const notes: Record<string, string[]> = {};
		for (const c of [...g.members.values()].sort((a, b) => a.from - b.from))
			for (const [key, origin] of Object.entries(c.origins)) {
				const note = describeOrigin(origin);
				if (note !== null && !(notes[key] ??= []).includes(note)) notes[key].push(note);
			}
		const set: VersionSet = {
			versionId: idOf.get(g.anchor)!,
			version: g.anchor,
			dimensions: [...anchor.dimensions],
			has: (versionId) => ids.has(versionId) && byId(versionId) !== undefined,
			map: (versionId, figures) => {
				const c = byId(versionId);
				if (!c) throw new Error(`Version ${versionId} is not comparable with ${g.anchor}`);
				return mapFigures(c, figures);
			},
			notes
		};
		return { set, apart: g.apart };
	});
	return {
		latest: sets[0].set,
		apart: sets
			.slice(1)
			.map(({ set, apart }) =>
				Object.assign(set, { reason: apart ? describeNotComparable(apart.reason) : '' })
			)
	};
}

/** Rounds on a version not comparable with the latest one: their own series, shown apart. */
export interface ApartProgress {
	version: number;
	/** Why these rounds are not in the main series, in words. */
	reason: string;
	/** In order of their first day. */
	rounds: ProgressRound[];
	overall: SeriesPoint[];
	/** The set's newest version's dimensions that have a figure in some round, in its order. */
	dimensions: { key: string; name: string; series: SeriesPoint[]; crosswalkNotes: string[] }[];
}

/** One apart set's rounds (in order) with their stored figures, as series of their own. */
export function apartProgress(
	set: VersionSet & { reason: string },
	rounds: readonly {
		round: ProgressRound;
		versionId: number;
		figures: Record<string, DimensionFigure>;
	}[]
): ApartProgress {
	const results = rounds.map(({ round, versionId, figures }) => ({
		roundId: round.roundId,
		name: round.name,
		at: round.at,
		overall: round.overall,
		overallLevel: round.overallLevel,
		dimensions: set.map(versionId, figures) as Record<string, DimensionFigure>
	}));
	const stored = new Set(results.flatMap((r) => Object.keys(r.dimensions)));
	return {
		version: set.version,
		reason: set.reason,
		rounds: rounds.map((r) => r.round),
		overall: overallSeries(results),
		dimensions: set.dimensions
			.filter((d) => stored.has(d.key))
			.map((d) => ({
				key: d.key,
				name: d.name,
				series: dimensionSeries(results, d.key),
				crosswalkNotes: set.notes[d.key] ?? []
			}))
	};
}
