// The action plan (issue 6): who may adopt, write, change and delete items; adopted actions in
// the plan once; completion dates; field rules; and the page's guard and actions.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Instrument, PathwayAction } from '../../src/lib/domain/instrument';
import {
	adoptAction,
	adoptedActions,
	createOwnAction,
	deleteItem,
	groupPlan,
	listPlan,
	updateItem,
	type PlanActor
} from '../../src/lib/server/action-plans';
import { getDb } from '../../src/lib/server/db';
import { actionItem, type Round } from '../../src/lib/server/db/schema';
import { RefusalError } from '../../src/lib/server/errors';
import { acceptInvitation, createInvitation } from '../../src/lib/server/invitations';
import { actions, load } from '../../src/routes/orgs/[orgId]/plan/+page.server';
import { chamberInstrument, openChamberRound } from './assessment-helpers';
import { eventFor, formRequest, makeOrg, makeUser, thrownStatus } from './helpers';

type User = Awaited<ReturnType<typeof makeUser>>;

let instrument: Instrument;
let round: Round;
let actionA: PathwayAction;
let actionB: PathwayAction;
let dimensionKey: string;

beforeAll(async () => {
	const lead = await makeUser('CoP Lead');
	round = openChamberRound(lead.id);
	instrument = chamberInstrument().instrument;
	dimensionKey = instrument.dimensions[0].key;
	[actionA, actionB] = instrument.pathways[dimensionKey][1];
});

/** An organisation with an administrator, two respondents, and an outsider with an org of their own. */
async function setup() {
	const admin = await makeUser('Ada Admin');
	const org = makeOrg(admin.id, 'Plan Chamber');
	const join = async (name: string) => {
		const u = await makeUser(name);
		acceptInvitation(createInvitation(org.id, admin.id, '').token, u.id);
		return u;
	};
	const resp = await join('Rita Respondent');
	const resp2 = await join('Rolf Respondent');
	const outsider = await makeUser('Otto Outsider');
	const otherOrg = makeOrg(outsider.id, 'Other Chamber');
	const as = (u: User, role: PlanActor['role'] = 'respondent'): PlanActor => ({
		userId: u.id,
		role
	});
	return {
		org,
		otherOrg,
		admin,
		resp,
		resp2,
		outsider,
		asAdmin: as(admin, 'admin'),
		asResp: as(resp),
		asResp2: as(resp2),
		asOutsider: as(outsider, 'admin')
	};
}

/** The refusal a call throws, as status, field and message. */
function refusal(fn: () => unknown): { status: number; field: string; message: string } {
	try {
		fn();
	} catch (e) {
		if (e instanceof RefusalError) return { status: e.status, field: e.field, message: e.message };
		throw e;
	}
	throw new Error('Expected a refusal, but the call succeeded.');
}

function stored(id: string) {
	return getDb().select().from(actionItem).where(eq(actionItem.id, id)).get()!;
}

const ownAction = (ownerId: string | null, extra: Partial<{ dueOn: string | null }> = {}) => ({
	instrumentKey: 'chamber-diversity',
	dimensionKey,
	title: 'Translate our welcome pack',
	description: 'Arabic, Turkish and Ukrainian first.',
	ownerId,
	dueOn: null,
	...extra
});

