import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseURL, logIn, newPage, screenshot, useBrowser } from './browser';
import {
	count,
	createOrganisation,
	expectText,
	postForm,
	registerNew,
	userId,
	withDatabase
} from './flows';

const { browser } = useBrowser();

const WRONG = 'The e-mail or password is wrong.';

describe('profile', () => {
	it('changing the password ends the other sessions, not this one', async () => {
		const here = await newPage(browser());
		const person = await registerNew(here, 'Petra Passwort', 'pwchange');
		const elsewhere = await newPage(browser());
		await logIn(elsewhere, person.email, person.password);
		await elsewhere.goto('/profile');
		await elsewhere.getByRole('heading', { name: 'Your profile' }).waitFor();

		await here.goto('/profile');
		await expectText(here.locator('dl.facts'), person.email);
		const current = here.getByLabel('Current password');
		const next = here.getByLabel(/^New password/);
		const change = here.getByRole('button', { name: 'Change password' });

		// A wrong current password is refused beside its field.
		await current.fill('not-the-current-one');
		await next.fill('A-brand-new-passphrase');
		await change.click();
		await expectText(here.locator('#currentPassword-error'), 'Your current password is not right.');
		// So is a new password that is too common.
		await current.fill(person.password);
		await next.fill('qwertyuiop');
		await change.click();
		await expectText(
			here.locator('#newPassword-error'),
			'This password is one of the most common ones and easy to guess: choose another.'
		);
		// The other session is untouched by refusals.
		await elsewhere.reload();
		await elsewhere.getByRole('heading', { name: 'Your profile' }).waitFor();

		await current.fill(person.password);
		await next.fill('A-brand-new-passphrase');
		await change.click();
		await expectText(
			here.getByRole('status'),
			'Your password was changed. Other sessions were ended.'
		);
		await screenshot(here, 'profile-password-changed');

		// The other browser is logged out; this one is not.
		await elsewhere.reload();
		await elsewhere.waitForURL((url) => url.pathname === '/login');
		await here.reload();
		await here.getByRole('heading', { name: 'Your profile' }).waitFor();

		// The old password no longer works, the new one does.
		await elsewhere.getByLabel('E-mail', { exact: true }).fill(person.email);
		await elsewhere.getByLabel('Password', { exact: true }).fill(person.password);
		await elsewhere.getByRole('button', { name: 'Log in' }).click();
		await expectText(elsewhere.getByRole('alert'), WRONG);
		await logIn(elsewhere, person.email, 'A-brand-new-passphrase');
		await elsewhere.goto('/profile');
		await elsewhere.getByRole('heading', { name: 'Your profile' }).waitFor();

		await here.context().close();
		await elsewhere.context().close();
	});

	it('exports everything about the person as a JSON download', async () => {
		const page = await newPage(browser());
		const person = await registerNew(page, 'Emil Export', 'export');
		const orgName = `Export Test Ry ${Date.now().toString(36)}`;
		await createOrganisation(page, {
			name: orgName,
			type: 'Business support organisation',
			country: 'Finland',
			region: 'Helsinki',
			size: '21–100 people',
			budget: '€250,000–1 million',
			languages: ['Somali']
		});
		await page.goto('/profile');
		await page.getByRole('link', { name: orgName }).waitFor();

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download my data' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
		const text = readFileSync((await download.path())!, 'utf8');
		const data = JSON.parse(text);
		expect(data.account).toMatchObject({
			email: person.email,
			name: 'Emil Export',
			platformRoles: { administrator: false, copLead: false }
		});
		expect(data.memberships).toEqual([
			expect.objectContaining({ organisation: orgName, role: 'admin' })
		]);
		expect(data.activeSessions).toBe(1);
		// Secrets are not part of it.
		expect(text).not.toContain('argon2');
		expect(text).not.toContain(person.password);

		// Without a session the export answers 401, not somebody's data.
		const anonymous = await fetch(new URL('/profile/export', baseURL()));
		expect(anonymous.status).toBe(401);
		await page.context().close();
	});

	it('deleting the account asks first, then the person can no longer log in', async () => {
		const page = await newPage(browser());
		const person = await registerNew(page, 'Dora Delete', 'delete');
		const orgName = `Delete Test Association ${Date.now().toString(36)}`;
		const orgId = await createOrganisation(page, {
			name: orgName,
			type: "Migrant entrepreneurs' association",
			country: 'Greece',
			region: 'Thessaloniki',
			size: '1–5 people',
			budget: 'Under €50,000',
			languages: ['Greek']
		});
		// While someone else belongs to the organisation, its only administrator cannot leave.
		const other = userId('respondent@example.org');
		withDatabase((db) =>
			db
				.prepare(
					`insert into membership (organisation_id, user_id, role) values (?, ?, 'respondent')`
				)
				.run(orgId, other)
		);
		await page.goto('/profile');
		await page
			.getByText(
				`You are the only administrator of ${orgName}. Make another member administrator before you delete your account.`
			)
			.waitFor();
		const password = page.getByLabel('Your password', { exact: true });
		const understood = page.getByRole('checkbox', {
			name: 'I understand that this cannot be undone.'
		});
		const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });

		await password.fill(person.password);
		await understood.check();
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await dialog.getByRole('button', { name: 'Delete account' }).click();
		await expectText(
			page.getByRole('alert'),
			`You are the only administrator of ${orgName}. Make another member administrator first.`
		);
		expect(count('select count(*) n from user where email = ?', person.email)).toBe(1);

		withDatabase((db) =>
			db
				.prepare('delete from membership where organisation_id = ? and user_id = ?')
				.run(orgId, other)
		);
		await page.reload();

		// A wrong password is refused beside the field.
		await password.fill('not-my-password');
		await understood.check();
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await dialog.waitFor();
		await screenshot(page, 'profile-delete-dialog');
		await dialog.getByRole('button', { name: 'Delete account' }).click();
		await expectText(page.locator('#delete-password-error'), 'Your password is not right.');

		// Cancelling the dialog deletes nothing.
		await password.fill(person.password);
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await dialog.waitFor({ state: 'hidden' });
		expect(count('select count(*) n from user where email = ?', person.email)).toBe(1);

		// Confirming deletes the account and logs out.
		await understood.check();
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await dialog.getByRole('button', { name: 'Delete account' }).click();
		await page.waitForURL((url) => url.pathname === '/' && url.search === '?deleted=1');
		await page.getByRole('heading', { name: 'Know where your organisation stands' }).waitFor();
		expect(count('select count(*) n from user where email = ?', person.email)).toBe(0);

		await page.goto('/login');
		await page.getByLabel('E-mail', { exact: true }).fill(person.email);
		await page.getByLabel('Password', { exact: true }).fill(person.password);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expectText(page.getByRole('alert'), WRONG);
		await page.context().close();
	});
});

