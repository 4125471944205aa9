import { listOrganisationsOfUser } from '$lib/server/organisations';
import { pendingRequestsForAdministrator } from '$lib/server/peers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) return { organisations: [], peerRequests: {} };
	return {
		organisations: listOrganisationsOfUser(locals.user.id),
		/** Organisation id → peer-learning requests waiting for its administrators' answer. */
		peerRequests: Object.fromEntries(
			pendingRequestsForAdministrator(locals.user.id).map((p) => [p.organisationId, p.count])
		) as Record<string, number>
	};
};
