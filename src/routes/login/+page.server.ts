import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { logIn, safeNext } from '$lib/server/auth/login';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const loginInput = z.object({
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.auth_login_email_required() })
		.max(254, { error: () => m.auth_email_too_long() }),
	password: z
		.string()
		.min(1, { error: () => m.auth_login_password_required() })
		.max(256, { error: () => m.auth_login_password_too_long() })
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const data = await request.formData();
		const parsed = parseForm(data, loginInput);
		if (!parsed.ok) return parsed.failure;
		try {
			await logIn(cookies, parsed.data.email, parsed.data.password, getClientAddress());
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, {}, e.message);
			throw e;
		}
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