describe('platform administration', () => {
	it('the platform administrator grants and withdraws the CoP lead role', async () => {
		const personPage = await newPage(browser());
		const person = await registerNew(personPage, 'Lena Lead', 'coplead');

		const admin = await newPage(browser());
		await logIn(admin, 'admin@example.org');
		await admin.getByRole('link', { name: 'Administration' }).click();
		await admin.waitForURL((url) => url.pathname === '/admin');
		await admin.getByLabel('Search by name or e-mail').fill(person.email);
		await admin.getByRole('button', { name: 'Search' }).click();
		await admin.waitForURL((url) => url.searchParams.get('q') === person.email);
		const people = admin.getByRole('region', { name: 'People and platform roles' });
		const row = people.getByRole('row').filter({ hasText: person.email });
		await row.waitFor();
		expect(await people.getByRole('row').count()).toBe(2); // the header and this person

		const lead = row.getByRole('button', { name: /^CoP lead/ });
		expect(await lead.getAttribute('aria-pressed')).toBe('false');
		await lead.click();
		await expect.poll(() => lead.getAttribute('aria-pressed')).toBe('true');
		await expectText(lead, 'CoP lead ✓');
		await screenshot(admin, 'admin-coplead-granted');
		expect(
			count('select count(*) n from user where email = ? and is_cop_lead = 1', person.email)
		).toBe(1);

		await personPage.goto('/profile');
		await expectText(personPage.locator('dl.facts'), /Platform roles\s+CoP lead/);

		await lead.click();
		await expect.poll(() => lead.getAttribute('aria-pressed')).toBe('false');
		await personPage.reload();
		expect(await personPage.getByText('Platform roles').count()).toBe(0);

		await admin.context().close();
		await personPage.context().close();
	});

	it('anyone else gets 404 on /admin and cannot grant themself a role', async () => {
		const page = await newPage(browser());
		const person = await registerNew(page, 'Nico Notadmin', 'notadmin');
		expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
		const response = await page.goto('/admin');
		expect(response?.status()).toBe(404);
		await page.getByRole('heading', { name: 'Page not found' }).waitFor();
		expect(await page.locator('main').innerText()).not.toContain('admin@example.org');

		const posted = await postForm(
			page.context(),
			'/admin?/role',
			{ userId: userId(person.email), role: 'admin', value: 'true' },
			baseURL()
		);
		expect(posted.status).toBe(404);
		expect(
			count('select count(*) n from user where email = ? and is_admin = 1', person.email)
		).toBe(0);

		// The CoP lead is no platform administrator either.
		await page.context().close();
		const lead = await newPage(browser());
		await logIn(lead, 'coplead@example.org');
		expect((await lead.goto('/admin'))?.status()).toBe(404);
		await lead.context().close();
	});
});
