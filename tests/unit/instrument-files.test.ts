import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	InstrumentLoadError,
	instrumentContentHash,
	loadInstrumentDir,
	loadInstrumentsFromDir,
	resolveInstrumentDir
} from '../../src/lib/server/instrument-files';
import { fixtureSource, questionJson } from './instrument-fixture';

const root = mkdtempSync(join(tmpdir(), 'instruments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** Writes an instrument folder; `change` bends the fixture, `raw` overrides a file's text. */
function writeInstrument(
	key: string,
	change: (s: ReturnType<typeof fixtureSource>) => void = () => {},
	raw: Partial<Record<'survey.json' | 'model.json' | 'pathways.json', string | null>> = {},
	parent = join(root, `set-${counter++}`)
): string {
	const source = structuredClone(fixtureSource());
	(source.model as { key: string }).key = key;
	change(source);
	const dir = join(parent, key);
	mkdirSync(dir, { recursive: true });
	const files = {
		'survey.json': source.survey,
		'model.json': source.model,
		'pathways.json': source.pathways
	};
	for (const [file, content] of Object.entries(files)) {
		const text = file in raw ? raw[file as keyof typeof raw] : JSON.stringify(content, null, '\t');
		if (text !== null && text !== undefined) writeFileSync(join(dir, file), text);
	}
	return dir;
}

function loadError(fn: () => unknown): InstrumentLoadError {
	try {
		fn();
	} catch (error) {
		if (error instanceof InstrumentLoadError) return error;
		throw error;
	}
	throw new Error('expected an InstrumentLoadError');
}

describe('instrument files', () => {
	it('loads a folder; the folder name is the key', () => {
		const loaded = loadInstrumentDir(writeInstrument('good'));
		expect(loaded.key).toBe('good');
		expect(loaded.instrument.dimensions).toHaveLength(2);
		expect(loaded.contentHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('hashes content, not formatting or key order', () => {
		const a = instrumentContentHash(fixtureSource());
		const reordered = fixtureSource();
		reordered.model = Object.fromEntries(Object.entries(reordered.model as object).reverse());
		expect(instrumentContentHash(reordered)).toBe(a);
		const changed = fixtureSource();
		questionJson(changed.survey, 'alpha_gate').gateThreshold = 0.5;
		expect(instrumentContentHash(changed)).not.toBe(a);
	});

	it('names the file path of a refused element', () => {
		const dir = writeInstrument('bad', (s) => {
			questionJson(s.survey, 'alpha_grid').dimension = 'nope';
		});
		const error = loadError(() => loadInstrumentDir(dir));
		expect(error.message).toContain(`${join(dir, 'survey.json')}: question "alpha_grid"`);
		expect(error.problems).toHaveLength(1);
	});

	it('names a missing file and a file that is not JSON', () => {
		const dir = writeInstrument('broken', undefined, {
			'pathways.json': null,
			'model.json': '{ "key": '
		});
		const error = loadError(() => loadInstrumentDir(dir));
		expect(error.message).toContain(`${join(dir, 'pathways.json')}: file not found`);
		expect(error.message).toMatch(
			new RegExp(`${join(dir, 'model.json').replace(/\//g, '\\/')}: invalid JSON`)
		);
	});

	it('refuses a model key that differs from the folder name', () => {
		const dir = writeInstrument('folder-name', (s) => ((s.model as { key: string }).key = 'other'));
		expect(loadError(() => loadInstrumentDir(dir)).message).toContain(
			`${join(dir, 'model.json')}: model (key): key "other" must equal the instrument's folder name "folder-name"`
		);
	});

	it('loads every instrument of a folder and reports all refused ones together', () => {
		const parent = join(root, 'many');
		writeInstrument('one', undefined, {}, parent);
		writeInstrument('two', undefined, {}, parent);
		writeFileSync(join(parent, 'README.md'), '# not an instrument');
		expect(loadInstrumentsFromDir(parent).map((l) => l.key)).toEqual(['one', 'two']);
		writeInstrument(
			'three',
			(s) => delete (s.pathways as { dimensions: Record<string, unknown> }).dimensions.beta,
			{},
			parent
		);
		writeInstrument('four', undefined, { 'survey.json': '[' }, parent);
		const error = loadError(() => loadInstrumentsFromDir(parent));
		expect(error.message).toContain(join(parent, 'three', 'pathways.json'));
		expect(error.message).toContain(join(parent, 'four', 'survey.json'));
	});

	it('resolves an instrument by key or folder, and lists known keys for an unknown one', () => {
		const parent = join(root, 'resolve');
		const dir = writeInstrument('known', undefined, {}, parent);
		expect(resolveInstrumentDir('known', parent)).toBe(dir);
		expect(resolveInstrumentDir(dir, parent)).toBe(dir);
		expect(loadError(() => resolveInstrumentDir('unknown', parent)).message).toMatch(
			/Unknown instrument "unknown".*\(known: known\)/
		);
	});
});
