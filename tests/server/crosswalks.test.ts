// Crosswalks applied (issue 7): two published versions of a test instrument built from the
// shipped chamber-diversity files, one renaming a dimension and merging two others, with
// submissions in rounds of each. With a crosswalk the trend continues (renamed dimension) and
// combines (merged dimension); without one the older results are never mixed in.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	checkInstrument,
	formatProblem,
	type Instrument,
	type InstrumentSource
} from '../../src/lib/domain/instrument';
import { pickText } from '../../src/lib/domain/localized';
import {
	comparableDimensions,
	resultVersions,
	roundsApart,
	summariseComparison
} from '../../src/lib/server/crosswalks';
import { getDb } from '../../src/lib/server/db';
import {
	instrument as instrumentTable,
	instrumentVersion,
	user as userTable,
	type Round
} from '../../src/lib/server/db/schema';
import { instrumentContentHash, loadInstrumentDir } from '../../src/lib/server/instrument-files';
import { compiledVersion } from '../../src/lib/server/instruments';
import { exportTables, networkDashboard } from '../../src/lib/server/network';
import { organisationProgress } from '../../src/lib/server/progress';
import { openResponse, submitResponse } from '../../src/lib/server/responses';
import { computeOrganisationResult, resultsPage } from '../../src/lib/server/results';
import { openRound } from '../../src/lib/server/rounds';
import { load as networkLoad } from '../../src/routes/network/+page.server';
import { answers } from './assessment-helpers';
import { eventFor, makeOrg, makeUser } from './helpers';

const DAY = 86_400_000;
const NOW = Date.now();
const iso = (offsetDays: number) => new Date(NOW + offsetDays * DAY).toISOString().slice(0, 10);

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

/** The shipped chamber audit's three files, as they are on disk. */
const shipped = loadInstrumentDir('surveys/chamber-diversity').instrument.source;

// Version 2: `outreach` renamed (new key and name), `services` (weight 1.5) and `partnerships`
// (weight 1) merged into `services-partnerships`. Every other dimension stays as it was.
const RENAMED = { from: 'outreach', to: 'community-outreach' };
const MERGED = { from: ['services', 'partnerships'], to: 'services-partnerships' };
const CROSSWALK: Record<string, string[]> = {
	strategy: ['strategy'],
	workforce: ['workforce'],
	membership: ['membership'],
	monitoring: ['monitoring'],
	policy: ['policy'],
	[RENAMED.from]: [RENAMED.to],
	[MERGED.from[0]]: [MERGED.to],
	[MERGED.from[1]]: [MERGED.to]
};

/** The version 1 files under another instrument key. */
function firstVersion(key: string): InstrumentSource {
	const source = clone(shipped) as { survey: Json; model: Json; pathways: Json };
	source.model.key = key;
	return source;
}

/** Every question of a survey, however deeply nested in pages and panels. */
function questionsOf(node: unknown): Json[] {
	if (Array.isArray(node)) return node.flatMap(questionsOf);
	if (node === null || typeof node !== 'object') return [];
	const o = node as Json;
	return [
		...(typeof o.name === 'string' && 'type' in o ? [o] : []),
		...questionsOf(o.pages),
		...questionsOf(o.elements)
	];
}

/** Version 2: the rename and the merge applied to the model, the questions and the pathways. */
function secondVersion(key: string): InstrumentSource {
	const source = firstVersion(key) as { survey: Json; model: Json; pathways: Json };
	const dimensions = source.model.dimensions as Json[];
	const keyOf = (old: string) =>
		old === RENAMED.from ? RENAMED.to : MERGED.from.includes(old) ? MERGED.to : old;
	source.model.dimensions = dimensions
		.filter((d) => d.key !== MERGED.from[1])
		.map((d) => {
			if (d.key === RENAMED.from)
				return {
					...d,
					key: RENAMED.to,
					theme: d.theme ?? RENAMED.from,
					name: {
						default: 'Community outreach',
						de: 'Community-Arbeit',
						fr: 'Travail de proximité'
					}
				};
			if (d.key === MERGED.from[0])
				return {
					...d,
					key: MERGED.to,
					theme: d.theme ?? MERGED.from[0],
					weight: 2,
					name: {
						default: 'Services and partnerships',
						de: 'Leistungen und Partnerschaften',
						fr: 'Services et partenariats'
					}
				};
			return d;
		});
	for (const q of questionsOf(source.survey))
		if (typeof q.dimension === 'string') q.dimension = keyOf(q.dimension);
	const pathways = source.pathways.dimensions as Record<string, unknown>;
	pathways[RENAMED.to] = pathways[RENAMED.from];
	pathways[MERGED.to] = pathways[MERGED.from[0]];
	for (const old of [RENAMED.from, ...MERGED.from]) delete pathways[old];
	return source;
}

