// The languages the instruments are written in (surveys/README.md) and the form's choice.
import { LANGUAGE_NAMES } from '$lib/domain/constants';

export const SURVEY_LOCALES = [
	{ code: 'en', label: LANGUAGE_NAMES.en },
	{ code: 'de', label: LANGUAGE_NAMES.de },
	{ code: 'fr', label: LANGUAGE_NAMES.fr }
] as const;

export type SurveyLocale = (typeof SURVEY_LOCALES)[number]['code'];

/** Where the person's choice of language for questionnaires is remembered on the device. */
export const LOCALE_STORAGE_KEY = 'emen-survey-locale';

export function isSurveyLocale(value: unknown): value is SurveyLocale {
	return SURVEY_LOCALES.some((l) => l.code === value);
}

/** The remembered choice, else the first of the browser's languages we have, else English. */
export function preferredLocale(
	remembered: string | null,
	browserLanguages: readonly string[]
): SurveyLocale {
	if (isSurveyLocale(remembered)) return remembered;
	for (const tag of browserLanguages) {
		const primary = tag.toLowerCase().split('-')[0];
		if (isSurveyLocale(primary)) return primary;
	}
	return 'en';
}
