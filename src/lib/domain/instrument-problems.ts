// Shared helpers of the instrument checks: the problem list and small JSON utilities.
import type { InstrumentFile, InstrumentProblem } from './instrument';
import { missingLanguages } from './localized';

export class Problems {
	readonly list: InstrumentProblem[] = [];
	add(file: InstrumentFile, element: string, path: string, message: string): void {
		this.list.push({ file, element, path, message });
	}
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function joinPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out === '' ? String(part) : `.${String(part)}`;
	}
	return out;
}

/** `field: message`, unless the message already starts with the field's name. */
export function withField(tail: readonly PropertyKey[], message: string): string {
	if (tail.length === 0) return message;
	const last = tail[tail.length - 1];
	return typeof last === 'string' && message.startsWith(last)
		? message
		: `${joinPath(tail)}: ${message}`;
}

export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${JSON.stringify(value)}`;
}

export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ACTION_KEY_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** Message for a localised string missing languages, or null when it is complete. */
export function localizedProblem(value: unknown): string | null {
	if (value !== undefined && typeof value !== 'string' && !isObject(value)) {
		return `must be a localised string { "default": …, "de": …, "fr": … }, got ${describeValue(value)}`;
	}
	if (isObject(value)) {
		const bad = Object.keys(value).filter((key) => typeof value[key] !== 'string');
		if (bad.length > 0) return `has non-text entries: ${bad.join(', ')}`;
	}
	const missing = missingLanguages(value);
	if (missing.length === 0) return null;
	if (value === undefined) return 'is missing';
	return `is missing the ${missing.join(', ')} text`;
}
