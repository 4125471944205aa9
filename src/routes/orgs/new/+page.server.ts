import { redirect } from '@sveltejs/kit';
import { organisationInput } from '$lib/domain/organisation';
import { requireUser } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { createOrganisation } from '$lib/server/organisations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const parsed = parseForm(data, organisationInput, ['languages']);
		if (!parsed.ok) return parsed.failure;
		const created = createOrganisation(user.id, parsed.data);
		redirect(303, `/orgs/${created.id}`);
	}
};
