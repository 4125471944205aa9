import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatNumber } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { safeNext, startSession } from '$lib/server/auth/login';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { createUser } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const NAME_MAX = 100;

const registerInput = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.auth_register_name_required() })
		.max(NAME_MAX, { error: () => m.auth_use_at_most({ max: formatNumber(NAME_MAX) }) }),
	email: z
		.email({ error: () => m.auth_register_email_invalid() })
		.max(254, { error: () => m.auth_email_too_long() }),
	password: z.string()
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const data = await request.formData();
		const raw = data.get('email');
		if (typeof raw === 'string') data.set('email', raw.trim());
		const parsed = parseForm(data, registerInput);
		if (!parsed.ok) return parsed.failure;
		try {
			const created = await createUser(parsed.data);
			startSession(cookies, created.id);
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, { [e.field]: e.message });
			throw e;
		}
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
