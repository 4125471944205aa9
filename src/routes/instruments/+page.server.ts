import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { pickText } from '$lib/domain/localized';
import { requirePlatformRole } from '$lib/server/auth/guards';
import {
	AUTHORING_MAX_BYTES,
	createDraft,
	importInstrument,
	listInstruments,
	parseInstrumentExport
} from '$lib/server/authoring';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { readerLanguage } from '$lib/server/language';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const draftInput = z.object({
	key: z.string({ error: () => m.instruments_list_choose() }).min(1, {
		error: () => m.instruments_list_choose()
	})
});

/** Instruments and their versions, for administrators and the CoP lead. */
export const load: PageServerLoad = (event) => {
	requirePlatformRole(event, 'coplead');
	const language = readerLanguage(event);
	return {
		instruments: listInstruments().map((i) => ({
			...i,
			name: i.name ? pickText(i.name, language) : i.key
		}))
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const user = requirePlatformRole(event, 'coplead');
		const data = await event.request.formData();
		const parsed = parseForm(data, draftInput);
		if (!parsed.ok) return parsed.failure;
		let versionId: number;
		try {
			versionId = createDraft(parsed.data.key, user.id).id;
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, { key: e.message }, e.message);
			throw e;
		}
		redirect(303, `/instruments/${parsed.data.key}/versions/${versionId}`);
	},
	import: async (event) => {
		const user = requirePlatformRole(event, 'coplead');
		const data = await event.request.formData();
		const file = data.get('file');
		const refuse = (message: string, status = 400) =>
			formFail(status, data, { file: message }, message);
		if (!(file instanceof File) || file.size === 0) return refuse(m.instruments_import_choose());
		if (file.size > AUTHORING_MAX_BYTES) return refuse(m.instruments_import_too_large(), 413);
		let target: string;
		try {
			const imported = importInstrument(parseInstrumentExport(await file.text()), user.id);
			const v = imported.version;
			const notice = imported.crosswalkDropped ? '?imported=crosswalk-dropped' : '?imported=1';
			target = `/instruments/${v.instrumentKey}/versions/${v.id}${notice}`;
		} catch (e) {
			if (e instanceof RefusalError) return refuse(e.message, e.status);
			throw e;
		}
		redirect(303, target);
	}
};
