import { requireOrgRole } from '$lib/server/auth/guards';
import { listMembers } from '$lib/server/organisations';
import { roundsForOrganisation } from '$lib/server/rounds';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { organisation } = requireOrgRole(event, event.params.orgId);
	return {
		memberCount: listMembers(organisation.id).length,
		rounds: roundsForOrganisation(organisation.id, organisation.type)
	};
};
