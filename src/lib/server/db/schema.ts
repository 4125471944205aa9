import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
