import { listOrganisationsOfUser } from '$lib/server/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	organisations: locals.user ? listOrganisationsOfUser(locals.user.id) : []
});