/** A text-only revision: one description reworded, the same dimension keys. */
function textRevision(source: InstrumentSource): InstrumentSource {
	const next = clone(source) as { survey: Json; model: Json; pathways: Json };
	const first = (next.model.dimensions as Json[])[0];
	first.description = { ...(first.description as Json), default: 'Reworded in a later version.' };
	return next;
}

/** Registers a published version directly, as registerInstruments does (with a crosswalk). */
function publish(
	key: string,
	version: number,
	source: InstrumentSource,
	crosswalk: Record<string, string[]> | null
): number {
	const checked = checkInstrument(source, { expectedKey: key });
	if (!checked.ok) throw new Error(checked.problems.map((p) => formatProblem(p)).join('\n'));
	const db = getDb();
	db.insert(instrumentTable).values({ key }).onConflictDoNothing().run();
	return db
		.insert(instrumentVersion)
		.values({
			instrumentKey: key,
			version,
			status: 'published',
			contentHash: instrumentContentHash(source),
			survey: source.survey,
			model: source.model,
			pathways: source.pathways,
			crosswalk,
			publishedAt: new Date()
		})
		.returning({ id: instrumentVersion.id })
		.get().id;
}

let leadId: string;

/** Opens a round on the instrument's current version (the latest published). */
function round(key: string, name: string, startsIn: number): Round {
	return openRound(leadId, {
		instrumentKey: key,
		name,
		startsOn: iso(startsIn),
		endsOn: iso(startsIn + 60),
		organisationTypes: ['chamber']
	});
}

const instrumentOf = (r: Round): Instrument => compiledVersion(r.versionId)!.instrument;

/** Per-dimension answer levels (0–1); version 2's keys get their own. */
const FIRST_LEVELS = { outreach: 0.25, services: 0.25, partnerships: 1, strategy: 0.5 };
const SECOND_LEVELS = { [RENAMED.to]: 0.75, [MERGED.to]: 0.75, strategy: 0.5 };

function submit(
	r: Round,
	organisationId: string,
	userId: string,
	levels: Record<string, number>,
	at: number
) {
	const owner = { round: r, organisationId, userId, kind: 'individual' as const };
	openResponse(owner);
	submitResponse(owner, answers(instrumentOf(r), levels), at);
}

/** `count` organisations that answered each of the rounds given, in order. */
async function organisations(
	count: number,
	rounds: [Round, Record<string, number>][],
	prefix: string
) {
	const orgs: { id: string }[] = [];
	for (let i = 0; i < count; i++) {
		const admin = await makeUser(`${prefix} ${i} admin`);
		const org = makeOrg(admin.id, `${prefix} Chamber ${i}`);
		rounds.forEach(([r, levels], j) =>
			submit(r, org.id, admin.id, levels, NOW - (30 - 10 * j) * DAY)
		);
		orgs.push(org);
	}
	return orgs;
}

const scoreIn = (r: Round, organisationId: string, key: string) =>
	computeOrganisationResult(r, organisationId).result.dimensions.find((d) => d.key === key)!.score!;

/** v1's merged dimensions as the crosswalk combines them: weighted by v1's weights (1.5 and 1). */
function mergedScore(r: Round, organisationId: string) {
	const weights = Object.fromEntries(instrumentOf(r).dimensions.map((d) => [d.key, d.weight]));
	const [a, b] = MERGED.from;
	expect([weights[a], weights[b]]).toEqual([1.5, 1]);
	return (
		(scoreIn(r, organisationId, a) * weights[a] + scoreIn(r, organisationId, b) * weights[b]) /
		(weights[a] + weights[b])
	);
}

beforeAll(async () => {
	const lead = await makeUser('CoP Lead');
	getDb().update(userTable).set({ isCopLead: true }).where(eq(userTable.id, lead.id)).run();
	leadId = lead.id;
});

