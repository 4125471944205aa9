// The benchmark's sentences and refusals follow the interface's language (issue 7); English is
// asserted in benchmark.test.ts and must not change.
import { afterEach, describe, expect, it } from 'vitest';
import {
	benchmark,
	describePosition,
	giveToGet,
	type PeerOrganisation
} from '../../src/lib/domain/benchmark';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';

const interfaceLocale = getLocale;
afterEach(() => overwriteGetLocale(interfaceLocale));
const inLanguage = (locale: Locale) => overwriteGetLocale(() => locale);

describe('describePosition in German and French', () => {
	it.each<[Locale, number, string]>([
		['de', 80, 'Bei „Outreach“ liegen Sie im obersten Viertel der Handelskammern (Deutschland).'],
		['de', 60, 'Bei „Outreach“ liegen Sie in der oberen Hälfte der Handelskammern (Deutschland).'],
		['de', 30, 'Bei „Outreach“ liegen Sie in der unteren Hälfte der Handelskammern (Deutschland).'],
		['de', 10, 'Bei „Outreach“ liegen Sie im untersten Viertel der Handelskammern (Deutschland).'],
		[
			'fr',
			75,
			'Pour « Outreach », vous êtes dans le quart supérieur des chambres de commerce (Allemagne).'
		],
		[
			'fr',
			50,
			'Pour « Outreach », vous êtes dans la moitié supérieure des chambres de commerce (Allemagne).'
		],
		[
			'fr',
			25,
			'Pour « Outreach », vous êtes dans la moitié inférieure des chambres de commerce (Allemagne).'
		],
		[
			'fr',
			0,
			'Pour « Outreach », vous êtes dans le quart inférieur des chambres de commerce (Allemagne).'
		]
	])('%s, percentile %d', (locale, percentile, sentence) => {
		inLanguage(locale);
		const group =
			locale === 'de' ? 'Handelskammern (Deutschland)' : 'chambres de commerce (Allemagne)';
		const name = locale === 'de' ? '„Outreach“' : '« Outreach »';
		expect(describePosition(percentile, name, group)).toBe(sentence);
	});

	it('falls back to English for a language the results pages are not written in (Arabic)', () => {
		inLanguage('ar');
		expect(describePosition(90, 'outreach', 'chambers of commerce')).toBe(
			'You are in the top quarter of chambers of commerce for outreach.'
		);
	});
});

describe('refusals in the interface language', () => {
	const viewer: PeerOrganisation = {
		id: 'me',
		type: 'chamber',
		country: 'DE',
		sizeBand: '6-20',
		sharing: 'private',
		dimensions: { outreach: 50 },
		overall: 50
	};

	it('explains give-to-get in German and French', () => {
		inLanguage('de');
		const german = giveToGet(viewer);
		inLanguage('fr');
		const french = giveToGet(viewer);
		expect(german).toMatchObject({ allowed: false, reason: expect.stringContaining('privat') });
		expect(french).toMatchObject({ allowed: false, reason: expect.stringContaining('privés') });
	});

	it('refuses two values of one filter in French', () => {
		inLanguage('fr');
		const sharing = { ...viewer, sharing: 'anonymous' as const };
		expect(benchmark(sharing, [sharing], { types: ['chamber', 'ngo'] })).toEqual({
			status: 'refused',
			reason: 'unsupported-filter',
			message: 'Choisissez une valeur, ou « tous », pour chaque filtre.'
		});
	});
});
