// Demo action plans, peer-learning opt-ins and requests, built from the stored results so the
// pathway, plan, progress and peer-learning pages have content at first start.
import type { Level } from '../../src/lib/domain/constants';
import type { Instrument } from '../../src/lib/domain/instrument';
import { pickText } from '../../src/lib/domain/localized';
import { buildPathway, type DimensionStanding } from '../../src/lib/domain/pathways';
import type { actionItem, organisation, peerRequest } from '../../src/lib/server/db/schema';
import type { Random } from './random';

type OrgRow = typeof organisation.$inferInsert;
type ItemRow = typeof actionItem.$inferInsert;
type RequestRow = typeof peerRequest.$inferInsert;

export interface SeedRound {
	id: string;
	instrumentKey: string;
	name: string;
	startsOn: string;
	endsOn: string;
	status: 'open' | 'closed';
}

export interface SeedPlanInput {
	orgs: OrgRow[];
	membersOf: (organisationId: string) => { userId: string; role: 'admin' | 'respondent' }[];
	rounds: SeedRound[];
	instruments: Map<string, Instrument>;
	/** The stored result of an organisation in a round, by dimension; undefined without one. */
	standingOf: (roundId: string, organisationId: string) => DimensionStanding[] | undefined;
	featured: Set<string>;
	rng: Random;
	now: number;
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Most organisations named to other members also open themselves to peer-learning requests. */
export function choosePeerContacts(orgs: OrgRow[], rng: Random): void {
	for (const org of orgs) {
		org.peerContact = org.sharing === 'named-members' && rng.chance(0.85);
	}
}

/**
 * Organisations to peer learning; every organisation
 * with a result in an early closed round has a chance of an action plan adopted from that
 * round's pathway, with actions done before the next round, some under way, some overdue.
 */
export function seedPlans(input: SeedPlanInput): { items: ItemRow[]; requests: RequestRow[] } {
	const { orgs, rounds, instruments, rng, now } = input;

	const items: ItemRow[] = [];
	for (const instrumentKey of instruments.keys()) {
		const closed = rounds
			.filter((r) => r.instrumentKey === instrumentKey && r.status === 'closed')
			.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
		if (closed.length < 2) continue;
		const [first, second] = closed;
		const instrument = instruments.get(instrumentKey)!;
		for (const org of orgs) {
			const standings = input.standingOf(first.id, org.id!);
			if (!standings) continue;
			const featured = input.featured.has(org.id!);
			if (!featured && !rng.chance(0.45)) continue;
			const people = input.membersOf(org.id!);
			const admin = people.find((p) => p.role === 'admin')?.userId ?? null;
			const pathway = buildPathway({
				dimensions: instrument.dimensions,
				pathways: instrument.pathways,
				standings
			});
			// The first action of each of the weakest dimensions, then the next ones.
			const chosen = pathway.dimensions
				.filter((d) => d.status === 'pathway')
				.slice(0, featured ? 4 : rng.int(1, 3))
				.flatMap((d) => (d.status === 'pathway' ? d.actions.slice(0, featured ? 2 : 1) : []));
			const start = Date.parse(first.endsOn) + 7 * DAY;
			const nextRound = Date.parse(second.startsOn);
			chosen.forEach((ranked, index) => {
				const { action } = ranked;
				const owner = rng.pick(people).userId;
				// Featured organisations show every state: done between the rounds, under way,
				// overdue, planned, dropped; the others a random mix.
				const state = featured
					? (
							[
								'done',
								'done',
								'done',
								'in-progress',
								'in-progress',
								'planned',
								'dropped',
								'planned'
							] as const
						)[index % 8]
					: rng.pick(['done', 'done', 'in-progress', 'planned', 'dropped'] as const);
				const completedAt =
					state === 'done'
						? start + rng.int(20, Math.max(21, (nextRound - start) / DAY - 5)) * DAY
						: null;
				const due =
					state === 'done'
						? iso(completedAt! + rng.int(0, 20) * DAY)
						: state === 'in-progress' && index % 2 === 1
							? iso(now - rng.int(5, 40) * DAY) // overdue
							: iso(now + rng.int(20, 150) * DAY);
				const createdAt = start + index * DAY;
				items.push({
					id: rng.id(),
					organisationId: org.id!,
					instrumentKey,
					dimensionKey: action.dimension,
					actionKey: action.key,
					level: action.level,
					title: pickText(action.title, 'en'),
					description: '',
					ownerId: owner,
					dueOn: due,
					status: state,
					notes:
						state === 'dropped'
							? 'Set aside: no budget this year.'
							: state === 'in-progress'
								? 'First meeting held; next step agreed.'
								: '',
					roundId: first.id,
					createdBy: admin ?? owner,
					createdAt: new Date(createdAt),
					updatedAt: new Date(completedAt ?? createdAt),
					completedAt: completedAt === null ? null : new Date(completedAt)
				});
			});
			if (featured) {
				const weakest = pathway.dimensions.find((d) => d.status === 'pathway');
				if (weakest) {
					items.push({
						id: rng.id(),
						organisationId: org.id!,
						instrumentKey,
						dimensionKey: weakest.key,
						actionKey: null,
						level: null,
						title: 'Visit two peer organisations and write up what we learned',
						description: 'Our own action, agreed at the board meeting after the results.',
						ownerId: admin,
						dueOn: iso(now + 45 * DAY),
						status: 'planned',
						notes: '',
						roundId: second.id,
						createdBy: admin,
						createdAt: new Date(Date.parse(second.endsOn) + 10 * DAY),
						updatedAt: new Date(Date.parse(second.endsOn) + 10 * DAY),
						completedAt: null
					});
				}
			}
		}
	}

	return { items, requests: seedRequests(input) };
}

/**
 * Requests the featured organisations sent to peers suggested to them (one accepted, one
 * waiting), and requests other organisations sent to the open peers they were suggested.
 */
function seedRequests(input: SeedPlanInput): RequestRow[] {
	const { orgs, rounds, instruments, rng, now } = input;
	const requests: RequestRow[] = [];
	const latestClosed = new Map<string, SeedRound>();
	for (const r of rounds) {
		if (r.status !== 'closed') continue;
		const known = latestClosed.get(r.instrumentKey);
		if (!known || r.startsOn > known.startsOn) latestClosed.set(r.instrumentKey, r);
	}
	const open = orgs.filter((o) => o.peerContact);
	const themeLevel = (org: OrgRow, theme: string) => {
		for (const [key, r] of latestClosed) {
			const dims = instruments.get(key)!.dimensions;
			const standing = input.standingOf(r.id, org.id!);
			const dim = dims.find((d) => d.theme === theme);
			const level = standing?.find((s) => s.key === dim?.key)?.level;
			if (dim && level) return { instrumentKey: key, dimensionKey: dim.key, level };
		}
		return null;
	};
	const seekers = orgs.filter((o) => input.featured.has(o.id!) || rng.chance(0.04));
	for (const seeker of seekers) {
		for (const [key, r] of latestClosed) {
			const standing = input.standingOf(r.id, seeker.id!);
			if (!standing) continue;
			const weak = standing
				.filter((s): s is DimensionStanding & { level: Level } => s.level !== null)
				.sort((a, b) => a.level - b.level)[0];
			if (!weak) continue;
			const theme = instruments.get(key)!.dimensions.find((d) => d.key === weak.key)!.theme;
			const peers = open
				.filter((o) => o.id !== seeker.id)
				.map((o) => ({ org: o, strong: themeLevel(o, theme) }))
				.filter((p) => p.strong && p.strong.level >= weak.level + 2)
				.slice(0, 2);
			const sender = input.membersOf(seeker.id!).find((m) => m.role === 'admin')?.userId ?? null;
			peers.forEach((peer, index) => {
				const accepted = index === 0 && rng.chance(0.6);
				const answerer = input.membersOf(peer.org.id!).find((m) => m.role === 'admin')?.userId;
				requests.push({
					id: rng.id(),
					fromOrganisationId: seeker.id!,
					toOrganisationId: peer.org.id!,
					fromUserId: sender,
					instrumentKey: key,
					dimensionKey: weak.key,
					peerInstrumentKey: peer.strong!.instrumentKey,
					peerDimensionKey: peer.strong!.dimensionKey,
					message: `Hello from ${seeker.name}. You are strong where we are starting out; could we have a call to hear how you went about it?`,
					status: accepted ? 'accepted' : 'pending',
					createdAt: new Date(now - rng.int(3, 30) * DAY),
					respondedAt: accepted ? new Date(now - rng.int(0, 2) * DAY) : null,
					respondedBy: accepted ? (answerer ?? null) : null
				});
			});
		}
	}
	return requests;
}
