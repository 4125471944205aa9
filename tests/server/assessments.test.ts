import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/server/db';
import { response, responseDimension, round } from '../../src/lib/server/db/schema';
import { acceptInvitation, createInvitation } from '../../src/lib/server/invitations';
import {
	findResponse,
	openResponse,
	reopenResponse,
	saveDraft,
	startAgreedResponse,
	submitResponse,
	ValidationRefusal,
	type ResponseOwner
} from '../../src/lib/server/responses';
import { scoreResponse } from '../../src/lib/domain/scoring';
import { requireRoundAccess } from '../../src/lib/server/round-access';
import { computeOrganisationResult, resultsPage } from '../../src/lib/server/results';
import { closeRound, listRounds, roundsForOrganisation } from '../../src/lib/server/rounds';
import { deleteAccount } from '../../src/lib/server/users';
import { answers, chamberInstrument, openChamberRound } from './assessment-helpers';
import { eventFor, makeOrg, makeUser, PASSWORD, thrownStatus } from './helpers';

async function setup(respondents = 1) {
	const admin = await makeUser('Org Admin');
	const org = makeOrg(admin.id);
	const people = [admin];
	for (let i = 1; i < respondents; i++) {
		const p = await makeUser(`Respondent ${i}`);
		acceptInvitation(createInvitation(org.id, admin.id, '').token, p.id);
		people.push(p);
	}
	const r = openChamberRound(admin.id);
	const owner = (userId: string, kind: 'individual' | 'agreed' = 'individual'): ResponseOwner => ({
		round: r,
		organisationId: org.id,
		userId,
		kind
	});
	return { admin, org, people, round: r, owner, instrument: chamberInstrument().instrument };
}

describe('drafts', () => {
	it('saves and restores the answers and the page, ignoring a late older save', async () => {
		const { admin, owner } = await setup();
		const me = owner(admin.id);
		openResponse(me);
		expect(
			saveDraft(me, { data: { strategy_written: 'yes' }, currentPage: 'strategy', revision: 2 })
		).toMatchObject({ saved: true });
		expect(saveDraft(me, { data: {}, currentPage: 'context', revision: 1 })).toMatchObject({
			saved: false,
			stale: true
		});
		const stored = findResponse(me)!;
		expect(stored.draftData).toEqual({ strategy_written: 'yes' });
		expect(stored.currentPage).toBe('strategy');
		expect(stored.status).toBe('draft');
	});

	it('refuses a draft with an answer of the wrong shape and keeps what was saved', async () => {
		const { admin, owner } = await setup();
		const me = owner(admin.id);
		saveDraft(me, { data: { strategy_written: 'yes' }, currentPage: null, revision: 1 });
		expect(() =>
			saveDraft(me, {
				data: { strategy_written: 'maybe', nope: 1 },
				currentPage: null,
				revision: 2
			})
		).toThrow(ValidationRefusal);
		expect(findResponse(me)!.draftData).toEqual({ strategy_written: 'yes' });
	});
});

