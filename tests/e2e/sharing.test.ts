import { describe, expect, it } from 'vitest';
import { baseURL, expectAccessible, logIn, newPage, screenshot, useBrowser } from './browser';
import { expectText, organisationOf, postForm, withDatabase } from './flows';

const { browser } = useBrowser();

const sharingOf = (orgId: string) =>
	withDatabase(
		(db) =>
			(
				db.prepare('select sharing from organisation where id = ?').get(orgId) as {
					sharing: string;
				}
			).sharing
	);

describe('sharing choices', () => {
	it('the administrator reads what each choice means and changes it', async () => {
		const org = organisationOf('association@example.org');
		expect(sharingOf(org.id)).toBe('anonymous');
		const page = await newPage(browser());
		await logIn(page, 'association@example.org');
		await page.goto(`/orgs/${org.id}/settings`);
		await expect(page.getByLabel(/Anonymous in aggregates/).isChecked()).resolves.toBe(true);
		await expectText(page.locator('main'), 'always in groups of at least five');
		await page.getByLabel(/Named to other members for peer learning/).check();
		await page.getByRole('button', { name: 'Save sharing choice' }).click();
		await expectText(page.getByRole('status'), 'Your choice is saved.');
		expect(sharingOf(org.id)).toBe('named-members');
		await page.reload();
		await expect(page.getByLabel(/Named to other members/).isChecked()).resolves.toBe(true);
		await screenshot(page, 'sharing-settings');
		await expectAccessible(page);

		// A made-up choice is refused and changes nothing.
		const bad = await postForm(
			page.context(),
			`/orgs/${org.id}/settings?/sharing`,
			{ sharing: 'public' },
			baseURL()
		);
		expect(bad.text).toContain('Choose one of the four options.');
		expect(sharingOf(org.id)).toBe('named-members');

		await page.getByLabel(/Anonymous in aggregates/).check();
		await page.getByRole('button', { name: 'Save sharing choice' }).click();
		await expectText(page.getByRole('status'), 'Your choice is saved.');
		expect(sharingOf(org.id)).toBe('anonymous');
		await page.context().close();
	});

	it('a respondent cannot change it', async () => {
		const org = organisationOf('respondent@example.org', 'respondent');
		const page = await newPage(browser());
		await logIn(page, 'respondent@example.org');
		const posted = await postForm(
			page.context(),
			`/orgs/${org.id}/settings?/sharing`,
			{ sharing: 'private' },
			baseURL()
		);
		expect(posted.status).toBe(403);
		expect(sharingOf(org.id)).toBe('anonymous');
		await page.context().close();
	});
});
