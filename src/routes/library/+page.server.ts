import { requireUser } from '$lib/server/auth/guards';
import { readerLanguage } from '$lib/server/language';
import { languageProblems, listLibraryInstruments } from '$lib/server/library';
import type { PageServerLoad } from './$types';

/** Every instrument's library: pathways are not confidential, but the platform is members-only. */
export const load: PageServerLoad = (event) => {
	requireUser(event);
	const language = readerLanguage(event);
	return {
		language,
		languageChosen: event.url.searchParams.get('lang') === language,
		problems: languageProblems(event.url.searchParams, language),
		instruments: listLibraryInstruments(language)
	};
};
