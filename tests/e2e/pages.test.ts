/**
 * Every main page, at desktop (1280 px) and phone (390 px) width: a screenshot into
 * test-results/screens to be looked at, and axe-core's WCAG 2.1 A/AA rules at both widths.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, logIn, newPage, register, screenshot, useBrowser } from './browser';
import { insertInvitation, organisationOf, skipBrowserValidation, userId } from './flows';

const { browser } = useBrowser();

type Who = 'visitor' | 'chamber' | 'admin';
const WIDTHS = { desktop: 1280, phone: 390 } as const;
type Width = keyof typeof WIDTHS;

const pages = {} as Record<Who, Record<Width, Page>>;
let chamberOrg: { id: string; name: string };
let invitationPath: string;

beforeAll(async () => {
	for (const who of ['visitor', 'chamber', 'admin'] as const) {
		pages[who] = {} as Record<Width, Page>;
		for (const width of Object.keys(WIDTHS) as Width[]) {
			const page = await newPage(browser(), WIDTHS[width]);
			if (who !== 'visitor') await logIn(page, `${who}@example.org`);
			pages[who][width] = page;
		}
	}
	chamberOrg = organisationOf('chamber@example.org');
	invitationPath = insertInvitation({
		organisationId: chamberOrg.id,
		invitedBy: userId('chamber@example.org'),
		expiresAt: Date.now() + 7 * 24 * 3600 * 1000,
		note: 'Screenshot'
	});
});

const PAGES: {
	name: string;
	who: Who;
	path: () => string;
	status?: number;
	/** axe at desktop width only: the page is very long and axe takes seconds per run. */
	desktopAxeOnly?: boolean;
}[] = [
	{ name: 'home', who: 'visitor', path: () => '/' },
	{ name: 'login', who: 'visitor', path: () => '/login' },
	{ name: 'register', who: 'visitor', path: () => '/register' },
	{ name: 'invitation', who: 'visitor', path: () => invitationPath },
	{ name: 'dashboard', who: 'chamber', path: () => '/' },
	{ name: 'organisation', who: 'chamber', path: () => `/orgs/${chamberOrg.id}` },
	{ name: 'members', who: 'chamber', path: () => `/orgs/${chamberOrg.id}/members` },
	{ name: 'settings', who: 'chamber', path: () => `/orgs/${chamberOrg.id}/settings` },
	{ name: 'new-organisation', who: 'chamber', path: () => '/orgs/new' },
	{ name: 'profile', who: 'chamber', path: () => '/profile' },
	{ name: 'admin', who: 'admin', path: () => '/admin', desktopAxeOnly: true },
	{ name: 'not-found', who: 'chamber', path: () => '/orgs/no-such-organisation', status: 404 }
];

/** What sticks out past the right edge of the screen (and so is cut off or scrolls sideways). */
function cutOff(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		for (const el of Array.from(document.querySelectorAll('main *'))) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || box.right <= window.innerWidth + 1) continue;
			// Report the innermost elements only: their ancestors stick out because of them.
			if (
				Array.from(el.children).some((c) => c.getBoundingClientRect().right > window.innerWidth + 1)
			)
				continue;
			const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			found.push(`${el.tagName.toLowerCase()} "${text}" ends at ${Math.round(box.right)}px`);
		}
		return found;
	});
}

/**
 * Opens a page at both widths and screenshots both; then checks that nothing is cut off at
 * phone width (a soft check, so axe still runs) and runs axe on both.
 */
async function check(
	name: string,
	open: (page: Page) => Promise<void>,
	who: Who,
	desktopAxeOnly = false
) {
	for (const width of Object.keys(WIDTHS) as Width[]) {
		const page = pages[who][width];
		await open(page);
		await screenshot(page, `page-${name}-${width}`);
	}
	const phoneOverflow = await cutOff(pages[who].phone);
	expect
		.soft(phoneOverflow.slice(0, 5), `${phoneOverflow.length} elements wider than a 390 px screen`)
		.toEqual([]);
	await expectAccessible(pages[who].desktop);
	if (!desktopAxeOnly) await expectAccessible(pages[who].phone);
}

describe('main pages at 1280 and 390 px', () => {
	it.each(PAGES)('$name: screenshots, no axe violations, nothing cut off on a phone', async (p) => {
		await check(
			p.name,
			async (page) => {
				const response = await page.goto(p.path());
				expect(response?.status()).toBe(p.status ?? 200);
				await page.getByRole('heading', { level: 1 }).first().waitFor();
			},
			p.who,
			p.desktopAxeOnly
		);
	});
});

describe('pages in other states', () => {
	it('the phone menu, opened', async () => {
		const page = pages.chamber.phone;
		await page.goto('/');
		const menu = page.getByRole('button', { name: 'Menu' });
		await menu.click();
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Profile' })
			.waitFor();
		expect(await menu.getAttribute('aria-expanded')).toBe('true');
		await screenshot(page, 'state-phone-menu-open');
		await expectAccessible(page);
	});

	it('the registration form showing refusals', async () => {
		await check(
			'register-errors',
			async (page) => {
				await page.goto('/register');
				await skipBrowserValidation(page);
				// Two fields wrong at once: no name, and an e-mail that is not one.
				await register(page, '', 'not-an-e-mail', 'short');
				await page.locator('#name-error').waitFor();
				await page.locator('#email-error').waitFor();
			},
			'visitor'
		);
	});

	it('the members page with a new invitation link and the remove dialog', async () => {
		const page = pages.chamber.desktop;
		await page.goto(`/orgs/${chamberOrg.id}/members`);
		await page.getByRole('button', { name: 'Create invitation link' }).click();
		await page.getByTestId('invitation-link').waitFor();
		await screenshot(page, 'state-invitation-link');
		await expectAccessible(page);
		const row = page.getByRole('row').filter({ hasText: 'respondent@example.org' });
		await row.getByRole('button', { name: 'Remove' }).click();
		const dialog = page.getByRole('dialog');
		await dialog.waitFor();
		await screenshot(page, 'state-remove-dialog');
		await expectAccessible(page);
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await dialog.waitFor({ state: 'hidden' });
	});
});