describe('adopting pathway actions', () => {
	it('stores the action with its dimension, level, English title and round', async () => {
		const { org, asAdmin, resp } = await setup();
		const { id } = adoptAction(asAdmin, org.id, {
			instrumentKey: 'chamber-diversity',
			actionKey: actionA.key,
			roundId: round.id,
			ownerId: resp.id,
			dueOn: '2030-06-30'
		});
		expect(stored(id)).toMatchObject({
			organisationId: org.id,
			dimensionKey: actionA.dimension,
			actionKey: actionA.key,
			level: 1,
			title: actionA.title.default,
			ownerId: resp.id,
			dueOn: '2030-06-30',
			status: 'planned',
			roundId: round.id,
			completedAt: null
		});
		expect(adoptedActions(org.id, 'chamber-diversity')).toEqual(
			new Map([[actionA.key, { id, status: 'planned' }]])
		);
	});

	it.each([
		['an unknown instrument', { instrumentKey: 'no-such-instrument' }, 'instrumentKey'],
		['an unknown action', { actionKey: 'no-such-action' }, 'actionKey']
	])('refuses %s, naming the field', async (_, change, field) => {
		const { org, asAdmin } = await setup();
		const input = {
			instrumentKey: 'chamber-diversity',
			actionKey: actionA.key,
			roundId: null,
			...change
		};
		expect(refusal(() => adoptAction(asAdmin, org.id, input))).toMatchObject({
			status: 400,
			field
		});
	});

	it('refuses adopting an action twice, allows it again after dropping, and never revives both', async () => {
		const { org, asAdmin } = await setup();
		const input = { instrumentKey: 'chamber-diversity', actionKey: actionA.key, roundId: null };
		const first = adoptAction(asAdmin, org.id, input);
		const twice = refusal(() => adoptAction(asAdmin, org.id, input));
		expect(twice).toMatchObject({ status: 409, field: 'actionKey' });
		expect(twice.message).toContain(actionA.title.default);

		updateItem(asAdmin, org.id, first.id, { status: 'dropped' });
		expect(adoptedActions(org.id, 'chamber-diversity').has(actionA.key)).toBe(false);
		const second = adoptAction(asAdmin, org.id, input);
		expect(adoptedActions(org.id, 'chamber-diversity').get(actionA.key)?.id).toBe(second.id);

		for (const status of ['planned', 'in-progress', 'done'] as const) {
			expect(refusal(() => updateItem(asAdmin, org.id, first.id, { status }))).toMatchObject({
				status: 409,
				field: 'status'
			});
		}
		// Another organisation adopts the same action independently.
		const other = await setup();
		expect(() => adoptAction(other.asAdmin, other.org.id, input)).not.toThrow();
	});

	it('makes a respondent the owner of what they adopt, and refuses another owner', async () => {
		const { org, asResp, resp, resp2 } = await setup();
		const { id } = adoptAction(asResp, org.id, {
			instrumentKey: 'chamber-diversity',
			actionKey: actionA.key,
			roundId: round.id
		});
		expect(stored(id).ownerId).toBe(resp.id);
		expect(
			refusal(() =>
				adoptAction(asResp, org.id, {
					instrumentKey: 'chamber-diversity',
					actionKey: actionB.key,
					roundId: round.id,
					ownerId: resp2.id
				})
			)
		).toMatchObject({ status: 403, field: 'ownerId' });
	});

	it('lets an administrator leave an adopted action unassigned', async () => {
		const { org, asAdmin } = await setup();
		const { id } = adoptAction(asAdmin, org.id, {
			instrumentKey: 'chamber-diversity',
			actionKey: actionA.key,
			roundId: null
		});
		expect(stored(id).ownerId).toBeNull();
		expect(stored(id).roundId).toBeNull();
	});
});