describe('with a crosswalk: renamed and merged dimensions', () => {
	const KEY = 'cw-mapped';
	let spring: Round;
	let autumn: Round;
	let later: Round;
	let orgs: { id: string }[];
	let skipper: { id: string };

	beforeAll(async () => {
		publish(KEY, 1, firstVersion(KEY), null);
		spring = round(KEY, 'Spring', -40);
		publish(KEY, 2, secondVersion(KEY), CROSSWALK);
		autumn = round(KEY, 'Autumn', -20);
		// Version 3 only rewords a description: no crosswalk needed, mapped by identity.
		publish(KEY, 3, textRevision(secondVersion(KEY)), null);
		later = round(KEY, 'Winter', -5);
		orgs = await organisations(
			6,
			[
				[spring, FIRST_LEVELS],
				[autumn, SECOND_LEVELS]
			],
			'Mapped'
		);
		// One organisation skipped Autumn: Winter compares with Spring through two versions.
		[skipper] = await organisations(
			1,
			[
				[spring, FIRST_LEVELS],
				[later, SECOND_LEVELS]
			],
			'Skipper'
		);
	});

	it('says how the versions compare, with a note for each mapped dimension', () => {
		const c = summariseComparison(comparableDimensions(spring.versionId, autumn.versionId));
		expect(c).toEqual({
			comparable: true,
			fromVersion: 1,
			toVersion: 2,
			reason: null,
			notes: {
				[RENAMED.to]: 'from Outreach to migrant communities (v1), renamed',
				[MERGED.to]:
					"merged from Inclusive menu of services and Partnerships with migrant entrepreneurs' associations (v1)"
			}
		});
		expect(comparableDimensions(autumn.versionId, later.versionId)).toMatchObject({
			comparable: true,
			identity: true
		});
		// Never backwards: Autumn's results are not mapped into Spring's version.
		expect(comparableDimensions(autumn.versionId, spring.versionId)).toMatchObject({
			comparable: false,
			reason: { kind: 'later-version' }
		});
		expect(roundsApart(spring, autumn)).toBeNull();
	});

	it('continues the renamed dimension’s trend and combines the merged ones', () => {
		const [org] = orgs;
		const progress = organisationProgress(org.id, KEY, 'en')!;
		expect(progress.rounds.map((r) => r.name)).toEqual(['Spring', 'Autumn']);
		expect(progress.apart).toEqual([]);
		const v2 = instrumentOf(autumn);
		// Only the newest version's dimensions: no series left behind under the old keys.
		expect(progress.dimensions.map((d) => d.key)).toEqual(v2.dimensions.map((d) => d.key));

		const renamed = progress.dimensions.find((d) => d.key === RENAMED.to)!;
		expect(renamed.name).toBe('Community outreach');
		expect(renamed.series.map((p) => p.score)).toEqual([
			scoreIn(spring, org.id, RENAMED.from),
			scoreIn(autumn, org.id, RENAMED.to)
		]);
		expect(renamed.series.map((p) => p.state)).toEqual(['scored', 'scored']);
		expect(renamed.crosswalkNotes).toEqual(['from Outreach to migrant communities (v1), renamed']);

		const merged = progress.dimensions.find((d) => d.key === MERGED.to)!;
		const combined = mergedScore(spring, org.id);
		// The two parts differ, so the weighted mean is neither of them.
		expect(combined).not.toBeCloseTo(scoreIn(spring, org.id, MERGED.from[0]));
		expect(combined).not.toBeCloseTo(scoreIn(spring, org.id, MERGED.from[1]));
		expect(merged.series[0].score).toBeCloseTo(combined, 10);
		expect(merged.series[1].score).toBeCloseTo(scoreIn(autumn, org.id, MERGED.to), 10);
		expect(merged.crosswalkNotes).toEqual([
			"merged from Inclusive menu of services and Partnerships with migrant entrepreneurs' associations (v1)"
		]);

		const kept = progress.dimensions.find((d) => d.key === 'strategy')!;
		expect(kept.crosswalkNotes).toEqual([]);
		// Each step compares the mapped figures: the renamed dimension has a change.
		const step = progress.steps[0].dimensions.find((d) => d.key === RENAMED.to)!;
		expect(step.previous).toBe(scoreIn(spring, org.id, RENAMED.from));
		expect(step.change).not.toBeNull();
	});

	it('composes a chain of versions (v1 → v2 through the crosswalk, v2 → v3 by identity)', () => {
		const progress = organisationProgress(skipper.id, KEY, 'en')!;
		expect(progress.rounds.map((r) => r.name)).toEqual(['Spring', 'Winter']);
		const merged = progress.dimensions.find((d) => d.key === MERGED.to)!;
		expect(merged.series[0].score).toBeCloseTo(mergedScore(spring, skipper.id), 10);

		const page = resultsPage(later, skipper.id, { userId: leadId, isOrganisationAdmin: false });
		expect(page.previousApart).toBeNull();
		expect(page.previous?.roundName).toBe('Spring');
		expect(page.previous?.dimensions[RENAMED.to]).toBe(scoreIn(spring, skipper.id, RENAMED.from));
		expect(page.previous?.dimensions[MERGED.to]).toBeCloseTo(mergedScore(spring, skipper.id), 10);
		expect(page.previous?.crosswalk).toMatchObject({ fromVersion: 1, toVersion: 3 });
		expect(Object.keys(page.previous!.dimensions).sort()).toEqual(
			instrumentOf(later)
				.dimensions.map((d) => d.key)
				.sort()
		);
	});

	it('compares with the previous round in the later round’s keys on the results page', () => {
		const [org] = orgs;
		const page = resultsPage(autumn, org.id, { userId: leadId, isOrganisationAdmin: false });
		expect(page.previousApart).toBeNull();
		expect(page.previous?.dimensions[RENAMED.to]).toBe(scoreIn(spring, org.id, RENAMED.from));
		expect(page.previous?.dimensions).not.toHaveProperty(RENAMED.from);
		expect(page.previous?.crosswalk.notes[MERGED.to]).toMatch(/^merged from /);
		// The overall index is the one stored for Spring.
		expect(page.previous?.overall.index).toBe(
			computeOrganisationResult(spring, org.id).result.overall.index
		);
	});

	it('gives the CoP lead the change between the rounds through the crosswalk', () => {
		const d = networkDashboard(autumn, spring);
		expect(d.changeApart).toBeNull();
		const change = d.change!;
		expect(change.organisations).toBe(7 - 1); // the skipper has no Autumn result
		const [org] = orgs;
		const renamed = change.dimensions.find((x) => x.key === RENAMED.to)!;
		const expected = scoreIn(autumn, org.id, RENAMED.to) - scoreIn(spring, org.id, RENAMED.from);
		expect(renamed.figure).toMatchObject({ status: 'ok', n: 6 });
		if (renamed.figure.status === 'ok') expect(renamed.figure.median).toBeCloseTo(expected, 10);
		const merged = change.dimensions.find((x) => x.key === MERGED.to)!;
		if (merged.figure.status !== 'ok') throw new Error('the merged change is withheld');
		expect(merged.figure.median).toBeCloseTo(
			scoreIn(autumn, org.id, MERGED.to) - mergedScore(spring, org.id),
			10
		);
		expect(change.crosswalkNotes.map((n) => n.key)).toEqual([RENAMED.to, MERGED.to]);
	});
});

