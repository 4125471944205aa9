// Display formatting for the progress page: dates and whole-point figures, English until the
// interface is translated. Formatting only: every figure arrives computed.

const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', {
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});

/** A moment (ms since the epoch) as "3 May 2027". */
export const formatDate = (at: number): string => longDate.format(new Date(at));

/** A moment as "May 2027", for chart axes. */
export const formatMonth = (at: number): string => monthYear.format(new Date(at));

/** A calendar date (YYYY-MM-DD) as "3 May 2027". */
export const formatDay = (day: string): string => longDate.format(new Date(`${day}T00:00:00Z`));

/** A score as displayed everywhere: whole points. */
export const formatScore = (score: number): string => String(Math.round(score));

/** A change of displayed figures: "+8", "−3", "0". */
export const formatChange = (change: number): string =>
	change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0';