describe('own actions', () => {
	it('stores an own action tied to a dimension', async () => {
		const { org, asAdmin, resp } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id, { dueOn: '2031-01-15' }));
		expect(stored(id)).toMatchObject({
			actionKey: null,
			level: null,
			dimensionKey,
			title: 'Translate our welcome pack',
			ownerId: resp.id,
			dueOn: '2031-01-15'
		});
	});

	it.each([
		['an unknown instrument', { instrumentKey: 'nope' }, 'instrumentKey'],
		['an unknown dimension', { dimensionKey: 'nope' }, 'dimensionKey'],
		['a title too short', { title: ' ab ' }, 'title'],
		['a title too long', { title: 'x'.repeat(201) }, 'title'],
		['a description too long', { description: 'x'.repeat(2001) }, 'description']
	])('refuses %s, naming the field', async (_, change, field) => {
		const { org, asAdmin } = await setup();
		expect(
			refusal(() => createOwnAction(asAdmin, org.id, { ...ownAction(null), ...change }))
		).toMatchObject({ status: 400, field });
	});

	it('requires the owner to be a current member of the organisation', async () => {
		const { org, asAdmin, outsider, resp } = await setup();
		expect(refusal(() => createOwnAction(asAdmin, org.id, ownAction(outsider.id)))).toMatchObject({
			status: 400,
			field: 'ownerId'
		});
		expect(
			refusal(() =>
				adoptAction(asAdmin, org.id, {
					instrumentKey: 'chamber-diversity',
					actionKey: actionA.key,
					roundId: null,
					ownerId: outsider.id
				})
			)
		).toMatchObject({ status: 400, field: 'ownerId' });
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		expect(refusal(() => updateItem(asAdmin, org.id, id, { ownerId: outsider.id }))).toMatchObject({
			status: 400,
			field: 'ownerId'
		});
	});
});

describe('who may change an item', () => {
	const NO_PERMISSION =
		'Only the organisation’s administrators and the item’s owner can change it.';

	it.each([
		{ who: 'a respondent, their own item', actor: 'resp', owner: 'resp', allowed: true },
		{ who: 'a respondent, another member’s item', actor: 'resp', owner: 'resp2', allowed: false },
		{ who: 'a respondent, an unassigned item', actor: 'resp', owner: null, allowed: false },
		{ who: 'an administrator, a respondent’s item', actor: 'admin', owner: 'resp', allowed: true },
		{ who: 'an administrator, an unassigned item', actor: 'admin', owner: null, allowed: true }
	] as const)('$who: allowed $allowed', async ({ actor, owner, allowed }) => {
		const s = await setup();
		const people = { resp: s.resp, resp2: s.resp2, admin: s.admin };
		const actors = { resp: s.asResp, admin: s.asAdmin };
		const { id } = createOwnAction(s.asAdmin, s.org.id, ownAction(owner && people[owner].id));
		const change = () =>
			updateItem(actors[actor], s.org.id, id, {
				status: 'in-progress',
				notes: 'Started with the Arabic version.',
				dueOn: '2030-01-31'
			});
		if (allowed) {
			change();
			expect(stored(id)).toMatchObject({
				status: 'in-progress',
				notes: 'Started with the Arabic version.',
				dueOn: '2030-01-31'
			});
		} else {
			expect(refusal(change)).toEqual({ status: 403, field: 'form', message: NO_PERMISSION });
			expect(stored(id).status).toBe('planned');
		}
	});

	it('lets an administrator reassign an item, and refuses it to a respondent owner', async () => {
		const { org, asAdmin, asResp, resp, resp2 } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		expect(refusal(() => updateItem(asResp, org.id, id, { ownerId: resp2.id }))).toMatchObject({
			status: 403,
			field: 'ownerId'
		});
		expect(refusal(() => updateItem(asResp, org.id, id, { ownerId: null }))).toMatchObject({
			status: 403,
			field: 'ownerId'
		});
		// Sending the same owner back (an unchanged form) is not a change.
		updateItem(asResp, org.id, id, { ownerId: resp.id, notes: 'Mine still' });
		updateItem(asAdmin, org.id, id, { ownerId: resp2.id });
		expect(stored(id).ownerId).toBe(resp2.id);
		updateItem(asAdmin, org.id, id, { ownerId: null });
		expect(stored(id).ownerId).toBeNull();
	});

	it('keeps an adopted action’s title and description, and lets own actions change theirs', async () => {
		const { org, asAdmin } = await setup();
		const adopted = adoptAction(asAdmin, org.id, {
			instrumentKey: 'chamber-diversity',
			actionKey: actionA.key,
			roundId: null
		});
		expect(
			refusal(() => updateItem(asAdmin, org.id, adopted.id, { title: 'Something else' }))
		).toMatchObject({ status: 400, field: 'title' });
		expect(
			refusal(() => updateItem(asAdmin, org.id, adopted.id, { description: 'Other words' }))
		).toMatchObject({ status: 400, field: 'description' });
		const own = createOwnAction(asAdmin, org.id, ownAction(null));
		updateItem(asAdmin, org.id, own.id, { title: '  Welcome pack in five languages ' });
		expect(stored(own.id).title).toBe('Welcome pack in five languages');
	});

	it('answers 404 to a member of another organisation, never revealing the item', async () => {
		const { org, otherOrg, asAdmin, asOutsider, resp } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		const attempts = [
			() => updateItem(asOutsider, otherOrg.id, id, { status: 'done' }),
			() => deleteItem(asOutsider, otherOrg.id, id),
			// Not a member of the item's organisation, whatever role they claim.
			() => updateItem(asOutsider, org.id, id, { status: 'done' }),
			() => deleteItem(asOutsider, org.id, id)
		];
		for (const attempt of attempts) expect(refusal(attempt).status).toBe(404);
		expect(stored(id).status).toBe('planned');
	});

	it('lets only administrators delete an item', async () => {
		const { org, asAdmin, asResp, resp } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		expect(refusal(() => deleteItem(asResp, org.id, id)).status).toBe(403);
		deleteItem(asAdmin, org.id, id);
		expect(refusal(() => updateItem(asAdmin, org.id, id, { notes: 'x' })).status).toBe(404);
	});
});

