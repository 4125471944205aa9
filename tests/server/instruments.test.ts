import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/server/db';
import { instrumentVersion } from '../../src/lib/server/db/schema';
import {
	compiledVersion,
	currentVersion,
	registerInstrumentsFromDir
} from '../../src/lib/server/instruments';

/** A private copy of surveys/, so a test can change a file. */
function copyOfSurveys(): string {
	const dir = mkdtempSync(join(tmpdir(), 'emen-surveys-'));
	cpSync('surveys', dir, { recursive: true });
	return dir;
}

describe('instrument versions in the database', () => {
	it('registers both instruments once, and again only when the content changes', () => {
		const dir = copyOfSurveys();
		const first = registerInstrumentsFromDir(dir);
		expect(first.map((v) => [v.key, v.version, v.created])).toEqual([
			['association-professionalisation', 1, true],
			['chamber-diversity', 1, true]
		]);
		expect(registerInstrumentsFromDir(dir).every((v) => !v.created)).toBe(true);

		// Reformatting a file is not a new version: the hash is of canonical JSON.
		const modelPath = join(dir, 'chamber-diversity', 'model.json');
		const model = JSON.parse(readFileSync(modelPath, 'utf8'));
		writeFileSync(modelPath, JSON.stringify(model));
		expect(registerInstrumentsFromDir(dir).every((v) => !v.created)).toBe(true);

		model.dimensions[0].weight = 2;
		writeFileSync(modelPath, JSON.stringify(model, null, 2));
		const third = registerInstrumentsFromDir(dir);
		expect(third.find((v) => v.key === 'chamber-diversity')).toMatchObject({
			version: 2,
			created: true
		});
		expect(currentVersion('chamber-diversity')?.version).toBe(2);
		expect(currentVersion('association-professionalisation')?.version).toBe(1);
	});

	it('refuses a broken instrument and keeps the registered versions', () => {
		const dir = copyOfSurveys();
		registerInstrumentsFromDir(dir);
		const before = currentVersion('chamber-diversity')!;
		const surveyPath = join(dir, 'chamber-diversity', 'survey.json');
		const survey = JSON.parse(readFileSync(surveyPath, 'utf8'));
		const q = survey.pages[1].elements[0];
		q.dimension = 'no-such-dimension';
		writeFileSync(surveyPath, JSON.stringify(survey));
		expect(() => registerInstrumentsFromDir(dir)).toThrow(
			/survey\.json.*no-such-dimension|no-such-dimension/s
		);
		expect(currentVersion('chamber-diversity')?.id).toBe(before.id);
	});

	it('never lets a published version be modified or deleted', () => {
		registerInstrumentsFromDir(copyOfSurveys());
		const v = currentVersion('association-professionalisation')!;
		const db = getDb();
		expect(() =>
			db
				.update(instrumentVersion)
				.set({ model: { changed: true } })
				.where(eq(instrumentVersion.id, v.id))
				.run()
		).toThrow(/cannot be modified/);
		expect(() => db.delete(instrumentVersion).where(eq(instrumentVersion.id, v.id)).run()).toThrow(
			/cannot be deleted/
		);
		// Retiring is allowed: only the status moves on.
		db.run(sql`update instrument_version set status = 'retired' where id = ${v.id}`);
		expect(
			db.select().from(instrumentVersion).where(eq(instrumentVersion.id, v.id)).get()?.status
		).toBe('retired');
	});

	it('compiles a stored version into the instrument and its validator', () => {
		registerInstrumentsFromDir(copyOfSurveys());
		const v = currentVersion('chamber-diversity')!;
		const compiled = compiledVersion(v.id)!;
		expect(compiled.instrument.key).toBe('chamber-diversity');
		expect(
			compiled.validator.validate({ unknown_question: 1 }, { requireComplete: false }).valid
		).toBe(false);
		expect(compiledVersion(v.id)).toBe(compiled);
		expect(compiledVersion(999_999)).toBeUndefined();
	});
});