describe('submission', () => {
	it('refuses an incomplete submission with the questions named, storing nothing', async () => {
		const { admin, owner, instrument } = await setup();
		const me = owner(admin.id);
		openResponse(me);
		const data = answers(instrument, 0.5);
		const required = instrument.questions.find((q) => q.isRequired)!;
		delete data[required.name];
		try {
			submitResponse(me, data);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationRefusal);
			expect((e as ValidationRefusal).errors.map((x) => x.question)).toContain(required.name);
		}
		const stored = findResponse(me)!;
		expect(stored.status).toBe('draft');
		expect(stored.submittedAt).toBeNull();
		expect(
			getDb()
				.select()
				.from(responseDimension)
				.where(eq(responseDimension.responseId, stored.id))
				.all()
		).toEqual([]);
	});

	it('stores answers and scores in one go, read-only until reopened; the last submission counts', async () => {
		const { admin, owner, instrument, round: r, org } = await setup();
		const me = owner(admin.id);
		openResponse(me);
		const stored = submitResponse(me, answers(instrument, 1));
		expect(stored.status).toBe('submitted');
		expect(stored.overallIndex).toBeCloseTo(100);
		const dims = getDb()
			.select()
			.from(responseDimension)
			.where(eq(responseDimension.responseId, stored.id))
			.all();
		expect(dims).toHaveLength(instrument.dimensions.length);
		expect(() => saveDraft(me, { data: {}, currentPage: null, revision: 99 })).toThrow(/submitted/);

		reopenResponse(me);
		// While reopened, the earlier submission still counts.
		expect(computeOrganisationResult(r, org.id).result.overall.index).toBeCloseTo(100);
		saveDraft(me, { data: answers(instrument, 0), currentPage: null, revision: 5 });
		submitResponse(me, answers(instrument, 0));
		expect(computeOrganisationResult(r, org.id).result.overall.index).toBeCloseTo(0);
	});

	it('refuses drafts and submissions once the round is closed, keeping the answers readable', async () => {
		const { admin, owner, instrument, round: r, org } = await setup();
		const me = owner(admin.id);
		openResponse(me);
		const submitted = submitResponse(me, answers(instrument, 0.75));
		closeRound(r.id);
		const closed = { ...me, round: getDb().select().from(round).where(eq(round.id, r.id)).get()! };
		expect(() => reopenResponse(closed)).toThrow(/closed/);
		expect(() => saveDraft(closed, { data: {}, currentPage: null, revision: 9 })).toThrow(/closed/);
		expect(() => submitResponse(closed, answers(instrument, 0.75))).toThrow(/closed/);
		expect(computeOrganisationResult(closed.round, org.id).result.overall.index).toBeCloseTo(
			submitted.overallIndex!
		);
	});

	it('lists a closed round the organisation answered, and hides one it did not', async () => {
		const { admin, owner, instrument, round: r, org } = await setup();
		const other = openChamberRound(admin.id, 'Unanswered');
		openResponse(owner(admin.id));
		submitResponse(owner(admin.id), answers(instrument, 0.5));
		closeRound(r.id);
		closeRound(other.id);
		const listed = roundsForOrganisation(org.id, 'chamber');
		expect(listed.find((x) => x.id === r.id)).toMatchObject({
			answered: true,
			submitted: true,
			accepting: false
		});
		expect(listed.find((x) => x.id === other.id)).toBeUndefined();
		expect(listRounds().find((x) => x.id === r.id)).toMatchObject({ started: 1, submitted: 1 });
	});

	it('refuses a round that has not started yet', async () => {
		const admin = await makeUser();
		makeOrg(admin.id);
		const future = openChamberRound(admin.id, 'Later', 10);
		const org2 = makeOrg(admin.id, 'Second');
		expect(() =>
			openResponse({ round: future, organisationId: org2.id, userId: admin.id, kind: 'individual' })
		).toThrow(/not taking answers today/);
	});
});

describe('access', () => {
	it('answers 404 to a member of another organisation, and to rounds not meant for the type', async () => {
		const { round: r, org } = await setup();
		const outsider = await makeUser();
		makeOrg(outsider.id, 'Outsider Chamber');
		const event = { ...eventFor(outsider), params: { orgId: org.id, roundId: r.id } };
		expect(thrownStatus(() => requireRoundAccess(event))).toBe(404);
		const assocAdmin = await makeUser();
		const { createOrganisation } = await import('../../src/lib/server/organisations');
		const assoc = createOrganisation(assocAdmin.id, {
			name: 'An association',
			type: 'association',
			country: 'IT',
			region: 'Turin',
			sizeBand: '1-5',
			budgetBand: 'under-50k',
			languages: ['it']
		});
		expect(
			thrownStatus(() =>
				requireRoundAccess({ ...eventFor(assocAdmin), params: { orgId: assoc.id, roundId: r.id } })
			)
		).toBe(404);
	});

	it('keeps the agreed response to the organisation’s administrator', async () => {
		const { round: r, org, people } = await setup(2);
		const event = { ...eventFor(people[1]), params: { orgId: org.id, roundId: r.id } };
		expect(requireRoundAccess(event).round.id).toBe(r.id);
		expect(thrownStatus(() => requireRoundAccess(event, 'agreed'))).toBe(403);
	});

	it('shows respondents’ names to the administrator only', async () => {
		const { round: r, org, people, owner, instrument } = await setup(2);
		for (const p of people) {
			openResponse(owner(p.id));
			submitResponse(owner(p.id), answers(instrument, 0.5));
		}
		const asAdmin = resultsPage(r, org.id, { userId: people[0].id, isOrganisationAdmin: true });
		expect(asAdmin.respondents?.map((x) => x.name).sort()).toEqual(['Org Admin', 'Respondent 1']);
		const asRespondent = resultsPage(r, org.id, {
			userId: people[1].id,
			isOrganisationAdmin: false
		});
		expect(asRespondent.respondents).toBeNull();
		expect(JSON.stringify(asRespondent)).not.toContain('Org Admin');
		expect(asRespondent.explanation?.source).toBe('yours');
	});

	it('keeps submitted answers when the respondent deletes their account', async () => {
		const { round: r, org, people, owner, instrument } = await setup(2);
		openResponse(owner(people[1].id));
		submitResponse(owner(people[1].id), answers(instrument, 0.5));
		await deleteAccount(people[1].id, PASSWORD);
		const rows = getDb().select().from(response).where(eq(response.organisationId, org.id)).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].userId).toBeNull();
		expect(computeOrganisationResult(r, org.id).result.dimensions[0].respondentCount).toBe(1);
	});
});

