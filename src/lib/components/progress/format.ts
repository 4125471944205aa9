// Display formatting for the progress pages: whole-point figures and their changes, in the
// interface's language (dates: formatDate from $lib/i18n/format). Formatting only: every
// figure arrives computed.
import { formatNumber } from '$lib/i18n/format';

/** A score as displayed everywhere: whole points. */
export const formatScore = (score: number): string => formatNumber(Math.round(score));

/** A change of displayed figures: "+8", "−3" (a typographic minus, as the sentences), "0". */
export const formatChange = (change: number): string =>
	change > 0
		? `+${formatNumber(change)}`
		: change < 0
			? `−${formatNumber(-change)}`
			: formatNumber(0);
