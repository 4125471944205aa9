import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseURL, logIn, newPage, register, screenshot, uniqueEmail, useBrowser } from './browser';
import {
	cookieHeader,
	count,
	createOrganisation,
	expectText,
	GOOD_PASSWORD,
	insertInvitation,
	organisationOf,
	postForm,
	registerNew,
	skipBrowserValidation,
	submitAndWait,
	userId,
	withDatabase
} from './flows';

const { browser } = useBrowser();

const WRONG = 'The e-mail or password is wrong.';

/** Submits the login form once and waits for the server's answer. */
async function tryLogIn(page: Page, email: string, password: string) {
	// The page clears the password after a refusal, a moment after the answer arrives: typing
	// before that would be wiped, and the empty field would stop the next submission.
	await expect
		.poll(() => page.getByLabel('Password', { exact: true }).inputValue(), { timeout: 10_000 })
		.toBe('');
	await page.getByLabel('E-mail', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await submitAndWait(page, () => page.getByRole('button', { name: 'Log in' }).click());
}

/** A freshly registered person, logged out again (their browser context closed). */
async function freshPerson(name: string, prefix: string) {
	const page = await newPage(browser());
	const person = await registerNew(page, name, prefix);
	await page.context().close();
	return person;
}

describe('logging in', () => {
	it('a wrong password and an unknown e-mail get the same generic refusal', async () => {
		const person = await freshPerson('Wanda Wrong', 'wrongpw');
		const page = await newPage(browser());
		await page.goto('/login');

		await tryLogIn(page, person.email, 'not-my-password-at-all');
		const alert = page.getByRole('alert');
		await expectText(alert, WRONG);
		expect(new URL(page.url()).pathname).toBe('/login');
		// The e-mail stays typed in; nothing says which of the two was wrong.
		expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe(person.email);
		expect(await page.locator('.field-error').count()).toBe(0);
		await screenshot(page, 'refusal-login-wrong-password');

		await tryLogIn(page, uniqueEmail('nobody'), 'not-my-password-at-all');
		await expectText(alert, WRONG);
		expect(await alert.innerText()).toBe(WRONG);
		expect(await page.locator('.field-error').count()).toBe(0);

		// The right password still works (two failures are far from the limit).
		await tryLogIn(page, person.email, person.password);
		await page.waitForURL((url) => url.pathname === '/');
		await page.context().close();
	});

	it('after 10 failed logins for one e-mail, even the right password is refused for a while', async () => {
		const person = await freshPerson('Theo Throttled', 'throttle');
		const page = await newPage(browser());
		await page.goto('/login');
		for (let attempt = 1; attempt <= 10; attempt++)
			await tryLogIn(page, person.email, `wrong-password-${attempt}`);
		await expectText(page.getByRole('alert'), WRONG);

		await tryLogIn(page, person.email, person.password);
		await expectText(page.getByRole('alert'), /Too many failed attempts/);
		const message = await page.getByRole('alert').innerText();
		const match = /^Too many failed attempts\. Try again in (\d+) minutes?\.$/.exec(message);
		expect(match, message).not.toBeNull();
		expect(Number(match![1])).toBeGreaterThanOrEqual(14);
		expect(Number(match![1])).toBeLessThanOrEqual(15);
		expect(new URL(page.url()).pathname).toBe('/login');
		await screenshot(page, 'refusal-login-throttled');
		// Still not logged in: the dashboard sends back to the hero for visitors.
		await page.goto('/profile');
		await page.waitForURL((url) => url.pathname === '/login');

		// The lock is per e-mail: someone else logs in from the same address.
		await logIn(page, 'coplead@example.org');
		expect(new URL(page.url()).pathname).toBe('/');
		await page.context().close();
	});
});

describe('invitations', () => {
	const chamber = () => organisationOf('chamber@example.org');

	it('an expired invitation says so and lets nobody join', async () => {
		const org = chamber();
		const path = insertInvitation({
			organisationId: org.id,
			invitedBy: userId('chamber@example.org'),
			expiresAt: Date.now() - 60_000
		});
		const visitor = await newPage(browser());
		const response = await visitor.goto(path);
		expect(response?.status()).toBe(200);
		await visitor.getByRole('heading', { name: `Join ${org.name}` }).waitFor();
		await expectText(visitor.locator('main'), `Clara Kammer invited you to join ${org.name}`);
		await expectText(
			visitor.getByRole('alert'),
			'This invitation has expired. Ask the organisation’s administrator for a new link.'
		);
		expect(await visitor.locator('main').getByRole('link', { name: 'Register' }).count()).toBe(0);
		await screenshot(visitor, 'refusal-invitation-expired');

		// A logged-in person sees no Join button, and posting anyway changes nothing.
		await logIn(visitor, 'association@example.org');
		await visitor.goto(path);
		await visitor.getByRole('alert').waitFor();
		expect(await visitor.getByRole('button', { name: /^Join/ }).count()).toBe(0);
		const posted = await postForm(visitor.context(), path, {}, baseURL());
		expect(posted.text).toContain('This invitation has expired.');
		expect(
			count(
				'select count(*) n from membership where organisation_id = ? and user_id = ?',
				org.id,
				userId('association@example.org')
			)
		).toBe(0);
		await visitor.context().close();
	});

	it('an invitation link works once; opened again it says it was used already', async () => {
		const org = chamber();
		const admin = await newPage(browser());
		await logIn(admin, 'chamber@example.org');
		await admin.goto(`/orgs/${org.id}/members`);
		await admin.getByLabel('For whom?').fill('Used-once test');
		await admin.getByRole('button', { name: 'Create invitation link' }).click();
		await admin.getByTestId('invitation-link').waitFor();
		const link = (await admin.getByTestId('invitation-link').innerText()).trim();

		// A member already cannot use it, and trying does not spend it.
		await admin.goto(link);
		await admin.getByRole('button', { name: `Join ${org.name}` }).click();
		await expectText(admin.getByRole('alert'), 'You are a member of this organisation already.');
		await admin.goto(`/orgs/${org.id}/members`);

		const first = await newPage(browser());
		await first.goto(link);
		await first.locator('main').getByRole('link', { name: 'Register' }).click();
		await first.waitForURL((url) => url.pathname === '/register');
		await register(first, 'Uma Usedonce', uniqueEmail('usedonce'), GOOD_PASSWORD);
		await first.getByRole('button', { name: `Join ${org.name}` }).click();
		await first.waitForURL(`**/orgs/${org.id}`);

		// Opened again, by the same person or by anyone else, the link is spent.
		const used =
			'This invitation has been used already. Ask the organisation’s administrator for a new link.';
		await first.goto(link);
		await expectText(first.getByRole('alert'), used);
		expect(await first.getByRole('button', { name: /^Join/ }).count()).toBe(0);

		const second = await newPage(browser());
		await second.goto(link);
		await expectText(second.getByRole('alert'), used);
		expect(await second.locator('main').getByRole('link', { name: 'Register' }).count()).toBe(0);
		await screenshot(second, 'refusal-invitation-used');

		// A withdrawn link says so too.
		await admin.getByLabel('For whom?').fill('Withdrawn test');
		await admin.getByRole('button', { name: 'Create invitation link' }).click();
		await expect
			.poll(async () => (await admin.getByTestId('invitation-link').innerText()).trim())
			.not.toBe(link);
		const withdrawn = (await admin.getByTestId('invitation-link').innerText()).trim();
		const open = admin.getByRole('listitem').filter({ hasText: 'Withdrawn test' });
		await open.getByRole('button', { name: 'Withdraw' }).click();
		await admin
			.getByRole('dialog', { name: 'Withdraw this invitation?' })
			.getByRole('button', { name: 'Withdraw' })
			.click();
		await open.waitFor({ state: 'detached' });
		await second.goto(withdrawn);
		await expectText(
			second.getByRole('alert'),
			'This invitation was withdrawn by the organisation. Ask its administrator for a new link.'
		);

		// A made-up link is simply not found.
		const bogus = await second.goto('/invite/this-is-not-a-token');
		expect(bogus?.status()).toBe(404);
		await second.getByText('This invitation link is not valid.').waitFor();

		for (const page of [admin, first, second]) await page.context().close();
	});
});

describe('organisations of others', () => {
	it('a member of organisation A gets 404 for every page and action of organisation B', async () => {
		const other = organisationOf('chamber@example.org');
		const page = await newPage(browser());
		await logIn(page, 'association@example.org');
		for (const path of [
			`/orgs/${other.id}`,
			`/orgs/${other.id}/members`,
			`/orgs/${other.id}/settings`
		]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await page.getByRole('heading', { name: 'Page not found' }).waitFor();
			// Nothing of the other organisation shows.
			expect(await page.locator('main').innerText()).not.toContain(other.name);
		}
		await screenshot(page, 'refusal-other-organisation-404');

		// Tampering with the id in a form action is refused the same way and changes nothing.
		const invitations = () =>
			count('select count(*) n from invitation where organisation_id = ?', other.id);
		const before = invitations();
		const posted = await postForm(
			page.context(),
			`/orgs/${other.id}/members?/invite`,
			{ note: 'sneaky' },
			baseURL()
		);
		expect(posted.status).toBe(404);
		expect(invitations()).toBe(before);
		await page.context().close();
	});

	it('a respondent may look at the organisation but not open its settings', async () => {
		const org = organisationOf('respondent@example.org', 'respondent');
		const page = await newPage(browser());
		await logIn(page, 'respondent@example.org');
		await page.goto(`/orgs/${org.id}`);
		await expectText(page.locator('dl.facts'), /Your role\s+Respondent/);
		expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0);

		const response = await page.goto(`/orgs/${org.id}/settings`);
		expect(response?.status()).toBe(403);
		await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
		await page.getByText('Only the organisation’s administrators can do this.').waitFor();
		await screenshot(page, 'refusal-respondent-settings');

		// Nor change them by posting the form.
		const posted = await postForm(
			page.context(),
			`/orgs/${org.id}/settings?/profile`,
			{
				name: 'Renamed by a respondent',
				type: 'chamber',
				country: 'DE',
				region: 'Berlin',
				sizeBand: '100+',
				budgetBand: 'over-5m',
				languages: ['de']
			},
			baseURL()
		);
		expect(posted.status).toBe(403);
		expect(count('select count(*) n from organisation where name = ?', org.name)).toBe(1);
		await page.context().close();
	});

	it('a logged-out visitor to /profile is sent to log in, and comes back after', async () => {
		const page = await newPage(browser());
		await page.goto('/profile');
		await page.waitForURL((url) => url.pathname === '/login');
		expect(new URL(page.url()).searchParams.get('next')).toBe('/profile');
		await page.getByLabel('E-mail', { exact: true }).fill('coplead@example.org');
		await page.getByLabel('Password', { exact: true }).fill('emen-demo-2026');
		await page.getByRole('button', { name: 'Log in' }).click();
		await page.waitForURL((url) => url.pathname === '/profile');
		await page.getByRole('heading', { name: 'Your profile' }).waitFor();
		await page.context().close();
	});
});

