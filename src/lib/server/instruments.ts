import { and, desc, eq, ne } from 'drizzle-orm';
import { parseInstrument, type Instrument } from '../domain/instrument';
import { compileValidator, type ResponseValidator } from '../domain/response-validator';
import { getDb } from './db';
import { instrument, instrumentVersion, type InstrumentVersion } from './db/schema';
import { loadInstrumentsFromDir, type LoadedInstrument } from './instrument-files';

export const SURVEYS_DIR = 'surveys';

export interface RegisteredVersion {
	key: string;
	version: number;
	id: number;
	created: boolean;
}

/**
 * Registers the instruments under surveys/ as published versions: a new version whenever the
 * files' content differs from every version registered or published before. Existing versions
 * are never touched. Comparing with every version, not only the latest, matters once versions
 * are also published in the app (src/lib/server/authoring.ts): the unchanged files must not come
 * back at the next start as a newer version over the author's work.
 */
export function registerInstruments(
	loaded: LoadedInstrument[],
	now = Date.now()
): RegisteredVersion[] {
	const db = getDb();
	return db.transaction((tx) =>
		loaded.map(({ key, instrument: parsed, contentHash }) => {
			tx.insert(instrument).values({ key }).onConflictDoNothing().run();
			const known = tx
				.select({ id: instrumentVersion.id, version: instrumentVersion.version })
				.from(instrumentVersion)
				.where(
					and(
						eq(instrumentVersion.instrumentKey, key),
						eq(instrumentVersion.contentHash, contentHash),
						ne(instrumentVersion.status, 'draft')
					)
				)
				.orderBy(desc(instrumentVersion.version))
				.get();
			if (known) return { key, version: known.version, id: known.id, created: false };
			const highest = tx
				.select({ version: instrumentVersion.version })
				.from(instrumentVersion)
				.where(eq(instrumentVersion.instrumentKey, key))
				.orderBy(desc(instrumentVersion.version))
				.get();
			const version = (highest?.version ?? 0) + 1;
			const row = tx
				.insert(instrumentVersion)
				.values({
					instrumentKey: key,
					version,
					status: 'published',
					contentHash,
					survey: parsed.source.survey,
					model: parsed.source.model,
					pathways: parsed.source.pathways,
					createdAt: new Date(now),
					publishedAt: new Date(now)
				})
				.returning({ id: instrumentVersion.id })
				.get();
			return { key, version, id: row.id, created: true };
		})
	);
}

/** Loads surveys/ and registers what changed; a refused instrument leaves its versions as they were. */
export function registerInstrumentsFromDir(dir = SURVEYS_DIR): RegisteredVersion[] {
	return registerInstruments(loadInstrumentsFromDir(dir));
}

/** The version new rounds use: the latest published one. */
export function currentVersion(key: string): InstrumentVersion | undefined {
	return getDb()
		.select()
		.from(instrumentVersion)
		.where(and(eq(instrumentVersion.instrumentKey, key), eq(instrumentVersion.status, 'published')))
		.orderBy(desc(instrumentVersion.version))
		.get();
}

/**
 * Every registered version, by instrument and then oldest first: keyed into a map, the last
 * entry of an instrument is its newest version (the rounds page lists the current ones so).
 */
export function listInstrumentVersions() {
	return getDb()
		.select({
			id: instrumentVersion.id,
			key: instrumentVersion.instrumentKey,
			version: instrumentVersion.version,
			status: instrumentVersion.status,
			contentHash: instrumentVersion.contentHash,
			publishedAt: instrumentVersion.publishedAt
		})
		.from(instrumentVersion)
		.orderBy(instrumentVersion.instrumentKey, instrumentVersion.version)
		.all();
}

interface CompiledVersion {
	instrument: Instrument;
	validator: ResponseValidator;
}

// Versions never change once published, so a parsed instrument and its compiled validator can
// be kept for the life of the process (compiling costs far more than validating).
const compiled = new Map<number, CompiledVersion>();

/** The parsed instrument and strict validator of one stored version. */
export function compiledVersion(versionId: number): CompiledVersion | undefined {
	const cached = compiled.get(versionId);
	if (cached) return cached;
	const row = getDb()
		.select()
		.from(instrumentVersion)
		.where(eq(instrumentVersion.id, versionId))
		.get();
	if (!row) return undefined;
	const parsed = parseInstrument({ survey: row.survey, model: row.model, pathways: row.pathways });
	const entry = { instrument: parsed, validator: compileValidator(parsed) };
	if (row.status !== 'draft') compiled.set(versionId, entry);
	return entry;
}
