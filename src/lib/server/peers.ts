// Peer learning: suggestions for a round's priority dimensions (rules in
// src/lib/domain/peers.ts) and the requests one organisation sends another through the app.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Level } from '../domain/constants';
import { pickText } from '../domain/localized';
import {
	eligiblePeers,
	PEER_MESSAGE_MAX,
	PEER_MESSAGE_MIN,
	suggestPeers,
	type PeerCandidate,
	type PeerStanding,
	type PeerSuggestion
} from '../domain/peers';
import type { SharingChoice } from '../domain/organisation';
import { m } from '../paraglide/messages.js';
import { getDb } from './db';
import {
	membership,
	organisation,
	peerRequest,
	user,
	type Organisation,
	type Round
} from './db/schema';
import { RefusalError } from './errors';
import { newId } from './ids';
import { compiledVersion, currentVersion } from './instruments';
import { organisationStanding } from './pathways';

/** An organisation may have this many unanswered requests out at once. */
export const MAX_PENDING_PEER_REQUESTS = 20;

interface DimensionInfo {
	theme: string;
	name: string;
}

/** Dimension key → theme and name in the reader's language, from the instrument's current version. */
function dimensionsOf(instrumentKey: string, language: string): Map<string, DimensionInfo> {
	const version = currentVersion(instrumentKey);
	const compiled = version ? compiledVersion(version.id) : undefined;
	return new Map(
		(compiled?.instrument.dimensions ?? []).map((d) => [
			d.key,
			{ theme: d.theme, name: pickText(d.name, language) }
		])
	);
}

/**
 * Organisations open to peer learning with the levels of their latest result per instrument,
 * arranged by theme. Only organisations that opted in and name themselves to members are read.
 */
export function peerCandidates(language: string): PeerCandidate[] {
	const client = getDb().$client;
	const rows = client
		.prepare(
			`select o.id, o.name, o.type, o.country, o.languages, o.sharing, r.instrument_key, od.dimension_key, od.level
			 from organisation o
			 join organisation_round orr on orr.organisation_id = o.id
			 join round r on r.id = orr.round_id
			 join organisation_dimension od on od.round_id = orr.round_id and od.organisation_id = o.id
			 where o.peer_contact = 1 and o.sharing = 'named-members'
			   and r.starts_on = (
			     select max(r2.starts_on) from organisation_round orr2 join round r2 on r2.id = orr2.round_id
			     where orr2.organisation_id = o.id and r2.instrument_key = r.instrument_key)`
		)
		.all() as {
		id: string;
		name: string;
		type: string;
		country: string;
		languages: string;
		sharing: SharingChoice;
		instrument_key: string;
		dimension_key: string;
		level: number | null;
	}[];
	const instruments = new Map<string, Map<string, DimensionInfo>>();
	const byOrganisation = new Map<
		string,
		PeerCandidate & { themes: Record<string, PeerStanding> }
	>();
	for (const row of rows) {
		let dims = instruments.get(row.instrument_key);
		if (!dims)
			instruments.set(row.instrument_key, (dims = dimensionsOf(row.instrument_key, language)));
		const info = dims.get(row.dimension_key);
		if (!info) continue;
		let candidate = byOrganisation.get(row.id);
		if (!candidate) {
			candidate = {
				organisationId: row.id,
				name: row.name,
				type: row.type,
				country: row.country,
				languages: JSON.parse(row.languages) as string[],
				sharing: row.sharing,
				peerContact: true,
				themes: {}
			};
			byOrganisation.set(row.id, candidate);
		}
		const known = candidate.themes[info.theme];
		// An organisation that answered two instruments counts with its stronger dimension.
		if (!known || (row.level ?? 0) > (known.level ?? 0)) {
			candidate.themes[info.theme] = {
				instrumentKey: row.instrument_key,
				dimensionKey: row.dimension_key,
				dimensionName: info.name,
				level: row.level as Level | null
			};
		}
	}
	return [...byOrganisation.values()];
}

type Seeking = Pick<Organisation, 'id' | 'name' | 'type' | 'country' | 'languages'>;

function seekerFor(
	r: Round,
	seeker: Seeking,
	dimensionKey: string,
	language = 'en',
	standing = organisationStanding(r.id, seeker.id)
) {
	const compiled = compiledVersion(r.versionId);
	const dimension = compiled?.instrument.dimensions.find((d) => d.key === dimensionKey);
	if (!dimension) return null;
	const level = standing?.dimensions.find((d) => d.key === dimensionKey)?.level ?? null;
	return {
		organisationId: seeker.id,
		name: seeker.name,
		type: seeker.type,
		country: seeker.country,
		languages: seeker.languages,
		theme: dimension.theme,
		level,
		language
	};
}

