import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, newPage, register, screenshot, uniqueEmail, useBrowser } from './browser';
import {
	createOrganisation,
	expectText,
	GOOD_PASSWORD,
	logOut,
	registerNew,
	submitAndWait
} from './flows';

const { browser } = useBrowser();

const ORG = {
	name: `Rotterdam Ondernemers Netwerk ${Date.now().toString(36)}`,
	type: "Migrant entrepreneurs' association",
	country: 'Netherlands',
	region: 'Rotterdam',
	size: '6–20 people',
	budget: '€50,000–250,000',
	languages: ['Arabic', 'Dutch', 'Turkish']
};

/** The row of the members table that shows this person. */
const memberRow = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email });

/** Changes a member's role on the Members page and waits until the page shows it. */
async function changeRole(page: Page, email: string, name: string, role: string) {
	const row = memberRow(page, email);
	await row.getByLabel(`Role of ${name}`).selectOption({ label: role });
	await submitAndWait(page, () => row.getByRole('button', { name: 'Change' }).click());
}

/** The role the members table shows for a person, as the select's value. */
const shownRole = (page: Page, email: string, name: string) =>
	memberRow(page, email).getByLabel(`Role of ${name}`).inputValue();

describe('register → create organisation → invite → join → roles → logout/login', () => {
	it('two people build an organisation together', async () => {
		// The first person registers and lands on an empty dashboard.
		const admin = await newPage(browser());
		const adminPerson = await registerNew(admin, 'Fatima El Amrani', 'founder');
		await admin.getByText('You are not a member of any organisation yet.').waitFor();
		await screenshot(admin, 'journey-01-empty-dashboard');

		// ... creates an organisation, filling every field, and becomes its administrator.
		const orgId = await createOrganisation(admin, ORG);
		await admin.getByText(`${ORG.type} · Rotterdam, Netherlands`).waitFor();
		const facts = admin.locator('dl.facts');
		await expectText(facts, /Your role\s+Administrator/);
		await expectText(facts, /People\s+6–20 people/);
		await expectText(facts, /Yearly budget\s+€50,000–250,000/);
		// English is ticked by default; the others were ticked by hand, listed alphabetically.
		await expectText(facts, /Working languages\s+Arabic, Dutch, English, Turkish/);
		await expectText(facts, /Members\s+1/);
		await screenshot(admin, 'journey-02-organisation');

		// The settings form shows what was entered.
		await admin.getByRole('link', { name: 'Settings' }).click();
		await admin.waitForURL(`**/orgs/${orgId}/settings`);
		expect(await admin.getByLabel('Name of the organisation').inputValue()).toBe(ORG.name);
		expect(await admin.getByLabel('Country').inputValue()).toBe('NL');
		expect(await admin.getByRole('checkbox', { name: 'Turkish' }).isChecked()).toBe(true);
		expect(await admin.getByRole('checkbox', { name: 'German' }).isChecked()).toBe(false);

		// ... and creates an invitation link on the Members page.
		await admin.getByRole('link', { name: 'Members' }).click();
		await admin.waitForURL(`**/orgs/${orgId}/members`);
		await admin.getByLabel('For whom?').fill('Bilal');
		await admin.getByRole('button', { name: 'Create invitation link' }).click();
		const linkBox = admin.getByTestId('invitation-link');
		await linkBox.waitFor();
		const link = (await linkBox.innerText()).trim();
		expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[a-z0-9]+$/);
		// The open invitation is listed with its note.
		await admin.getByRole('heading', { name: 'Open invitations' }).waitFor();
		await admin.getByText(/Bilal · by Fatima El Amrani · expires/).waitFor();
		await screenshot(admin, 'journey-03-invitation-created');

		// In a browser of their own, the second person opens the link while logged out.
		const colleague = await newPage(browser());
		await colleague.goto(link);
		await colleague.getByRole('heading', { name: `Join ${ORG.name}` }).waitFor();
		await expectText(
			colleague.locator('main'),
			`Fatima El Amrani invited you to join ${ORG.name} as a respondent`
		);
		await colleague.getByText(/This invitation expires on \d{1,2} \w+ \d{4}\./).waitFor();
		await screenshot(colleague, 'journey-04-invitation-logged-out');

		// They register through the link's Register button and come back to the invitation.
		await colleague.locator('main').getByRole('link', { name: 'Register' }).click();
		await colleague.waitForURL((url) => url.pathname === '/register');
		const colleagueEmail = uniqueEmail('colleague');
		await register(colleague, 'Bilal Yilmaz', colleagueEmail, GOOD_PASSWORD);
		await colleague.waitForURL((url) => url.pathname.startsWith('/invite/'));
		expect(colleague.url()).toBe(link);
		await colleague.getByRole('button', { name: `Join ${ORG.name}` }).click();
		await colleague.waitForURL(`**/orgs/${orgId}`);
		await expectText(colleague.locator('dl.facts'), /Your role\s+Respondent/);
		// A respondent sees no Settings tab.
		expect(await colleague.getByRole('link', { name: 'Settings' }).count()).toBe(0);

		// The administrator sees the new member and the invitation is no longer open.
		await admin.reload();
		await memberRow(admin, colleagueEmail).waitFor();
		await admin.getByRole('heading', { name: 'Members (2)' }).waitFor();
		expect(await admin.getByRole('heading', { name: 'Open invitations' }).count()).toBe(0);

		// The administrator makes the colleague an administrator ...
		await changeRole(admin, colleagueEmail, 'Bilal Yilmaz', 'Administrator');
		await expect.poll(() => shownRole(admin, colleagueEmail, 'Bilal Yilmaz')).toBe('admin');
		await colleague.reload();
		await expectText(colleague.locator('dl.facts'), /Your role\s+Administrator/);
		await colleague.getByRole('link', { name: 'Settings' }).waitFor();
		await admin.reload();
		expect(await shownRole(admin, colleagueEmail, 'Bilal Yilmaz')).toBe('admin');
		await screenshot(admin, 'journey-05-two-administrators');

		// ... and back to respondent.
		await changeRole(admin, colleagueEmail, 'Bilal Yilmaz', 'Respondent');
		await expect.poll(() => shownRole(admin, colleagueEmail, 'Bilal Yilmaz')).toBe('respondent');
		await colleague.reload();
		await expectText(colleague.locator('dl.facts'), /Your role\s+Respondent/);
		expect(await colleague.getByRole('link', { name: 'Settings' }).count()).toBe(0);
		await admin.reload();
		expect(await shownRole(admin, colleagueEmail, 'Bilal Yilmaz')).toBe('respondent');

		// The colleague logs out and in again: the organisation is still theirs.
		await logOut(colleague);
		await colleague.goto('/');
		await colleague.getByRole('heading', { name: 'Know where your organisation stands' }).waitFor();
		await logIn(colleague, colleagueEmail, GOOD_PASSWORD);
		await colleague.goto('/');
		const card = colleague.getByRole('listitem').filter({ hasText: ORG.name });
		await card.waitFor();
		await expectText(card, /Respondent/);
		await expectText(card, /2 members/);
		await screenshot(colleague, 'journey-06-colleague-dashboard');

		// The only administrator cannot demote themself.
		await changeRole(admin, adminPerson.email, 'Fatima El Amrani', 'Respondent');
		await expectText(
			admin.getByRole('alert'),
			'This is the only administrator: make another member administrator first.'
		);
		await admin.reload();
		expect(await shownRole(admin, adminPerson.email, 'Fatima El Amrani')).toBe('admin');

		// Removing a member asks first; cancelling keeps them.
		const row = memberRow(admin, colleagueEmail);
		await row.getByRole('button', { name: 'Remove' }).click();
		const dialog = admin.getByRole('dialog', { name: `Remove Bilal Yilmaz from ${ORG.name}?` });
		await dialog.waitFor();
		await dialog.getByText('Answers they already submitted stay with the organisation.').waitFor();
		await screenshot(admin, 'journey-07-remove-dialog');
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await dialog.waitFor({ state: 'hidden' });
		await admin.reload();
		await memberRow(admin, colleagueEmail).waitFor();

		// Confirming removes them.
		await memberRow(admin, colleagueEmail).getByRole('button', { name: 'Remove' }).click();
		await dialog.getByRole('button', { name: 'Remove member' }).click();
		await memberRow(admin, colleagueEmail).waitFor({ state: 'detached' });
		await admin.getByRole('heading', { name: 'Members (1)' }).waitFor();

		// The removed colleague no longer reaches the organisation.
		await colleague.goto(`/orgs/${orgId}`);
		await colleague.getByRole('heading', { name: 'Page not found' }).waitFor();
		await colleague.goto('/');
		await colleague.getByText('You are not a member of any organisation yet.').waitFor();

		await admin.context().close();
		await colleague.context().close();
	});
});
