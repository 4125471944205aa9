import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_URL = 'data/app.db';
const MIGRATIONS_FOLDER = resolve(process.cwd(), 'drizzle');

/** Opens (creating if needed) the SQLite file, sets the pragmas and applies pending migrations. */
export function openDatabase(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Db {
	const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	client.pragma('foreign_keys = ON');
	// Several requests (and the seed or admin scripts) may write at once: wait, don't fail.
	client.pragma('busy_timeout = 5000');
	client.pragma('synchronous = NORMAL');
	const db = drizzle(client, { schema });
	migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	return db;
}

let current: Db | undefined;

/** The process-wide database, opened on first use. */
export function getDb(): Db {
	current ??= openDatabase();
	return current;
}

/** Tests point the process at a database of their own. */
export function setDb(db: Db | undefined): void {
	current = db;
}