/** Up to three peers for each of the given dimensions of the organisation's round result. */
export function peerSuggestions(
	r: Round,
	seeker: Seeking,
	dimensionKeys: readonly string[],
	language: string
): Record<string, PeerSuggestion[]> {
	const candidates = peerCandidates(language);
	// The organisation's result is read once for all its dimensions.
	const standing = organisationStanding(r.id, seeker.id);
	return Object.fromEntries(
		dimensionKeys.map((key) => {
			const s = seekerFor(r, seeker, key, language, standing);
			return [key, s ? suggestPeers(s, candidates) : []];
		})
	);
}

export const peerRequestInput = z.object({
	dimensionKey: z
		.string({ error: () => m.plan_peers_error_dimension() })
		.min(1, { error: () => m.plan_peers_error_dimension() }),
	toOrganisationId: z
		.string({ error: () => m.plan_peers_error_organisation() })
		.min(1, { error: () => m.plan_peers_error_organisation() }),
	message: z
		.string({ error: () => m.plan_peers_error_message_required() })
		.trim()
		.min(PEER_MESSAGE_MIN, {
			error: () => m.plan_peers_error_message_short({ min: PEER_MESSAGE_MIN })
		})
		.max(PEER_MESSAGE_MAX, {
			error: () => m.plan_peers_error_message_long({ max: PEER_MESSAGE_MAX })
		})
});
export type PeerRequestInput = z.infer<typeof peerRequestInput>;

/**
 * Sends a request from the organisation to a peer that qualifies for the dimension under the
 * suggestion rules at this moment: an organisation that is not open to peer learning (or not
 * strong enough there) cannot be contacted this way, whatever the form says.
 */
export function sendPeerRequest(
	fromUserId: string,
	r: Round,
	from: Seeking,
	input: PeerRequestInput,
	now = Date.now()
): { id: string } {
	const seeker = seekerFor(r, from, input.dimensionKey);
	if (!seeker)
		throw new RefusalError(m.plan_peers_error_not_instrument_dimension(), 'dimensionKey', 400);
	const match = eligiblePeers(seeker, peerCandidates('en')).find(
		(s) => s.organisationId === input.toOrganisationId
	);
	if (!match) {
		throw new RefusalError(m.plan_peers_error_not_suggested(), 'toOrganisationId', 400);
	}
	const db = getDb();
	return db.transaction((tx) => {
		const open = tx
			.select({
				id: peerRequest.id,
				to: peerRequest.toOrganisationId,
				dim: peerRequest.dimensionKey
			})
			.from(peerRequest)
			.where(and(eq(peerRequest.fromOrganisationId, from.id), eq(peerRequest.status, 'pending')))
			.all();
		if (open.some((p) => p.to === input.toOrganisationId && p.dim === input.dimensionKey)) {
			throw new RefusalError(
				m.plan_peers_error_already_asked({ name: match.name }),
				'toOrganisationId'
			);
		}
		if (open.length >= MAX_PENDING_PEER_REQUESTS) {
			throw new RefusalError(
				m.plan_peers_error_too_many({ count: open.length }),
				'toOrganisationId',
				429
			);
		}
		const id = newId();
		tx.insert(peerRequest)
			.values({
				id,
				fromOrganisationId: from.id,
				toOrganisationId: input.toOrganisationId,
				fromUserId,
				instrumentKey: r.instrumentKey,
				dimensionKey: input.dimensionKey,
				peerInstrumentKey: match.standing.instrumentKey,
				peerDimensionKey: match.standing.dimensionKey,
				message: input.message,
				createdAt: new Date(now)
			})
			.run();
		return { id };
	});
}

/** Accepts or declines a pending request addressed to the organisation (its administrators). */
export function answerPeerRequest(
	userId: string,
	organisationId: string,
	requestId: string,
	decision: 'accepted' | 'declined',
	now = Date.now()
): void {
	const db = getDb();
	const found = db
		.select({ status: peerRequest.status })
		.from(peerRequest)
		.where(and(eq(peerRequest.id, requestId), eq(peerRequest.toOrganisationId, organisationId)))
		.get();
	if (!found) throw new RefusalError(m.plan_peers_error_request_missing(), 'requestId', 404);
	if (found.status !== 'pending') {
		throw new RefusalError(
			found.status === 'accepted'
				? m.plan_peers_error_already_accepted()
				: m.plan_peers_error_already_declined(),
			'requestId'
		);
	}
	db.update(peerRequest)
		.set({ status: decision, respondedAt: new Date(now), respondedBy: userId })
		.where(and(eq(peerRequest.id, requestId), eq(peerRequest.status, 'pending')))
		.run();
}

function dimensionName(
	cache: Map<string, Map<string, DimensionInfo>>,
	instrumentKey: string,
	dimensionKey: string,
	language: string
): string {
	let dims = cache.get(instrumentKey);
	if (!dims) cache.set(instrumentKey, (dims = dimensionsOf(instrumentKey, language)));
	return dims.get(dimensionKey)?.name ?? dimensionKey;
}