describe('without a crosswalk: different dimensions are never mixed', () => {
	const KEY = 'cw-apart';
	let spring: Round;
	let autumn: Round;
	let orgs: { id: string }[];

	beforeAll(async () => {
		publish(KEY, 1, firstVersion(KEY), null);
		spring = round(KEY, 'Spring', -40);
		publish(KEY, 2, secondVersion(KEY), null);
		autumn = round(KEY, 'Autumn', -20);
		orgs = await organisations(
			6,
			[
				[spring, FIRST_LEVELS],
				[autumn, SECOND_LEVELS]
			],
			'Apart'
		);
	});

	const REASON =
		'Version 2 of the questionnaire changed the dimensions of version 1, and no crosswalk between them was recorded.';

	it('shows the older rounds apart in progress, left out of every series', () => {
		const [org] = orgs;
		const progress = organisationProgress(org.id, KEY, 'en')!;
		expect(progress.rounds.map((r) => r.name)).toEqual(['Autumn']);
		expect(progress.overall.series).toHaveLength(1);
		expect(progress.steps).toEqual([]);
		const keys = progress.dimensions.map((d) => d.key);
		expect(keys).toEqual(instrumentOf(autumn).dimensions.map((d) => d.key));
		// Spring's figures appear nowhere in the main series, not even under a key both share.
		for (const d of progress.dimensions) {
			expect(d.series.map((p) => p.roundName)).toEqual(['Autumn']);
			expect(d.crosswalkNotes).toEqual([]);
		}

		expect(progress.apart).toHaveLength(1);
		const [apart] = progress.apart;
		expect(apart.version).toBe(1);
		expect(apart.reason).toBe(REASON);
		expect(apart.rounds.map((r) => r.name)).toEqual(['Spring']);
		expect(apart.overall[0].score).toBe(
			computeOrganisationResult(spring, org.id).result.overall.index
		);
		expect(apart.dimensions.map((d) => d.key)).toEqual(
			instrumentOf(spring).dimensions.map((d) => d.key)
		);
		const outreach = apart.dimensions.find((d) => d.key === RENAMED.from)!;
		expect(outreach.name).toBe('Outreach to migrant communities');
		expect(outreach.series[0].score).toBe(scoreIn(spring, org.id, RENAMED.from));
	});

	it('does not compare with the previous round on the results page, and says why', () => {
		const [org] = orgs;
		const page = resultsPage(autumn, org.id, { userId: leadId, isOrganisationAdmin: false });
		expect(page.previous).toBeNull();
		expect(page.previousApart).toEqual({ roundId: spring.id, roundName: 'Spring', reason: REASON });
	});

	it('gives the CoP lead no change between the rounds, and the reason', async () => {
		const d = networkDashboard(autumn, spring);
		expect(d.change).toBeNull();
		expect(d.changeApart).toEqual({
			from: { id: spring.id, name: 'Spring' },
			to: { id: autumn.id, name: 'Autumn' },
			reason: REASON
		});
		const tables = exportTables(d);
		expect(tables.map((t) => t.rows.flat().join(' ')).join(' ')).toContain(
			`Spring, not compared: ${REASON}`
		);
		const lead = { ...(await makeUser('Another lead')), isCopLead: true };
		getDb().update(userTable).set({ isCopLead: true }).where(eq(userTable.id, lead.id)).run();
		const page = (await networkLoad(
			eventFor(lead, `/network?round=${autumn.id}&from=${spring.id}`) as never
		)) as { dashboard: { change: unknown; changeApart: { reason: string } } };
		expect(page.dashboard.change).toBeNull();
		expect(page.dashboard.changeApart.reason).toBe(REASON);
	});

	it('groups versions: the newest with what maps into it, the rest apart', () => {
		const groups = resultVersions(KEY, [spring.versionId, autumn.versionId], 'en');
		expect(groups.latest.version).toBe(2);
		expect(groups.latest.has(autumn.versionId)).toBe(true);
		expect(groups.latest.has(spring.versionId)).toBe(false);
		expect(groups.apart.map((g) => [g.version, g.reason])).toEqual([[1, REASON]]);
	});
});

