import { error } from '@sveltejs/kit';
import { requirePlatformRole } from '$lib/server/auth/guards';
import { exportFileName, exportVersion, findVersion } from '$lib/server/authoring';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** One version as one JSON file, to import into another installation. */
export const GET: RequestHandler = (event) => {
	requirePlatformRole(event, 'coplead');
	const versionId = Number(event.params.versionId);
	const { key } = event.params;
	if (!Number.isSafeInteger(versionId) || !findVersion(key, versionId)) {
		error(404, m.instruments_not_found());
	}
	const file = exportVersion(key, versionId);
	return new Response(JSON.stringify(file), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(file)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
