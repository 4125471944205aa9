import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		databasePath: string;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
		});
	});
}

async function waitFor(url: string, server: ChildProcess, ms = 30_000): Promise<void> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (server.exitCode !== null) throw new Error(`The app exited with code ${server.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The app did not answer at ${url} within ${ms} ms`);
}

/** Starts the built app on a fresh, seeded database of its own, on a free port. */
export default async function setup(project: TestProject) {
	if (!existsSync('build/index.js')) throw new Error('No build: run `npm run build` first.');
	const dir = mkdtempSync(join(tmpdir(), 'emen-e2e-'));
	const databasePath = join(dir, 'e2e.db');
	const env = { ...process.env, DATABASE_URL: databasePath };
	const seeded = spawnSync('npx', ['tsx', 'scripts/seed.ts'], { env, encoding: 'utf8' });
	if (seeded.status !== 0) throw new Error(`Seeding failed:\n${seeded.stderr}`);

	const port = await freePort();
	const baseURL = `http://localhost:${port}`;
	const server = spawn('node', ['build/index.js'], {
		env: {
			...env,
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			ORIGIN: baseURL,
			BODY_SIZE_LIMIT: '4M'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitFor(`${baseURL}/login`, server);
	project.provide('baseURL', baseURL);
	project.provide('databasePath', databasePath);

	return () => {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	};
}
