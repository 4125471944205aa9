import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// Logging out changes state, so it is a POST only; a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.session) invalidateSession(locals.session.id);
		deleteSessionCookie(cookies);
		redirect(303, '/login');
	}
};
