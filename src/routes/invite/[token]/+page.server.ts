import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { acceptInvitation, findInvitation, INVITATION_REFUSALS } from '$lib/server/invitations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const invitation = findInvitation(params.token);
	if (!invitation)
		error(404, 'This invitation link is not valid. Check that you copied all of it.');
	return {
		organisationName: invitation.organisationName,
		invitedByName: invitation.invitedByName,
		expiresAt: invitation.expiresAt,
		refusal: invitation.state === 'valid' ? null : INVITATION_REFUSALS[invitation.state],
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
