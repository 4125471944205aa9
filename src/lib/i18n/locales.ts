// The interface's languages. English, German and French are complete; Arabic covers the shell
// (navigation, login and registration, the assessment page's chrome) and falls back to English
// elsewhere, message by message — it proves the right-to-left layout.
import { locales, type Locale } from '../paraglide/runtime.js';

export type { Locale };

/** Each language in its own words, for the switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
	en: 'English',
	de: 'Deutsch',
	fr: 'Français',
	ar: 'العربية'
};

/** Languages whose interface is complete; Arabic is the right-to-left shell for now. */
export const COMPLETE_LOCALES: readonly Locale[] = ['en', 'de', 'fr'];

/** The Arabic shell: message files of these areas are complete in Arabic too. */
export const SHELL_AREAS = ['common', 'auth', 'assess'] as const;

export function isInterfaceLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Intl tag for a locale: British English (21 November 2026, 24-hour clock, as the network
 * writes), Arabic with Western digits (as forms and scores are read in Europe).
 */
export function intlTag(locale: Locale): string {
	if (locale === 'en') return 'en-GB';
	return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}
