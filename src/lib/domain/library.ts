// The resource library: every action of an instrument's pathways and every resource they cite,
// narrowed by dimension, level and effort. Plain data in, plain data out: the server module
// (src/lib/server/library.ts) reads the instrument and picks the reader's language. Messages
// (filter problems, headings) are in the interface's language.
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import {
	effortLabel,
	EFFORTS,
	LANGUAGE_NAMES,
	PATHWAY_LEVELS,
	type Effort,
	type Level,
	type PathwayLevel,
	type ShippedLanguage
} from './constants';
import type { Instrument, PathwayAction, Resource } from './instrument';
import { contentLanguage, levelName as levelNameIn, pickText } from './localized';

/** What the library shows: null is "all" for each filter. */
export interface LibraryFilter {
	dimension: string | null;
	level: PathwayLevel | null;
	effort: Effort | null;
}

export const NO_FILTER: LibraryFilter = { dimension: null, level: null, effort: null };

export type LibraryFilterField = keyof LibraryFilter;

/** A filter value the library cannot use, and what it shows instead. */
export interface LibraryFilterProblem {
	field: LibraryFilterField;
	message: string;
}

/** The raw values of the GET form: every value given for each parameter (`getAll`). */
export interface LibraryQuery {
	dimension: readonly string[];
	level: readonly string[];
	effort: readonly string[];
}

/** Effort in the interface's language; language names in their own words, for the choice. */
export { effortLabel, LANGUAGE_NAMES };

/**
 * The content language that follows the interface's (the library's language choice offers it
 * first): Arabic content is not written yet, so an Arabic interface reads English.
 */
export function interfaceContentLanguage(): ShippedLanguage {
	return contentLanguage(getLocale());
}

/** A value from the address, quoted for a message and cut short: it is whatever was typed. */
export function quoteValue(value: string, max = 40): string {
	return m.progress_library_quoted({
		value: value.length > max ? `${value.slice(0, max)}…` : value
	});
}

/** A level's name in the interface's language (Arabic reads the English name). */
const levelName = (level: Level) => levelNameIn(level, getLocale());

/** "Choose one … at a time" for each filter, with what it shows instead. */
const SEVERAL: Record<LibraryFilterField, (inputs: { values: string }) => string> = {
	dimension: (inputs) => m.progress_library_several_dimensions(inputs),
	level: (inputs) => m.progress_library_several_levels(inputs),
	effort: (inputs) => m.progress_library_several_efforts(inputs)
};

/**
 * Reads the library's filters from the query. An empty value is "all". A value the library
 * cannot use (an unknown dimension, a level outside 1–4, an unknown effort, or several values
 * of one filter) is dropped, so that filter shows everything, and named in a problem: the
 * other filters still apply, and the reader sees the fullest list that respects what was valid
 * rather than an error page.
 */
export function parseLibraryFilter(
	query: LibraryQuery,
	dimensionKeys: readonly string[]
): { filter: LibraryFilter; problems: LibraryFilterProblem[] } {
	const problems: LibraryFilterProblem[] = [];
	const filter: LibraryFilter = { ...NO_FILTER };

	const single = (field: LibraryFilterField, values: readonly string[]) => {
		const given = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
		if (given.length > 1) {
			problems.push({
				field,
				message: SEVERAL[field]({ values: given.map((v) => quoteValue(v)).join(', ') })
			});
			return null;
		}
		return given[0] ?? null;
	};

	const dimension = single('dimension', query.dimension);
	if (dimension !== null) {
		if (dimensionKeys.includes(dimension)) filter.dimension = dimension;
		else
			problems.push({
				field: 'dimension',
				message: m.progress_library_unknown_dimension({ value: quoteValue(dimension) })
			});
	}

	const level = single('level', query.level);
	if (level !== null) {
		const asNumber = /^\d+$/.test(level) ? Number(level) : NaN;
		if (PATHWAY_LEVELS.includes(asNumber as PathwayLevel)) filter.level = asNumber as PathwayLevel;
		else
			problems.push({
				field: 'level',
				message:
					asNumber === 5
						? m.progress_library_level_top({ name: levelName(5) })
						: m.progress_library_unknown_level({ value: quoteValue(level) })
			});
	}

	const effort = single('effort', query.effort);
	if (effort !== null) {
		if (EFFORTS.includes(effort as Effort)) filter.effort = effort as Effort;
		else
			problems.push({
				field: 'effort',
				message: m.progress_library_unknown_effort({ value: quoteValue(effort) })
			});
	}

	return { filter, problems };
}

