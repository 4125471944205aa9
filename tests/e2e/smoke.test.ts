import { describe, expect, it } from 'vitest';
import { logIn, newPage, screenshot, useBrowser } from './browser';

const { browser } = useBrowser();

describe('smoke', () => {
	it('the demo chamber administrator logs in and sees the organisation', async () => {
		const page = await newPage(browser());
		await logIn(page, 'chamber@example.org');
		await expect(
			page.getByRole('heading', { name: 'Your organisations' }).isVisible()
		).resolves.toBe(true);
		await screenshot(page, 'dashboard');
		await page.getByRole('link', { name: 'Handelskammer Berlin' }).click();
		await page.getByRole('link', { name: 'Members' }).click();
		await screenshot(page, 'members');
	});
});
