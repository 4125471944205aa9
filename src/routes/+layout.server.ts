import type { LayoutServerLoad } from './$types';

// The navigation needs to know who is signed in; every page still authorises on its own.
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? {
				name: locals.user.name,
				email: locals.user.email,
				isAdmin: locals.user.isAdmin,
				isCopLead: locals.user.isCopLead
			}
		: null
});
