// The resource library of each instrument's current version, in the reader's language. The
// rules (filters, grouping, one entry per resource) are in ../domain/library.ts; this module
// reads the instruments and turns their localised strings into the reader's text, so a page
// receives one language rather than all of them.
import {
	SHIPPED_LANGUAGES,
	type Effort,
	type PathwayLevel,
	type ShippedLanguage
} from '../domain/constants';
import type { Instrument, PathwayAction, Resource } from '../domain/instrument';
import {
	collectResources,
	filterActions,
	groupActions,
	LANGUAGE_NAMES,
	listActions,
	parseLibraryFilter,
	quoteValue,
	type LibraryFilterField
} from '../domain/library';
import { pickText } from '../domain/localized';
import { intlTag } from '../i18n/locales';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { getDb } from './db';
import { instrument as instrumentTable } from './db/schema';
import { compiledVersion, currentVersion } from './instruments';
import { isShippedLanguage } from './language';

export interface LibraryInstrumentSummary {
	key: string;
	version: number;
	name: string;
	description: string;
	dimensions: number;
	actions: number;
	resources: number;
}

export interface LibraryResourceView {
	title: string;
	url: string | null;
	/** The full reference (author, publisher, year), when the instrument gives one. */
	reference: string;
}

export interface LibraryActionView {
	key: string;
	dimension: string;
	level: PathwayLevel;
	title: string;
	description: string;
	effort: Effort;
	resources: LibraryResourceView[];
}

export interface LibraryCitation {
	key: string;
	title: string;
	dimensionName: string;
	level: PathwayLevel;
}

export interface InstrumentLibrary {
	instrument: { key: string; version: number; name: string; description: string };
	/** Every dimension, for the filter's choices. */
	dimensions: { key: string; name: string }[];
	/** The filters in force, as the form's values: '' is "all". */
	filter: { dimension: string; level: string; effort: string };
	/** Values in the address the library could not use, each with what it shows instead. */
	problems: { field: LibraryFilterField | 'lang'; message: string }[];
	totals: { actions: number; resources: number };
	/** Shown actions by dimension then level; empty dimensions and levels are left out. */
	groups: {
		key: string;
		name: string;
		description: string;
		levels: { level: PathwayLevel; actions: LibraryActionView[] }[];
	}[];
	/** Distinct resources cited by the shown actions, with the shown actions that cite them. */
	resources: (LibraryResourceView & { citedBy: LibraryCitation[] })[];
	shown: { actions: number; resources: number };
}

interface LoadedInstrument {
	key: string;
	version: number;
	instrument: Instrument;
}

/** The current (latest published) version of an instrument, parsed; undefined if none. */
function loadCurrent(key: string): LoadedInstrument | undefined {
	const version = currentVersion(key);
	if (!version) return undefined;
	const compiled = compiledVersion(version.id);
	if (!compiled) return undefined;
	return { key, version: version.version, instrument: compiled.instrument };
}

/**
 * A `lang` in the address that is not a shipped language: the page says so, and shows the
 * interface's language (readerLanguage) instead. The library keeps `?lang=` as an override of
 * the content's language beside the interface's switch: an Arabic reader, whose interface has
 * no Arabic content, or anyone sharing a French guide with a colleague, can choose it.
 */
export function languageProblems(
	params: URLSearchParams,
	language: ShippedLanguage
): { field: 'lang'; message: string }[] {
	const asked = params.get('lang');
	if (asked === null || asked === '' || isShippedLanguage(asked)) return [];
	// The choices in their own words, as the select offers them; the language shown instead in
	// the words of the message (Arabic falls back to English messages, so English names).
	const locale = getLocale();
	const names = new Intl.DisplayNames([isShippedLanguage(locale) ? intlTag(locale) : 'en'], {
		type: 'language'
	});
	return [
		{
			field: 'lang',
			message: m.progress_library_unknown_language({
				value: quoteValue(asked),
				languages: SHIPPED_LANGUAGES.map((code) => LANGUAGE_NAMES[code]).join(', '),
				language: names.of(language) ?? LANGUAGE_NAMES[language]
			})
		}
	];
}

