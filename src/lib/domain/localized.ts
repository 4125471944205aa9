// Localised strings in SurveyJS's own shape, used the same way in survey, model and pathway files.
import {
	DEFAULT_LANGUAGE,
	LEVEL_NAMES,
	LEVELS,
	SHIPPED_LANGUAGES,
	SURVEYJS_DEFAULT_LOCALE_KEY,
	type Level,
	type ShippedLanguage
} from './constants';

/** `{ default: 'English', de: '…', fr: '…' }`: `default` holds English, as SurveyJS expects. */
export type LocalizedString = { readonly default: string } & { readonly [locale: string]: string };

/** The key a language is stored under in a localised string: English is SurveyJS's `default`. */
export function localeKey(language: string): string {
	return language === DEFAULT_LANGUAGE ? SURVEYJS_DEFAULT_LOCALE_KEY : language;
}

/**
 * Text of a localised string for a locale (`de`, `de-CH`, `en`), falling back to the base
 * language and then to English, so a missing translation never shows an empty label.
 */
export function pickText(
	value: LocalizedString | string | undefined | null,
	locale: string
): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	const wanted = locale.toLowerCase();
	const base = wanted.split('-')[0];
	for (const key of [localeKey(wanted), localeKey(base)]) {
		const text = value[key];
		if (typeof text === 'string' && text.trim() !== '') return text;
	}
	return value[SURVEYJS_DEFAULT_LOCALE_KEY] ?? '';
}

/**
 * Languages missing from a localised string (absent or blank). A plain string counts as English
 * only, which is how SurveyJS reads it.
 */
export function missingLanguages(
	value: unknown,
	languages: readonly string[] = SHIPPED_LANGUAGES
): string[] {
	if (typeof value === 'string') {
		return languages.filter((language) => language !== DEFAULT_LANGUAGE || value.trim() === '');
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return [...languages];
	const record = value as Record<string, unknown>;
	return languages.filter((language) => {
		const text = record[localeKey(language)];
		return typeof text !== 'string' || text.trim() === '';
	});
}

/** A localised string with every shipped language present and not blank. */
export function isCompleteLocalizedString(value: unknown): value is LocalizedString {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Object.values(value as object).every((text) => typeof text === 'string') &&
		missingLanguages(value).length === 0
	);
}

/** A level's name in a language, falling back to English as every localised string does. */
export function levelName(level: Level, language: string): string {
	return pickText(LEVEL_NAMES[level], language);
}

/** Every level's name in a language, for pages that show several. */
export function levelNames(language: string): Record<Level, string> {
	return Object.fromEntries(LEVELS.map((l) => [l, levelName(l, language)])) as Record<
		Level,
		string
	>;
}

/**
 * The language instrument content is shown in for an interface language: the same when the
 * instruments are written in it, else English (Arabic reads English content for now).
 */
export function contentLanguage(locale: string): ShippedLanguage {
	return (SHIPPED_LANGUAGES as readonly string[]).includes(locale)
		? (locale as ShippedLanguage)
		: DEFAULT_LANGUAGE;
}
