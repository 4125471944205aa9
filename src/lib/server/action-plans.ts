// An organisation's action plan (issue 6): actions adopted from an instrument's pathways or
// written by the organisation itself, each tied to one dimension, with an owner, a due date and
// a status. Every member reads the plan; only administrators and an item's owner change an item.
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import {
	ACTION_STATUSES,
	OPEN_ACTION_STATUSES,
	type ActionStatus,
	type Effort
} from '../domain/constants';
import type { Instrument, PathwayAction } from '../domain/instrument';
import { pickText } from '../domain/localized';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { getDb } from './db';
import { actionItem, membership, user } from './db/schema';
import { RefusalError } from './errors';
import { newId } from './ids';
import { compiledVersion, currentVersion } from './instruments';
import { findRound, roundsForOrganisation } from './rounds';

export { ACTION_STATUSES, type ActionStatus };

/** Who acts on the plan: the signed-in user and their role in the organisation. */
export type PlanActor = { userId: string; role: 'admin' | 'respondent' };

export const ACTION_TITLE_MIN = 3;
export const ACTION_TITLE_MAX = 200;
export const ACTION_TEXT_MAX = 2000;
/** Due dates outside this span are typing mistakes (a year 0202 or 20277), not plans. */
export const DUE_ON_MIN = '2000-01-01';
export const DUE_ON_MAX = '2100-12-31';

/** A real calendar day written YYYY-MM-DD: 2026-02-30 is not one. */
export function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const day = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

// The rules of each field, shared by the module (which every caller goes through) and the
// page's form schemas (which report every wrong field at once).
// Messages are functions, so each refusal is worded in the language of the request it answers.
export const dueOnSchema = z
	.string()
	.trim()
	.refine(isCalendarDate, { error: () => m.plan_error_due_invalid() })
	.refine((v) => !isCalendarDate(v) || (v >= DUE_ON_MIN && v <= DUE_ON_MAX), {
		error: () => m.plan_error_due_range()
	});
export const titleSchema = z
	.string({ error: () => m.plan_error_title_required() })
	.trim()
	.min(ACTION_TITLE_MIN, { error: () => m.plan_error_title_short({ min: ACTION_TITLE_MIN }) })
	.max(ACTION_TITLE_MAX, { error: () => m.plan_error_title_long({ max: ACTION_TITLE_MAX }) });
export const descriptionSchema = z
	.string()
	.trim()
	.max(ACTION_TEXT_MAX, { error: () => m.plan_error_description_long({ max: ACTION_TEXT_MAX }) });
export const notesSchema = z
	.string()
	.trim()
	.max(ACTION_TEXT_MAX, { error: () => m.plan_error_notes_long({ max: ACTION_TEXT_MAX }) });
export const statusSchema = z.enum(ACTION_STATUSES, { error: () => m.plan_error_status() });

/** A value checked against a field's rule, or a refusal that names the field. */
function check<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	throw new RefusalError(
		result.error.issues[0]?.message ?? m.plan_error_invalid_value(),
		field,
		400
	);
}

function checkDueOn(value: string | null | undefined): string | null {
	if (value === undefined || value === null || value.trim() === '') return null;
	return check(dueOnSchema, value, 'dueOn');
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

function isMember(tx: Tx, organisationId: string, userId: string): boolean {
	return Boolean(
		tx
			.select({ userId: membership.userId })
			.from(membership)
			.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)))
			.get()
	);
}

/** An actor who is not (or no longer) a member is treated like any outsider: nothing here. */
function requireActor(tx: Tx, actor: PlanActor, organisationId: string): void {
	if (!isMember(tx, organisationId, actor.userId))
		throw new RefusalError(m.plan_error_not_found(), 'form', 404);
}

/**
 * The owner of a new item: respondents take on items themselves only (owner forced to them when
 * none is given); administrators may leave an item unassigned or give it to any member.
 */
function newItemOwner(
	tx: Tx,
	actor: PlanActor,
	organisationId: string,
	requested: string | null | undefined
): string | null {
	const wanted = requested === undefined || requested === '' ? null : requested;
	if (actor.role !== 'admin') {
		if (wanted !== null && wanted !== actor.userId)
			throw new RefusalError(m.plan_error_respondent_owner(), 'ownerId', 403);
		return actor.userId;
	}
	if (wanted !== null) requireOwnerMember(tx, organisationId, wanted);
	return wanted;
}