/** Every registered instrument with a published version, with the size of its library. */
export function listLibraryInstruments(language: ShippedLanguage): LibraryInstrumentSummary[] {
	const keys = getDb()
		.select({ key: instrumentTable.key })
		.from(instrumentTable)
		.orderBy(instrumentTable.key)
		.all();
	return keys.flatMap(({ key }) => {
		const loaded = loadCurrent(key);
		if (!loaded) return [];
		const { instrument } = loaded;
		const actions = listActions(instrument);
		return [
			{
				key,
				version: loaded.version,
				name: pickText(instrument.name, language),
				description: pickText(instrument.description, language),
				dimensions: instrument.dimensions.length,
				actions: actions.length,
				resources: collectResources(actions, language).length
			}
		];
	});
}

function resourceView(resource: Resource, language: ShippedLanguage): LibraryResourceView {
	return {
		title: pickText(resource.title, language),
		url: resource.url,
		reference: pickText(resource.reference, language)
	};
}

function actionView(action: PathwayAction, language: ShippedLanguage): LibraryActionView {
	return {
		key: action.key,
		dimension: action.dimension,
		level: action.level,
		title: pickText(action.title, language),
		description: pickText(action.description, language),
		effort: action.effort,
		resources: action.resources.map((r) => resourceView(r, language))
	};
}

/**
 * The library of an instrument's current version, filtered by the address's `dimension`,
 * `level` and `effort` and written in `language`; undefined when the instrument is unknown
 * or has no published version. Unusable filter values become problems, never errors.
 */
export function instrumentLibrary(
	key: string,
	params: URLSearchParams,
	language: ShippedLanguage
): InstrumentLibrary | undefined {
	const loaded = loadCurrent(key);
	if (!loaded) return undefined;
	const { instrument } = loaded;
	const dimensionKeys = instrument.dimensions.map((d) => d.key);
	const dimensionName = new Map(
		instrument.dimensions.map((d) => [d.key, pickText(d.name, language)])
	);

	const { filter, problems } = parseLibraryFilter(
		{
			dimension: params.getAll('dimension'),
			level: params.getAll('level'),
			effort: params.getAll('effort')
		},
		dimensionKeys
	);
	const all = listActions(instrument);
	const shown = filterActions(all, filter);
	const resources = collectResources(shown, language);

	return {
		instrument: {
			key,
			version: loaded.version,
			name: pickText(instrument.name, language),
			description: pickText(instrument.description, language)
		},
		dimensions: instrument.dimensions.map((d) => ({
			key: d.key,
			name: pickText(d.name, language)
		})),
		filter: {
			dimension: filter.dimension ?? '',
			level: filter.level === null ? '' : String(filter.level),
			effort: filter.effort ?? ''
		},
		problems: [...problems, ...languageProblems(params, language)],
		totals: { actions: all.length, resources: collectResources(all, language).length },
		groups: groupActions(shown, dimensionKeys).map((group) => {
			const dimension = instrument.dimensions.find((d) => d.key === group.dimension);
			return {
				key: group.dimension,
				name: dimensionName.get(group.dimension) ?? group.dimension,
				description: pickText(dimension?.description, language),
				levels: group.levels.map(({ level, actions }) => ({
					level,
					actions: actions.map((a) => actionView(a, language))
				}))
			};
		}),
		resources: resources.map(({ resource, citedBy }) => ({
			...resourceView(resource, language),
			citedBy: citedBy.map((action) => ({
				key: action.key,
				title: pickText(action.title, language),
				dimensionName: dimensionName.get(action.dimension) ?? action.dimension,
				level: action.level
			}))
		})),
		shown: { actions: shown.length, resources: resources.length }
	};
}
