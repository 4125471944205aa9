import { fail, redirect } from '@sveltejs/kit';
import { isInterfaceLocale } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';
import { setLocaleCookie, setUserLanguage } from '$lib/server/language';
import type { Actions, PageServerLoad } from './$types';

/** Only a path of this site: never another origin (`//host`, `https:`). */
function safePath(value: FormDataEntryValue | null): string {
	const path = typeof value === 'string' ? value : '/';
	return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

export const load: PageServerLoad = ({ url }) => ({
	redirectTo: safePath(url.searchParams.get('to'))
});

/**
 * The language switch of every page: remembered in a cookie for this browser and, for a
 * signed-in person, as their setting for every device. Anyone may switch, signed in or not.
 */
export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const data = await request.formData();
		const locale = data.get('locale');
		const redirectTo = safePath(data.get('redirectTo'));
		if (!isInterfaceLocale(locale)) {
			return fail(400, { message: m.common_language_invalid(), redirectTo });
		}
		setLocaleCookie(cookies, locale);
		if (locals.user) setUserLanguage(locals.user.id, locale);
		redirect(303, redirectTo);
	}
};
