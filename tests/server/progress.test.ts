import { beforeAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../src/lib/domain/instrument';
import { pickText } from '../../src/lib/domain/localized';
import { explainProgress, progressToDate } from '../../src/lib/domain/progress';
import { getDb } from '../../src/lib/server/db';
import { actionItem, type Round } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { acceptInvitation, createInvitation } from '../../src/lib/server/invitations';
import {
	organisationProgress,
	resultInstruments,
	setTargetLevel,
	targetLevelOf
} from '../../src/lib/server/progress';
import {
	openResponse,
	startAgreedResponse,
	submitResponse,
	type ResponseOwner
} from '../../src/lib/server/responses';
import { computeOrganisationResult } from '../../src/lib/server/results';
import { answers, chamberInstrument, openChamberRound } from './assessment-helpers';
import { makeOrg, makeUser } from './helpers';

const DAY = 86_400_000;
const NOW = Date.now();
/** Submissions of the first round, done actions, submissions of the second round. */
const T = {
	ownBefore: NOW - 30 * DAY,
	first: NOW - 20 * DAY,
	adoptedBetween: NOW - 12 * DAY,
	ownBetween: NOW - 11 * DAY,
	second: NOW - 5 * DAY,
	after: NOW - 1 * DAY
};

let instrument: Instrument;
let spring: Round;
let autumn: Round;

beforeAll(async () => {
	instrument = chamberInstrument().instrument;
	const lead = await makeUser('CoP Lead');
	// Both rounds take answers today; the earlier first day makes Spring the first round.
	spring = openChamberRound(lead.id, 'Spring', -3);
	autumn = openChamberRound(lead.id, 'Autumn', -2);
});

const owner = (r: Round, organisationId: string, userId: string): ResponseOwner => ({
	round: r,
	organisationId,
	userId,
	kind: 'individual'
});

function submit(r: Round, organisationId: string, userId: string, level: number, at: number) {
	const o = owner(r, organisationId, userId);
	openResponse(o);
	submitResponse(o, answers(instrument, level), at);
}

function addAction(
	organisationId: string,
	fields: Partial<typeof actionItem.$inferInsert> & { title: string; dimensionKey: string }
) {
	getDb()
		.insert(actionItem)
		.values({
			id: newId(),
			organisationId,
			instrumentKey: 'chamber-diversity',
			status: 'done',
			updatedAt: new Date(NOW),
			...fields
		})
		.run();
}

/** An organisation that answered both rounds, with done actions before, between and after. */
async function organisationWithTwoRounds(name: string, first: number, second: number) {
	const admin = await makeUser(`${name} admin`);
	const org = makeOrg(admin.id, name);
	submit(spring, org.id, admin.id, first, T.first);
	submit(autumn, org.id, admin.id, second, T.second);
	const [outreach, other] = instrument.dimensions;
	const adopted = instrument.pathways[outreach.key][1][0];
	addAction(org.id, {
		title: `${name}: own action before`,
		dimensionKey: other.key,
		completedAt: new Date(T.ownBefore)
	});
	addAction(org.id, {
		title: 'The English title stored when adopted',
		actionKey: adopted.key,
		level: 1,
		dimensionKey: outreach.key,
		completedAt: new Date(T.adoptedBetween)
	});
	addAction(org.id, {
		title: `${name}: own action between`,
		dimensionKey: other.key,
		completedAt: new Date(T.ownBetween)
	});
	addAction(org.id, {
		title: `${name}: own action after`,
		dimensionKey: outreach.key,
		completedAt: new Date(T.after)
	});
	// Neither a planned action nor one of another instrument is on the timeline.
	addAction(org.id, {
		title: `${name}: still planned`,
		dimensionKey: outreach.key,
		status: 'planned',
		completedAt: null
	});
	addAction(org.id, {
		title: `${name}: another instrument`,
		instrumentKey: 'association-professionalisation',
		dimensionKey: outreach.key,
		completedAt: new Date(T.ownBetween)
	});
	return { admin, org, adopted, outreach, other };
}

describe('organisationProgress', () => {
	it('gives the series across rounds and places the done actions between them', async () => {
		const { org, adopted, outreach, other } = await organisationWithTwoRounds('Alpha', 0.25, 0.75);
		const progress = organisationProgress(org.id, 'chamber-diversity', 'de')!;
		const stored = [spring, autumn].map((r) => computeOrganisationResult(r, org.id).result);

		expect(progress.rounds.map((r) => [r.name, r.at, r.source])).toEqual([
			['Spring', T.first, 'median'],
			['Autumn', T.second, 'median']
		]);
		expect(progress.overall.series.map((p) => p.score)).toEqual(stored.map((s) => s.overall.index));
		expect(progress.dimensions.map((d) => d.key)).toEqual(instrument.dimensions.map((d) => d.key));
		const outreachSeries = progress.dimensions.find((d) => d.key === outreach.key)!;
		expect(outreachSeries.name).toBe(pickText(outreach.name, 'de'));
		expect(outreachSeries.series.map((p) => p.score)).toEqual(
			stored.map((s) => s.dimensions.find((d) => d.key === outreach.key)!.score)
		);
		expect(stored[1].overall.index!).toBeGreaterThan(stored[0].overall.index!);

		// An adopted action takes its title from the pathways in the reader's language.
		const germanTitle = pickText(adopted.title, 'de');
		expect(progress.intervals.map((i) => i.actions.map((a) => a.title))).toEqual([
			['Alpha: own action before'],
			[germanTitle, 'Alpha: own action between'],
			['Alpha: own action after']
		]);
		expect(progress.intervals.map((i) => [i.after, i.before])).toEqual([
			[null, spring.id],
			[spring.id, autumn.id],
			[autumn.id, null]
		]);

		const [step] = progress.steps;
		expect(step.from.name).toBe('Spring');
		expect(step.to.name).toBe('Autumn');
		const outreachStep = step.dimensions.find((d) => d.key === outreach.key)!;
		expect(outreachStep.actions.map((a) => [a.title, a.adopted, a.dimensionName])).toEqual([
			[germanTitle, true, pickText(outreach.name, 'de')]
		]);
		expect(step.dimensions.find((d) => d.key === other.key)!.actions.map((a) => a.title)).toEqual([
			'Alpha: own action between'
		]);
		expect(outreachStep.change).toBe(
			Math.round(outreachSeries.series[1].score!) - Math.round(outreachSeries.series[0].score!)
		);
	});

	it('measures progress to date against the target level and explains it', async () => {
		const { org } = await organisationWithTwoRounds('Beta', 0.25, 0.5);
		const progress = organisationProgress(org.id, 'chamber-diversity', 'en')!;
		expect(progress.targetLevel).toBe(4);
		const expected = progressToDate(progress.overall.series, 4);
		expect(progress.overall.progress).toMatchObject(expected);
		expect(progress.overall.progress.sentence).toBe(explainProgress(expected));
		expect(progress.overall.progress.status).toBe('ok');

		setTargetLevel(org.id, 2);
		expect(targetLevelOf(org.id)).toBe(2);
		const lowered = organisationProgress(org.id, 'chamber-diversity', 'en')!;
		expect(lowered.targetLevel).toBe(2);
		expect(lowered.overall.progress).toMatchObject({ targetLevel: 2, target: 20 });
	});

	it('never shows another organisation’s results or actions', async () => {
		const a = await organisationWithTwoRounds('Gamma', 0.25, 0.75);
		const b = await organisationWithTwoRounds('Delta', 1, 0);
		const mine = organisationProgress(a.org.id, 'chamber-diversity', 'en')!;
		const theirs = organisationProgress(b.org.id, 'chamber-diversity', 'en')!;
		const titles = (p: typeof mine) => p.actions.map((x) => x.title).join(' | ');
		expect(titles(mine)).not.toMatch(/Delta/);
		expect(titles(theirs)).not.toMatch(/Gamma/);
		expect(mine.actions).toHaveLength(4);
		expect(mine.overall.series.map((p) => p.score)).toEqual(
			[spring, autumn].map((r) => computeOrganisationResult(r, a.org.id).result.overall.index)
		);
		expect(theirs.overall.series[0].score).not.toBe(mine.overall.series[0].score);

		const stranger = await makeUser('No results');
		const empty = makeOrg(stranger.id, 'Epsilon');
		expect(resultInstruments(empty.id)).toEqual([]);
		expect(organisationProgress(empty.id, 'chamber-diversity', 'en')).toBeNull();
	});

	it('places a round at its agreed answers, not at a later respondent’s submission', async () => {
		const admin = await makeUser('Zeta admin');
		const org = makeOrg(admin.id, 'Zeta');
		const colleague = await makeUser('Zeta colleague');
		acceptInvitation(createInvitation(org.id, admin.id, '').token, colleague.id);
		submit(spring, org.id, admin.id, 0.5, T.first);
		const agreed: ResponseOwner = { ...owner(spring, org.id, admin.id), kind: 'agreed' };
		startAgreedResponse(agreed, null);
		submitResponse(agreed, answers(instrument, 0.5), T.first + DAY);
		submit(spring, org.id, colleague.id, 0.25, T.second);
		const progress = organisationProgress(org.id, 'chamber-diversity', 'en')!;
		expect(progress.rounds.map((r) => [r.source, r.at])).toEqual([['agreed', T.first + DAY]]);
		expect(progress.steps).toEqual([]);
		expect(progress.overall.progress.status).toBe('single-round');
	});
});

describe('resultInstruments', () => {
	it('lists the instruments with results, with their number of rounds', async () => {
		const { org } = await organisationWithTwoRounds('Eta', 0.5, 0.5);
		expect(resultInstruments(org.id)).toEqual([
			{ instrumentKey: 'chamber-diversity', roundCount: 2, latestStartsOn: autumn.startsOn }
		]);
	});
});
