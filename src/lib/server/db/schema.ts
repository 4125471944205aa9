import { sql } from 'drizzle-orm';
import {
	foreignKey,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const user = sqliteTable('user', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
	isCopLead: integer('is_cop_lead', { mode: 'boolean' }).notNull().default(false),
	/** The interface language the person chose (a locale of the interface); null: the browser's. */
	language: text('language'),
	createdAt: createdAt()
});

export const session = sqliteTable(
	'session',
	{
		/** SHA-256 of the session token, hex: the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const organisation = sqliteTable(
	'organisation',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		type: text('type').notNull(),
		country: text('country').notNull(),
		region: text('region').notNull(),
		sizeBand: text('size_band').notNull(),
		budgetBand: text('budget_band').notNull(),
		/** JSON array of ISO 639-1 codes. */
		languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
		/** How far results travel: see SHARING_CHOICES in src/lib/domain/organisation.ts. */
		sharing: text('sharing', { enum: ['private', 'anonymous', 'named-cop', 'named-members'] })
			.notNull()
			.default('anonymous'),
		/**
		 * Opted in to be suggested as a peer for learning: named, with its level in a dimension,
		 * to organisations two or more levels below it there (never while `sharing` is private).
		 */
		peerContact: integer('peer_contact', { mode: 'boolean' }).notNull().default(false),
		/** The level the organisation aims for: "progress to date" measures the gap to it. */
		targetLevel: integer('target_level').notNull().default(4),
		createdAt: createdAt()
	},
	(t) => [
		index('organisation_type_idx').on(t.type),
		index('organisation_country_idx').on(t.country)
	]
);

export const membership = sqliteTable(
	'membership',
	{
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['admin', 'respondent'] }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.userId] }),
		index('membership_user_idx').on(t.userId)
	]
);