describe('statuses and dates', () => {
	it('sets completedAt when an item becomes done and clears it when it leaves done', async () => {
		const { org, asAdmin, asResp, resp } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id), 1_000);
		updateItem(asResp, org.id, id, { status: 'done' }, 5_000);
		expect(stored(id).completedAt?.getTime()).toBe(5_000);
		expect(stored(id).updatedAt.getTime()).toBe(5_000);
		// Other changes while done keep the day it was done.
		updateItem(asResp, org.id, id, { status: 'done', notes: 'Printed 500 copies.' }, 9_000);
		expect(stored(id).completedAt?.getTime()).toBe(5_000);
		updateItem(asResp, org.id, id, { status: 'in-progress' }, 12_000);
		expect(stored(id).completedAt).toBeNull();
		updateItem(asResp, org.id, id, { status: 'done' }, 15_000);
		expect(stored(id).completedAt?.getTime()).toBe(15_000);
		updateItem(asResp, org.id, id, { status: 'dropped' }, 20_000);
		expect(stored(id).completedAt).toBeNull();
	});

	it.each([
		['2026-02-30', 'a day that does not exist'],
		['2027-02-29', 'no leap day in 2027'],
		['2026-13-01', 'month 13'],
		['31-03-2027', 'day first'],
		['2027-3-1', 'without leading zeros'],
		['tomorrow', 'a word'],
		['1999-12-31', 'before 2000'],
		['2101-01-01', 'after 2100']
	])('refuses the due date %s (%s), naming the field', async (dueOn) => {
		const { org, asAdmin, resp } = await setup();
		expect(
			refusal(() => createOwnAction(asAdmin, org.id, ownAction(resp.id, { dueOn })))
		).toMatchObject({ status: 400, field: 'dueOn' });
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		expect(refusal(() => updateItem(asAdmin, org.id, id, { dueOn }))).toMatchObject({
			status: 400,
			field: 'dueOn'
		});
		expect(
			refusal(() =>
				adoptAction(asAdmin, org.id, {
					instrumentKey: 'chamber-diversity',
					actionKey: actionA.key,
					roundId: null,
					dueOn
				})
			)
		).toMatchObject({ status: 400, field: 'dueOn' });
	});

	it('accepts leap days and the ends of the range, and clears a date', async () => {
		const { org, asAdmin } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(null));
		for (const dueOn of ['2028-02-29', '2000-01-01', '2100-12-31']) {
			updateItem(asAdmin, org.id, id, { dueOn });
			expect(stored(id).dueOn).toBe(dueOn);
		}
		updateItem(asAdmin, org.id, id, { dueOn: null });
		expect(stored(id).dueOn).toBeNull();
	});

	it('refuses an unknown status and notes that are too long', async () => {
		const { org, asAdmin } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(null));
		expect(
			refusal(() => updateItem(asAdmin, org.id, id, { status: 'finished' as never }))
		).toMatchObject({ status: 400, field: 'status' });
		expect(
			refusal(() => updateItem(asAdmin, org.id, id, { notes: 'x'.repeat(2001) }))
		).toMatchObject({ status: 400, field: 'notes' });
	});
});