function requireOwnerMember(tx: Tx, organisationId: string, ownerId: string): void {
	if (!isMember(tx, organisationId, ownerId))
		throw new RefusalError(m.plan_error_owner_member(), 'ownerId', 400);
}

function activeAdoption(
	tx: Tx,
	organisationId: string,
	instrumentKey: string,
	actionKey: string,
	exceptId?: string
): { id: string } | undefined {
	return tx
		.select({ id: actionItem.id })
		.from(actionItem)
		.where(
			and(
				eq(actionItem.organisationId, organisationId),
				eq(actionItem.instrumentKey, instrumentKey),
				eq(actionItem.actionKey, actionKey),
				ne(actionItem.status, 'dropped'),
				exceptId === undefined ? undefined : ne(actionItem.id, exceptId)
			)
		)
		.get();
}

/** SQLite's refusal by the partial unique index (drizzle may wrap the driver's error). */
function isUniqueViolation(e: unknown): boolean {
	for (let err = e; err instanceof Error; err = err.cause) {
		if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
	}
	return false;
}

function alreadyAdopted(title: string): RefusalError {
	return new RefusalError(m.plan_error_already_adopted({ title }), 'actionKey', 409);
}

/** Every action of an instrument's pathways, by key. */
function pathwayActions(instrument: Instrument): Map<string, PathwayAction> {
	const actions = new Map<string, PathwayAction>();
	for (const byLevel of Object.values(instrument.pathways))
		for (const list of Object.values(byLevel)) for (const a of list) actions.set(a.key, a);
	return actions;
}

const actionsByVersion = new Map<number, Map<string, PathwayAction>>();

/** Published versions never change, so their pathway index is kept like the compiled version. */
function actionsOfVersion(versionId: number): Map<string, PathwayAction> | undefined {
	const cached = actionsByVersion.get(versionId);
	if (cached) return cached;
	const compiled = compiledVersion(versionId);
	if (!compiled) return undefined;
	const actions = pathwayActions(compiled.instrument);
	actionsByVersion.set(versionId, actions);
	return actions;
}

function currentInstrument(instrumentKey: string): { versionId: number; instrument: Instrument } {
	const version = currentVersion(instrumentKey);
	const compiled = version ? compiledVersion(version.id) : undefined;
	if (!version || !compiled)
		throw new RefusalError(m.plan_error_choose_instrument(), 'instrumentKey', 400);
	return { versionId: version.id, instrument: compiled.instrument };
}

/**
 * The pathway action to adopt: from the version the round answered when the round belongs to
 * the instrument (what the pathway page showed), else from the instrument's current version.
 */
function findPathwayAction(
	instrumentKey: string,
	actionKey: string,
	roundId: string | null
): { action: PathwayAction; roundId: string | null } {
	const r = roundId ? findRound(roundId) : undefined;
	const fromRound = r && r.instrumentKey === instrumentKey ? r : undefined;
	const versionId = fromRound?.versionId ?? currentInstrument(instrumentKey).versionId;
	const action = actionsOfVersion(versionId)?.get(actionKey);
	if (!action) throw new RefusalError(m.plan_error_action_unknown(), 'actionKey', 400);
	return { action, roundId: fromRound?.id ?? null };
}

/** Adopts a pathway action into the plan; an action is in the plan at most once unless dropped. */
export function adoptAction(
	actor: PlanActor,
	organisationId: string,
	input: {
		instrumentKey: string;
		actionKey: string;
		roundId: string | null;
		ownerId?: string | null;
		dueOn?: string | null;
	},
	now = Date.now()
): { id: string } {
	const { action, roundId } = findPathwayAction(
		input.instrumentKey,
		input.actionKey,
		input.roundId
	);
	const dueOn = checkDueOn(input.dueOn);
	// Stored in English, the instrument's base language; pages show it in the reader's.
	const title = pickText(action.title, 'en');
	const shownTitle = pickText(action.title, getLocale());
	try {
		return getDb().transaction((tx) => {
			requireActor(tx, actor, organisationId);
			const ownerId = newItemOwner(tx, actor, organisationId, input.ownerId);
			if (activeAdoption(tx, organisationId, input.instrumentKey, action.key))
				throw alreadyAdopted(shownTitle);
			const id = newId();
			tx.insert(actionItem)
				.values({
					id,
					organisationId,
					instrumentKey: input.instrumentKey,
					dimensionKey: action.dimension,
					actionKey: action.key,
					level: action.level,
					title,
					description: pickText(action.description, 'en'),
					ownerId,
					dueOn,
					status: 'planned',
					roundId,
					createdBy: actor.userId,
					createdAt: new Date(now),
					updatedAt: new Date(now)
				})
				.run();
			return { id };
		});
	} catch (e) {
		// Another request adopted it between our check and our insert.
		if (isUniqueViolation(e)) throw alreadyAdopted(shownTitle);
		throw e;
	}
}

