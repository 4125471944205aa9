import { describe, expect, it } from 'vitest';
import { requireOrgRole, requirePlatformRole, requireUser } from '../../src/lib/server/auth/guards';
import { RefusalError } from '../../src/lib/server/errors';
import {
	acceptInvitation,
	createInvitation,
	findInvitation,
	listOpenInvitations,
	revokeInvitation
} from '../../src/lib/server/invitations';
import {
	changeMemberRole,
	findMembership,
	listMembers,
	removeMember,
	setSharing
} from '../../src/lib/server/organisations';
import { INVITATION_LIFETIME_MS } from '../../src/lib/server/auth/constants';
import { eventFor, makeOrg, makeUser, thrownStatus } from './helpers';

describe('organisations and roles', () => {
	it('makes the creator the administrator', async () => {
		const u = await makeUser();
		const org = makeOrg(u.id);
		expect(findMembership(org.id, u.id)?.role).toBe('admin');
		expect(listMembers(org.id).map((m) => m.email)).toEqual([u.email]);
	});

	it('never demotes or removes the last administrator', async () => {
		const admin = await makeUser();
		const org = makeOrg(admin.id);
		expect(() => changeMemberRole(org.id, admin.id, 'respondent')).toThrow(/only administrator/);
		expect(() => removeMember(org.id, admin.id)).toThrow(/only administrator/);
		expect(findMembership(org.id, admin.id)?.role).toBe('admin');
	});

	it('lets a second administrator take over, then the first may step down', async () => {
		const admin = await makeUser();
		const other = await makeUser();
		const org = makeOrg(admin.id);
		acceptInvitation(createInvitation(org.id, admin.id, '').token, other.id);
		changeMemberRole(org.id, other.id, 'admin');
		changeMemberRole(org.id, admin.id, 'respondent');
		expect(findMembership(org.id, admin.id)?.role).toBe('respondent');
		removeMember(org.id, admin.id);
		expect(findMembership(org.id, admin.id)).toBeUndefined();
	});

	it('refuses a role change for someone who is not a member (a tampered id)', async () => {
		const admin = await makeUser();
		const stranger = await makeUser();
		const org = makeOrg(admin.id);
		expect(() => changeMemberRole(org.id, stranger.id, 'admin')).toThrow(RefusalError);
		expect(findMembership(org.id, stranger.id)).toBeUndefined();
	});
});

describe('guards', () => {
	it('sends a visitor without a session to the login page, coming back afterwards', () => {
		try {
			requireUser(eventFor(null, '/orgs/x?tab=1'));
			expect.unreachable();
		} catch (e) {
			expect((e as { status: number }).status).toBe(303);
			expect((e as { location: string }).location).toBe('/login?next=%2Forgs%2Fx%3Ftab%3D1');
		}
		expect(thrownStatus(() => requireUser(eventFor(null), { api: true }))).toBe(401);
	});

	it('answers 404 to a member of organisation A asking for organisation B', async () => {
		const a = await makeUser();
		const b = await makeUser();
		makeOrg(a.id, 'A');
		const orgB = makeOrg(b.id, 'B');
		expect(thrownStatus(() => requireOrgRole(eventFor(a), orgB.id))).toBe(404);
		expect(thrownStatus(() => requireOrgRole(eventFor(a), orgB.id, 'admin'))).toBe(404);
		expect(thrownStatus(() => requireOrgRole(eventFor(a), 'no-such-org'))).toBe(404);
		expect(requireOrgRole(eventFor(b), orgB.id).organisation.name).toBe('B');
	});

	it('refuses administrator actions to a respondent', async () => {
		const admin = await makeUser();
		const resp = await makeUser();
		const org = makeOrg(admin.id);
		acceptInvitation(createInvitation(org.id, admin.id, '').token, resp.id);
		expect(requireOrgRole(eventFor(resp), org.id).role).toBe('respondent');
		expect(thrownStatus(() => requireOrgRole(eventFor(resp), org.id, 'admin'))).toBe(403);
	});

	it('hides the administration from everyone but platform administrators', async () => {
		const u = await makeUser();
		expect(thrownStatus(() => requirePlatformRole(eventFor(u), 'admin'))).toBe(404);
		expect(thrownStatus(() => requirePlatformRole(eventFor(u), 'coplead'))).toBe(404);
		expect(requirePlatformRole(eventFor({ ...u, isCopLead: true }), 'coplead').id).toBe(u.id);
		expect(
			thrownStatus(() => requirePlatformRole(eventFor({ ...u, isCopLead: true }), 'admin'))
		).toBe(404);
		expect(requirePlatformRole(eventFor({ ...u, isAdmin: true }), 'admin').id).toBe(u.id);
	});
});

