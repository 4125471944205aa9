import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { exportUserData } from '$lib/server/users';
import type { RequestHandler } from './$types';

/** Everything the platform holds about the signed-in person, as a JSON download. */
export const GET: RequestHandler = (event) => {
	const user = requireUser(event, { api: true });
	const day = new Date().toISOString().slice(0, 10);
	// The name in the person's language; `filename` stays ASCII for clients that ignore
	// `filename*` (RFC 6266), which carries the translated name.
	const name = `${m.auth_profile_export_filename({ day })}.json`;
	const fallback = /^[\x20-\x7e]+$/.test(name) ? name : `my-data-${day}.json`;
	return json(exportUserData(user.id), {
		headers: {
			'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'no-store'
		}
	});
};