/** Adds an action the organisation wrote itself, tied to one dimension of an instrument. */
export function createOwnAction(
	actor: PlanActor,
	organisationId: string,
	input: {
		instrumentKey: string;
		dimensionKey: string;
		title: string;
		description: string;
		ownerId: string | null;
		dueOn: string | null;
	},
	now = Date.now()
): { id: string } {
	const { instrument } = currentInstrument(input.instrumentKey);
	if (!instrument.dimensions.some((d) => d.key === input.dimensionKey))
		throw new RefusalError(m.plan_error_dimension_of_instrument(), 'dimensionKey', 400);
	const title = check(titleSchema, input.title, 'title');
	const description = check(descriptionSchema, input.description ?? '', 'description');
	const dueOn = checkDueOn(input.dueOn);
	return getDb().transaction((tx) => {
		requireActor(tx, actor, organisationId);
		const ownerId = newItemOwner(tx, actor, organisationId, input.ownerId);
		const id = newId();
		tx.insert(actionItem)
			.values({
				id,
				organisationId,
				instrumentKey: input.instrumentKey,
				dimensionKey: input.dimensionKey,
				actionKey: null,
				level: null,
				title,
				description,
				ownerId,
				dueOn,
				status: 'planned',
				createdBy: actor.userId,
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.run();
		return { id };
	});
}

/** The item if it belongs to the organisation; another organisation's item does not exist here. */
function findItem(tx: Tx, organisationId: string, itemId: string) {
	const item = tx
		.select()
		.from(actionItem)
		.where(and(eq(actionItem.id, itemId), eq(actionItem.organisationId, organisationId)))
		.get();
	if (!item) throw new RefusalError(m.plan_error_item_missing(), 'itemId', 404);
	return item;
}

/**
 * Changes an item: administrators and the item's owner only; only administrators give it to
 * another owner; an adopted action keeps its pathway title and description. `completedAt` is
 * set when the status becomes done and cleared when it leaves done.
 */
export function updateItem(
	actor: PlanActor,
	organisationId: string,
	itemId: string,
	input: {
		ownerId?: string | null;
		dueOn?: string | null;
		status?: ActionStatus;
		notes?: string;
		title?: string;
		description?: string;
	},
	now = Date.now()
): void {
	try {
		changeItem(actor, organisationId, itemId, input, now);
	} catch (e) {
		// Another request adopted the action again between our check and our update.
		if (isUniqueViolation(e)) throw adoptedAgain(null);
		throw e;
	}
}

/** The refusal when a dropped action comes back while it was adopted anew (named if known). */
function adoptedAgain(title: string | null): RefusalError {
	return new RefusalError(
		title === null
			? m.plan_error_adopted_again_this()
			: m.plan_error_adopted_again_named({ title }),
		'status',
		409
	);
}

function changeItem(
	actor: PlanActor,
	organisationId: string,
	itemId: string,
	input: Parameters<typeof updateItem>[3],
	now: number
): void {
	getDb().transaction((tx) => {
		requireActor(tx, actor, organisationId);
		const item = findItem(tx, organisationId, itemId);
		const isAdmin = actor.role === 'admin';
		if (!isAdmin && item.ownerId !== actor.userId)
			throw new RefusalError(m.plan_error_no_permission(), 'form', 403);

		const changes: Partial<typeof actionItem.$inferInsert> = { updatedAt: new Date(now) };
		if (input.ownerId !== undefined) {
			const ownerId = input.ownerId === '' ? null : input.ownerId;
			if (ownerId !== item.ownerId) {
				if (!isAdmin) throw new RefusalError(m.plan_error_owner_admin_only(), 'ownerId', 403);
				if (ownerId !== null) requireOwnerMember(tx, organisationId, ownerId);
				changes.ownerId = ownerId;
			}
		}
		if (input.dueOn !== undefined) changes.dueOn = checkDueOn(input.dueOn);
		if (input.notes !== undefined) changes.notes = check(notesSchema, input.notes, 'notes');
		if (input.title !== undefined) {
			const title = check(titleSchema, input.title, 'title');
			if (item.actionKey !== null && title !== item.title)
				throw new RefusalError(m.plan_error_title_adopted(), 'title', 400);
			changes.title = title;
		}
		if (input.description !== undefined) {
			const description = check(descriptionSchema, input.description, 'description');
			if (item.actionKey !== null && description !== item.description)
				throw new RefusalError(m.plan_error_description_adopted(), 'description', 400);
			changes.description = description;
		}
		if (input.status !== undefined) {
			const status = check(statusSchema, input.status, 'status');
			if (status !== item.status) {
				if (
					item.status === 'dropped' &&
					item.actionKey !== null &&
					activeAdoption(tx, organisationId, item.instrumentKey, item.actionKey, item.id)
				)
					throw adoptedAgain(item.title);
				changes.status = status;
				changes.completedAt = status === 'done' ? new Date(now) : null;
			}
		}
		tx.update(actionItem).set(changes).where(eq(actionItem.id, item.id)).run();
	});
}

/** Removes an item from the plan: administrators only (owners drop an item instead). */
export function deleteItem(actor: PlanActor, organisationId: string, itemId: string): void {
	getDb().transaction((tx) => {
		requireActor(tx, actor, organisationId);
		const item = findItem(tx, organisationId, itemId);
		if (actor.role !== 'admin')
			throw new RefusalError(m.plan_error_delete_admin_only(), 'form', 403);
		tx.delete(actionItem).where(eq(actionItem.id, item.id)).run();
	});
}

/** Non-dropped adopted items of an organisation for an instrument: actionKey → { id, status }. */
export function adoptedActions(
	organisationId: string,
	instrumentKey: string
): Map<string, { id: string; status: ActionStatus }> {
	const rows = getDb()
		.select({ id: actionItem.id, actionKey: actionItem.actionKey, status: actionItem.status })
		.from(actionItem)
		.where(
			and(
				eq(actionItem.organisationId, organisationId),
				eq(actionItem.instrumentKey, instrumentKey),
				isNotNull(actionItem.actionKey),
				ne(actionItem.status, 'dropped')
			)
		)
		.all();
	return new Map(rows.map((r) => [r.actionKey!, { id: r.id, status: r.status }]));
}

export interface PlanItem {
	id: string;
	instrumentKey: string;
	dimensionKey: string;
	/** null for an action the organisation wrote itself. */
	actionKey: string | null;
	level: number | null;
	title: string;
	description: string;
	ownerId: string | null;
	ownerName: string | null;
	/** False when the owner has left the organisation (an administrator can reassign). */
	ownerIsMember: boolean;
	dueOn: string | null;
	status: ActionStatus;
	notes: string;
	roundId: string | null;
	createdAt: Date;
	updatedAt: Date;
	completedAt: Date | null;
	/** Due before `today` and still planned or in progress. */
	overdue: boolean;
}

/** Is an item past its due date with work left? (Due today is not overdue yet.) */
export function isOverdue(item: { dueOn: string | null; status: ActionStatus }, today: string) {
	return item.dueOn !== null && item.dueOn < today && OPEN_ACTION_STATUSES.includes(item.status);
}

/** The organisation's plan with owner names and overdue flags, `today` as YYYY-MM-DD. */
export function listPlan(organisationId: string, today: string): PlanItem[] {
	const rows = getDb()
		.select({
			id: actionItem.id,
			instrumentKey: actionItem.instrumentKey,
			dimensionKey: actionItem.dimensionKey,
			actionKey: actionItem.actionKey,
			level: actionItem.level,
			title: actionItem.title,
			description: actionItem.description,
			ownerId: actionItem.ownerId,
			ownerName: user.name,
			ownerMembership: membership.userId,
			dueOn: actionItem.dueOn,
			status: actionItem.status,
			notes: actionItem.notes,
			roundId: actionItem.roundId,
			createdAt: actionItem.createdAt,
			updatedAt: actionItem.updatedAt,
			completedAt: actionItem.completedAt
		})
		.from(actionItem)
		.leftJoin(user, eq(user.id, actionItem.ownerId))
		.leftJoin(
			membership,
			and(
				eq(membership.organisationId, actionItem.organisationId),
				eq(membership.userId, actionItem.ownerId)
			)
		)
		.where(eq(actionItem.organisationId, organisationId))
		.orderBy(asc(actionItem.instrumentKey), asc(actionItem.dimensionKey), asc(actionItem.createdAt))
		.all();
	return rows.map(({ ownerMembership, ...row }) => ({
		...row,
		ownerIsMember: ownerMembership !== null,
		overdue: isOverdue(row, today)
	}));
}

/** How many items have each status. */
export function statusCounts(items: { status: ActionStatus }[]): Record<ActionStatus, number> {
	const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<
		ActionStatus,
		number
	>;
	for (const item of items) counts[item.status]++;
	return counts;
}

/** A plan item as the page shows it, in the reader's language. */
export interface PlanEntry extends PlanItem {
	/** The pathway's title in the reader's language (adopted), else the stored title. */
	displayTitle: string;
	displayDescription: string;
	effort: Effort | null;
}

export interface PlanDimensionGroup {
	key: string;
	name: string;
	items: PlanEntry[];
}

export interface PlanInstrumentGroup {
	instrumentKey: string;
	name: string;
	dimensions: PlanDimensionGroup[];
}

const STATUS_ORDER: Record<ActionStatus, number> = {
	'in-progress': 0,
	planned: 1,
	done: 2,
	dropped: 3
};

/** Open work first, soonest due first, undated last. */
function compareItems(a: PlanItem, b: PlanItem): number {
	return (
		STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
		(a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
		a.createdAt.getTime() - b.createdAt.getTime()
	);
}

/**
 * Groups a plan by instrument, then dimension in the instrument's order, with dimension names
 * and adopted actions' titles in the reader's language (the stored English title when the
 * action is in neither the current version nor the version it was adopted from).
 */
export function groupPlan(items: PlanItem[], language: string): PlanInstrumentGroup[] {
	const roundVersions = new Map<string, number | undefined>();
	const groups: PlanInstrumentGroup[] = [];
	for (const instrumentKey of [...new Set(items.map((i) => i.instrumentKey))]) {
		const version = currentVersion(instrumentKey);
		const instrument = version ? compiledVersion(version.id)?.instrument : undefined;
		const current = version ? actionsOfVersion(version.id) : undefined;
		const lookUp = (item: PlanItem): PathwayAction | undefined => {
			if (item.actionKey === null) return undefined;
			const found = current?.get(item.actionKey);
			if (found || item.roundId === null) return found;
			if (!roundVersions.has(item.roundId))
				roundVersions.set(item.roundId, findRound(item.roundId)?.versionId);
			const versionId = roundVersions.get(item.roundId);
			return versionId === undefined ? undefined : actionsOfVersion(versionId)?.get(item.actionKey);
		};
		const order = instrument?.dimensions.map((d) => d.key) ?? [];
		const ownItems = items.filter((i) => i.instrumentKey === instrumentKey);
		const dimensionKeys = [...new Set(ownItems.map((i) => i.dimensionKey))].sort(
			(a, b) =>
				(order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity) ||
				a.localeCompare(b)
		);
		groups.push({
			instrumentKey,
			name: instrument ? pickText(instrument.name, language) : instrumentKey,
			dimensions: dimensionKeys.map((key) => {
				const dimension = instrument?.dimensions.find((d) => d.key === key);
				return {
					key,
					name: dimension ? pickText(dimension.name, language) : key,
					items: ownItems
						.filter((i) => i.dimensionKey === key)
						.sort(compareItems)
						.map((item) => {
							const action = lookUp(item);
							return {
								...item,
								displayTitle: action ? pickText(action.title, language) : item.title,
								displayDescription: action
									? pickText(action.description, language)
									: item.description,
								effort: action?.effort ?? null
							};
						})
				};
			})
		});
	}
	return groups.sort((a, b) => a.name.localeCompare(b.name));
}

export interface DimensionChoice {
	instrumentKey: string;
	name: string;
	dimensions: { key: string; name: string }[];
}

/**
 * The dimensions an organisation can tie its own action to: those of the instruments it has
 * rounds for (or items of already), from their current versions, in the reader's language.
 */
export function dimensionChoices(
	organisationId: string,
	organisationType: string,
	language: string,
	planned: { instrumentKey: string }[] = []
): DimensionChoice[] {
	const keys = new Set([
		...roundsForOrganisation(organisationId, organisationType).map((r) => r.instrumentKey),
		...planned.map((i) => i.instrumentKey)
	]);
	const choices: DimensionChoice[] = [];
	for (const key of keys) {
		const version = currentVersion(key);
		const instrument = version ? compiledVersion(version.id)?.instrument : undefined;
		if (!instrument) continue;
		choices.push({
			instrumentKey: key,
			name: pickText(instrument.name, language),
			dimensions: instrument.dimensions.map((d) => ({
				key: d.key,
				name: pickText(d.name, language)
			}))
		});
	}
	return choices.sort((a, b) => a.name.localeCompare(b.name));
}
