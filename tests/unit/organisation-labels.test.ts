// Organisation words in the interface's language: English stays the platform's own wording
// (the maps the rest of the code and the journeys read), German and French come from the
// messages and, for countries and languages, from the runtime's CLDR names.
import { afterEach, describe, expect, it } from 'vitest';
import {
	BUDGET_BANDS,
	budgetBandLabel,
	COUNTRIES,
	countryName,
	countryOptions,
	LANGUAGES,
	languageName,
	languageOptions,
	MEMBER_ROLES,
	memberRoleLabel,
	ORGANISATION_TYPES,
	organisationInput,
	organisationTypeLabel,
	organisationTypeOptions,
	SHARING_CHOICES,
	sharingExplanation,
	sharingInput,
	sharingLabel,
	SIZE_BANDS,
	sizeBandLabel,
	type SharingChoice
} from '../../src/lib/domain/organisation';
import { instrumentLabel, INSTRUMENT_LABELS } from '../../src/lib/instrument-names';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';

const original = getLocale;
const inLocale = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(original));

const VALID = {
	name: 'Chamber of Testing',
	type: 'chamber',
	country: 'DE',
	region: 'Leipzig',
	sizeBand: '21-100',
	budgetBand: '1m-5m',
	languages: ['de', 'en']
};

/** The message of the first issue on a field, as the form shows it. */
function problem(input: Record<string, unknown>, field: string): string | undefined {
	const result = organisationInput.safeParse(input);
	return result.success ? undefined : result.error.issues.find((i) => i.path[0] === field)?.message;
}

describe('labels in English', () => {
	const cases: [string, Record<string, string>, (key: string) => string][] = [
		['types', ORGANISATION_TYPES, organisationTypeLabel],
		['sizes', SIZE_BANDS, sizeBandLabel],
		['budgets', BUDGET_BANDS, budgetBandLabel],
		['countries', COUNTRIES, countryName],
		['languages', LANGUAGES, languageName],
		['roles', MEMBER_ROLES, memberRoleLabel],
		['instruments', INSTRUMENT_LABELS, instrumentLabel]
	];
	it.each(cases)('%s say exactly what the English maps say', (_, map, label) => {
		for (const [key, english] of Object.entries(map)) expect(label(key)).toBe(english);
	});

	it('sharing choices say exactly what the English map says', () => {
		for (const [key, choice] of Object.entries(SHARING_CHOICES)) {
			expect(sharingLabel(key as SharingChoice)).toBe(choice.label);
			expect(sharingExplanation(key as SharingChoice)).toBe(choice.explanation);
		}
	});

	it('shows an unknown stored value as it is rather than nothing', () => {
		for (const label of [organisationTypeLabel, sizeBandLabel, countryName, languageName])
			expect(label('toString')).toBe('toString');
		expect(instrumentLabel('new-instrument')).toBe('new-instrument');
	});
});

describe('labels in German and French', () => {
	it('translates every type, band, role, sharing choice and instrument name', () => {
		for (const locale of ['de', 'fr'] as const) {
			inLocale(locale);
			for (const [map, label] of [
				[ORGANISATION_TYPES, organisationTypeLabel],
				[SIZE_BANDS, sizeBandLabel],
				[BUDGET_BANDS, budgetBandLabel],
				[MEMBER_ROLES, memberRoleLabel],
				[INSTRUMENT_LABELS, instrumentLabel]
			] as const) {
				for (const key of Object.keys(map)) expect(label(key).trim()).not.toBe('');
			}
			for (const key of Object.keys(SHARING_CHOICES) as SharingChoice[]) {
				expect(sharingLabel(key)).not.toBe(SHARING_CHOICES[key].label);
				expect(sharingExplanation(key)).not.toBe(SHARING_CHOICES[key].explanation);
			}
		}
		inLocale('de');
		expect(organisationTypeLabel('chamber')).toBe('Handelskammer');
		expect(sizeBandLabel('21-100')).toBe('21–100 Personen');
		inLocale('fr');
		expect(budgetBandLabel('under-50k')).toBe('Moins de 50 000 €');
		expect(memberRoleLabel('respondent')).toBe('Répondant');
	});

	it('names countries and languages in the reader’s language', () => {
		inLocale('de');
		expect(countryName('DE')).toBe('Deutschland');
		expect(countryName('BA')).toBe('Bosnien und Herzegowina');
		expect(languageName('en')).toBe('Englisch');
		inLocale('fr');
		expect(countryName('DE')).toBe('Allemagne');
		expect(languageName('de')).toBe('allemand');
	});

	it('offers countries and languages sorted by their name in the reader’s language', () => {
		inLocale('de');
		const countries = countryOptions();
		expect(countries.map(([code]) => code).sort()).toEqual(Object.keys(COUNTRIES).sort());
		const names = countries.map(([, name]) => name);
		expect(names).toEqual([...names].sort(new Intl.Collator('de').compare));
		// Germany sorts under D in German, not under G as in English.
		expect(names.indexOf('Deutschland')).toBeLessThan(names.indexOf('Frankreich'));
		expect(languageOptions()).toHaveLength(Object.keys(LANGUAGES).length);
		expect(organisationTypeOptions().map(([key]) => key)).toEqual(Object.keys(ORGANISATION_TYPES));
	});
});

describe('organisation form validation', () => {
	it('keeps the English messages', () => {
		expect(problem({ ...VALID, name: 'A' }, 'name')).toBe(
			'Enter the organisation’s name (at least 2 characters).'
		);
		expect(problem({ ...VALID, region: 'x'.repeat(81) }, 'region')).toBe(
			'Use at most 80 characters.'
		);
		expect(problem({ ...VALID, languages: [] }, 'languages')).toBe(
			'Choose at least one working language.'
		);
		expect(problem({ ...VALID, languages: Array(13).fill('en') }, 'languages')).toBe(
			'Choose at most 12 languages.'
		);
		expect(problem({ ...VALID, country: 'XX' }, 'country')).toBe('Choose a country from the list.');
		expect(sharingInput.safeParse({ sharing: 'public' }).error?.issues[0].message).toBe(
			'Choose one of the four options.'
		);
	});

	it('writes each message when the form is checked, in that request’s language', () => {
		// The same schema object, read in three languages one after the other.
		inLocale('de');
		expect(problem({ ...VALID, name: 'A' }, 'name')).toBe(
			'Geben Sie den Namen der Organisation ein (mindestens 2 Zeichen).'
		);
		expect(problem({ ...VALID, name: undefined }, 'name')).toBe(
			'Geben Sie den Namen der Organisation ein (mindestens 2 Zeichen).'
		);
		inLocale('fr');
		expect(problem({ ...VALID, type: 'bank' }, 'type')).toBe('Choisissez un type dans la liste.');
		expect(problem({ ...VALID, languages: ['en', 'en'] }, 'languages')).toBe(
			'Chaque langue une seule fois.'
		);
		inLocale('en');
		expect(problem({ ...VALID, type: 'bank' }, 'type')).toBe('Choose a type from the list.');
	});
});