describe('a text-only revision', () => {
	const KEY = 'cw-text';

	it('compares by identity: one series, no notes, nothing apart', async () => {
		publish(KEY, 1, firstVersion(KEY), null);
		const spring = round(KEY, 'Spring', -40);
		publish(KEY, 2, textRevision(firstVersion(KEY)), null);
		const autumn = round(KEY, 'Autumn', -20);
		expect(spring.versionId).not.toBe(autumn.versionId);
		const [org] = await organisations(
			1,
			[
				[spring, FIRST_LEVELS],
				[autumn, FIRST_LEVELS]
			],
			'Text'
		);
		const progress = organisationProgress(org.id, KEY, 'de')!;
		expect(progress.rounds.map((r) => r.name)).toEqual(['Spring', 'Autumn']);
		expect(progress.apart).toEqual([]);
		expect(progress.dimensions.every((d) => d.crosswalkNotes.length === 0)).toBe(true);
		const outreach = progress.dimensions.find((d) => d.key === 'outreach')!;
		expect(outreach.name).toBe(
			pickText(instrumentOf(autumn).dimensions.find((d) => d.key === 'outreach')!.name, 'de')
		);
		expect(outreach.series.map((p) => p.score)).toEqual([
			scoreIn(spring, org.id, 'outreach'),
			scoreIn(autumn, org.id, 'outreach')
		]);
		const page = resultsPage(autumn, org.id, { userId: leadId, isOrganisationAdmin: false });
		expect(page.previous?.crosswalk).toMatchObject({ comparable: true, notes: {} });
	});
});
