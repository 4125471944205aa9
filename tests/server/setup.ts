import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, setDb } from '../../src/lib/server/db';

// Every test file gets a database file of its own, built from the committed migrations.
const dir = mkdtempSync(join(tmpdir(), 'emen-server-'));
const db = openDatabase(join(dir, 'test.db'));
setDb(db);

afterAll(() => {
	db.$client.close();
	setDb(undefined);
	rmSync(dir, { recursive: true, force: true });
});
