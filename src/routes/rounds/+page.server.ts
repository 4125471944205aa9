import { z } from 'zod';
import { requirePlatformRole } from '$lib/server/auth/guards';
import { RefusalError } from '$lib/server/errors';
import { formFail, parseForm } from '$lib/server/forms';
import { listInstrumentVersions } from '$lib/server/instruments';
import { m } from '$lib/paraglide/messages';
import { closeRound, listRounds, openRound, roundInput, today } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';

const chooseRound = () => m.network_rounds_validation_round();
const closeInput = z.object({
	roundId: z.string({ error: chooseRound }).min(1, { error: chooseRound })
});

/** The CoP lead opens and closes assessment rounds. */
export const load: PageServerLoad = (event) => {
	requirePlatformRole(event, 'coplead');
	const published = listInstrumentVersions().filter((v) => v.status === 'published');
	const instruments = [...new Map(published.map((v) => [v.key, v])).values()];
	return { rounds: listRounds(), instruments, today: today() };
};

export const actions: Actions = {
	open: async (event) => {
		const user = requirePlatformRole(event, 'coplead');
		const data = await event.request.formData();
		const parsed = parseForm(data, roundInput, ['organisationTypes']);
		if (!parsed.ok) return parsed.failure;
		try {
			openRound(user.id, parsed.data);
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, { [e.field]: e.message });
			throw e;
		}
		return { opened: parsed.data.name };
	},
	close: async (event) => {
		requirePlatformRole(event, 'coplead');
		const data = await event.request.formData();
		const parsed = parseForm(data, closeInput);
		if (!parsed.ok) return parsed.failure;
		try {
			closeRound(parsed.data.roundId);
		} catch (e) {
			if (e instanceof RefusalError) return formFail(e.status, data, {}, e.message);
			throw e;
		}
		return { closed: true };
	}
};
