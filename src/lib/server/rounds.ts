import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ORGANISATION_TYPES } from '../domain/organisation';
import { getDb } from './db';
import { instrumentVersion, response, round, type Round } from './db/schema';
import { RefusalError } from './errors';
import { m } from '../paraglide/messages.js';
import { newId } from './ids';
import { currentVersion } from './instruments';

export const ROUND_NAME_MAX = 80;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const typeKeys = Object.keys(ORGANISATION_TYPES) as [string, ...string[]];

/** What the CoP lead enters to open a round. */
// Messages are functions, so each request gets them in its own language.
export const roundInput = z
	.object({
		instrumentKey: z
			.string({ error: () => m.network_rounds_validation_instrument() })
			.min(1, { error: () => m.network_rounds_validation_instrument() }),
		name: z
			.string({ error: () => m.network_rounds_validation_name() })
			.trim()
			.min(3, { error: () => m.network_rounds_validation_name() })
			.max(ROUND_NAME_MAX, {
				error: () => m.network_rounds_validation_max_characters({ max: ROUND_NAME_MAX })
			}),
		startsOn: z
			.string({ error: () => m.network_rounds_validation_starts_on() })
			.regex(isoDate, { error: () => m.network_rounds_validation_starts_on() }),
		endsOn: z
			.string({ error: () => m.network_rounds_validation_ends_on() })
			.regex(isoDate, { error: () => m.network_rounds_validation_ends_on() }),
		organisationTypes: z
			.array(z.enum(typeKeys, { error: () => m.network_rounds_validation_type() }))
			.min(1, { error: () => m.network_rounds_validation_types_min() })
	})
	.refine((r) => r.endsOn >= r.startsOn, {
		error: () => m.network_rounds_validation_ends_before_starts(),
		path: ['endsOn']
	});
export type RoundInput = z.infer<typeof roundInput>;

/** Today as YYYY-MM-DD in UTC: rounds open and close on calendar days. */
export function today(now = Date.now()): string {
	return new Date(now).toISOString().slice(0, 10);
}

/** A round takes answers while it is open and today lies within its dates. */
export function acceptsAnswers(
	r: Pick<Round, 'status' | 'startsOn' | 'endsOn'>,
	now = Date.now()
): boolean {
	const day = today(now);
	return r.status === 'open' && r.startsOn <= day && day <= r.endsOn;
}

/** Opens a round on the instrument's current published version. */
export function openRound(createdBy: string, input: RoundInput): Round {
	const version = currentVersion(input.instrumentKey);
	if (!version)
		throw new RefusalError(m.network_rounds_refusal_no_published_version(), 'instrumentKey', 400);
	return getDb()
		.insert(round)
		.values({ id: newId(), versionId: version.id, status: 'open', createdBy, ...input })
		.returning()
		.get();
}

export function closeRound(roundId: string): void {
	const result = getDb()
		.update(round)
		.set({ status: 'closed', closedAt: new Date() })
		.where(and(eq(round.id, roundId), eq(round.status, 'open')))
		.run();
	if (result.changes === 0)
		throw new RefusalError(m.network_rounds_refusal_not_open(), 'roundId', 404);
}

export function findRound(roundId: string): Round | undefined {
	return getDb().select().from(round).where(eq(round.id, roundId)).get();
}

/** Every round with its instrument version and how far the organisations got. */
// Correlated subqueries name the outer table literally: drizzle renders a column of a
// single-table query unqualified, which inside the subquery would bind to the inner table.
export function listRounds() {
	return getDb()
		.select({
			id: round.id,
			name: round.name,
			instrumentKey: round.instrumentKey,
			version: instrumentVersion.version,
			startsOn: round.startsOn,
			endsOn: round.endsOn,
			status: round.status,
			organisationTypes: round.organisationTypes,
			started: sql<number>`(select count(distinct r.organisation_id) from ${response} r where r.round_id = round.id)`,
			submitted: sql<number>`(select count(distinct r.organisation_id) from ${response} r where r.round_id = round.id and r.submitted_at is not null)`
		})
		.from(round)
		.innerJoin(instrumentVersion, eq(instrumentVersion.id, round.versionId))
		.orderBy(desc(round.startsOn), asc(round.name))
		.all();
}

/**
 * The rounds an organisation sees: open ones meant for its type, and any round in which it
 * has answered (closed rounds stay readable forever).
 */
export function roundsForOrganisation(organisationId: string, organisationType: string) {
	const rows = getDb()
		.select({
			id: round.id,
			name: round.name,
			instrumentKey: round.instrumentKey,
			startsOn: round.startsOn,
			endsOn: round.endsOn,
			status: round.status,
			organisationTypes: round.organisationTypes,
			answered: sql<number>`exists(select 1 from ${response} r where r.round_id = round.id and r.organisation_id = ${organisationId})`,
			submitted: sql<number>`exists(select 1 from ${response} r where r.round_id = round.id and r.organisation_id = ${organisationId} and r.submitted_at is not null)`
		})
		.from(round)
		.orderBy(desc(round.startsOn))
		.all();
	return rows
		.filter(
			(r) =>
				Boolean(r.answered) ||
				(r.status === 'open' && r.organisationTypes.includes(organisationType))
		)
		.map((r) => ({
			...r,
			answered: Boolean(r.answered),
			submitted: Boolean(r.submitted),
			accepting: acceptsAnswers(r)
		}));
}

/**
 * The round for an organisation's page, or 404: a round that is neither meant for the
 * organisation's type nor answered by it does not exist for it.
 */
export function roundForOrganisation(
	roundId: string,
	organisationId: string,
	organisationType: string
): Round | undefined {
	const r = findRound(roundId);
	if (!r) return undefined;
	if (r.organisationTypes.includes(organisationType)) return r;
	const answered = getDb()
		.select({ id: response.id })
		.from(response)
		.where(and(eq(response.roundId, roundId), eq(response.organisationId, organisationId)))
		.get();
	return answered ? r : undefined;
}
