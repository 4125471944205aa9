import { error } from '@sveltejs/kit';
import { requirePlatformRole } from '$lib/server/auth/guards';
import {
	exportFileName,
	exportTables,
	loadSelectedRounds,
	networkDashboard,
	selectRounds,
	tablesToCsv,
	tablesToXlsx
} from '$lib/server/network';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The dashboard's data as CSV or XLSX, with the same anonymity rules and a data dictionary, its
 * headers and dictionary in the requester's language.
 */
export const GET: RequestHandler = async (event) => {
	requirePlatformRole(event, 'coplead');
	const format = event.params.format;
	if (format !== 'csv' && format !== 'xlsx') error(404, m.network_not_found());
	const q = event.url.searchParams;
	const chosen = loadSelectedRounds(
		selectRounds({ instrument: q.get('instrument'), round: q.get('round'), from: q.get('from') })
	);
	if (!chosen) error(404, m.network_exports_no_round());
	const dashboard = networkDashboard(chosen.r, chosen.from);
	const tables = exportTables(dashboard);
	const headers = {
		'content-disposition': `attachment; filename="${exportFileName(dashboard, format)}"`,
		'cache-control': 'private, no-store'
	};
	if (format === 'csv') {
		// A byte-order mark so spreadsheet apps read the UTF-8 names correctly.
		return new Response('\uFEFF' + tablesToCsv(tables), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
		});
	}
	const body = await tablesToXlsx(tables);
	return new Response(new Uint8Array(body), {
		headers: { ...headers, 'content-type': XLSX_TYPE }
	});
};
