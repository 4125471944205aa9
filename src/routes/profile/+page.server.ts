import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { isInterfaceLocale } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';
import { getLocale, locales } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { setLocaleCookie, setUserLanguage } from '$lib/server/language';
import { listOrganisationsOfUser } from '$lib/server/organisations';
import { changePassword, deleteAccount, organisationsBlockingDeletion } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const passwordInput = z.object({
	currentPassword: z.string().min(1, { error: () => m.auth_profile_current_password_required() }),
	newPassword: z.string().min(1, { error: () => m.auth_profile_new_password_required() })
});
const deleteInput = z.object({
	password: z.string().min(1, { error: () => m.auth_profile_delete_password_required() }),
	confirm: z.literal('yes', { error: () => m.auth_profile_delete_tick_required() })
});
const languageInput = z.object({
	locale: z.enum(locales, { error: () => m.auth_profile_language_invalid() })
});

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		organisations: listOrganisationsOfUser(user.id),
		blocking: organisationsBlockingDeletion(user.id),
		/** The saved setting, else the language this page is shown in (cookie or browser). */
		language: isInterfaceLocale(user.language) ? user.language : getLocale()
	};
};

export const actions: Actions = {
	/** The interface language, for every device; the page then reloads in it. */
	language: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const parsed = parseForm(data, languageInput);
		if (!parsed.ok) return parsed.failure;
		setUserLanguage(user.id, parsed.data.locale);
		setLocaleCookie(event.cookies, parsed.data.locale);
		redirect(303, '/profile?language=saved');
	},
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
				return formFail(
					e.status,
					data,
					{ [e.field]: e.message },
					m.auth_profile_password_not_changed()
				);
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
