import { z } from 'zod';
import { requirePlatformRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { listAllOrganisations } from '$lib/server/organisations';
import { m } from '$lib/paraglide/messages';
import { listUsers, setPlatformRole } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

// Messages are functions, so each request gets them in its own language.
const chooseUser = () => m.org_admin_choose_user();
const roleInput = z.object({
	userId: z.string({ error: chooseUser }).min(1, { error: chooseUser }),
	role: z.enum(['admin', 'coplead'], { error: () => m.org_admin_choose_role() }),
	value: z.enum(['true', 'false'], { error: () => m.org_admin_choose_value() })
});

export const load: PageServerLoad = (event) => {
	const me = requirePlatformRole(event, 'admin');
	const q = event.url.searchParams.get('q') ?? '';
	const { rows, total } = listUsers(q);
	return { users: rows, totalUsers: total, organisations: listAllOrganisations(), q, me: me.id };
};

export const actions: Actions = {
	role: async (event) => {
		requirePlatformRole(event, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, roleInput);
		if (!parsed.ok) return parsed.failure;
		try {
			setPlatformRole(parsed.data.userId, parsed.data.role, parsed.data.value === 'true');
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, {}, e.message);
			throw e;
		}
		return { done: true };
	}
};
