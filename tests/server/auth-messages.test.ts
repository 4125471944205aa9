// Refusals of the account pages and guards are written when the request asks, so they come in
// the request's language; English stays the words the pages and journeys expect.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requireOrgRole, requireUser } from '../../src/lib/server/auth/guards';
import { tryAgainMessage } from '../../src/lib/server/auth/login';
import { passwordProblem } from '../../src/lib/server/auth/password';
import { formFail, parseForm } from '../../src/lib/server/forms';
import {
	acceptInvitation,
	createInvitation,
	invitationRefusal
} from '../../src/lib/server/invitations';
import { readJsonBody } from '../../src/lib/server/json-body';
import { deleteAccount } from '../../src/lib/server/users';
import { m } from '../../src/lib/paraglide/messages.js';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';
import { eventFor, makeOrg, makeUser, PASSWORD } from './helpers';

const original = getLocale;
const inLocale = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(original));

function thrownBody(fn: () => unknown): { status?: number; message?: string } {
	try {
		fn();
	} catch (e) {
		const err = e as { status?: number; body?: { message?: string }; message?: string };
		return { status: err.status, message: err.body?.message ?? err.message };
	}
	return {};
}

describe('account refusals in the reader’s language', () => {
	it('keeps the English wording, with one minute and several', () => {
		const now = Date.now();
		expect(tryAgainMessage(new Date(now + 30_000), now)).toBe(
			'Too many failed attempts. Try again in 1 minute.'
		);
		expect(tryAgainMessage(new Date(now + 12 * 60_000), now)).toBe(
			'Too many failed attempts. Try again in 12 minutes.'
		);
		expect(passwordProblem('short', 'x@y.example')).toBe('Use at least 10 characters.');
	});

	it('writes the throttle and the password policy in German and French', () => {
		const now = Date.now();
		inLocale('de');
		expect(tryAgainMessage(new Date(now + 12 * 60_000), now)).toBe(
			'Zu viele fehlgeschlagene Versuche. Versuchen Sie es in 12 Minuten erneut.'
		);
		expect(tryAgainMessage(new Date(now + 60_000), now)).toContain('in 1 Minute erneut');
		inLocale('fr');
		expect(passwordProblem('x@y.example', 'x@y.example')).toBe(
			'Votre mot de passe ne doit pas être votre adresse e-mail.'
		);
	});

	it('refuses a used invitation and a wrong password in the request’s language', async () => {
		const admin = await makeUser();
		const guest = await makeUser();
		const org = makeOrg(admin.id);
		const { token } = createInvitation(org.id, admin.id, '');
		acceptInvitation(token, guest.id);
		inLocale('ar');
		expect(() => acceptInvitation(token, admin.id)).toThrow(invitationRefusal('used'));
		expect(invitationRefusal('used')).toBe(m.auth_invite_used({}, { locale: 'ar' }));
		inLocale('de');
		await expect(deleteAccount(guest.id, `${PASSWORD}-wrong`)).rejects.toThrow(
			'Ihr Passwort ist nicht richtig.'
		);
	});

	it('gives the guards’ 401 and 404 in the request’s language', async () => {
		const admin = await makeUser();
		const stranger = await makeUser();
		const org = makeOrg(admin.id);
		inLocale('fr');
		expect(thrownBody(() => requireUser(eventFor(null), { api: true }))).toEqual({
			status: 401,
			message: 'Connectez-vous d’abord.'
		});
		expect(thrownBody(() => requireOrgRole(eventFor(stranger), org.id))).toEqual({
			status: 404,
			message: 'Introuvable'
		});
		overwriteGetLocale(original);
		expect(thrownBody(() => requireOrgRole(eventFor(stranger), org.id)).message).toBe('Not found');
	});

	it('words the general form refusal and lazy field messages at each request', () => {
		const schema = z.object({
			name: z.string().min(1, { error: () => m.auth_register_name_required() })
		});
		const data = new FormData();
		data.set('name', '');
		inLocale('de');
		const parsed = parseForm(data, schema);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.failure.data).toMatchObject({
				message: 'Bitte korrigieren Sie die markierten Felder.',
				errors: { name: 'Geben Sie Ihren Namen ein.' }
			});
		overwriteGetLocale(original);
		expect(formFail(400, data, {}).data.message).toBe('Please correct the highlighted fields.');
	});

	it('refuses an oversized body with the limit written for the language', async () => {
		inLocale('fr');
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: '{}',
			headers: { 'content-length': String(300 * 1024) }
		});
		await expect(readJsonBody(request, 256 * 1024)).rejects.toMatchObject({
			status: 413,
			body: {
				message: 'Les réponses sont trop volumineuses pour être enregistrées (limite 256 Ko).'
			}
		});
	});
});
