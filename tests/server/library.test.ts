import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { PATHWAY_LEVELS } from '../../src/lib/domain/constants';
import type { Instrument, PathwayAction } from '../../src/lib/domain/instrument';
import {
	compiledVersion,
	currentVersion,
	registerInstrumentsFromDir
} from '../../src/lib/server/instruments';
import type { InstrumentLibrary, LibraryInstrumentSummary } from '../../src/lib/server/library';
import { load as loadIndex } from '../../src/routes/library/+page.server';
import { load as loadInstrument } from '../../src/routes/library/[instrument]/+page.server';
import { getLocale, overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';
import { makeUser, thrownStatus } from './helpers';

const KEY = 'chamber-diversity';

/** The parts of a request event the library's loads read. */
function event(
	user: SessionUser | null,
	path: string,
	params: Record<string, string> = {},
	acceptLanguage = 'en-GB,en;q=0.9'
) {
	const url = new URL(`http://localhost${path}`);
	return {
		locals: { user, session: null } as App.Locals,
		url,
		params,
		request: new Request(url, { headers: { 'accept-language': acceptLanguage } })
	};
}

/** What a load throws (SvelteKit's redirect() and error()), or undefined. */
function thrownBy(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	return undefined;
}

interface InstrumentPage {
	language: string;
	languageChosen: boolean;
	library: InstrumentLibrary;
}

function libraryPage(user: SessionUser, query = '', acceptLanguage?: string): InstrumentPage {
	return loadInstrument(
		event(user, `/library/${KEY}${query}`, { instrument: KEY }, acceptLanguage) as never
	) as unknown as InstrumentPage;
}

const shownActions = (library: InstrumentLibrary) =>
	library.groups.flatMap((g) => g.levels.flatMap((l) => l.actions));

/** Every action of the shipped instrument, read straight from its pathways record. */
function everyAction(instrument: Instrument): PathwayAction[] {
	return Object.values(instrument.pathways).flatMap((levels) =>
		PATHWAY_LEVELS.flatMap((level) => levels[level])
	);
}

let user: SessionUser;
let instrument: Instrument;
let all: PathwayAction[];

beforeAll(async () => {
	registerInstrumentsFromDir('surveys');
	instrument = compiledVersion(currentVersion(KEY)!.id)!.instrument;
	all = everyAction(instrument);
	user = await makeUser('Library Reader');
});

describe('who may read the library', () => {
	it('sends an anonymous visitor to the login page, and back here afterwards', () => {
		for (const [load, path, params] of [
			[loadIndex, '/library', {}],
			[loadInstrument, `/library/${KEY}?level=2`, { instrument: KEY }]
		] as const) {
			expect(thrownBy(() => load(event(null, path, params) as never))).toMatchObject({
				status: 303,
				location: `/login?next=${encodeURIComponent(path)}`
			});
		}
	});

	it('answers 404 for an instrument that does not exist', () => {
		expect(
			thrownStatus(() =>
				loadInstrument(
					event(user, '/library/no-such-instrument', { instrument: 'no-such-instrument' }) as never
				)
			)
		).toBe(404);
	});
});

describe('the index of instruments', () => {
	it('lists each published instrument with the size of its library, in the reader’s language', () => {
		const page = loadIndex(event(user, '/library?lang=fr') as never) as unknown as {
			language: string;
			instruments: LibraryInstrumentSummary[];
		};
		expect(page.language).toBe('fr');
		expect(page.instruments.map((i) => i.key)).toEqual([
			'association-professionalisation',
			'chamber-diversity'
		]);
		const chamber = page.instruments.find((i) => i.key === KEY)!;
		expect(chamber).toMatchObject({
			name: instrument.name.fr,
			description: instrument.description!.fr,
			dimensions: instrument.dimensions.length,
			actions: all.length
		});
		const distinct = new Set(
			all.flatMap((a) => a.resources.map((r) => `${r.title.default}|${r.url ?? ''}`))
		);
		expect(chamber.resources).toBe(distinct.size);
		expect(chamber.resources).toBeLessThan(all.flatMap((a) => a.resources).length);
	});
});

describe('the library of one instrument', () => {
	it('shows every action and every distinct resource without filters', () => {
		const { library } = libraryPage(user);
		expect(library.totals.actions).toBe(all.length);
		expect(library.shown).toEqual(library.totals);
		expect(shownActions(library).map((a) => a.key)).toEqual(
			instrument.dimensions.flatMap((d) =>
				PATHWAY_LEVELS.flatMap((level) => instrument.pathways[d.key][level].map((a) => a.key))
			)
		);
		expect(library.groups.map((g) => g.key)).toEqual(instrument.dimensions.map((d) => d.key));
		expect(library.problems).toEqual([]);
		// Every citation of every action appears once in the list of resources, and back.
		for (const resource of library.resources) {
			for (const citation of resource.citedBy) {
				const cited = shownActions(library).find((a) => a.key === citation.key)!;
				expect(
					cited.resources.some((r) => r.title === resource.title && r.url === resource.url)
				).toBe(true);
			}
		}
		const citations = shownActions(library).reduce((n, a) => n + a.resources.length, 0);
		expect(library.resources.reduce((n, r) => n + r.citedBy.length, 0)).toBe(citations);
	});

	const dimension = () => instrument.dimensions[2].key;

	it.each<[string, () => string, (a: PathwayAction) => boolean]>([
		['a dimension', () => `?dimension=${dimension()}`, (a) => a.dimension === dimension()],
		['a level', () => '?level=2', (a) => a.level === 2],
		['an effort', () => '?effort=high', (a) => a.effort === 'high'],
		[
			'all three at once',
			() => `?dimension=${dimension()}&level=1&effort=low`,
			(a) => a.dimension === dimension() && a.level === 1 && a.effort === 'low'
		]
	])('narrows the list to %s', (_name, query, keep) => {
		const { library } = libraryPage(user, query());
		const expected = all.filter(keep);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(all.length);
		expect(library.shown.actions).toBe(expected.length);
		expect(library.totals.actions).toBe(all.length);
		expect(new Set(shownActions(library).map((a) => a.key))).toEqual(
			new Set(expected.map((a) => a.key))
		);
		// Resources follow the shown actions: only theirs, each cited by shown actions only.
		const keys = new Set(expected.map((a) => a.key));
		expect(library.resources.every((r) => r.citedBy.every((c) => keys.has(c.key)))).toBe(true);
		expect(library.shown.resources).toBeLessThanOrEqual(library.totals.resources);
	});

	it('keeps the chosen filters as the form’s values', () => {
		const { library } = libraryPage(user, `?dimension=${dimension()}&level=3&effort=medium`);
		expect(library.filter).toEqual({ dimension: dimension(), level: '3', effort: 'medium' });
		expect(libraryPage(user).library.filter).toEqual({ dimension: '', level: '', effort: '' });
	});

	it('shows a message, not an error, for a filter value it cannot use', () => {
		const { library } = libraryPage(user, '?dimension=nonsense&level=5&effort=low&lang=xx');
		expect(library.problems.map((p) => p.field)).toEqual(['dimension', 'level', 'lang']);
		expect(library.problems[0].message).toContain('“nonsense” is not a dimension');
		expect(library.problems[2].message).toContain('showing it in English');
		// The usable filter still applies; the unusable ones show everything.
		expect(library.filter).toEqual({ dimension: '', level: '', effort: 'low' });
		expect(library.shown.actions).toBe(all.filter((a) => a.effort === 'low').length);
	});

	it('says so when the filters match nothing', () => {
		const empty = instrument.dimensions
			.flatMap((d) =>
				PATHWAY_LEVELS.flatMap((level) =>
					(['low', 'medium', 'high'] as const).map((effort) => ({ d: d.key, level, effort }))
				)
			)
			.find(
				({ d, level, effort }) => !instrument.pathways[d][level].some((a) => a.effort === effort)
			);
		expect(empty).toBeDefined();
		const { library } = libraryPage(
			user,
			`?dimension=${empty!.d}&level=${empty!.level}&effort=${empty!.effort}`
		);
		expect(library.shown).toEqual({ actions: 0, resources: 0 });
		expect(library.groups).toEqual([]);
		expect(library.problems).toEqual([]);
	});

	it('is written in the language of the address, else of the interface', () => {
		const [first] = all;
		const german = libraryPage(user, `?lang=de&dimension=${first.dimension}`);
		expect(german.language).toBe('de');
		expect(german.languageChosen).toBe(true);
		expect(german.library.instrument.name).toBe(instrument.name.de);
		expect(german.library.groups[0].name).toBe(instrument.dimensions[0].name.de);
		expect(shownActions(german.library)[0]).toMatchObject({
			key: first.key,
			title: first.title.de,
			description: first.description.de
		});

		// The interface's language (chosen per request in src/hooks.server.ts) is French here.
		const interfaceLocale = getLocale;
		overwriteGetLocale(() => 'fr');
		let french: ReturnType<typeof libraryPage>;
		try {
			french = libraryPage(user, '');
		} finally {
			overwriteGetLocale(interfaceLocale);
		}
		expect(french.language).toBe('fr');
		expect(french.languageChosen).toBe(false);
		expect(shownActions(french.library)[0].title).toBe(first.title.fr);
	});
});
