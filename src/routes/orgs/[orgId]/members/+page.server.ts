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
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const inviteInput = z.object({
	note: z
		.string()
		.trim()
		.max(INVITATION_NOTE_MAX, `Use at most ${INVITATION_NOTE_MAX} characters.`)
		.default('')
});
const roleInput = z.object({
	userId: z.string().min(1, 'Choose a member.'),
	role: z.enum(['admin', 'respondent'], { error: 'Choose administrator or respondent.' })
});
const memberInput = z.object({ userId: z.string().min(1, 'Choose a member.') });
const invitationInput = z.object({ invitationId: z.string().min(1, 'Choose an invitation.') });

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
