import { error } from '@sveltejs/kit';
import { requirePlatformRole } from '$lib/server/auth/guards';
import { loadSelectedRounds, networkDashboard, selectRounds } from '$lib/server/network';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** Rows of the heatmap and of the completion list per page: the full lists are in the exports. */
const PAGE_SIZE = 100;

function pageOf<T>(rows: T[], asked: string | null) {
	const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Number.parseInt(asked ?? '1', 10) || 1));
	return {
		rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
		page,
		pages,
		total: rows.length
	};
}

/** The CoP lead's view of the whole network, under the anonymity rules of $lib/server/network. */
export const load: PageServerLoad = (event) => {
	requirePlatformRole(event, 'coplead');
	const q = event.url.searchParams;
	const selection = selectRounds({
		instrument: q.get('instrument'),
		round: q.get('round'),
		from: q.get('from')
	});
	const chosen = loadSelectedRounds(selection);
	if (selection.round && !chosen) error(404, m.network_not_found());
	if (!chosen) return { selection, dashboard: null };
	const d = networkDashboard(chosen.r, chosen.from);
	return {
		selection,
		dashboard: {
			round: { id: d.round.id, name: d.round.name, status: d.round.status },
			threshold: d.threshold,
			dimensions: d.dimensions,
			completion: {
				invited: d.completion.invited,
				started: d.completion.started,
				submitted: d.completion.submitted,
				privateLeftOut: d.completion.privateLeftOut,
				list: pageOf(d.completion.organisations, q.get('cpage'))
			},
			heatmap: {
				privateLeftOut: d.heatmap.privateLeftOut,
				list: pageOf(d.heatmap.rows, q.get('hpage'))
			},
			byType: d.byType,
			byCountry: d.byCountry,
			change: d.change,
			changeApart: d.changeApart
		}
	};
};
