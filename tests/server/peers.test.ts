// Peer learning against a real database: who is suggested (opt-in, sharing, two levels above),
// the requests between organisations, what each side sees of the other, and the guards.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { SharingChoice } from '../../src/lib/domain/organisation';
import { getDb } from '../../src/lib/server/db';
import { membership, organisation } from '../../src/lib/server/db/schema';
import { setSharing } from '../../src/lib/server/organisations';
import { organisationPathway } from '../../src/lib/server/pathways';
import {
	answerPeerRequest,
	peerRequestsOf,
	peerSuggestions,
	pendingRequestsForAdministrator,
	sendPeerRequest,
	setPeerContact
} from '../../src/lib/server/peers';
import { actions as pathwayActions } from '../../src/routes/orgs/[orgId]/rounds/[roundId]/pathway/+page.server';
import { actions as peerActions } from '../../src/routes/orgs/[orgId]/peers/+page.server';
import { openChamberRound, submittedChamber } from './assessment-helpers';
import { eventFor, formRequest, makeOrg, makeUser } from './helpers';

type Org = ReturnType<typeof makeOrg>;

/** A round with a weak chamber (the seeker) and strong chambers open to peer learning as asked. */
async function setup(peers: { sharing: SharingChoice; open: boolean }[]) {
	const lead = await makeUser('Lead');
	const r = openChamberRound(lead.id, `Round ${Math.random()}`);
	const submit = (name: string, level: number) => submittedChamber(r, name, level);
	const seeker = await submit('Weak chamber', 0.15);
	const strong: { org: Org; admin: Awaited<ReturnType<typeof makeUser>> }[] = [];
	for (const [i, p] of peers.entries()) {
		const made = await submit(`Strong chamber ${i}`, 1);
		setSharing(made.org.id, p.sharing);
		setPeerContact(made.org.id, p.open);
		strong.push(made);
	}
	const fresh = (id: string) =>
		getDb().select().from(organisation).where(eq(organisation.id, id)).get()!;
	const pathway = organisationPathway(r, fresh(seeker.org.id), 'en')!;
	const priority = pathway.pathway.dimensions.find((d) => d.status === 'pathway')!.key;
	// Every test file shares one database: earlier tests' organisations are peers too.
	const ours = new Set(strong.map((s) => s.org.id));
	const suggested = () =>
		peerSuggestions(r, fresh(seeker.org.id), [priority], 'en')
			[priority].map((s) => s.organisationId)
			.filter((id) => ours.has(id));
	return { r, seeker, strong, priority, suggested, fresh };
}

const message = 'We would like to learn how you reached migrant communities.';

describe('peer suggestions', () => {
	it('suggests an organisation that opted in and names itself to members', async () => {
		const { strong, suggested } = await setup([{ sharing: 'named-members', open: true }]);
		expect(suggested()).toEqual([strong[0].org.id]);
	});

	it('never suggests a peer that did not opt in', async () => {
		const { strong, suggested } = await setup([{ sharing: 'named-members', open: false }]);
		expect(suggested()).toEqual([]);
		setPeerContact(strong[0].org.id, true);
		expect(suggested()).toEqual([strong[0].org.id]);
	});

	it('never suggests a private organisation, even one that opted in before', async () => {
		const { strong, suggested } = await setup([
			{ sharing: 'private', open: true },
			{ sharing: 'anonymous', open: true },
			{ sharing: 'named-cop', open: true }
		]);
		expect(suggested()).toEqual([]);
		setSharing(strong[0].org.id, 'named-members');
		expect(suggested()).toEqual([strong[0].org.id]);
		setSharing(strong[0].org.id, 'private');
		expect(suggested()).toEqual([]);
	});

	it('suggests at most three, with reasons', async () => {
		const open = { sharing: 'named-members' as const, open: true };
		const { r, seeker, priority, fresh } = await setup([open, open, open, open]);
		const [list] = Object.values(peerSuggestions(r, fresh(seeker.org.id), [priority], 'en'));
		expect(list).toHaveLength(3);
		expect(list[0].reasons[0]).toMatch(
			/^At level 5 \(Leading\) in “.+”, \d levels above your level \d\.$/
		);
		expect(list[0].reasons).toContain('Works in German and English, as you do.');
		expect(list[0].reasons).toContain('Also in Germany.');
	});
});

