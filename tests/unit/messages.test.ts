// Every interface message in every shipped language, and every instrument string too: a key
// missing in German or French (or in the Arabic shell's areas) fails here, not on a page.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPLETE_LOCALES, SHELL_AREAS } from '../../src/lib/i18n/locales';

type Messages = Record<string, string>;

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string[] };
};
const areas = settings['plugin.inlang.messageFormat'].pathPattern.map((pattern) => ({
	area: pattern.split('/').at(-2)!,
	pattern
}));

function load(pattern: string, locale: string): Messages {
	const raw = JSON.parse(readFileSync(pattern.replace('{locale}', locale), 'utf8')) as Record<
		string,
		unknown
	>;
	delete raw.$schema;
	for (const [key, value] of Object.entries(raw)) {
		if (typeof value !== 'string') throw new Error(`${pattern} (${locale}): ${key} is not text`);
	}
	return raw as Messages;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('interface messages', () => {
	it('ships English, German, French and the Arabic shell', () => {
		expect(settings.baseLocale).toBe('en');
		expect(settings.locales).toEqual(['en', 'de', 'fr', 'ar']);
		expect(areas.map((a) => a.area)).toEqual(expect.arrayContaining([...SHELL_AREAS]));
	});

	describe.each(areas)('$area', ({ area, pattern }) => {
		const english = load(pattern, 'en');

		it.each(COMPLETE_LOCALES.filter((l) => l !== 'en'))('is complete in %s', (locale) => {
			const translated = load(pattern, locale);
			const missing = Object.keys(english).filter((key) => !translated[key]?.trim());
			expect(missing, `missing in ${locale}`).toEqual([]);
		});

		it.each(settings.locales.filter((l) => l !== 'en'))(
			'has no %s message English lacks, and the same placeholders',
			(locale) => {
				const translated = load(pattern, locale);
				expect(Object.keys(translated).filter((key) => !(key in english))).toEqual([]);
				for (const [key, text] of Object.entries(translated)) {
					expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english[key]));
				}
			}
		);

		if ((SHELL_AREAS as readonly string[]).includes(area)) {
			it('is complete in Arabic (the right-to-left shell)', () => {
				const arabic = load(pattern, 'ar');
				expect(Object.keys(english).filter((key) => !arabic[key]?.trim())).toEqual([]);
			});
		}
	});
});

/** Every localised string ({ default, … }) anywhere in an instrument file. */
function* localisedStrings(
	value: unknown,
	path: string
): Generator<[string, Record<string, unknown>]> {
	if (Array.isArray(value)) {
		for (const [i, item] of value.entries()) yield* localisedStrings(item, `${path}[${i}]`);
	} else if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (typeof record.default === 'string') yield [path, record];
		else
			for (const [key, item] of Object.entries(record))
				yield* localisedStrings(item, `${path}.${key}`);
	}
}

describe('instrument strings', () => {
	const files = readdirSync('surveys', { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.flatMap((d) =>
			['survey.json', 'model.json', 'pathways.json'].map((f) => `surveys/${d.name}/${f}`)
		);

	it.each(files)('%s has every string in English, German and French', (file) => {
		const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
		const incomplete: string[] = [];
		let count = 0;
		for (const [path, text] of localisedStrings(json, '')) {
			count++;
			for (const key of ['default', 'de', 'fr'])
				if (typeof text[key] !== 'string' || !(text[key] as string).trim())
					incomplete.push(`${path} (${key === 'default' ? 'en' : key})`);
		}
		expect(count).toBeGreaterThan(50);
		expect(incomplete).toEqual([]);
	});
});
