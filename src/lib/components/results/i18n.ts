// Words the results, team and benchmark pages share, in the interface's language.
import type { Level } from '$lib/domain/constants';
import { levelNames } from '$lib/domain/localized';
import { intlTag } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * Stands in a message for the part a page renders as markup (a <strong>, a link): the message
 * keeps its word order in every language and `Phrase.svelte` puts the markup where it says.
 * A control character, so it can never come from data.
 */
export const SLOT = '\u0000';

/** Level names in the language of the instrument content on the page. */
export function levelNamesIn(language: string): Record<Level, string> {
	return levelNames(language);
}

/** DOMAIN.md's general meaning of each level (each dimension has its own descriptors). */
export function levelMeaning(level: Level): string {
	const meanings: Record<Level, () => string> = {
		1: m.results_level_meaning_1,
		2: m.results_level_meaning_2,
		3: m.results_level_meaning_3,
		4: m.results_level_meaning_4,
		5: m.results_level_meaning_5
	};
	return meanings[level]();
}

/** Whether a count takes the language's singular ("1 respondent", "0 répondant"). */
export function isOne(count: number): boolean {
	return new Intl.PluralRules(intlTag(getLocale())).select(count) === 'one';
}

/** Figures in a sentence, separated so that decimal commas stay readable ("12,5; 40"). */
export function numberList(figures: readonly string[]): string {
	return figures.join(m.results_number_list_separator());
}
