// Authoring instruments: drafts, publishing, immutability, versions of responses, export and
// import, crosswalks, and the guards of the pages and endpoints.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/server/db';
import { instrumentVersion, response, round, user } from '../../src/lib/server/db/schema';
import {
	createDraft,
	CrosswalkRefusal,
	deleteDraft,
	exportVersion,
	importInstrument,
	listInstruments,
	parseInstrumentExport,
	PublishRefusal,
	publishDraft,
	retireVersion,
	reviewVersion,
	saveDraftPart
} from '../../src/lib/server/authoring';
import { RefusalError } from '../../src/lib/server/errors';
import {
	compiledVersion,
	currentVersion,
	registerInstrumentsFromDir
} from '../../src/lib/server/instruments';
import { openResponse, submitResponse } from '../../src/lib/server/responses';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	actions as listActions,
	load as listLoad
} from '../../src/routes/instruments/+page.server';
import {
	actions as versionActions,
	load as versionLoad
} from '../../src/routes/instruments/[key]/versions/[versionId]/+page.server';
import { POST as saveEndpoint } from '../../src/routes/instruments/[key]/versions/[versionId]/draft/+server';
import { GET as exportEndpoint } from '../../src/routes/instruments/[key]/versions/[versionId]/export/+server';
import { answers, openChamberRound } from './assessment-helpers';
import { eventFor, formRequest, makeOrg, makeUser, thrownStatus } from './helpers';

const KEY = 'chamber-diversity';
type Json = Record<string, unknown>;
type JsonQuestion = { name: string; dimension?: string; choices?: Json[] } & Json;

function stored(id: number) {
	return getDb().select().from(instrumentVersion).where(eq(instrumentVersion.id, id)).get()!;
}

function clone<T>(value: T): T {
	return structuredClone(value);
}

/** The first scored question of a survey JSON (it has a dimension and choices with points). */
function firstScored(survey: unknown): JsonQuestion {
	for (const page of (survey as { pages: { elements: JsonQuestion[] }[] }).pages) {
		for (const element of page.elements) if (element.dimension) return element;
	}
	throw new Error('no scored question');
}

async function admin(): Promise<SessionUser> {
	const u = await makeUser('Instrument author');
	getDb().update(user).set({ isAdmin: true }).where(eq(user.id, u.id)).run();
	return { ...u, isAdmin: true };
}

/** The model with the first dimension's weight raised by one: a change worth publishing. */
function changedModel(model: unknown): Json {
	const next = clone(model) as { dimensions: Json[] };
	next.dimensions[0].weight = Number(next.dimensions[0].weight ?? 1) + 1;
	return next as unknown as Json;
}

beforeEach(() => {
	registerInstrumentsFromDir('surveys');
});

// One database per file: each test starts without drafts (one draft per instrument at a time).
afterEach(() => {
	getDb().delete(instrumentVersion).where(eq(instrumentVersion.status, 'draft')).run();
});

