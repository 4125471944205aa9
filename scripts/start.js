// Serves the built app (build/ from `npm run build`) with adapter-node, and says where.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (!existsSync('build/index.js')) {
	console.error('No build found. Run `npm run build` first (or `npm run demo` for the demo).');
	process.exit(1);
}

process.env.NODE_ENV ??= 'production';
process.env.PORT ??= '3000';
process.env.DATABASE_URL ??= 'data/app.db';
// An exported instrument (one JSON file) is about 0.5 MB: imports need more than the 512 KB default.
process.env.BODY_SIZE_LIMIT ??= '4M';
const demo = process.argv.includes('--demo');

// A computed path: the build is output, not source for the type checker to follow.
await import(pathToFileURL(resolve('build/index.js')).href);

const url = process.env.ORIGIN ?? `http://localhost:${process.env.PORT}`;
console.log(`\nEMEN Benchmark is running at ${url}  (database: ${process.env.DATABASE_URL})`);
if (demo) {
	const { DEMO_LOGINS, DEMO_PASSWORD } = await import('./seed/logins.js');
	console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
	for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(28)} ${login.what}`);
}
console.log('\nStop with Ctrl+C.');
