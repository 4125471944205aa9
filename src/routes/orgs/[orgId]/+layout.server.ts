import { requireOrgRole } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// For the organisation's header and tabs. Each page below checks membership again itself.
export const load: LayoutServerLoad = (event) => {
	const { organisation, role } = requireOrgRole(event, event.params.orgId);
	return { organisation, role };
};
