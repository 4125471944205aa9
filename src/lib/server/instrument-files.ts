// Reads instruments from disk (surveys/<key>/{survey,model,pathways}.json) and checks them with
// the domain's parser. Every error names the file path, so an author can go straight to it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
	canonicalJson,
	checkInstrument,
	formatProblem,
	type Instrument,
	type InstrumentFile,
	type InstrumentProblem,
	type InstrumentSource
} from '../domain/instrument';

export const INSTRUMENT_FILES: readonly InstrumentFile[] = [
	'survey.json',
	'model.json',
	'pathways.json'
];

export interface LoadedInstrument {
	key: string;
	dir: string;
	instrument: Instrument;
	/** SHA-256 of the canonical JSON of the three files: a new hash is a new version. */
	contentHash: string;
}

/** Thrown when an instrument folder cannot be read or its content is refused. */
export class InstrumentLoadError extends Error {
	readonly problems: InstrumentProblem[];
	constructor(message: string, problems: InstrumentProblem[] = []) {
		super(message);
		this.name = 'InstrumentLoadError';
		this.problems = problems;
	}
}

function readJson(path: string): unknown {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InstrumentLoadError(
			code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot be read (${String(error)})`
		);
	}
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new InstrumentLoadError(`${path}: invalid JSON (${(error as Error).message})`);
	}
}

/** Content hash of an instrument version: SHA-256 (hex) of the canonical JSON of its files. */
export function instrumentContentHash(source: InstrumentSource): string {
	return createHash('sha256').update(canonicalJson(source)).digest('hex');
}

/** Loads and checks one instrument folder; the folder name is the instrument key. */
export function loadInstrumentDir(dir: string): LoadedInstrument {
	const folder = resolve(dir);
	if (!existsSync(folder) || !statSync(folder).isDirectory()) {
		throw new InstrumentLoadError(`${dir}: instrument folder not found`);
	}
	const key = basename(folder);
	const files: Partial<Record<InstrumentFile, unknown>> = {};
	const errors: string[] = [];
	for (const file of INSTRUMENT_FILES) {
		try {
			files[file] = readJson(join(dir, file));
		} catch (error) {
			if (!(error instanceof InstrumentLoadError)) throw error;
			errors.push(error.message);
		}
	}
	if (errors.length > 0) throw new InstrumentLoadError(errors.join('\n'));
	const source: InstrumentSource = {
		survey: files['survey.json'],
		model: files['model.json'],
		pathways: files['pathways.json']
	};
	const result = checkInstrument(source, { expectedKey: key });
	if (!result.ok) {
		const lines = result.problems.map((p) => `  - ${formatProblem(p, join(dir, p.file))}`);
		throw new InstrumentLoadError(
			`Instrument "${key}" is refused (${result.problems.length} problems):\n${lines.join('\n')}`,
			result.problems
		);
	}
	return { key, dir, instrument: result.instrument, contentHash: instrumentContentHash(source) };
}

/** Folders of `surveysDir` that hold an instrument (any of the three files), sorted by name. */
export function instrumentDirs(surveysDir: string): string[] {
	if (!existsSync(surveysDir)) throw new InstrumentLoadError(`${surveysDir}: folder not found`);
	return readdirSync(surveysDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(surveysDir, entry.name))
		.filter((dir) => INSTRUMENT_FILES.some((file) => existsSync(join(dir, file))))
		.sort();
}

/** Loads every instrument under `surveysDir`; throws one error listing all refused instruments. */
export function loadInstrumentsFromDir(surveysDir: string): LoadedInstrument[] {
	const loaded: LoadedInstrument[] = [];
	const errors: InstrumentLoadError[] = [];
	for (const dir of instrumentDirs(surveysDir)) {
		try {
			loaded.push(loadInstrumentDir(dir));
		} catch (error) {
			if (!(error instanceof InstrumentLoadError)) throw error;
			errors.push(error);
		}
	}
	if (errors.length > 0) {
		throw new InstrumentLoadError(
			errors.map((e) => e.message).join('\n'),
			errors.flatMap((e) => e.problems)
		);
	}
	return loaded;
}

/**
 * An instrument by folder path or by key under `surveysDir` (for the command line). Unknown
 * keys get an error that lists the known ones.
 */
export function resolveInstrumentDir(keyOrDir: string, surveysDir: string): string {
	if (existsSync(keyOrDir) && statSync(keyOrDir).isDirectory()) return keyOrDir;
	const byKey = join(surveysDir, keyOrDir);
	if (/^[a-z0-9-]+$/.test(keyOrDir) && existsSync(byKey) && statSync(byKey).isDirectory()) {
		return byKey;
	}
	let known: string[] = [];
	try {
		known = instrumentDirs(surveysDir).map((dir) => basename(dir));
	} catch {
		// No surveys folder: the message below says the instrument is unknown all the same.
	}
	throw new InstrumentLoadError(
		`Unknown instrument "${keyOrDir}": not a folder, and not a key under ${surveysDir}` +
			(known.length > 0 ? ` (known: ${known.join(', ')})` : '')
	);
}
