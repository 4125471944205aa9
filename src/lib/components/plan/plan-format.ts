// Shared by the action plan's components: the shape of a failed plan form. (Dates go through
// $lib/i18n/format, in the interface's language.)

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
