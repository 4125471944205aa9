import { describe, expect, it } from 'vitest';
import { organisationBenchmark, roundNetwork } from '../../src/lib/server/benchmarks';
import { setSharing } from '../../src/lib/server/organisations';
import { closeRound, findRound } from '../../src/lib/server/rounds';
import { openResponse, submitResponse } from '../../src/lib/server/responses';
import {
	answers,
	chamberInstrument,
	openChamberRound,
	submittedChamber
} from './assessment-helpers';
import { makeOrg, makeUser } from './helpers';

/** A round in which `n` chambers have each submitted, at increasing maturity; closed unless asked. */
async function network(n: number, close = true) {
	const lead = await makeUser('Lead');
	const r = openChamberRound(lead.id, `Round ${Math.random()}`);
	const orgs = [];
	for (let i = 0; i < n; i++) {
		orgs.push((await submittedChamber(r, `Chamber ${i}`, i / Math.max(1, n - 1))).org);
	}
	return { round: close ? closed(r.id) : r, orgs };
}

function closed(roundId: string) {
	closeRound(roundId);
	return findRound(roundId)!;
}

describe('organisation benchmarks', () => {
	it('shows figures from at least five other organisations, own excluded', async () => {
		const { round: r, orgs } = await network(6);
		const { result } = organisationBenchmark(r, orgs[0].id, { types: ['chamber'] });
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		expect(result.peerCount).toBe(5);
		expect(result.overall.status).toBe('ok');
		if (result.overall.status === 'ok') {
			expect(result.overall.summary.n).toBe(5);
			// The lowest organisation is below every peer.
			expect(result.overall.percentile).toBeLessThan(20);
		}
	});

	it('shows no figure to a group of four other organisations', async () => {
		const { round: r, orgs } = await network(5);
		const { result } = organisationBenchmark(r, orgs[0].id, {});
		expect(result).toMatchObject({ status: 'too-few', peerCount: 4 });
		expect(JSON.stringify(result)).not.toMatch(/median|summary/);
	});

	it('leaves private organisations out of others’ groups, and shows them nothing (give to get)', async () => {
		const { round: r, orgs } = await network(7);
		setSharing(orgs[6].id, 'private');
		const seen = organisationBenchmark(r, orgs[0].id, {});
		expect(seen.result.status === 'ok' && seen.result.peerCount).toBe(5);
		const privateView = organisationBenchmark(r, orgs[6].id, {});
		expect(privateView.result).toMatchObject({ status: 'refused', reason: 'not-sharing' });
		setSharing(orgs[5].id, 'private');
		expect(organisationBenchmark(r, orgs[0].id, {}).result.status).toBe('too-few');
	});

	it('benchmarks an open round only once it closes', async () => {
		const { round: r, orgs } = await network(6, false);
		expect(organisationBenchmark(r, orgs[0].id, {}).result).toMatchObject({
			status: 'refused',
			reason: 'round-open'
		});
		expect(organisationBenchmark(closed(r.id), orgs[0].id, {}).result.status).toBe('ok');
	});

	it('follows new submissions at once (the stored network is refreshed)', async () => {
		const { round: r, orgs } = await network(5, false);
		const before = roundNetwork(r.id).length;
		const admin = await makeUser('Late');
		const late = makeOrg(admin.id, 'Late chamber');
		const owner = {
			round: r,
			organisationId: late.id,
			userId: admin.id,
			kind: 'individual' as const
		};
		openResponse(owner);
		submitResponse(owner, answers(chamberInstrument().instrument, 0.5));
		expect(roundNetwork(r.id).length).toBe(before + 1);
		expect(organisationBenchmark(closed(r.id), orgs[0].id, {}).result.status).toBe('ok');
	});

	it('asks an organisation without a result to submit first', async () => {
		const { round: r } = await network(6);
		const admin = await makeUser();
		const none = makeOrg(admin.id, 'No answers');
		const { result, hasResult } = organisationBenchmark(r, none.id, {});
		expect(hasResult).toBe(false);
		expect(result.status).toBe('refused');
	});
});
