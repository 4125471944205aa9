// The crosswalk an author records with a new instrument version: how its dimensions relate to
// the previous version's. Old key → new key(s): one new key is a rename (or the same
// dimension), several are a split, and several old keys naming one new key are a merge. An old
// dimension left out was dropped. Trends and benchmarks across versions read it; without one,
// results of versions whose dimension keys differ are shown apart, never mixed.
import { m } from '../paraglide/messages.js';
import type { InstrumentFile } from './instrument';
import { isObject } from './instrument-problems';

/** Old dimension key → the new version's dimension keys it continues in. */
export type Crosswalk = Record<string, string[]>;

/**
 * A problem of a version in the editor: an instrument problem (file, element, JSON path) or a
 * crosswalk problem (element and path are the form field, e.g. `crosswalk.outreach`).
 */
export interface VersionProblem {
	file: InstrumentFile | 'crosswalk';
	element: string;
	path: string;
	message: string;
}

/**
 * Something an author should know that does not block publishing: the dimension keys changed
 * and no crosswalk is recorded (results are then shown apart), or the content equals the
 * current version's (publishing it is refused).
 */
export type VersionWarning =
	{ kind: 'crosswalk-missing'; previousVersion: number } | { kind: 'unchanged'; version: number };

/** A crosswalk problem: the form field (`crosswalk` or `crosswalk.<old key>`) and what is wrong. */
export interface CrosswalkProblem {
	field: string;
	message: string;
}

export interface CrosswalkCheck {
	/** The crosswalk with each list of new keys de-duplicated, or null when there are problems. */
	crosswalk: Crosswalk | null;
	problems: CrosswalkProblem[];
}

/** Field name of one old dimension's row in the crosswalk form and in problems. */
export function crosswalkField(oldKey: string): string {
	return `crosswalk.${oldKey}`;
}

/**
 * Checks a crosswalk against the previous version's dimensions (`oldKeys`, from version
 * `previousVersion`) and the new version's (`newKeys`): every old key must be a dimension of
 * the previous version, every new key one of the new version, and each old key must name at
 * least one new key.
 */
export function checkCrosswalk(
	value: unknown,
	oldKeys: readonly string[],
	newKeys: readonly string[],
	previousVersion: number | null
): CrosswalkCheck {
	if (!isObject(value)) {
		return {
			crosswalk: null,
			problems: [{ field: 'crosswalk', message: m.instruments_crosswalk_not_object() }]
		};
	}
	if (previousVersion === null) {
		return {
			crosswalk: null,
			problems: [{ field: 'crosswalk', message: m.instruments_crosswalk_no_previous() }]
		};
	}
	const problems: CrosswalkProblem[] = [];
	const old = new Set(oldKeys);
	const next = new Set(newKeys);
	const crosswalk: Crosswalk = {};
	for (const [oldKey, targets] of Object.entries(value)) {
		const field = crosswalkField(oldKey);
		if (!old.has(oldKey)) {
			problems.push({
				field,
				message: m.instruments_crosswalk_unknown_old({
					key: oldKey,
					version: String(previousVersion)
				})
			});
			continue;
		}
		if (!Array.isArray(targets) || targets.some((t) => typeof t !== 'string')) {
			problems.push({ field, message: m.instruments_crosswalk_not_list({ key: oldKey }) });
			continue;
		}
		const unique = [...new Set(targets as string[])];
		if (unique.length === 0) {
			problems.push({ field, message: m.instruments_crosswalk_empty({ key: oldKey }) });
			continue;
		}
		const unknown = unique.filter((key) => !next.has(key));
		if (unknown.length > 0) {
			problems.push({
				field,
				message: m.instruments_crosswalk_unknown_new({ key: unknown.join(', ') })
			});
			continue;
		}
		crosswalk[oldKey] = unique;
	}
	return problems.length > 0 ? { crosswalk: null, problems } : { crosswalk, problems };
}

/** True when the two versions' dimension keys differ (as sets): a crosswalk is then expected. */
export function dimensionKeysDiffer(
	oldKeys: readonly string[],
	newKeys: readonly string[]
): boolean {
	const old = new Set(oldKeys);
	const next = new Set(newKeys);
	return old.size !== next.size || [...old].some((key) => !next.has(key));
}

/** The crosswalk the form starts from: each old dimension that still exists maps to itself. */
export function identityCrosswalk(
	oldKeys: readonly string[],
	newKeys: readonly string[]
): Crosswalk {
	const next = new Set(newKeys);
	return Object.fromEntries(oldKeys.filter((key) => next.has(key)).map((key) => [key, [key]]));
}
