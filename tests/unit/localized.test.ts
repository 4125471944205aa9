import { describe, expect, it } from 'vitest';
import {
	isCompleteLocalizedString,
	localeKey,
	missingLanguages,
	pickText
} from '../../src/lib/domain/localized';

const text = { default: 'Board', de: 'Vorstand', fr: 'Conseil' };

describe('localised strings', () => {
	it.each([
		['en', 'Board'],
		['de', 'Vorstand'],
		['de-CH', 'Vorstand'],
		['FR', 'Conseil'],
		['ar', 'Board']
	])('pickText for %s is %s (English as fallback)', (locale, expected) => {
		expect(pickText(text, locale)).toBe(expected);
	});

	it('falls back to English when a translation is blank, and reads plain strings as is', () => {
		expect(pickText({ default: 'Board', de: ' ' }, 'de')).toBe('Board');
		expect(pickText('Board', 'fr')).toBe('Board');
		expect(pickText(undefined, 'fr')).toBe('');
	});

	it('stores English under SurveyJS\'s "default" key', () => {
		expect(localeKey('en')).toBe('default');
		expect(localeKey('de')).toBe('de');
	});

	it.each<[unknown, string[]]>([
		[text, []],
		[{ default: 'Board', de: 'Vorstand' }, ['fr']],
		[{ default: '', de: 'Vorstand', fr: 'Conseil' }, ['en']],
		['Board', ['de', 'fr']],
		[undefined, ['en', 'de', 'fr']],
		[42, ['en', 'de', 'fr']]
	])('missingLanguages(%j) is %j', (value, missing) => {
		expect(missingLanguages(value)).toEqual(missing);
		expect(isCompleteLocalizedString(value)).toBe(missing.length === 0);
	});
});
