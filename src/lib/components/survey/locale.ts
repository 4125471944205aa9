// The questionnaire's language. It follows the interface's language (Arabic included: SurveyJS
// then shows its own buttons and messages in Arabic and every instrument string that has no
// Arabic text in English, string by string). A person may answer in another language the
// instruments are written in; that choice is remembered together with the interface language it
// was made under, so changing the interface language makes the questionnaire follow it again.
import { LANGUAGE_NAMES } from '$lib/domain/constants';
import { LOCALE_NAMES, isInterfaceLocale, type Locale } from '$lib/i18n/locales';
import { getTextDirection } from '$lib/paraglide/runtime';

/** The languages the instruments are written in (surveys/README.md). */
export const SURVEY_LOCALES = [
	{ code: 'en', label: LANGUAGE_NAMES.en },
	{ code: 'de', label: LANGUAGE_NAMES.de },
	{ code: 'fr', label: LANGUAGE_NAMES.fr }
] as const;

export type SurveyLocale = (typeof SURVEY_LOCALES)[number]['code'];

/** Where the questionnaire-language choice is remembered on the device. */
export const QUESTIONNAIRE_LOCALE_KEY = 'emen-questionnaire-language';
/**
 * Where the form remembered its language before it followed the interface: an old choice
 * there must not override the interface language, so it is removed.
 */
export const LEGACY_LOCALE_STORAGE_KEY = 'emen-survey-locale';

/** A questionnaire language chosen while the interface was in `interface`. */
export interface QuestionnaireChoice {
	interface: Locale;
	questionnaire: Locale;
}

export function isSurveyLocale(value: unknown): value is SurveyLocale {
	return SURVEY_LOCALES.some((l) => l.code === value);
}

/**
 * The languages offered for the questionnaire: those the instruments are written in, and the
 * interface's own when it is not one of them (its strings then fall back to English).
 */
export function questionnaireLocales(
	interfaceLocale: Locale
): readonly { code: Locale; label: string }[] {
	return isSurveyLocale(interfaceLocale)
		? SURVEY_LOCALES
		: [...SURVEY_LOCALES, { code: interfaceLocale, label: LOCALE_NAMES[interfaceLocale] }];
}

/** The remembered choice read back, or null when there is none or it is not one (a hand edit). */
export function parseQuestionnaireChoice(raw: string | null): QuestionnaireChoice | null {
	if (!raw) return null;
	try {
		const value: unknown = JSON.parse(raw);
		if (typeof value !== 'object' || value === null) return null;
		const { interface: ui, questionnaire } = value as Record<string, unknown>;
		if (!isInterfaceLocale(ui) || !isInterfaceLocale(questionnaire)) return null;
		return { interface: ui, questionnaire };
	} catch {
		return null;
	}
}

/**
 * The questionnaire's language: the interface's, unless the person chose another one while
 * the interface was in the same language as now.
 */
export function questionnaireLocale(
	interfaceLocale: Locale,
	remembered: QuestionnaireChoice | null
): Locale {
	if (
		remembered &&
		remembered.interface === interfaceLocale &&
		questionnaireLocales(interfaceLocale).some((l) => l.code === remembered.questionnaire)
	)
		return remembered.questionnaire;
	return interfaceLocale;
}

/** What to remember for a choice: nothing when it is the interface's language anyway. */
export function choiceToRemember(
	interfaceLocale: Locale,
	chosen: Locale
): QuestionnaireChoice | null {
	return chosen === interfaceLocale ? null : { interface: interfaceLocale, questionnaire: chosen };
}

/** Right-to-left for Arabic: set on the form's container so SurveyJS's `[dir=rtl]` rules apply. */
export function questionnaireDirection(locale: Locale): 'ltr' | 'rtl' {
	return getTextDirection(locale);
}
