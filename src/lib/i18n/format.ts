// Dates and numbers in the interface's language.
import { getLocale } from '../paraglide/runtime.js';
import { intlTag } from './locales';

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
	// A calendar date (YYYY-MM-DD) is a day, not an instant: read it at noon UTC so no time zone
	// moves it to the day before.
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
		return new Date(`${value}T12:00:00Z`);
	}
	return value instanceof Date ? value : new Date(value);
}

/** "21 November 2026" / "21. November 2026" / "21 novembre 2026". */
export function formatDate(value: DateInput, options: Intl.DateTimeFormatOptions = {}): string {
	return new Intl.DateTimeFormat(intlTag(getLocale()), {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC',
		...options
	}).format(toDate(value));
}

/** Date and time, e.g. for "saved at". */
export function formatDateTime(value: DateInput): string {
	return new Intl.DateTimeFormat(intlTag(getLocale()), {
		dateStyle: 'medium',
		timeStyle: 'short'
	}).format(toDate(value));
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
	return new Intl.NumberFormat(intlTag(getLocale()), options).format(value);
}

/** A share 0–1 as a percentage in the language's own way ("40 %", "40%"). */
export function formatPercent(share: number, fractionDigits = 0): string {
	return formatNumber(share, {
		style: 'percent',
		maximumFractionDigits: fractionDigits
	});
}
