import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOrgRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import {
	createInvitation,
	INVITATION_NOTE_MAX,
	listOpenInvitations,
	revokeInvitation
} from '$lib/server/invitations';
import { changeMemberRole, listMembers, removeMember } from '$lib/server/organisations';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Messages are functions, so each request gets them in its own language.
const chooseMember = () => m.org_members_choose_member();
const inviteInput = z.object({
	note: z
		.string()
		.trim()
		.max(INVITATION_NOTE_MAX, {
			error: () => m.org_validation_max_characters({ max: INVITATION_NOTE_MAX })
		})
		.default('')
});
const roleInput = z.object({
	userId: z.string({ error: chooseMember }).min(1, { error: chooseMember }),
	role: z.enum(['admin', 'respondent'], { error: () => m.org_members_choose_role() })
});
const memberInput = z.object({
	userId: z.string({ error: chooseMember }).min(1, { error: chooseMember })
});
const invitationInput = z.object({
	invitationId: z
		.string({ error: () => m.org_members_choose_invitation() })
		.min(1, { error: () => m.org_members_choose_invitation() })
});

export const load: PageServerLoad = (event) => {
	const { organisation, role, user } = requireOrgRole(event, event.params.orgId);
	return {
		members: listMembers(organisation.id),
		invitations: role === 'admin' ? listOpenInvitations(organisation.id) : [],
		me: user.id
	};
};

/** Runs a change that may be refused, turning the refusal into a message on the page. */
async function attempt(
	event: RequestEvent,
	schema: z.ZodType,
	change: (orgId: string, input: Record<string, string>, userId: string) => void
) {
	const { organisation, user } = requireOrgRole(event, event.params.orgId, 'admin');
	const data = await event.request.formData();
	const parsed = parseForm(data, schema);
	if (!parsed.ok) return parsed.failure;
	try {
		change(organisation.id, parsed.data as Record<string, string>, user.id);
		return { done: true };
	} catch (e) {
		if (e instanceof RefusalError)
			return formFail(e.status, data, { [e.field]: e.message }, e.message);
		throw e;
	}
}

export const actions: Actions = {
	invite: async (event) => {
		const { organisation, user } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, inviteInput);
		if (!parsed.ok) return parsed.failure;
		const { token, expiresAt } = createInvitation(organisation.id, user.id, parsed.data.note);
		return { done: true, invitationLink: `${event.url.origin}/invite/${token}`, expiresAt };
	},
	revoke: (event) =>
		attempt(event, invitationInput, (orgId, input) => revokeInvitation(orgId, input.invitationId)),
	role: (event) =>
		attempt(event, roleInput, (orgId, input) =>
			changeMemberRole(orgId, input.userId, input.role as 'admin' | 'respondent')
		),
	remove: (event) =>
		attempt(event, memberInput, (orgId, input) => removeMember(orgId, input.userId)),
	leave: async (event) => {
		const { organisation, user } = requireOrgRole(event, event.params.orgId);
		const data = await event.request.formData();
		try {
			removeMember(organisation.id, user.id);
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, {}, e.message);
			throw e;
		}
		redirect(303, '/');
	}
};