describe('drafts and publishing', () => {
	it('copies the current version into a draft, one draft per instrument', async () => {
		const author = await admin();
		const current = currentVersion(KEY)!;
		const draft = createDraft(KEY, author.id);
		expect(draft).toMatchObject({ status: 'draft', version: current.version + 1 });
		expect(draft.survey).toEqual(current.survey);
		expect(draft.crosswalk).toBeNull();
		expect(() => createDraft(KEY, author.id)).toThrow(/already has a draft/);
		const summary = listInstruments().find((i) => i.key === KEY)!;
		expect(summary.draft?.id).toBe(draft.id);
		expect(summary.current?.id).toBe(current.id);
		deleteDraft(KEY, draft.id);
		expect(listInstruments().find((i) => i.key === KEY)!.draft).toBeNull();
	});

	it('saves a draft with problems, lists every one, and refuses to publish it, changing nothing', async () => {
		const author = await admin();
		const before = currentVersion(KEY)!;
		const draft = createDraft(KEY, author.id);
		const survey = clone(draft.survey);
		const question = firstScored(survey);
		delete question.choices![0].points;
		question.dimension = 'no-such-dimension';
		const { review } = saveDraftPart(KEY, draft.id, 'survey', survey);
		const messages = review.problems.map((p) => `${p.element}: ${p.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/option .*has no points/),
				expect.stringMatching(/dimension string "no-such-dimension" is not a dimension/)
			])
		);
		const saved = stored(draft.id);
		expect(saved.survey).toEqual(survey);

		let refusal: unknown;
		try {
			publishDraft(KEY, draft.id);
		} catch (e) {
			refusal = e;
		}
		expect(refusal).toBeInstanceOf(PublishRefusal);
		expect((refusal as PublishRefusal).problems).toEqual(review.problems);
		expect((refusal as PublishRefusal).message).toMatch(/cannot be published/);
		expect(stored(draft.id)).toEqual(saved);
		expect(currentVersion(KEY)!.id).toBe(before.id);
	});

	it('refuses to publish a draft identical to the current version', async () => {
		const author = await admin();
		const draft = createDraft(KEY, author.id);
		expect(reviewVersion(stored(draft.id)).warnings).toContainEqual({
			kind: 'unchanged',
			version: currentVersion(KEY)!.version
		});
		expect(() => publishDraft(KEY, draft.id)).toThrow(/identical to version/);
		expect(stored(draft.id).status).toBe('draft');
	});

	it('publishes a clean draft: immutable, current, hashed like surveys/', async () => {
		const author = await admin();
		const draft = createDraft(KEY, author.id);
		const model = changedModel(draft.model);
		saveDraftPart(KEY, draft.id, 'model', model);
		const published = publishDraft(KEY, draft.id, Date.UTC(2027, 0, 1));
		expect(published).toMatchObject({ status: 'published', version: draft.version });
		expect(published.publishedAt?.getTime()).toBe(Date.UTC(2027, 0, 1));
		expect(currentVersion(KEY)!.id).toBe(draft.id);
		expect(compiledVersion(draft.id)!.instrument.dimensions[0].weight).toBe(
			(model.dimensions as Json[])[0].weight
		);

		// The module refuses every change, with a message an author can act on.
		expect(() => saveDraftPart(KEY, draft.id, 'model', draft.model)).toThrow(
			/is published and can no longer be changed/
		);
		expect(() => deleteDraft(KEY, draft.id)).toThrow(/is published/);
		expect(() => publishDraft(KEY, draft.id)).toThrow(RefusalError);
		// And the database refuses a direct update or deletion all the same.
		const direct = (statement: string) => () => getDb().$client.prepare(statement).run(draft.id);
		expect(direct(`update instrument_version set survey = '{}' where id = ?`)).toThrow(
			/cannot be modified/
		);
		expect(direct(`update instrument_version set crosswalk = '{}' where id = ?`)).toThrow(
			/cannot be modified/
		);
		expect(direct(`update instrument_version set status = 'draft' where id = ?`)).toThrow(
			/cannot become a draft/
		);
		expect(direct(`delete from instrument_version where id = ?`)).toThrow(/cannot be deleted/);
		expect(stored(draft.id).model).toEqual(model);

		// A restart registers surveys/ again: the unchanged files do not come back over it.
		expect(registerInstrumentsFromDir('surveys').find((v) => v.key === KEY)?.created).toBe(false);
		expect(currentVersion(KEY)!.id).toBe(draft.id);
	});

	it('keeps each round on its version: open rounds keep theirs, new rounds take the new one', async () => {
		const author = await admin();
		const old = currentVersion(KEY)!;
		const before = openChamberRound(author.id, 'Opened before publishing');
		const draft = createDraft(KEY, author.id);
		saveDraftPart(KEY, draft.id, 'model', changedModel(draft.model));
		publishDraft(KEY, draft.id);

		const after = openChamberRound(author.id, 'Opened after publishing');
		expect(before.versionId).toBe(old.id);
		expect(after.versionId).toBe(draft.id);

		// Someone answers the older round after the new version was published: still version 1.
		const respondent = await makeUser('Respondent');
		const org = makeOrg(respondent.id, 'Chamber answering late');
		const owner = {
			round: before,
			organisationId: org.id,
			userId: respondent.id,
			kind: 'individual' as const
		};
		openResponse(owner);
		submitResponse(owner, answers(compiledVersion(old.id)!.instrument, 0.6));
		const row = getDb().select().from(response).where(eq(response.roundId, before.id)).get()!;
		expect(row.versionId).toBe(old.id);
		expect(getDb().select().from(round).where(eq(round.id, before.id)).get()!.versionId).toBe(
			old.id
		);
		const summary = listInstruments().find((i) => i.key === KEY)!;
		const v1 = summary.versions.find((v) => v.id === old.id)!;
		expect(v1.responses).toBeGreaterThanOrEqual(1);
		expect(v1.openRounds).toBeGreaterThanOrEqual(1);
	});

	it('retires only a version a newer one replaced', async () => {
		const author = await admin();
		const old = currentVersion(KEY)!;
		expect(() => retireVersion(KEY, old.id)).toThrow(/new rounds use/);
		const draft = createDraft(KEY, author.id);
		expect(() => retireVersion(KEY, draft.id)).toThrow(/draft cannot be retired/);
		saveDraftPart(KEY, draft.id, 'model', changedModel(draft.model));
		publishDraft(KEY, draft.id);
		retireVersion(KEY, old.id);
		expect(stored(old.id).status).toBe('retired');
		expect(() => retireVersion(KEY, old.id)).toThrow(/already retired/);
		expect(currentVersion(KEY)!.id).toBe(draft.id);
		// A retired version still reads for the rounds that used it.
		expect(compiledVersion(old.id)).toBeDefined();
	});
});

describe('export and import', () => {
	it('round-trips a version through one JSON file into an equal draft', async () => {
		const author = await admin();
		const current = currentVersion(KEY)!;
		const file = exportVersion(KEY, current.id);
		expect(file).toMatchObject({
			format: 'emen-instrument',
			formatVersion: 1,
			key: KEY,
			version: current.version,
			status: 'published'
		});
		const imported = importInstrument(parseInstrumentExport(JSON.stringify(file)), author.id);
		expect(imported.createdInstrument).toBe(false);
		expect(imported.review.problems).toEqual([]);
		const draft = imported.version;
		expect(draft).toMatchObject({ status: 'draft', instrumentKey: KEY });
		expect(draft.version).toBeGreaterThan(current.version);
		const again = exportVersion(KEY, draft.id);
		expect({ ...again, version: 0, status: '' }).toEqual({ ...file, version: 0, status: '' });
		expect(draft.contentHash).toBe(current.contentHash);
		// A second import while that draft exists is refused: one draft per instrument.
		expect(() => importInstrument(parseInstrumentExport(JSON.stringify(file)), author.id)).toThrow(
			/already has a draft/
		);
	});

	it('creates an unknown instrument, and checks the imported draft like surveys/', async () => {
		const author = await admin();
		const file = exportVersion(KEY, currentVersion(KEY)!.id);
		const renamed = { ...file, key: 'imported-audit', model: { ...(file.model as Json) } };
		(renamed.model as Json).key = 'imported-audit';
		const imported = importInstrument(parseInstrumentExport(JSON.stringify(renamed)), author.id);
		expect(imported.createdInstrument).toBe(true);
		expect(imported.version.version).toBe(1);
		expect(imported.review.problems).toEqual([]);
		publishDraft('imported-audit', imported.version.id);
		expect(currentVersion('imported-audit')!.id).toBe(imported.version.id);

		// The key in the file and the model's key must agree: a problem, not a refusal.
		const mismatched = { ...renamed, key: 'another-audit' };
		const second = importInstrument(parseInstrumentExport(JSON.stringify(mismatched)), author.id);
		expect(second.review.problems.map((p) => p.message)).toContainEqual(
			expect.stringMatching(/must equal the instrument's folder name "another-audit"/)
		);
	});

	it('refuses files that are not an export, naming what is wrong', () => {
		expect(() => parseInstrumentExport('{not json')).toThrow(/not valid JSON/);
		expect(() => parseInstrumentExport('{"format":"other"}')).toThrow(/not an exported/);
		expect(() =>
			parseInstrumentExport(
				JSON.stringify({ format: 'emen-instrument', formatVersion: 1, key: 'x', survey: {} })
			)
		).toThrow(/has no model/);
		expect(() =>
			parseInstrumentExport(JSON.stringify({ format: 'emen-instrument', formatVersion: 2 }))
		).toThrow(/format version/);
	});
});

describe('crosswalks', () => {
	/** A draft whose model renames the first dimension and merges the next two into one. */
	async function restructured() {
		const author = await admin();
		const draft = createDraft(KEY, author.id);
		const model = clone(draft.model) as { dimensions: Json[] };
		const survey = clone(draft.survey) as { pages: { elements: JsonQuestion[] }[] };
		const pathways = clone(draft.pathways) as { dimensions: Record<string, unknown> };
		const [first, second, third] = model.dimensions.map((d) => d.key as string);
		model.dimensions[0].key = 'leadership';
		model.dimensions[0].theme = 'strategy';
		model.dimensions.splice(2, 1);
		model.dimensions[1].key = 'people';
		for (const page of survey.pages) {
			for (const q of page.elements) {
				if (q.dimension === first) q.dimension = 'leadership';
				if (q.dimension === second || q.dimension === third) q.dimension = 'people';
			}
		}
		pathways.dimensions.leadership = pathways.dimensions[first];
		pathways.dimensions.people = pathways.dimensions[second];
		for (const key of [first, second, third]) delete pathways.dimensions[key];
		saveDraftPart(KEY, draft.id, 'model', model);
		saveDraftPart(KEY, draft.id, 'survey', survey);
		saveDraftPart(KEY, draft.id, 'pathways', pathways);
		return { draft, first, second, third };
	}

	it('warns when the dimension keys change and no crosswalk is recorded', async () => {
		const { draft } = await restructured();
		const review = reviewVersion(stored(draft.id));
		expect(review.problems).toEqual([]);
		expect(review.warnings).toContainEqual({
			kind: 'crosswalk-missing',
			previousVersion: currentVersion(KEY)!.version
		});
	});

	it('records a rename and a merge, and clears the warning', async () => {
		const { draft, first, second, third } = await restructured();
		const crosswalk = { [first]: ['leadership'], [second]: ['people'], [third]: ['people'] };
		const { review } = saveDraftPart(KEY, draft.id, 'crosswalk', crosswalk);
		expect(review.warnings.filter((w) => w.kind === 'crosswalk-missing')).toEqual([]);
		expect(stored(draft.id).crosswalk).toEqual(crosswalk);
		publishDraft(KEY, draft.id);
		expect(currentVersion(KEY)!.crosswalk).toEqual(crosswalk);
	});

	it('refuses unknown old and new keys, naming the field', async () => {
		const previous = currentVersion(KEY)!.version;
		const { draft, first } = await restructured();
		const refusal = (value: unknown) => {
			try {
				saveDraftPart(KEY, draft.id, 'crosswalk', value);
			} catch (e) {
				if (e instanceof CrosswalkRefusal) return e;
				throw e;
			}
			throw new Error('not refused');
		};
		const unknownOld = refusal({ 'no-such-old': ['leadership'] });
		expect(unknownOld.field).toBe('crosswalk.no-such-old');
		expect(unknownOld.message).toBe(`“no-such-old” is not a dimension of version ${previous}.`);

		const unknownNew = refusal({ [first]: ['leadership', 'no-such-new'] });
		expect(unknownNew.problems).toEqual([
			{
				field: `crosswalk.${first}`,
				message: expect.stringMatching(/no-such-new: not a dimension/)
			}
		]);
		expect(refusal({ [first]: [] }).field).toBe(`crosswalk.${first}`);
		expect(refusal(['not', 'an', 'object']).field).toBe('crosswalk');
		expect(stored(draft.id).crosswalk).toBeNull();
	});

	it('lists a recorded crosswalk that no longer fits the model as a problem blocking publication', async () => {
		const { draft, first } = await restructured();
		saveDraftPart(KEY, draft.id, 'crosswalk', { [first]: ['leadership'] });
		const model = clone(stored(draft.id).model) as { dimensions: Json[] };
		model.dimensions[0].key = 'renamed-again';
		const { review } = saveDraftPart(KEY, draft.id, 'model', model);
		expect(review.problems).toContainEqual(
			expect.objectContaining({ file: 'crosswalk', path: `crosswalk.${first}` })
		);
		expect(() => publishDraft(KEY, draft.id)).toThrow(PublishRefusal);
	});
});

describe('guards', () => {
	const event = (
		u: SessionUser | null,
		path: string,
		params: Record<string, string>,
		init?: Request
	) => ({
		...eventFor(u, path),
		params,
		request: init ?? new Request(`http://localhost${path}`)
	});

	it('answers 404 to everyone but administrators and the CoP lead, on every page, action and endpoint', async () => {
		const author = await admin();
		const plain = await makeUser('Plain user');
		const orgAdmin = await makeUser('Organisation administrator');
		makeOrg(orgAdmin.id, 'A chamber');
		const draft = createDraft(KEY, author.id);
		const params = { key: KEY, versionId: String(draft.id) };
		const page = `/instruments/${KEY}/versions/${draft.id}`;
		for (const outsider of [plain, orgAdmin]) {
			expect(thrownStatus(() => listLoad(event(outsider, '/instruments', {}) as never))).toBe(404);
			for (const name of ['draft', 'import'] as const) {
				const e = event(outsider, '/instruments', {}, formRequest('/instruments', { key: KEY }));
				await expect(listActions[name](e as never)).rejects.toMatchObject({ status: 404 });
			}
			expect(thrownStatus(() => versionLoad(event(outsider, page, params) as never))).toBe(404);
			for (const name of ['publish', 'retire', 'delete'] as const) {
				const e = event(outsider, page, params, formRequest(page));
				await expect(
					Promise.resolve().then(() => versionActions[name](e as never))
				).rejects.toMatchObject({ status: 404 });
			}
			const save = new Request(`http://localhost${page}/draft`, {
				method: 'POST',
				body: JSON.stringify({ part: 'model', content: {} }),
				headers: { origin: 'http://localhost', 'content-type': 'application/json' }
			});
			await expect(
				saveEndpoint(event(outsider, `${page}/draft`, params, save) as never)
			).rejects.toMatchObject({ status: 404 });
			expect(
				thrownStatus(() => exportEndpoint(event(outsider, `${page}/export`, params) as never))
			).toBe(404);
		}
		// Nothing changed, and the draft is still there.
		expect(stored(draft.id).status).toBe('draft');
		expect(stored(draft.id).model).toEqual(currentVersion(KEY)!.model);
		// Signed out: the endpoint answers 401, the pages send to the login page.
		const anonymous = new Request(`http://localhost${page}/draft`, { method: 'POST', body: '{}' });
		await expect(
			saveEndpoint(event(null, `${page}/draft`, params, anonymous) as never)
		).rejects.toMatchObject({ status: 401 });
		expect(thrownStatus(() => listLoad(event(null, '/instruments', {}) as never))).toBe(303);
	});

	it('lets the CoP lead through: save, export, publish', async () => {
		const lead = await makeUser('CoP lead');
		getDb().update(user).set({ isCopLead: true }).where(eq(user.id, lead.id)).run();
		const copLead = { ...lead, isCopLead: true };
		const draft = createDraft(KEY, copLead.id);
		const params = { key: KEY, versionId: String(draft.id) };
		const page = `/instruments/${KEY}/versions/${draft.id}`;
		const save = new Request(`http://localhost${page}/draft`, {
			method: 'POST',
			body: JSON.stringify({ part: 'model', content: changedModel(draft.model) }),
			headers: { origin: 'http://localhost', 'content-type': 'application/json' }
		});
		const saved = await saveEndpoint(event(copLead, `${page}/draft`, params, save) as never);
		expect(saved.status).toBe(200);
		expect(((await saved.json()) as { review: { problems: unknown[] } }).review.problems).toEqual(
			[]
		);
		const badCrosswalk = new Request(`http://localhost${page}/draft`, {
			method: 'POST',
			body: JSON.stringify({ part: 'crosswalk', content: { nope: ['strategy'] } }),
			headers: { origin: 'http://localhost', 'content-type': 'application/json' }
		});
		const refused = await saveEndpoint(
			event(copLead, `${page}/draft`, params, badCrosswalk) as never
		);
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({
			errors: [{ field: 'crosswalk.nope' }]
		});
		const exported = await exportEndpoint(event(copLead, `${page}/export`, params) as never);
		expect(exported.headers.get('content-disposition')).toBe(
			`attachment; filename="${KEY}-v${draft.version}-draft.json"`
		);
		const loaded = (await versionLoad(event(copLead, page, params) as never)) as {
			draft: { review: { problems: unknown[] } } | null;
		};
		expect(loaded.draft?.review.problems).toEqual([]);
		await expect(
			Promise.resolve().then(() =>
				versionActions.publish(event(copLead, page, params, formRequest(page)) as never)
			)
		).rejects.toMatchObject({ status: 303 });
		expect(stored(draft.id).status).toBe('published');
	});
});
