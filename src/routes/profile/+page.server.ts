import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/auth/guards';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { listOrganisationsOfUser } from '$lib/server/organisations';
import { changePassword, deleteAccount, organisationsBlockingDeletion } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const passwordInput = z.object({
	currentPassword: z.string().min(1, 'Enter your current password.'),
	newPassword: z.string().min(1, 'Enter a new password.')
});
const deleteInput = z.object({
	password: z.string().min(1, 'Enter your password to confirm.'),
	confirm: z.literal('yes', {
		error: 'Tick the box to confirm that you want to delete your account.'
	})
});

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		organisations: listOrganisationsOfUser(user.id),
		blocking: organisationsBlockingDeletion(user.id)
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const parsed = parseForm(data, passwordInput);
		if (!parsed.ok) return parsed.failure;
		try {
			await changePassword(
				user.id,
				parsed.data.currentPassword,
				parsed.data.newPassword,
				event.locals.session!.id
			);
		} catch (e) {
			if (e instanceof RefusalError)
				return formFail(e.status, data, { [e.field]: e.message }, 'Your password was not changed.');
			throw e;
		}
		return { passwordChanged: true };
	},
	delete: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const parsed = parseForm(data, deleteInput);
		if (!parsed.ok) return parsed.failure;
		try {
			await deleteAccount(user.id, parsed.data.password);
		} catch (e) {
			if (e instanceof RefusalError)
				return formFail(e.status, data, { [e.field]: e.message }, e.message);
			throw e;
		}
		deleteSessionCookie(event.cookies);
		redirect(303, '/?deleted=1');
	}
};