/** Every action of an instrument: dimensions in model order, levels 1–4, actions as authored. */
export function listActions(
	instrument: Pick<Instrument, 'dimensions' | 'pathways'>
): PathwayAction[] {
	return instrument.dimensions.flatMap((dimension) => {
		const levels = instrument.pathways[dimension.key];
		return levels ? PATHWAY_LEVELS.flatMap((level) => levels[level] ?? []) : [];
	});
}

/** The actions that pass every filter that is set, in the order given. */
export function filterActions(
	actions: readonly PathwayAction[],
	filter: LibraryFilter
): PathwayAction[] {
	return actions.filter(
		(action) =>
			(filter.dimension === null || action.dimension === filter.dimension) &&
			(filter.level === null || action.level === filter.level) &&
			(filter.effort === null || action.effort === filter.effort)
	);
}

export interface LevelGroup<A> {
	level: PathwayLevel;
	actions: A[];
}

export interface DimensionGroup<A> {
	dimension: string;
	levels: LevelGroup<A>[];
}

/**
 * Actions grouped by dimension (in the order of `dimensionKeys`) then by level (1–4), keeping
 * the actions' order inside a level. Empty dimensions and levels are left out, so a filtered
 * library has no headings without actions under them.
 */
export function groupActions<A extends Pick<PathwayAction, 'dimension' | 'level'>>(
	actions: readonly A[],
	dimensionKeys: readonly string[]
): DimensionGroup<A>[] {
	const order = [...dimensionKeys];
	// An action of a dimension the list does not name still shows, after the named ones.
	for (const action of actions) if (!order.includes(action.dimension)) order.push(action.dimension);
	return order
		.map((dimension) => ({
			dimension,
			levels: PATHWAY_LEVELS.map((level) => ({
				level,
				actions: actions.filter((a) => a.dimension === dimension && a.level === level)
			})).filter((group) => group.actions.length > 0)
		}))
		.filter((group) => group.levels.length > 0);
}

/** A resource once, however many actions cite it, with those actions in the order given. */
export interface LibraryResource {
	resource: Resource;
	citedBy: PathwayAction[];
}

/**
 * Two resources are the same when their English titles and their addresses are: the same
 * guide cited by several actions is listed once. The English title, not the reader's, so the
 * list is the same in every language.
 */
export function resourceIdentity(resource: Resource): string {
	return JSON.stringify([resource.title.default.trim(), resource.url ?? null]);
}

/**
 * The distinct resources cited by the actions, each with the actions that cite it (an action
 * citing one resource twice counts once), sorted by title in the reader's language. The first
 * citation's text is kept when two citations of one resource differ in their reference.
 */
export function collectResources(
	actions: readonly PathwayAction[],
	language: string
): LibraryResource[] {
	const byIdentity = new Map<string, LibraryResource>();
	for (const action of actions) {
		for (const resource of action.resources) {
			const identity = resourceIdentity(resource);
			const entry = byIdentity.get(identity);
			if (!entry) byIdentity.set(identity, { resource, citedBy: [action] });
			else if (!entry.citedBy.includes(action)) entry.citedBy.push(action);
		}
	}
	const collator = new Intl.Collator(language, { sensitivity: 'base' });
	return [...byIdentity.values()].sort(
		(a, b) =>
			collator.compare(
				pickText(a.resource.title, language),
				pickText(b.resource.title, language)
			) || (a.resource.url ?? '').localeCompare(b.resource.url ?? '')
	);
}

/** The heading of a pathway level: "From level 2 Developing to level 3 Established". */
export function levelStepHeading(level: PathwayLevel): string {
	const next = (level + 1) as Level;
	return m.progress_library_level_step({
		level: String(level),
		name: levelName(level),
		next: String(next),
		nextName: levelName(next)
	});
}

/** A level choice of the filter: "2 Developing to 3 Established". */
export function levelStepOption(level: PathwayLevel): string {
	const next = (level + 1) as Level;
	return m.progress_library_level_option({
		level: String(level),
		name: levelName(level),
		next: String(next),
		nextName: levelName(next)
	});
}