describe('reading the plan', () => {
	it('marks overdue items, names owners and groups by dimension in the reader’s language', async () => {
		const { org, asAdmin, resp } = await setup();
		const today = '2030-05-10';
		const make = (title: string, dueOn: string | null) =>
			createOwnAction(asAdmin, org.id, { ...ownAction(resp.id, { dueOn }), title }).id;
		const late = make('Late and planned', '2030-05-09');
		const lateDone = make('Late but done', '2030-05-01');
		updateItem(asAdmin, org.id, lateDone, { status: 'done' });
		const lateDropped = make('Late but dropped', '2030-05-01');
		updateItem(asAdmin, org.id, lateDropped, { status: 'dropped' });
		const dueToday = make('Due today', today);
		const undated = make('No date', null);
		const adopted = adoptAction(asAdmin, org.id, {
			instrumentKey: 'chamber-diversity',
			actionKey: actionA.key,
			roundId: round.id,
			dueOn: '2030-04-30'
		}).id;
		updateItem(asAdmin, org.id, adopted, { status: 'in-progress' });

		const plan = listPlan(org.id, today);
		const overdue = Object.fromEntries(plan.map((i) => [i.id, i.overdue]));
		expect(overdue).toEqual({
			[late]: true,
			[lateDone]: false,
			[lateDropped]: false,
			[dueToday]: false,
			[undated]: false,
			[adopted]: true
		});
		expect(plan.find((i) => i.id === late)).toMatchObject({
			ownerName: 'Rita Respondent',
			ownerIsMember: true
		});

		const [group] = groupPlan(plan, 'de');
		expect(group.name).toBe(instrument.name.de);
		const dimension = group.dimensions.find((d) => d.key === actionA.dimension)!;
		expect(dimension.name).toBe(instrument.dimensions.find((d) => d.key === dimensionKey)!.name.de);
		const entry = dimension.items.find((i) => i.id === adopted)!;
		expect(entry).toMatchObject({
			displayTitle: actionA.title.de,
			effort: actionA.effort,
			level: 1
		});
		expect(dimension.items.find((i) => i.id === late)?.displayTitle).toBe('Late and planned');
		// Open work first, dropped last.
		expect(dimension.items.at(-1)?.id).toBe(lateDropped);
	});
});