describe('organisation result', () => {
	it.each([
		[1, [0.25]],
		[2, [0.25, 0.75]],
		[5, [0, 0.25, 0.5, 1, 1]]
	])(
		'with %i respondents each dimension is the median of their stored scores',
		async (n, levels) => {
			const { owner, people, instrument, round: r, org } = await setup(n);
			const perPerson = people.map((p, i) => {
				openResponse(owner(p.id));
				const data = answers(instrument, levels[i]);
				submitResponse(owner(p.id), data);
				return scoreResponse(instrument, data);
			});
			const { result } = computeOrganisationResult(r, org.id);
			expect(result.source).toBe('median');
			for (const d of result.dimensions) {
				const scores = perPerson
					.map((s) => s.dimensions.find((x) => x.key === d.key)!.score!)
					.sort((a, b) => a - b);
				const mid = Math.floor(n / 2);
				const median = n % 2 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2;
				expect(d.score).toBeCloseTo(median);
				expect(d.respondentCount).toBe(n);
				expect(d.spread.min).toBeCloseTo(scores[0]);
				expect(d.spread.max).toBeCloseTo(scores[n - 1]);
				expect(d.spread.divergent).toBe(scores[n - 1] - scores[0] > 25);
			}
			if (n > 1) expect(result.dimensions.some((d) => d.spread.divergent)).toBe(true);
		}
	);

	it('uses the agreed submission once the administrator records it', async () => {
		const { owner, people, instrument, round: r, org } = await setup(2);
		people.forEach((p, i) => {
			openResponse(owner(p.id));
			submitResponse(owner(p.id), answers(instrument, [0, 1][i]));
		});
		const source = findResponse(owner(people[1].id))!;
		startAgreedResponse(owner(people[0].id, 'agreed'), source.id);
		const agreed = owner(people[0].id, 'agreed');
		expect(findResponse(agreed)!.draftData).toEqual(source.submittedData);
		expect(() => startAgreedResponse(agreed, null)).toThrow(/exists already/);
		const agreedScore = submitResponse(agreed, answers(instrument, 0.5));
		const { result } = computeOrganisationResult(r, org.id);
		expect(result.source).toBe('agreed');
		expect(result.overall.index).toBeCloseTo(agreedScore.overallIndex!);
		// The spread still shows how far apart the respondents were.
		expect(result.dimensions[0].spread.divergent).toBe(true);
	});

	it('compares with the organisation’s previous round of the same instrument', async () => {
		const { owner, people, instrument, round: first, org } = await setup(1);
		openResponse(owner(people[0].id));
		submitResponse(owner(people[0].id), answers(instrument, 0.25));
		const earlier = computeOrganisationResult(first, org.id).result;
		// The first round started yesterday; this one starts today.
		const second = openChamberRound(people[0].id, 'Later round', 0);
		const later = { ...owner(people[0].id), round: second };
		openResponse(later);
		submitResponse(later, answers(instrument, 0.75));
		const page = resultsPage(second, org.id, { userId: people[0].id, isOrganisationAdmin: true });
		expect(page.previous?.roundName).toBe(first.name);
		expect(page.previous?.overall.index).toBeCloseTo(earlier.overall.index!);
		for (const d of earlier.dimensions)
			expect(page.previous?.dimensions[d.key]).toBeCloseTo(d.score!);
		// The first round has nothing earlier to compare with.
		expect(
			resultsPage(first, org.id, { userId: people[0].id, isOrganisationAdmin: true }).previous
		).toBeNull();
	});

	it('refuses to copy a response from another organisation into the agreed one', async () => {
		const a = await setup(1);
		const b = await setup(1);
		openResponse(b.owner(b.admin.id));
		submitResponse(b.owner(b.admin.id), answers(b.instrument, 0.5));
		const foreign = findResponse(b.owner(b.admin.id))!;
		expect(() => startAgreedResponse(a.owner(a.admin.id, 'agreed'), foreign.id)).toThrow(
			/Choose a submitted response/
		);
	});
});
