import { organisationInput } from '$lib/domain/organisation';
import { requireOrgRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { updateOrganisation } from '$lib/server/organisations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireOrgRole(event, event.params.orgId, 'admin');
};

export const actions: Actions = {
	default: async (event) => {
		const { organisation } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, organisationInput, ['languages']);
		if (!parsed.ok) return parsed.failure;
		updateOrganisation(organisation.id, parsed.data);
		return { saved: true };
	}
};
