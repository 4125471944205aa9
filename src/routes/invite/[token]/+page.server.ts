import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';
import { acceptInvitation, findInvitation, invitationRefusal } from '$lib/server/invitations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const invitation = findInvitation(params.token);
	if (!invitation) error(404, m.auth_invite_link_invalid());
	return {
		organisationName: invitation.organisationName,
		invitedByName: invitation.invitedByName,
		expiresAt: invitation.expiresAt,
		refusal: invitation.state === 'valid' ? null : invitationRefusal(invitation.state),
		signedIn: locals.user !== null
	};
};

export const actions: Actions = {
	default: (event) => {
		const user = requireUser(event);
		let organisationId: string;
		try {
			organisationId = acceptInvitation(event.params.token, user.id);
		} catch (e) {
			if (e instanceof RefusalError) return { message: e.message };
			throw e;
		}
		redirect(303, `/orgs/${organisationId}`);
	}
};
