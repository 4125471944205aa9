import { z } from 'zod';
import { requirePlatformRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { listAllOrganisations } from '$lib/server/organisations';
import { listUsers, setPlatformRole } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const roleInput = z.object({
	userId: z.string().min(1, 'Choose a user.'),
	role: z.enum(['admin', 'coplead'], { error: 'Choose administrator or CoP lead.' }),
	value: z.enum(['true', 'false'], { error: 'Grant or withdraw.' })
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