export interface PeerRequestView {
	id: string;
	status: 'pending' | 'accepted' | 'declined';
	createdAt: Date;
	respondedAt: Date | null;
	message: string;
	/** The other organisation's name. */
	organisationName: string;
	/** The requester's weak dimension and the peer's strong one, named in the reader's language. */
	dimensionName: string;
	peerDimensionName: string;
	/** The person on the other side: always the requester's name for incoming requests; their
	 * e-mail, and the answering administrator's name and e-mail, only once accepted. */
	contact: { name: string; email: string | null } | null;
}

/** Requests sent to, and sent by, the organisation, newest first. */
export function peerRequestsOf(organisationId: string, language: string) {
	const db = getDb();
	const cache = new Map<string, Map<string, DimensionInfo>>();
	const rows = db
		.select({
			id: peerRequest.id,
			from: peerRequest.fromOrganisationId,
			to: peerRequest.toOrganisationId,
			status: peerRequest.status,
			createdAt: peerRequest.createdAt,
			respondedAt: peerRequest.respondedAt,
			message: peerRequest.message,
			instrumentKey: peerRequest.instrumentKey,
			dimensionKey: peerRequest.dimensionKey,
			peerInstrumentKey: peerRequest.peerInstrumentKey,
			peerDimensionKey: peerRequest.peerDimensionKey,
			fromUserId: peerRequest.fromUserId,
			respondedBy: peerRequest.respondedBy
		})
		.from(peerRequest)
		.where(
			sql`${peerRequest.fromOrganisationId} = ${organisationId} or ${peerRequest.toOrganisationId} = ${organisationId}`
		)
		.orderBy(desc(peerRequest.createdAt))
		.all();
	const orgIds = [...new Set(rows.flatMap((r) => [r.from, r.to]))];
	const userIds = [
		...new Set(rows.flatMap((r) => [r.fromUserId, r.respondedBy]).filter((u): u is string => !!u))
	];
	const orgNames = new Map(
		orgIds.length
			? db
					.select({ id: organisation.id, name: organisation.name })
					.from(organisation)
					.where(inArray(organisation.id, orgIds))
					.all()
					.map((o) => [o.id, o.name])
			: []
	);
	const people = new Map(
		userIds.length
			? db
					.select({ id: user.id, name: user.name, email: user.email })
					.from(user)
					.where(inArray(user.id, userIds))
					.all()
					.map((u) => [u.id, u])
			: []
	);
	const view = (row: (typeof rows)[number], incoming: boolean): PeerRequestView => {
		const accepted = row.status === 'accepted';
		const personId = incoming ? row.fromUserId : row.respondedBy;
		const person = personId ? people.get(personId) : undefined;
		return {
			id: row.id,
			status: row.status,
			createdAt: row.createdAt,
			respondedAt: row.respondedAt,
			message: row.message,
			organisationName:
				orgNames.get(incoming ? row.from : row.to) ?? m.plan_peers_former_organisation(),
			dimensionName: dimensionName(cache, row.instrumentKey, row.dimensionKey, language),
			peerDimensionName: dimensionName(
				cache,
				row.peerInstrumentKey,
				row.peerDimensionKey,
				language
			),
			contact:
				person && (incoming || accepted)
					? { name: person.name, email: accepted ? person.email : null }
					: null
		};
	};
	return {
		incoming: rows.filter((r) => r.to === organisationId).map((r) => view(r, true)),
		outgoing: rows.filter((r) => r.from === organisationId).map((r) => view(r, false))
	};
}

/** Pending requests addressed to organisations the user administers, for the dashboard. */
export function pendingRequestsForAdministrator(userId: string) {
	return getDb()
		.select({
			organisationId: membership.organisationId,
			count: sql<number>`count(*)`
		})
		.from(peerRequest)
		.innerJoin(
			membership,
			and(
				eq(membership.organisationId, peerRequest.toOrganisationId),
				eq(membership.userId, userId),
				eq(membership.role, 'admin')
			)
		)
		.where(eq(peerRequest.status, 'pending'))
		.groupBy(membership.organisationId)
		.all();
}

/** Opts the organisation in or out of peer-learning suggestions and requests. */
export function setPeerContact(organisationId: string, open: boolean): void {
	getDb()
		.update(organisation)
		.set({ peerContact: open })
		.where(eq(organisation.id, organisationId))
		.run();
}

/** `dimensionKey organisationId` → status of the organisation's requests not declined. */
export function requestsSentBy(organisationId: string): Record<string, 'pending' | 'accepted'> {
	const rows = getDb()
		.select({
			to: peerRequest.toOrganisationId,
			dimensionKey: peerRequest.dimensionKey,
			status: peerRequest.status
		})
		.from(peerRequest)
		.where(eq(peerRequest.fromOrganisationId, organisationId))
		.orderBy(peerRequest.createdAt)
		.all();
	const sent: Record<string, 'pending' | 'accepted'> = {};
	for (const row of rows) {
		if (row.status !== 'declined') sent[`${row.dimensionKey} ${row.to}`] = row.status;
	}
	return sent;
}