export const invitation = sqliteTable(
	'invitation',
	{
		id: text('id').primaryKey(),
		/** SHA-256 of the link's token, hex. */
		tokenHash: text('token_hash').notNull().unique(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		invitedBy: text('invited_by').references(() => user.id, { onDelete: 'set null' }),
		/** Who the link was meant for, as the administrator typed it (shown, not enforced). */
		note: text('note').notNull().default(''),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		usedBy: text('used_by').references(() => user.id, { onDelete: 'set null' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('invitation_org_idx').on(t.organisationId)]
);

/** Failed logins, kept for the throttle window; keyed by e-mail and by client address. */
export const loginFailure = sqliteTable(
	'login_failure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('login_failure_key_at_idx').on(t.key, t.at)]
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type Organisation = typeof organisation.$inferSelect;
export type Membership = typeof membership.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;

export const instrument = sqliteTable('instrument', {
	/** The folder name under surveys/, e.g. `chamber-diversity`. */
	key: text('key').primaryKey(),
	createdAt: createdAt()
});

/**
 * One version of an instrument: the three files as they were. Published versions are
 * immutable (a trigger in the migrations refuses any change to their content); every response
 * records the version it answered.
 */
export const instrumentVersion = sqliteTable(
	'instrument_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		instrumentKey: text('instrument_key')
			.notNull()
			.references(() => instrument.key, { onDelete: 'restrict' }),
		version: integer('version').notNull(),
		status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
		contentHash: text('content_hash').notNull(),
		survey: text('survey', { mode: 'json' }).$type<unknown>().notNull(),
		model: text('model', { mode: 'json' }).$type<unknown>().notNull(),
		pathways: text('pathways', { mode: 'json' }).$type<unknown>().notNull(),
		/**
		 * How this version's dimensions relate to the previous version's: old key → new key(s)
		 * (a rename, a split) or several old keys → one new key (a merge). Null: none recorded.
		 * Immutable once published, like the rest of the version.
		 */
		crosswalk: text('crosswalk', { mode: 'json' }).$type<Record<string, string[]>>(),
		/** Who created a draft in the app (null for versions registered from surveys/). */
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('instrument_version_key_version_idx').on(t.instrumentKey, t.version),
		index('instrument_version_hash_idx').on(t.instrumentKey, t.contentHash)
	]
);

export type InstrumentVersion = typeof instrumentVersion.$inferSelect;

/** An assessment round of one instrument, opened and closed by the CoP lead. */
export const round = sqliteTable(
	'round',
	{
		id: text('id').primaryKey(),
		instrumentKey: text('instrument_key')
			.notNull()
			.references(() => instrument.key, { onDelete: 'restrict' }),
		/** The version answered in this round, fixed when the round opens. */
		versionId: integer('version_id')
			.notNull()
			.references(() => instrumentVersion.id, { onDelete: 'restrict' }),
		name: text('name').notNull(),
		/** Calendar dates, YYYY-MM-DD. */
		startsOn: text('starts_on').notNull(),
		endsOn: text('ends_on').notNull(),
		/** JSON array of organisation types the round is for. */
		organisationTypes: text('organisation_types', { mode: 'json' }).$type<string[]>().notNull(),
		status: text('status', { enum: ['open', 'closed'] }).notNull(),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('round_instrument_idx').on(t.instrumentKey, t.status)]
);

/**
 * One person's answers for an organisation in a round (kind `individual`), or the team's
 * agreed answers (kind `agreed`, one per organisation and round). The working draft and the
 * last submission are kept apart: reopening a draft does not withdraw the last submission.
 */
export const response = sqliteTable(
	'response',
	{
		id: text('id').primaryKey(),
		roundId: text('round_id')
			.notNull()
			.references(() => round.id, { onDelete: 'restrict' }),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** Who answers; null once that person deleted their account (the answers stay). */
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: ['individual', 'agreed'] }).notNull(),
		versionId: integer('version_id')
			.notNull()
			.references(() => instrumentVersion.id, { onDelete: 'restrict' }),
		status: text('status', { enum: ['draft', 'submitted'] }).notNull(),
		draftData: text('draft_data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		currentPage: text('current_page'),
		/** Increases with every saved draft; an older save arriving late is ignored. */
		draftRevision: integer('draft_revision').notNull().default(0),
		draftSavedAt: integer('draft_saved_at', { mode: 'timestamp_ms' }),
		submittedData: text('submitted_data', { mode: 'json' }).$type<Record<string, unknown>>(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		/** Computed once at submission: results are read from here, never recomputed. */
		overallIndex: real('overall_index'),
		overallLevel: integer('overall_level'),
		scoreDetail: text('score_detail', { mode: 'json' }).$type<unknown>(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('response_person_idx')
			.on(t.roundId, t.organisationId, t.userId)
			.where(sql`kind = 'individual'`),
		uniqueIndex('response_agreed_idx')
			.on(t.roundId, t.organisationId)
			.where(sql`kind = 'agreed'`),
		index('response_org_idx').on(t.organisationId, t.roundId)
	]
);

/** Stored dimension scores of each submission, for results and benchmarks. */
export const responseDimension = sqliteTable(
	'response_dimension',
	{
		responseId: text('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		dimensionKey: text('dimension_key').notNull(),
		score: real('score'),
		level: integer('level'),
		gateCap: integer('gate_cap')
	},
	(t) => [primaryKey({ columns: [t.responseId, t.dimensionKey] })]
);

export type Round = typeof round.$inferSelect;
export type Response = typeof response.$inferSelect;

/**
 * An organisation's result for a round (agreed, else the median of its respondents), kept up
 * to date at every submission so benchmarks and the network dashboard read stored figures.
 */
export const organisationRound = sqliteTable(
	'organisation_round',
	{
		roundId: text('round_id')
			.notNull()
			.references(() => round.id, { onDelete: 'restrict' }),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		source: text('source', { enum: ['agreed', 'median'] }).notNull(),
		respondentCount: integer('respondent_count').notNull(),
		overallIndex: real('overall_index'),
		overallLevel: integer('overall_level'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.roundId, t.organisationId] })]
);

export const organisationDimension = sqliteTable(
	'organisation_dimension',
	{
		roundId: text('round_id').notNull(),
		organisationId: text('organisation_id').notNull(),
		dimensionKey: text('dimension_key').notNull(),
		score: real('score'),
		level: integer('level'),
		divergent: integer('divergent', { mode: 'boolean' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.roundId, t.organisationId, t.dimensionKey] }),
		foreignKey({
			columns: [t.roundId, t.organisationId],
			foreignColumns: [organisationRound.roundId, organisationRound.organisationId]
		}).onDelete('cascade')
	]
);

/**
 * An item of an organisation's action plan: an action adopted from an instrument's pathways
 * (`actionKey` set) or the organisation's own (`actionKey` null), tied to one dimension.
 */
export const actionItem = sqliteTable(
	'action_item',
	{
		id: text('id').primaryKey(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		instrumentKey: text('instrument_key')
			.notNull()
			.references(() => instrument.key, { onDelete: 'restrict' }),
		dimensionKey: text('dimension_key').notNull(),
		/** The pathways.json action adopted; null for an action the organisation wrote itself. */
		actionKey: text('action_key'),
		/** The level an adopted action leads from (1–4); null for an own action. */
		level: integer('level'),
		/** Own actions' title; for adopted ones the English title when adopted (a fallback). */
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		ownerId: text('owner_id').references(() => user.id, { onDelete: 'set null' }),
		/** Calendar date, YYYY-MM-DD. */
		dueOn: text('due_on'),
		status: text('status', { enum: ['planned', 'in-progress', 'done', 'dropped'] })
			.notNull()
			.default('planned'),
		notes: text('notes').notNull().default(''),
		/** The round whose pathway it was adopted from. */
		roundId: text('round_id').references(() => round.id, { onDelete: 'set null' }),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		/** When the status last became `done`; null otherwise. */
		completedAt: integer('completed_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('action_item_org_idx').on(t.organisationId, t.instrumentKey),
		uniqueIndex('action_item_adopted_idx')
			.on(t.organisationId, t.instrumentKey, t.actionKey)
			.where(sql`action_key is not null and status <> 'dropped'`)
	]
);

export type ActionItem = typeof actionItem.$inferSelect;

/**
 * A request for peer learning: an organisation weak in a dimension asks one that was suggested
 * to it as strong there. The receiving organisation's administrators see it in the app.
 */
export const peerRequest = sqliteTable(
	'peer_request',
	{
		id: text('id').primaryKey(),
		fromOrganisationId: text('from_organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		toOrganisationId: text('to_organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		fromUserId: text('from_user_id').references(() => user.id, { onDelete: 'set null' }),
		/** The requester's weak dimension. */
		instrumentKey: text('instrument_key').notNull(),
		dimensionKey: text('dimension_key').notNull(),
		/** The dimension the peer is strong in (another instrument's, for a cross-type match). */
		peerInstrumentKey: text('peer_instrument_key').notNull(),
		peerDimensionKey: text('peer_dimension_key').notNull(),
		message: text('message').notNull(),
		status: text('status', { enum: ['pending', 'accepted', 'declined'] })
			.notNull()
			.default('pending'),
		createdAt: createdAt(),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
		respondedBy: text('responded_by').references(() => user.id, { onDelete: 'set null' })
	},
	(t) => [
		index('peer_request_to_idx').on(t.toOrganisationId, t.status),
		index('peer_request_from_idx').on(t.fromOrganisationId),
		uniqueIndex('peer_request_pending_idx')
			.on(t.fromOrganisationId, t.toOrganisationId, t.instrumentKey, t.dimensionKey)
			.where(sql`status = 'pending'`)
	]
);

export type PeerRequest = typeof peerRequest.$inferSelect;
