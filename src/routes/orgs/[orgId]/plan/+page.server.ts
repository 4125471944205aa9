import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	ACTION_STATUSES,
	createOwnAction,
	deleteItem,
	descriptionSchema,
	dimensionChoices,
	dueOnSchema,
	groupPlan,
	listPlan,
	notesSchema,
	statusCounts,
	statusSchema,
	titleSchema,
	updateItem,
	type PlanActor
} from '$lib/server/action-plans';
import { requireOrgRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formValues, parseForm, type FormFailure } from '$lib/server/forms';
import { readerLanguage } from '$lib/server/language';
import { listMembers } from '$lib/server/organisations';
import { today } from '$lib/server/rounds';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** An empty date field means "no due date". */
const dueOnField = z
	.string()
	.trim()
	.transform((v) => (v === '' ? null : v))
	.pipe(dueOnSchema.nullable());

const createInput = z.object({
	// "instrumentKey/dimensionKey": one select, grouped by instrument.
	dimension: z
		.string({ error: () => m.plan_form_error_dimension() })
		.regex(/^[^/]+\/[^/]+$/, { error: () => m.plan_form_error_dimension() }),
	title: titleSchema,
	description: descriptionSchema.default(''),
	ownerId: z
		.string()
		.trim()
		.default('')
		.transform((v) => v || null),
	dueOn: dueOnField.default(null)
});

// Fields left out of the form stay as they are (a respondent's form has no owner select, an
// adopted action's no title).
const updateInput = z.object({
	itemId: z.string().min(1, { error: () => m.plan_form_error_item() }),
	ownerId: z
		.string()
		.trim()
		.transform((v) => v || null)
		.optional(),
	dueOn: dueOnField.optional(),
	status: statusSchema.optional(),
	notes: notesSchema.optional(),
	title: titleSchema.optional(),
	description: descriptionSchema.optional()
});

const deleteInput = z.object({
	itemId: z.string().min(1, { error: () => m.plan_form_error_item() })
});

/** Which form failed, so the page shows the errors beside the right item's fields. */
type PlanFailure = FormFailure & { form: 'create' | 'update' | 'delete'; itemId: string | null };

export const load: PageServerLoad = (event) => {
	const { organisation, role, user } = requireOrgRole(event, event.params.orgId);
	const language = readerLanguage(event);
	const day = today();
	const items = listPlan(organisation.id, day);
	const asked = event.url.searchParams.get('status');
	const status = ACTION_STATUSES.find((s) => s === asked) ?? null;
	return {
		role,
		me: user.id,
		today: day,
		status,
		total: items.length,
		counts: statusCounts(items),
		overdue: items.filter((i) => i.overdue).length,
		groups: groupPlan(status ? items.filter((i) => i.status === status) : items, language),
		members: listMembers(organisation.id).map((m) => ({ userId: m.userId, name: m.name })),
		dimensionChoices: dimensionChoices(organisation.id, organisation.type, language, items)
	};
};

export const actions: Actions = {
	create: (event) =>
		attempt(event, 'create', createInput, (actor, orgId, input) => {
			const [instrumentKey, dimensionKey] = input.dimension.split('/');
			const { id } = createOwnAction(actor, orgId, { ...input, instrumentKey, dimensionKey });
			return { form: 'create' as const, created: id };
		}),
	update: (event) =>
		attempt(event, 'update', updateInput, (actor, orgId, { itemId, ...input }) => {
			updateItem(actor, orgId, itemId, input);
			return { form: 'update' as const, saved: itemId };
		}),
	delete: (event) =>
		attempt(event, 'delete', deleteInput, (actor, orgId, { itemId }) => {
			deleteItem(actor, orgId, itemId);
			return { form: 'delete' as const, deleted: itemId };
		})
};

// The module names instrument and dimension apart; the page has one select for both.
const FIELD_OF_INPUT: Record<string, string> = {
	instrumentKey: 'dimension',
	dimensionKey: 'dimension',
	actionKey: 'form'
};

/**
 * Every action: the member guard, the form parsed, the change made; a refusal comes back as a
 * message beside its field with the entered values and the item it concerns.
 */
async function attempt<S extends z.ZodType, R>(
	event: RequestEvent,
	form: PlanFailure['form'],
	schema: S,
	change: (actor: PlanActor, organisationId: string, input: z.infer<S>) => R
): Promise<R | ActionFailure<PlanFailure>> {
	const { organisation, role, user } = requireOrgRole(event, event.params.orgId);
	const data = await event.request.formData();
	const itemId = typeof data.get('itemId') === 'string' ? (data.get('itemId') as string) : null;
	const parsed = parseForm(data, schema);
	if (!parsed.ok) return fail(parsed.failure.status, { ...parsed.failure.data, form, itemId });
	try {
		return change({ userId: user.id, role }, organisation.id, parsed.data);
	} catch (e) {
		if (!(e instanceof RefusalError)) throw e;
		const field = FIELD_OF_INPUT[e.field] ?? e.field;
		return fail(e.status, {
			message: e.message,
			errors: { [field]: e.message },
			values: formValues(data),
			form,
			itemId
		});
	}
}
