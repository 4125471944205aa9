import { organisationInput, sharingInput } from '$lib/domain/organisation';
import { requireOrgRole } from '$lib/server/auth/guards';
import { z } from 'zod';
import { parseForm } from '$lib/server/forms';
import { m } from '$lib/paraglide/messages';
import { setSharing, updateOrganisation } from '$lib/server/organisations';
import { setPeerContact } from '$lib/server/peers';
import type { Actions, PageServerLoad } from './$types';

const peerContactInput = z.object({
	peerContact: z.enum(['open', 'closed'], { error: () => m.org_settings_peers_invalid() })
});

export const load: PageServerLoad = (event) => {
	requireOrgRole(event, event.params.orgId, 'admin');
};

export const actions: Actions = {
	profile: async (event) => {
		const { organisation } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, organisationInput, ['languages']);
		if (!parsed.ok) return parsed.failure;
		updateOrganisation(organisation.id, parsed.data);
		return { saved: 'profile' };
	},
	sharing: async (event) => {
		const { organisation } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, sharingInput);
		if (!parsed.ok) return parsed.failure;
		setSharing(organisation.id, parsed.data.sharing);
		return { saved: 'sharing' };
	},
	peers: async (event) => {
		const { organisation } = requireOrgRole(event, event.params.orgId, 'admin');
		const data = await event.request.formData();
		const parsed = parseForm(data, peerContactInput);
		if (!parsed.ok) return parsed.failure;
		setPeerContact(organisation.id, parsed.data.peerContact === 'open');
		return { saved: 'peers' };
	}
};
