// The pathway page's data against a real database: built from the stored result, with the peer
// medians of a closed round's benchmark (never an open round's), and adoption from its form.
import { describe, expect, it } from 'vitest';
import { adoptedActions } from '../../src/lib/server/action-plans';
import { getDb } from '../../src/lib/server/db';
import { membership } from '../../src/lib/server/db/schema';
import { organisationPathway } from '../../src/lib/server/pathways';
import { closeRound, findRound } from '../../src/lib/server/rounds';
import { load, actions } from '../../src/routes/orgs/[orgId]/rounds/[roundId]/pathway/+page.server';
import { openChamberRound, submittedChamber } from './assessment-helpers';
import { eventFor, formRequest, makeOrg, makeUser, thrownStatus } from './helpers';

async function round(n: number) {
	const lead = await makeUser('Lead');
	const r = openChamberRound(lead.id, `Round ${Math.random()}`);
	const orgs = [];
	for (let i = 0; i < n; i++)
		orgs.push(await submittedChamber(r, `Chamber ${i}`, 0.2 + (0.6 * i) / n));
	return { r, orgs };
}

describe('the pathway of a round', () => {
	it('uses the peer medians once the round is closed, and says why not before', async () => {
		const { r, orgs } = await round(6);
		const open = organisationPathway(r, orgs[0].org, 'en')!;
		expect(open.peerMedianReason).toMatch(/when it closes/);
		expect(
			open.pathway.dimensions.every((d) => d.status !== 'pathway' || d.peerMedian === null)
		).toBe(true);
		closeRound(r.id);
		const closed = organisationPathway(findRound(r.id)!, orgs[0].org, 'en')!;
		expect(closed.peerMedianReason).toBeNull();
		const first = closed.pathway.dimensions.find((d) => d.status === 'pathway');
		expect(first && first.status === 'pathway' && first.peerMedian).toBeGreaterThan(0);
		expect(closed.pathway.actions[0].explanation).toMatch(/points below the peer median/);
	});

	it('is empty before the organisation has a result', async () => {
		const { r } = await round(1);
		const admin = await makeUser('New');
		const org = makeOrg(admin.id, 'No result yet');
		expect(organisationPathway(r, org, 'en')).toBeNull();
	});

	it('is for members only, and adoption puts the action in the plan once', async () => {
		const { r, orgs } = await round(1);
		const { org, admin } = orgs[0];
		const path = `/orgs/${org.id}/rounds/${r.id}/pathway`;
		const outsider = await makeUser('Outsider');
		const pageEvent = (u: typeof admin, fields?: Record<string, string>) => ({
			...eventFor(u, path),
			params: { orgId: org.id, roundId: r.id },
			request: fields ? formRequest(path, fields) : new Request(`http://localhost${path}`)
		});
		expect(thrownStatus(() => load(pageEvent(outsider) as never))).toBe(404);
		const data = (await load(pageEvent(admin) as never)) as {
			dimensions: { status: string; actions: { key: string }[] }[];
		};
		const actionKey = data.dimensions.find((d) => d.status === 'pathway')!.actions[0].key;
		await expect(actions.adopt(pageEvent(outsider, { actionKey }) as never)).rejects.toMatchObject({
			status: 404
		});
		expect(await actions.adopt(pageEvent(admin, { actionKey }) as never)).toMatchObject({
			adopted: actionKey
		});
		expect(adoptedActions(org.id, 'chamber-diversity').get(actionKey)?.status).toBe('planned');
		const again = (await actions.adopt(pageEvent(admin, { actionKey }) as never)) as {
			status: number;
		};
		expect(again.status).toBe(409);

		// A respondent may adopt too, and becomes the item's owner.
		const respondent = await makeUser('Respondent');
		getDb()
			.insert(membership)
			.values({ organisationId: org.id, userId: respondent.id, role: 'respondent' })
			.run();
		const second = data.dimensions.find((d) => d.status === 'pathway')!.actions[1].key;
		expect(
			await actions.adopt(pageEvent(respondent, { actionKey: second }) as never)
		).toMatchObject({ adopted: second });
	});
});
