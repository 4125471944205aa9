// Authoring instruments in the app: drafts, publishing, retiring, export and import.
//
// A draft is a version with status 'draft': editable, never used by a round. Publishing checks
// it with the same `checkInstrument` as loading from surveys/ and makes it the version new rounds
// use (`currentVersion`); rounds already open keep the version they stored when they opened. The
// database refuses any change to a published or retired version (triggers in drizzle/0002 and
// drizzle/0007); this module refuses first, with a message an author can act on.
import { and, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { checkInstrument } from '../domain/instrument';
import {
	checkCrosswalk,
	dimensionKeysDiffer,
	type Crosswalk,
	type CrosswalkProblem,
	type VersionProblem,
	type VersionWarning
} from '../domain/instrument-crosswalk';
import { rawDimensionKeys } from '../domain/instrument-model';
import { isObject, KEY_PATTERN } from '../domain/instrument-problems';
import type { LocalizedString } from '../domain/localized';
import { m } from '../paraglide/messages.js';
import { getDb } from './db';
import {
	instrument,
	instrumentVersion,
	response,
	round,
	type InstrumentVersion
} from './db/schema';
import { RefusalError } from './errors';
import { instrumentContentHash } from './instrument-files';
import { currentVersion } from './instruments';

export type VersionStatus = InstrumentVersion['status'];
export type { VersionProblem, VersionWarning };

/** The parts of a draft saved one at a time (each may be a few hundred KB of JSON). */
export const DRAFT_PARTS = ['survey', 'model', 'pathways', 'crosswalk'] as const;
export type DraftPart = (typeof DRAFT_PARTS)[number];

/** The largest JSON body a draft save or an import accepts. */
export const AUTHORING_MAX_BYTES = 4 * 1024 * 1024;

export interface VersionReview {
	problems: VersionProblem[];
	warnings: VersionWarning[];
}

/** One dimension of a version as the crosswalk form shows it. */
export interface DimensionLabel {
	key: string;
	name: LocalizedString | string | null;
}

/** The version a draft's crosswalk points back to. */
export interface PreviousVersion {
	id: number;
	version: number;
	dimensions: DimensionLabel[];
}

/** The one-file form of a version, for moving instruments between installations. */
export interface InstrumentExport {
	format: typeof EXPORT_FORMAT;
	formatVersion: typeof EXPORT_FORMAT_VERSION;
	key: string;
	version: number;
	status: VersionStatus;
	survey: unknown;
	model: unknown;
	pathways: unknown;
	crosswalk: Crosswalk | null;
}

export const EXPORT_FORMAT = 'emen-instrument';
export const EXPORT_FORMAT_VERSION = 1;

/** A refused publication, with every problem that stands in its way. */
export class PublishRefusal extends RefusalError {
	constructor(
		message: string,
		readonly problems: VersionProblem[]
	) {
		super(message, 'form', 409);
		this.name = 'PublishRefusal';
	}
}

/** A refused crosswalk, with a problem per form field. */
export class CrosswalkRefusal extends RefusalError {
	constructor(readonly problems: CrosswalkProblem[]) {
		super(problems[0].message, problems[0].field, 400);
		this.name = 'CrosswalkRefusal';
	}
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A version of an instrument by key and id; undefined when the id belongs to another key. */
export function findVersion(key: string, versionId: number): InstrumentVersion | undefined {
	return getDb()
		.select()
		.from(instrumentVersion)
		.where(and(eq(instrumentVersion.id, versionId), eq(instrumentVersion.instrumentKey, key)))
		.get();
}

function requireVersion(key: string, versionId: number): InstrumentVersion {
	const row = findVersion(key, versionId);
	if (!row) throw new RefusalError(m.instruments_refusal_version_not_found(), 'versionId', 404);
	return row;
}

function requireDraft(key: string, versionId: number): InstrumentVersion {
	const row = requireVersion(key, versionId);
	if (row.status !== 'draft') {
		throw new RefusalError(
			m.instruments_refusal_not_draft({ version: String(row.version) }),
			'versionId',
			409
		);
	}
	return row;
}

/** The dimensions of a raw model.json with their names, for labels (drafts may be broken). */
export function dimensionLabels(model: unknown): DimensionLabel[] {
	if (!isObject(model) || !Array.isArray(model.dimensions)) return [];
	return model.dimensions.flatMap((d) => {
		if (!isObject(d) || typeof d.key !== 'string') return [];
		const name = typeof d.name === 'string' || isObject(d.name) ? d.name : null;
		return [{ key: d.key, name: name as LocalizedString | string | null }];
	});
}

/** The name of a raw model.json (a draft's may be missing). */
export function modelName(model: unknown): LocalizedString | string | null {
	if (!isObject(model)) return null;
	const name = model.name;
	return typeof name === 'string' || isObject(name) ? (name as LocalizedString | string) : null;
}

/**
 * The version a draft follows: the latest published or retired version with a lower number.
 * Its dimensions are the crosswalk's old keys.
 */
export function previousVersion(key: string, version: number): PreviousVersion | null {
	const row = getDb()
		.select({
			id: instrumentVersion.id,
			version: instrumentVersion.version,
			model: instrumentVersion.model
		})
		.from(instrumentVersion)
		.where(
			and(
				eq(instrumentVersion.instrumentKey, key),
				ne(instrumentVersion.status, 'draft'),
				sql`${instrumentVersion.version} < ${version}`
			)
		)
		.orderBy(desc(instrumentVersion.version))
		.get();
	if (!row) return null;
	return { id: row.id, version: row.version, dimensions: dimensionLabels(row.model) };
}

export interface VersionUsage {
	rounds: number;
	openRounds: number;
	/** Submitted responses (individual and agreed) scored against the version. */
	responses: number;
}

function usageByVersion(versionIds: number[]): Map<number, VersionUsage> {
	const usage = new Map<number, VersionUsage>(
		versionIds.map((id) => [id, { rounds: 0, openRounds: 0, responses: 0 }])
	);
	if (versionIds.length === 0) return usage;
	const db = getDb();
	const rounds = db
		.select({
			versionId: round.versionId,
			rounds: sql<number>`count(*)`,
			openRounds: sql<number>`sum(case when ${round.status} = 'open' then 1 else 0 end)`
		})
		.from(round)
		.where(inArray(round.versionId, versionIds))
		.groupBy(round.versionId)
		.all();
	for (const r of rounds) {
		const entry = usage.get(r.versionId);
		if (entry) Object.assign(entry, { rounds: r.rounds, openRounds: r.openRounds ?? 0 });
	}
	const responses = db
		.select({ versionId: response.versionId, responses: sql<number>`count(*)` })
		.from(response)
		.where(and(inArray(response.versionId, versionIds), isNotNull(response.submittedAt)))
		.groupBy(response.versionId)
		.all();
	for (const r of responses) {
		const entry = usage.get(r.versionId);
		if (entry) entry.responses = r.responses;
	}
	return usage;
}

/** Rounds and submitted responses of one version. */
export function versionUsage(versionId: number): VersionUsage {
	return usageByVersion([versionId]).get(versionId)!;
}

export interface VersionSummary extends VersionUsage {
	id: number;
	version: number;
	status: VersionStatus;
	/** The version new rounds use. */
	current: boolean;
	createdAt: Date;
	updatedAt: Date | null;
	publishedAt: Date | null;
}

export interface InstrumentSummary {
	key: string;
	name: LocalizedString | string | null;
	versions: VersionSummary[];
	draft: VersionSummary | null;
	current: VersionSummary | null;
}

/** Every instrument with its versions (newest first), their use, its draft and current version. */
export function listInstruments(): InstrumentSummary[] {
	const db = getDb();
	const keys = db.select({ key: instrument.key }).from(instrument).orderBy(instrument.key).all();
	const rows = db
		.select({
			id: instrumentVersion.id,
			key: instrumentVersion.instrumentKey,
			version: instrumentVersion.version,
			status: instrumentVersion.status,
			model: instrumentVersion.model,
			createdAt: instrumentVersion.createdAt,
			updatedAt: instrumentVersion.updatedAt,
			publishedAt: instrumentVersion.publishedAt
		})
		.from(instrumentVersion)
		.orderBy(instrumentVersion.instrumentKey, desc(instrumentVersion.version))
		.all();
	const usage = usageByVersion(rows.map((r) => r.id));
	return keys.map(({ key }) => {
		const own = rows.filter((r) => r.key === key);
		const currentId = own.find((r) => r.status === 'published')?.id;
		const versions: VersionSummary[] = own.map((r) => ({
			id: r.id,
			version: r.version,
			status: r.status,
			current: r.id === currentId,
			createdAt: r.createdAt,
			updatedAt: r.updatedAt,
			publishedAt: r.publishedAt,
			...usage.get(r.id)!
		}));
		// The name as published, else the draft's (an imported instrument may have only a draft).
		const named = own.find((r) => r.status === 'published') ?? own[0];
		return {
			key,
			name: named ? modelName(named.model) : null,
			versions,
			draft: versions.find((v) => v.status === 'draft') ?? null,
			current: versions.find((v) => v.current) ?? null
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Checking

function crosswalkProblems(
	crosswalk: Crosswalk | null,
	model: unknown,
	previous: PreviousVersion | null
): VersionProblem[] {
	if (crosswalk === null) return [];
	const check = checkCrosswalk(
		crosswalk,
		previous?.dimensions.map((d) => d.key) ?? [],
		rawDimensionKeys(model),
		previous?.version ?? null
	);
	return check.problems.map((p) => ({
		file: 'crosswalk',
		element: p.field,
		path: p.field,
		message: p.message
	}));
}

/**
 * Every problem of a version (the instrument checks of surveys/ plus its crosswalk) and the
 * warnings: dimension keys changed without a crosswalk; content identical to the current version.
 */
export function reviewVersion(row: InstrumentVersion): VersionReview {
	const source = { survey: row.survey, model: row.model, pathways: row.pathways };
	const check = checkInstrument(source, { expectedKey: row.instrumentKey });
	const previous = previousVersion(row.instrumentKey, row.version);
	const problems: VersionProblem[] = [
		...check.problems,
		...crosswalkProblems(row.crosswalk ?? null, row.model, previous)
	];
	const warnings: VersionWarning[] = [];
	if (row.status === 'draft') {
		if (
			previous &&
			row.crosswalk == null &&
			dimensionKeysDiffer(
				previous.dimensions.map((d) => d.key),
				rawDimensionKeys(row.model)
			)
		) {
			warnings.push({ kind: 'crosswalk-missing', previousVersion: previous.version });
		}
		const current = currentVersion(row.instrumentKey);
		if (current && current.contentHash === instrumentContentHash(source)) {
			warnings.push({ kind: 'unchanged', version: current.version });
		}
	}
	return { problems, warnings };
}

// ---------------------------------------------------------------------------------------------
// Writing

function nextVersionNumber(tx: Pick<ReturnType<typeof getDb>, 'select'>, key: string): number {
	const highest = tx
		.select({ version: instrumentVersion.version })
		.from(instrumentVersion)
		.where(eq(instrumentVersion.instrumentKey, key))
		.orderBy(desc(instrumentVersion.version))
		.get();
	return (highest?.version ?? 0) + 1;
}

function draftOf(tx: Pick<ReturnType<typeof getDb>, 'select'>, key: string) {
	return tx
		.select({ id: instrumentVersion.id, version: instrumentVersion.version })
		.from(instrumentVersion)
		.where(and(eq(instrumentVersion.instrumentKey, key), eq(instrumentVersion.status, 'draft')))
		.get();
}

/**
 * Starts a draft as a copy of the current published version (its crosswalk starts empty: it
 * would describe the step to the copied version, not to the draft). One draft per instrument.
 */
export function createDraft(key: string, userId: string, now = Date.now()): InstrumentVersion {
	const db = getDb();
	return db.transaction((tx) => {
		const exists = tx.select().from(instrument).where(eq(instrument.key, key)).get();
		if (!exists) throw new RefusalError(m.instruments_refusal_unknown_instrument(), 'key', 404);
		const draft = draftOf(tx, key);
		if (draft) {
			throw new RefusalError(
				m.instruments_refusal_draft_exists({ version: String(draft.version) }),
				'key',
				409
			);
		}
		const current = tx
			.select()
			.from(instrumentVersion)
			.where(
				and(eq(instrumentVersion.instrumentKey, key), eq(instrumentVersion.status, 'published'))
			)
			.orderBy(desc(instrumentVersion.version))
			.get();
		if (!current) throw new RefusalError(m.instruments_refusal_no_published(), 'key', 409);
		return tx
			.insert(instrumentVersion)
			.values({
				instrumentKey: key,
				version: nextVersionNumber(tx, key),
				status: 'draft',
				contentHash: current.contentHash,
				survey: current.survey,
				model: current.model,
				pathways: current.pathways,
				crosswalk: null,
				createdBy: userId,
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.returning()
			.get();
	});
}

/**
 * Saves one part of a draft (the questionnaire, the model, the pathways or the crosswalk) and
 * returns the draft's problems and warnings. A draft with problems is saved all the same; only
 * publishing needs it clean. A crosswalk naming unknown dimensions is refused, field by field.
 */
export function saveDraftPart(
	key: string,
	versionId: number,
	part: DraftPart,
	content: unknown,
	now = Date.now()
): { version: InstrumentVersion; review: VersionReview } {
	const db = getDb();
	const saved = db.transaction((tx) => {
		const row = requireDraft(key, versionId);
		const next = { ...row };
		if (part === 'crosswalk') {
			next.crosswalk = content === null ? null : validCrosswalk(row, content);
		} else {
			if (content === undefined) {
				throw new RefusalError(m.instruments_refusal_part_missing({ part }), part, 400);
			}
			next[part] = content;
		}
		const contentHash = instrumentContentHash({
			survey: next.survey,
			model: next.model,
			pathways: next.pathways
		});
		return tx
			.update(instrumentVersion)
			.set({
				survey: next.survey,
				model: next.model,
				pathways: next.pathways,
				crosswalk: next.crosswalk,
				contentHash,
				updatedAt: new Date(now)
			})
			.where(and(eq(instrumentVersion.id, row.id), eq(instrumentVersion.status, 'draft')))
			.returning()
			.get();
	});
	return { version: saved, review: reviewVersion(saved) };
}

function validCrosswalk(row: InstrumentVersion, content: unknown): Crosswalk {
	const previous = previousVersion(row.instrumentKey, row.version);
	const check = checkCrosswalk(
		content,
		previous?.dimensions.map((d) => d.key) ?? [],
		rawDimensionKeys(row.model),
		previous?.version ?? null
	);
	if (!check.crosswalk) throw new CrosswalkRefusal(check.problems);
	return check.crosswalk;
}

/**
 * Publishes a draft: refused, with every problem, when the checks find any, and when its content
 * is the current version's. Otherwise it becomes immutable and the version new rounds use.
 */
export function publishDraft(key: string, versionId: number, now = Date.now()): InstrumentVersion {
	const db = getDb();
	return db.transaction((tx) => {
		const row = requireDraft(key, versionId);
		const review = reviewVersion(row);
		if (review.problems.length > 0) {
			const count = review.problems.length;
			throw new PublishRefusal(
				count === 1
					? m.instruments_refusal_publish_problems_one()
					: m.instruments_refusal_publish_problems_other({ count: String(count) }),
				review.problems
			);
		}
		const unchanged = review.warnings.find((w) => w.kind === 'unchanged');
		if (unchanged) {
			throw new PublishRefusal(
				m.instruments_refusal_publish_unchanged({ version: String(unchanged.version) }),
				[]
			);
		}
		const contentHash = instrumentContentHash({
			survey: row.survey,
			model: row.model,
			pathways: row.pathways
		});
		return tx
			.update(instrumentVersion)
			.set({
				status: 'published',
				contentHash,
				publishedAt: new Date(now),
				updatedAt: new Date(now)
			})
			.where(and(eq(instrumentVersion.id, row.id), eq(instrumentVersion.status, 'draft')))
			.returning()
			.get();
	});
}

/**
 * Retires a published version that a newer published version has replaced. The current version
 * cannot be retired: new rounds would silently fall back to an older one. Rounds still open on
 * a retired version keep it until they close; its results stay readable.
 */
export function retireVersion(key: string, versionId: number): void {
	const db = getDb();
	db.transaction((tx) => {
		const row = requireVersion(key, versionId);
		if (row.status === 'draft') {
			throw new RefusalError(m.instruments_refusal_retire_draft(), 'versionId', 409);
		}
		if (row.status === 'retired') {
			throw new RefusalError(
				m.instruments_refusal_already_retired({ version: String(row.version) }),
				'versionId',
				409
			);
		}
		const current = currentVersion(key);
		if (current?.id === row.id) {
			throw new RefusalError(
				m.instruments_refusal_retire_current({ version: String(row.version) }),
				'versionId',
				409
			);
		}
		tx.update(instrumentVersion)
			.set({ status: 'retired', updatedAt: new Date() })
			.where(eq(instrumentVersion.id, row.id))
			.run();
	});
}

/** Deletes a draft (never a published or retired version: the database refuses that too). */
export function deleteDraft(key: string, versionId: number): void {
	const db = getDb();
	db.transaction((tx) => {
		const row = requireDraft(key, versionId);
		tx.delete(instrumentVersion).where(eq(instrumentVersion.id, row.id)).run();
	});
}

// ---------------------------------------------------------------------------------------------
// Export and import

/** A version as one file: `{ format, formatVersion, key, version, status, survey, … }`. */
export function exportVersion(key: string, versionId: number): InstrumentExport {
	const row = requireVersion(key, versionId);
	return {
		format: EXPORT_FORMAT,
		formatVersion: EXPORT_FORMAT_VERSION,
		key: row.instrumentKey,
		version: row.version,
		status: row.status,
		survey: row.survey,
		model: row.model,
		pathways: row.pathways,
		crosswalk: row.crosswalk ?? null
	};
}

/** The file name an export is downloaded as. */
export function exportFileName(file: Pick<InstrumentExport, 'key' | 'version' | 'status'>): string {
	const suffix = file.status === 'draft' ? '-draft' : '';
	return `${file.key}-v${file.version}${suffix}.json`;
}

const present = (part: string) =>
	z.unknown().refine((value) => value !== undefined && value !== null, {
		error: () => m.instruments_import_part_missing({ part })
	});

const exportSchema = z.object({
	format: z.literal(EXPORT_FORMAT, { error: () => m.instruments_import_not_export() }),
	formatVersion: z.literal(EXPORT_FORMAT_VERSION, {
		error: () => m.instruments_import_format_version({ version: String(EXPORT_FORMAT_VERSION) })
	}),
	key: z
		.string({ error: () => m.instruments_import_key() })
		.regex(KEY_PATTERN, { error: () => m.instruments_import_key() }),
	survey: present('survey'),
	model: present('model'),
	pathways: present('pathways'),
	// Checked against this installation's versions at import (checkCrosswalk), not here.
	crosswalk: z.unknown().optional()
});

/** An exported file as read for import: its crosswalk is checked against this installation. */
export type ImportFile = Omit<InstrumentExport, 'crosswalk' | 'version' | 'status'> & {
	crosswalk: unknown;
};

/** Reads an exported file's text; anything but the export format is refused (field `file`). */
export function parseInstrumentExport(text: string): ImportFile {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new RefusalError(m.instruments_import_not_json(), 'file', 400);
	}
	const parsed = exportSchema.safeParse(value);
	if (!parsed.success) throw new RefusalError(parsed.error.issues[0].message, 'file', 400);
	const data = parsed.data;
	return {
		format: EXPORT_FORMAT,
		formatVersion: EXPORT_FORMAT_VERSION,
		key: data.key,
		survey: data.survey,
		model: data.model,
		pathways: data.pathways,
		crosswalk: data.crosswalk ?? null
	};
}

export interface ImportResult {
	version: InstrumentVersion;
	review: VersionReview;
	/** The instrument was new to this installation. */
	createdInstrument: boolean;
	/** The file's crosswalk did not fit this installation's versions and was left out. */
	crosswalkDropped: boolean;
}

/**
 * Imports an exported version as a new draft of its instrument (created when unknown here),
 * numbered after this installation's versions. The draft is checked like any other: problems are
 * listed, not refused. The crosswalk is kept only if it fits this installation's previous version.
 */
export function importInstrument(file: ImportFile, userId: string, now = Date.now()): ImportResult {
	const db = getDb();
	const result = db.transaction((tx) => {
		const exists = tx.select().from(instrument).where(eq(instrument.key, file.key)).get();
		if (!exists)
			tx.insert(instrument)
				.values({ key: file.key, createdAt: new Date(now) })
				.run();
		const draft = draftOf(tx, file.key);
		if (draft) {
			throw new RefusalError(
				m.instruments_refusal_draft_exists({ version: String(draft.version) }),
				'file',
				409
			);
		}
		const version = nextVersionNumber(tx, file.key);
		let crosswalk: Crosswalk | null = null;
		let crosswalkDropped = false;
		if (file.crosswalk !== null && file.crosswalk !== undefined) {
			const previous = previousVersion(file.key, version);
			const check = checkCrosswalk(
				file.crosswalk,
				previous?.dimensions.map((d) => d.key) ?? [],
				rawDimensionKeys(file.model),
				previous?.version ?? null
			);
			crosswalk = check.crosswalk;
			crosswalkDropped = check.crosswalk === null;
		}
		const row = tx
			.insert(instrumentVersion)
			.values({
				instrumentKey: file.key,
				version,
				status: 'draft',
				contentHash: instrumentContentHash({
					survey: file.survey,
					model: file.model,
					pathways: file.pathways
				}),
				survey: file.survey,
				model: file.model,
				pathways: file.pathways,
				crosswalk,
				createdBy: userId,
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.returning()
			.get();
		return { version: row, createdInstrument: !exists, crosswalkDropped };
	});
	return { ...result, review: reviewVersion(result.version) };
}
