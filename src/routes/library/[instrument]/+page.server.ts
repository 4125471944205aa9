import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { readerLanguage } from '$lib/server/language';
import { instrumentLibrary } from '$lib/server/library';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/**
 * Every action and resource of an instrument's current version, filtered by the GET form's
 * `dimension`, `level` and `effort`. A filter value the library cannot use is shown as a
 * message and that filter shows everything (see parseLibraryFilter); an unknown instrument
 * is a 404.
 */
export const load: PageServerLoad = (event) => {
	requireUser(event);
	const language = readerLanguage(event);
	const library = instrumentLibrary(event.params.instrument, event.url.searchParams, language);
	if (!library) error(404, m.progress_library_not_found());
	return {
		language,
		// Only a language chosen in the address is kept by the links that clear the filters.
		languageChosen: event.url.searchParams.get('lang') === language,
		library
	};
};