describe('invitations', () => {
	it('shows who invited to which organisation, and joins the person as a respondent once', async () => {
		const admin = await makeUser('Ines Inviter');
		const guest = await makeUser();
		const late = await makeUser();
		const org = makeOrg(admin.id, 'Inviting Chamber');
		const { token, expiresAt } = createInvitation(org.id, admin.id, 'for Guest');
		expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITATION_LIFETIME_MS - 60_000);
		const view = findInvitation(token);
		expect(view).toMatchObject({
			organisationName: 'Inviting Chamber',
			invitedByName: 'Ines Inviter',
			state: 'valid'
		});
		expect(acceptInvitation(token, guest.id)).toBe(org.id);
		expect(findMembership(org.id, guest.id)?.role).toBe('respondent');
		expect(findInvitation(token)?.state).toBe('used');
		expect(() => acceptInvitation(token, late.id)).toThrow(/used already/);
		expect(findMembership(org.id, late.id)).toBeUndefined();
	});

	it('refuses an expired link and a withdrawn one', async () => {
		const admin = await makeUser();
		const guest = await makeUser();
		const org = makeOrg(admin.id);
		const past = Date.now() - INVITATION_LIFETIME_MS - 1000;
		const expired = createInvitation(org.id, admin.id, '', past);
		expect(findInvitation(expired.token)?.state).toBe('expired');
		expect(() => acceptInvitation(expired.token, guest.id)).toThrow(/expired/);
		const withdrawn = createInvitation(org.id, admin.id, '');
		revokeInvitation(org.id, withdrawn.id);
		expect(() => acceptInvitation(withdrawn.token, guest.id)).toThrow(/withdrawn/);
		expect(listOpenInvitations(org.id)).toEqual([]);
		expect(findMembership(org.id, guest.id)).toBeUndefined();
	});

	it('does not let one organisation withdraw another organisation’s invitation', async () => {
		const a = await makeUser();
		const b = await makeUser();
		const orgA = makeOrg(a.id);
		const orgB = makeOrg(b.id);
		const inv = createInvitation(orgB.id, b.id, '');
		expect(() => revokeInvitation(orgA.id, inv.id)).toThrow(/No such open invitation/);
		expect(listOpenInvitations(orgB.id)).toHaveLength(1);
	});

	it('refuses an unknown token and a second membership', async () => {
		const admin = await makeUser();
		const org = makeOrg(admin.id);
		expect(() => acceptInvitation('not-a-token', admin.id)).toThrow(/not valid/);
		const { token } = createInvitation(org.id, admin.id, '');
		expect(() => acceptInvitation(token, admin.id)).toThrow(/member of this organisation already/);
		expect(findInvitation(token)?.state).toBe('valid');
	});
});

describe('sharing choice', () => {
	it('starts as anonymous in aggregates and follows the administrator’s choice', async () => {
		const admin = await makeUser();
		const org = makeOrg(admin.id);
		expect(findMembership(org.id, admin.id)?.organisation.sharing).toBe('anonymous');
		setSharing(org.id, 'private');
		expect(findMembership(org.id, admin.id)?.organisation.sharing).toBe('private');
	});
});
