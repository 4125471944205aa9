// npm run score -- <instrument-key-or-dir> <responses.json>
//
// Validates and scores responses collected offline with the same code as the app, and prints
// for each response, as JSON: the verdict with reasons, dimension scores, levels, gate caps and
// the overall index and level. Scores are unrounded (round only for display).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileValidator } from '../src/lib/domain/response-validator';
import { scoreResponse } from '../src/lib/domain/scoring';
import {
	InstrumentLoadError,
	loadInstrumentDir,
	resolveInstrumentDir
} from '../src/lib/server/instrument-files';

const SURVEYS_DIR = fileURLToPath(new URL('../surveys', import.meta.url));
const USAGE = 'usage: npm run score -- <instrument-key-or-dir> <responses.json>';

class UsageError extends Error {}

function readResponses(path: string): unknown[] {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(
			code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot be read (${String(error)})`
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${path}: invalid JSON (${(error as Error).message})`);
	}
	if (!Array.isArray(parsed)) {
		throw new UsageError(`${path}: expected a JSON array of responses (SurveyJS data objects)`);
	}
	return parsed;
}

function main(args: string[]): number {
	if (args.length !== 2) throw new UsageError(USAGE);
	const [instrumentArg, responsesPath] = args;
	const { instrument, key, contentHash } = loadInstrumentDir(
		resolveInstrumentDir(instrumentArg, SURVEYS_DIR)
	);
	const responses = readResponses(responsesPath);
	const validator = compileValidator(instrument);

	const results = responses.map((data, index) => {
		const verdict = validator.validate(data, { requireComplete: true });
		const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
		// An invalid response is still scored where it can be (answers that are not options are
		// left out), so a researcher sees both; the app refuses such a submission outright.
		const score = isObject ? scoreResponse(instrument, data as Record<string, unknown>) : null;
		return {
			index,
			valid: verdict.valid,
			errors: verdict.errors,
			overall: score ? { index: score.overall.index, level: score.overall.level } : null,
			dimensions:
				score?.dimensions.map((d) => ({
					key: d.key,
					score: d.score,
					insufficientData: d.insufficientData,
					answered: d.answeredCount,
					scored: d.scoredCount,
					bandLevel: d.rawLevel,
					level: d.level,
					cappedBy: d.cappedBy.map((g) => ({
						question: g.question,
						gateLevel: g.gateLevel,
						threshold: g.threshold,
						score: g.score
					}))
				})) ?? null
		};
	});
	process.stdout.write(
		`${JSON.stringify({ instrument: key, contentHash, responses: results }, null, 2)}\n`
	);
	return 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError || error instanceof InstrumentLoadError) {
		process.stderr.write(`score: ${error.message}\n`);
		process.exitCode = error instanceof UsageError && error.message === USAGE ? 2 : 1;
	} else {
		throw error;
	}
}