describe('peer-learning requests', () => {
	it('reach the peer’s administrators, who see the sender’s e-mail only once they accept', async () => {
		const { r, seeker, strong, priority, fresh } = await setup([
			{ sharing: 'named-members', open: true }
		]);
		const peer = strong[0];
		sendPeerRequest(seeker.admin.id, r, fresh(seeker.org.id), {
			dimensionKey: priority,
			toOrganisationId: peer.org.id,
			message
		});
		expect(pendingRequestsForAdministrator(peer.admin.id)).toEqual([
			{ organisationId: peer.org.id, count: 1 }
		]);
		expect(pendingRequestsForAdministrator(seeker.admin.id)).toEqual([]);

		const [incoming] = peerRequestsOf(peer.org.id, 'en').incoming;
		expect(incoming).toMatchObject({
			status: 'pending',
			organisationName: 'Weak chamber',
			message,
			contact: { name: seeker.admin.name, email: null }
		});
		const [outgoing] = peerRequestsOf(seeker.org.id, 'en').outgoing;
		expect(outgoing).toMatchObject({ status: 'pending', contact: null });

		answerPeerRequest(peer.admin.id, peer.org.id, incoming.id, 'accepted');
		expect(peerRequestsOf(peer.org.id, 'en').incoming[0].contact).toEqual({
			name: seeker.admin.name,
			email: seeker.admin.email
		});
		expect(peerRequestsOf(seeker.org.id, 'en').outgoing[0].contact).toEqual({
			name: peer.admin.name,
			email: peer.admin.email
		});
		expect(() => answerPeerRequest(peer.admin.id, peer.org.id, incoming.id, 'declined')).toThrow(
			/already accepted/
		);
	});

	it('refuses a request to an organisation that is not a suggested peer, and a second one', async () => {
		const { r, seeker, strong, priority, fresh } = await setup([
			{ sharing: 'named-members', open: true },
			{ sharing: 'named-members', open: false }
		]);
		const send = (to: string) => () =>
			sendPeerRequest(seeker.admin.id, r, fresh(seeker.org.id), {
				dimensionKey: priority,
				toOrganisationId: to,
				message
			});
		expect(send(strong[1].org.id)).toThrow(
			expect.objectContaining({ field: 'toOrganisationId', status: 400 })
		);
		expect(send(seeker.org.id)).toThrow(expect.objectContaining({ status: 400 }));
		send(strong[0].org.id)();
		expect(send(strong[0].org.id)).toThrow(expect.objectContaining({ status: 409 }));
		expect(peerRequestsOf(strong[1].org.id, 'en').incoming).toEqual([]);
	});

	it('lets only the addressed organisation answer (404 for anyone else)', async () => {
		const { r, seeker, strong, priority, fresh } = await setup([
			{ sharing: 'named-members', open: true }
		]);
		const { id } = sendPeerRequest(seeker.admin.id, r, fresh(seeker.org.id), {
			dimensionKey: priority,
			toOrganisationId: strong[0].org.id,
			message
		});
		expect(() => answerPeerRequest(seeker.admin.id, seeker.org.id, id, 'accepted')).toThrow(
			expect.objectContaining({ status: 404 })
		);
		expect(peerRequestsOf(strong[0].org.id, 'en').incoming[0].status).toBe('pending');
	});
});

describe('the pages’ guards', () => {
	it('lets only administrators contact a peer: a respondent gets 403, an outsider 404', async () => {
		const { r, seeker, strong, priority } = await setup([{ sharing: 'named-members', open: true }]);
		const respondent = await makeUser('Respondent');
		getDb()
			.insert(membership)
			.values({ organisationId: seeker.org.id, userId: respondent.id, role: 'respondent' })
			.run();
		const outsider = await makeUser('Outsider');
		const path = `/orgs/${seeker.org.id}/rounds/${r.id}/pathway`;
		const event = (u: typeof respondent) => ({
			...eventFor(u, path),
			params: { orgId: seeker.org.id, roundId: r.id },
			request: formRequest(path, {
				dimensionKey: priority,
				toOrganisationId: strong[0].org.id,
				message
			})
		});
		await expect(pathwayActions.contact(event(respondent) as never)).rejects.toMatchObject({
			status: 403
		});
		await expect(pathwayActions.contact(event(outsider) as never)).rejects.toMatchObject({
			status: 404
		});
		expect(peerRequestsOf(strong[0].org.id, 'en').incoming).toEqual([]);
		const sent = await pathwayActions.contact(event(seeker.admin) as never);
		expect(sent).toMatchObject({ contacted: strong[0].org.id });
	});

	it('refuses a short message with the field named', async () => {
		const { r, seeker, strong, priority } = await setup([{ sharing: 'named-members', open: true }]);
		const path = `/orgs/${seeker.org.id}/rounds/${r.id}/pathway`;
		const result = (await pathwayActions.contact({
			...eventFor(seeker.admin, path),
			params: { orgId: seeker.org.id, roundId: r.id },
			request: formRequest(path, {
				dimensionKey: priority,
				toOrganisationId: strong[0].org.id,
				message: 'Hi'
			})
		} as never)) as { status: number; data: { errors: Record<string, string> } };
		expect(result.status).toBe(400);
		expect(result.data.errors.message).toMatch(/at least 10 characters/);
	});

	it('lets only the addressed organisation’s administrators answer on the page', async () => {
		const { r, seeker, strong, priority, fresh } = await setup([
			{ sharing: 'named-members', open: true }
		]);
		const { id } = sendPeerRequest(seeker.admin.id, r, fresh(seeker.org.id), {
			dimensionKey: priority,
			toOrganisationId: strong[0].org.id,
			message
		});
		const path = `/orgs/${strong[0].org.id}/peers`;
		const answerAs = (u: typeof seeker.admin) =>
			peerActions.answer({
				...eventFor(u, path),
				params: { orgId: strong[0].org.id },
				request: formRequest(path, { requestId: id, decision: 'accepted' })
			} as never);
		await expect(answerAs(seeker.admin)).rejects.toMatchObject({ status: 404 });
		expect(await answerAs(strong[0].admin)).toMatchObject({ answered: id, decision: 'accepted' });
	});
});
