import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../../src/lib/server/db';
import { session, user } from '../../src/lib/server/db/schema';
import {
	createSession,
	generateToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { acceptInvitation, createInvitation } from '../../src/lib/server/invitations';
import { findMembership } from '../../src/lib/server/organisations';
import {
	changePassword,
	createUser,
	deleteAccount,
	exportUserData,
	findUserByEmail,
	setPlatformRole
} from '../../src/lib/server/users';
import { makeOrg, makeUser, PASSWORD } from './helpers';

describe('accounts', () => {
	it('refuses a second account for the same e-mail, whatever its case', async () => {
		const u = await makeUser();
		await expect(
			createUser({ email: u.email.toUpperCase(), name: 'Twin', password: PASSWORD })
		).rejects.toThrow(/exists already/);
	});

	it('changes the password and ends every other session', async () => {
		const u = await makeUser();
		const mine = generateToken();
		const other = generateToken();
		const kept = createSession(mine, u.id);
		createSession(other, u.id);
		await expect(
			changePassword(u.id, 'wrong-password!', 'a-brand-new-password', kept.id)
		).rejects.toThrow(/current password is not right/);
		expect(validateSessionToken(other).user).not.toBeNull();
		await changePassword(u.id, PASSWORD, 'a-brand-new-password', kept.id);
		expect(validateSessionToken(mine).user?.id).toBe(u.id);
		expect(validateSessionToken(other).user).toBeNull();
	});

	it('exports what it holds about the person', async () => {
		const u = await makeUser('Export Me');
		const org = makeOrg(u.id, 'Export Org');
		createSession(generateToken(), u.id);
		const data = exportUserData(u.id);
		expect(data.account).toMatchObject({ email: u.email, name: 'Export Me' });
		expect(data.memberships).toEqual([
			expect.objectContaining({ organisationId: org.id, role: 'admin' })
		]);
		expect(data.activeSessions).toBe(1);
		expect(JSON.stringify(data)).not.toContain('argon2');
	});

	it('deletes the account with its sessions and memberships, but not the organisation', async () => {
		const u = await makeUser();
		const org = makeOrg(u.id);
		createSession(generateToken(), u.id);
		await expect(deleteAccount(u.id, 'not-my-password')).rejects.toThrow(/not right/);
		await deleteAccount(u.id, PASSWORD);
		expect(findUserByEmail(u.email)).toBeUndefined();
		expect(getDb().select().from(session).where(eq(session.userId, u.id)).all()).toEqual([]);
		expect(findMembership(org.id, u.id)).toBeUndefined();
	});

	it('refuses to delete the only administrator of an organisation that has other members', async () => {
		const admin = await makeUser();
		const member = await makeUser();
		const org = makeOrg(admin.id, 'Needs an admin');
		acceptInvitation(createInvitation(org.id, admin.id, '').token, member.id);
		await expect(deleteAccount(admin.id, PASSWORD)).rejects.toThrow(
			/only administrator of Needs an admin/
		);
		expect(findUserByEmail(admin.email)).toBeDefined();
	});

	it('keeps at least one platform administrator', async () => {
		getDb().update(user).set({ isAdmin: false }).run();
		const a = await makeUser();
		const b = await makeUser();
		setPlatformRole(a.id, 'admin', true);
		expect(() => setPlatformRole(a.id, 'admin', false)).toThrow(/at least one administrator/);
		setPlatformRole(b.id, 'admin', true);
		setPlatformRole(a.id, 'admin', false);
		setPlatformRole(b.id, 'coplead', true);
		expect(findUserByEmail(b.email)).toMatchObject({ isAdmin: true, isCopLead: true });
		expect(findUserByEmail(a.email)?.isAdmin).toBe(false);
	});
});