describe('the plan page', () => {
	const request = (path: string, fields?: Record<string, string>) =>
		fields ? formRequest(path, fields) : new Request(`http://localhost${path}`);
	const pageEvent = (u: User, orgId: string, search = '', fields?: Record<string, string>) => ({
		...eventFor(u, `/orgs/${orgId}/plan${search}`),
		params: { orgId },
		request: request(`/orgs/${orgId}/plan${search}`, fields)
	});
	type Failure = {
		status: number;
		data: { errors: Record<string, string>; itemId: string | null; values: object };
	};

	it('answers 404 to a member of another organisation, for the page and every action', async () => {
		const { org, outsider, asAdmin, resp } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		expect(thrownStatus(() => load(pageEvent(outsider, org.id) as never))).toBe(404);
		for (const name of ['create', 'update', 'delete'] as const) {
			const event = pageEvent(outsider, org.id, '', { itemId: id, status: 'done' });
			await expect(actions[name](event as never)).rejects.toMatchObject({ status: 404 });
		}
		expect(stored(id).status).toBe('planned');
	});

	it('refuses an item of another organisation inside a member’s own plan with 404', async () => {
		const { org, asAdmin, resp } = await setup();
		const { id } = createOwnAction(asAdmin, org.id, ownAction(resp.id));
		const other = await setup();
		const event = pageEvent(other.admin, other.org.id, '', { itemId: id, status: 'done' });
		const result = (await actions.update(event as never)) as Failure;
		expect(result.status).toBe(404);
		expect(result.data.itemId).toBe(id);
		expect(stored(id).status).toBe('planned');
	});

	it('shows the plan to a respondent and lets them change their own item only', async () => {
		const { org, asAdmin, resp, resp2 } = await setup();
		const mine = createOwnAction(asAdmin, org.id, ownAction(resp.id)).id;
		const theirs = createOwnAction(asAdmin, org.id, {
			...ownAction(resp2.id),
			title: 'Mentoring programme'
		}).id;
		const page = (await load(pageEvent(resp, org.id) as never)) as {
			role: string;
			total: number;
			counts: Record<string, number>;
		};
		expect(page).toMatchObject({ role: 'respondent', total: 2, counts: { planned: 2 } });

		const refused = (await actions.update(
			pageEvent(resp, org.id, '', { itemId: theirs, status: 'done' }) as never
		)) as Failure;
		expect(refused.status).toBe(403);
		expect(refused.data.itemId).toBe(theirs);
		expect(refused.data.errors.form).toMatch(/administrators and the item’s owner/);

		const done = await actions.update(
			pageEvent(resp, org.id, '', { itemId: mine, status: 'done', notes: 'Done!' }) as never
		);
		expect(done).toEqual({ form: 'update', saved: mine });
		expect(stored(mine)).toMatchObject({ status: 'done', notes: 'Done!' });

		const deleteRefused = (await actions.delete(
			pageEvent(resp, org.id, '', { itemId: mine }) as never
		)) as Failure;
		expect(deleteRefused.status).toBe(403);
		expect(stored(mine)).toBeDefined();
	});

	it('reports every wrong field of the own-action form and keeps what was entered', async () => {
		const { org, admin } = await setup();
		const result = (await actions.create(
			pageEvent(admin, org.id, '', {
				dimension: `chamber-diversity/${dimensionKey}`,
				title: 'ab',
				description: 'Short',
				ownerId: '',
				dueOn: '2026-02-30'
			}) as never
		)) as Failure;
		expect(result.status).toBe(400);
		expect(Object.keys(result.data.errors).sort()).toEqual(['dueOn', 'title']);
		expect(result.data.values).toMatchObject({ title: 'ab', description: 'Short' });
	});

	it('creates an own action from the form, and filters the plan by status', async () => {
		const { org, admin, resp } = await setup();
		const created = (await actions.create(
			pageEvent(admin, org.id, '', {
				dimension: `chamber-diversity/${dimensionKey}`,
				title: 'Open office hours in Turkish',
				description: '',
				ownerId: resp.id,
				dueOn: '2030-09-01'
			}) as never
		)) as { created: string };
		expect(stored(created.created)).toMatchObject({ ownerId: resp.id, dueOn: '2030-09-01' });
		const refused = (await actions.create(
			pageEvent(admin, org.id, '', {
				dimension: 'chamber-diversity/no-such-dimension',
				title: 'Something',
				ownerId: ''
			}) as never
		)) as Failure;
		expect(refused.data.errors).toHaveProperty('dimension');

		const planned = (await load(pageEvent(admin, org.id, '?status=planned') as never)) as {
			groups: unknown[];
		};
		expect(planned.groups).toHaveLength(1);
		const done = (await load(pageEvent(admin, org.id, '?status=done') as never)) as {
			groups: unknown[];
			total: number;
		};
		expect(done).toMatchObject({ groups: [], total: 1 });
	});
});