describe('bad input', () => {
	/** Fills the registration form as a person would, submits it, returns the server's answer. */
	async function tryRegister(page: Page, name: string, email: string, password: string) {
		await page.goto('/register');
		await skipBrowserValidation(page);
		const answer = page.waitForResponse((r) => r.request().method() === 'POST');
		await register(page, name, email, password);
		const body = await (await answer).text();
		await page.locator('.field-error').first().waitFor();
		return body;
	}

	const cases: { what: string; email: () => string; password?: string; error: string }[] = [
		{
			what: 'a duplicate e-mail (in other letter case)',
			email: () => 'Chamber@Example.org',
			error: 'An account with this e-mail address exists already: sign in instead.'
		},
		{
			what: 'a short password',
			email: () => uniqueEmail('short'),
			password: 'Short-9',
			error: 'Use at least 10 characters.'
		},
		{
			what: 'the e-mail as password',
			email: () => uniqueEmail('same'),
			password: 'SAME',
			error: 'Your password must not be your e-mail address.'
		},
		{
			what: 'a common password',
			email: () => uniqueEmail('common'),
			password: 'Password123',
			error: 'This password is one of the most common ones and easy to guess: choose another.'
		}
	];

	it.each(cases)('registration refuses $what beside the field', async (c) => {
		const page = await newPage(browser());
		const email = c.email();
		const password = c.password === 'SAME' ? email : (c.password ?? GOOD_PASSWORD);
		const users = count('select count(*) n from user');
		const answer = await tryRegister(page, 'Dana Mistake', email, password);
		const field = c.error.startsWith('An account') ? 'email' : 'password';
		await expectText(page.locator(`#${field}-error`), c.error);
		expect(await page.locator(`#${field}`).getAttribute('aria-invalid')).toBe('true');
		// The name and e-mail stay as typed; the server never sends the password back.
		expect(await page.getByLabel('Your name').inputValue()).toBe('Dana Mistake');
		expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe(email);
		expect(answer).toContain('Dana Mistake');
		if (password !== email) expect(answer).not.toContain(password);
		expect(new URL(page.url()).pathname).toBe('/register');
		expect(count('select count(*) n from user')).toBe(users);
		if (c.what.startsWith('a common')) await screenshot(page, 'refusal-register-common-password');
		await page.context().close();
	});

	it('a refused form never keeps the password in its field', async () => {
		const page = await newPage(browser());
		await tryRegister(page, 'Dana Mistake', uniqueEmail('keep'), 'Password123');
		const registerPassword = await page.getByLabel(/^Password/).inputValue();
		await page.goto('/login');
		await tryLogIn(page, uniqueEmail('nobody'), 'a-wrong-password');
		await expectText(page.getByRole('alert'), WRONG);
		const loginPassword = await page.getByLabel('Password', { exact: true }).inputValue();
		expect({ registerPassword, loginPassword }).toEqual({
			registerPassword: '',
			loginPassword: ''
		});
		await page.context().close();
	});

	it('the organisation form refuses an over-long name, no country and no language beside each field', async () => {
		const page = await newPage(browser());
		await logIn(page, 'association@example.org');
		await page.goto('/orgs/new');
		await skipBrowserValidation(page);
		const organisations = count('select count(*) n from organisation');
		const longName = 'A'.repeat(121);
		await page.getByLabel('Name of the organisation').fill(longName);
		await page.getByLabel('Type').selectOption({ label: 'NGO' });
		await page.getByLabel('City or region').fill('Lyon');
		await page.getByLabel('People').selectOption({ label: '1–5 people' });
		await page.getByLabel('Yearly budget').selectOption({ label: 'Under €50,000' });
		await page.getByRole('checkbox', { name: 'English' }).uncheck();
		await page.getByRole('button', { name: 'Create organisation' }).click();

		await expectText(page.locator('#name-error'), 'Use at most 120 characters.');
		await expectText(page.locator('#country-error'), 'Choose a country from the list.');
		await expectText(page.locator('#languages-error'), 'Choose at least one working language.');
		await expectText(page.locator('main .alert.error'), 'Please correct the highlighted fields.');
		// What was typed and chosen stays.
		expect(await page.getByLabel('Name of the organisation').inputValue()).toBe(longName);
		expect(await page.getByLabel('City or region').inputValue()).toBe('Lyon');
		expect(await page.getByLabel('Type').inputValue()).toBe('ngo');
		expect(await page.getByLabel('Yearly budget').inputValue()).toBe('under-50k');
		expect(new URL(page.url()).pathname).toBe('/orgs/new');
		await screenshot(page, 'refusal-organisation-form');

		// A country that is not on the list (a tampered option) is refused too.
		await page
			.getByLabel('Country')
			.evaluate((select) => select.append(new Option('Atlantis', 'XX')));
		await page.getByLabel('Country').selectOption('XX');
		await page.getByLabel('Name of the organisation').fill('Atlantis Support');
		await page.getByRole('checkbox', { name: 'French' }).check();
		await page.getByRole('button', { name: 'Create organisation' }).click();
		await expect.poll(() => page.locator('#name-error').count()).toBe(0);
		await expectText(page.locator('#country-error'), 'Choose a country from the list.');
		expect(count('select count(*) n from organisation')).toBe(organisations);
		await page.context().close();
	});
});

