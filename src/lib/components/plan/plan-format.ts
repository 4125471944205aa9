// Shared by the action plan's components: calendar days and the shape of a failed plan form.

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) as "3 May 2027", the same on the server and in the browser. */
export function formatDay(day: string): string {
	return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** A moment as the calendar day it fell on (UTC, like due dates). */
export function formatMoment(moment: Date): string {
	return dayFormat.format(moment);
}

/** What a refused plan form sends back (see the plan page's actions). */
export interface PlanFormFailure {
	message: string;
	errors: Record<string, string>;
	values: Record<string, string | string[]>;
	form: 'create' | 'update' | 'delete';
	itemId: string | null;
}

/** A submitted value to show again, or the fallback. */
export function kept(
	failure: PlanFormFailure | null | undefined,
	field: string,
	fallback: string
): string {
	const value = failure?.values[field];
	return typeof value === 'string' ? value : fallback;
}
