import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { exportUserData } from '$lib/server/users';
import type { RequestHandler } from './$types';

/** Everything the platform holds about the signed-in person, as a JSON download. */
export const GET: RequestHandler = (event) => {
	const user = requireUser(event, { api: true });
	const day = new Date().toISOString().slice(0, 10);
	return json(exportUserData(user.id), {
		headers: {
			'content-disposition': `attachment; filename="my-data-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
};