describe('requests from elsewhere', () => {
	it('a POST from another site or without an Origin is refused with 403 and changes nothing', async () => {
		const page = await newPage(browser());
		const person = await registerNew(page, 'Olga Origin', 'origin');
		const orgName = `Origin Check Verein ${Date.now().toString(36)}`;
		const orgId = await createOrganisation(page, {
			name: orgName,
			type: 'NGO',
			country: 'Austria',
			region: 'Graz',
			size: '1–5 people',
			budget: 'Under €50,000',
			languages: ['German']
		});
		const rename = {
			name: 'Renamed from elsewhere',
			type: 'ngo',
			country: 'AT',
			region: 'Graz',
			sizeBand: '1-5',
			budgetBand: 'under-50k',
			languages: ['de']
		};
		const nameNow = () =>
			withDatabase(
				(db) =>
					(db.prepare('select name from organisation where id = ?').get(orgId) as { name: string })
						.name
			);

		const crossSite = await postForm(
			page.context(),
			`/orgs/${orgId}/settings?/profile`,
			rename,
			'https://evil.example'
		);
		// Kit's own check answers form posts before the app's hook does; either wording is fine.
		const refused = /Cross-site POST form submissions are forbidden|This request was refused/;
		expect(crossSite.status).toBe(403);
		expect(crossSite.text).toMatch(refused);
		const noOrigin = await postForm(
			page.context(),
			`/orgs/${orgId}/settings?/profile`,
			rename,
			null
		);
		expect(noOrigin.status).toBe(403);
		expect(noOrigin.text).toMatch(refused);
		expect(nameNow()).toBe(orgName);

		// A non-form POST (JSON) passes Kit's check and meets the app's own guard.
		for (const [origin, message] of [
			['https://evil.example', 'it came from another site'],
			[null, 'it did not say which site sent it']
		] as const) {
			const response = await fetch(new URL(`/orgs/${orgId}/settings?/profile`, baseURL()), {
				method: 'POST',
				headers: {
					cookie: await cookieHeader(page.context()),
					'content-type': 'application/json',
					accept: 'application/json',
					...(origin ? { origin } : {})
				},
				body: JSON.stringify(rename)
			});
			expect(response.status).toBe(403);
			expect(await response.text()).toContain(message);
		}
		expect(nameNow()).toBe(orgName);

		// Deleting the account from elsewhere, even with the right password, is refused too.
		const deletion = await postForm(
			page.context(),
			'/profile?/delete',
			{ password: person.password, confirm: 'yes' },
			'http://localhost.evil.example'
		);
		expect(deletion.status).toBe(403);
		expect(count('select count(*) n from user where email = ?', person.email)).toBe(1);
		// So is logging out from elsewhere: the session still works.
		const logout = await postForm(page.context(), '/logout', {}, null);
		expect(logout.status).toBe(403);
		await page.goto('/profile');
		await page.getByRole('heading', { name: 'Your profile' }).waitFor();

		// The same request from this site goes through, so the refusals were about the Origin.
		const same = await postForm(
			page.context(),
			`/orgs/${orgId}/settings?/profile`,
			rename,
			baseURL()
		);
		expect(same.status).toBe(200);
		expect(nameNow()).toBe('Renamed from elsewhere');
		await page.context().close();
	});
});
