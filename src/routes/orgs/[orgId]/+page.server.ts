import { requireOrgRole } from '$lib/server/auth/guards';
import { listMembers } from '$lib/server/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { organisation } = requireOrgRole(event, event.params.orgId);
	return { memberCount: listMembers(organisation.id).length };
};
