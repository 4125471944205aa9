/**
 * Issue 7, "Languages": the interface follows the browser, then the switch on every page, then
 * the person's own setting on every device; German pages are complete; the Arabic shell lays
 * out right to left (navigation, login, the assessment page's chrome) and the questionnaire
 * follows the interface language, falling back to English per string. Screenshots at 1280
 * and 390 px land in test-results/screens; axe-core runs on each page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, logIn, newPage, screenshot, useBrowser } from './browser';
import { expectText, organisationOf, withDatabase } from './flows';

const { browser } = useBrowser();

const messages = (area: string, locale: string) =>
	JSON.parse(readFileSync(`messages/${area}/${locale}.json`, 'utf8')) as Record<string, string>;
const de = { ...messages('common', 'de'), ...messages('auth', 'de'), ...messages('org', 'de') };
const ar = { ...messages('common', 'ar'), ...messages('auth', 'ar'), ...messages('assess', 'ar') };

const htmlAttributes = (page: Page) =>
	page.evaluate(() => ({
		lang: document.documentElement.lang,
		dir: document.documentElement.dir
	}));

const sideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function switchTo(page: Page, label: string) {
	const form = page.locator('header form.language-switch');
	await form.locator('select').selectOption({ label });
	await Promise.all([page.waitForLoadState('load'), form.locator('button').click()]);
	await page.waitForURL((url) => !url.pathname.startsWith('/language'));
}

const userLanguage = (email: string) =>
	withDatabase(
		(db) =>
			(
				db.prepare('select language from user where email = ?').get(email) as {
					language: string | null;
				}
			).language
	);

const openRound = () =>
	withDatabase(
		(db) =>
			(
				db
					.prepare(
						`select id from round where instrument_key = 'chamber-diversity' and status = 'open'
						 and organisation_types like '%"chamber"%' and starts_on <= date('now')
						 and ends_on >= date('now') order by starts_on limit 1`
					)
					.get() as { id: string }
			).id
	);

describe('languages', () => {
	it('follows a German browser, and the switch on every page', async () => {
		const page = await newPage(browser(), 1280, 'de-DE');
		await page.goto('/login');
		expect(await htmlAttributes(page)).toEqual({ lang: 'de', dir: 'ltr' });
		await expectText(page.locator('h1'), de.auth_login_title);
		await expect(
			page.getByRole('button', { name: de.auth_login_submit, exact: true }).count()
		).resolves.toBe(1);
		await screenshot(page, 'lang-de-login');
		await expectAccessible(page);

		await switchTo(page, 'English');
		expect(await htmlAttributes(page)).toEqual({ lang: 'en', dir: 'ltr' });
		await expectText(page.locator('h1'), 'Log in');
		await page.context().close();
	});

	it('remembers a signed-in person’s choice on every device, and shows German pages complete', async () => {
		const email = 'chamber@example.org';
		const org = organisationOf(email);
		const first = await newPage(browser());
		await logIn(first, email);
		await switchTo(first, 'Deutsch');
		expect(userLanguage(email)).toBe('de');
		await first.context().close();

		// Another device with an English browser: the setting wins.
		const page = await newPage(browser());
		await logIn(page, email);
		await page.goto('/');
		expect((await htmlAttributes(page)).lang).toBe('de');
		await expectText(page.locator('nav#site-nav'), de.common_nav_dashboard);
		await screenshot(page, 'lang-de-dashboard');
		await expectAccessible(page);
		const round = withDatabase(
			(db) =>
				(
					db
						.prepare(
							`select id from round where instrument_key = 'chamber-diversity' and name = 'Spring 2026'`
						)
						.get() as { id: string }
				).id
		);
		for (const [path, name] of [
			[`/orgs/${org.id}`, 'lang-de-overview'],
			[`/orgs/${org.id}/rounds/${round}/results`, 'lang-de-results'],
			[`/orgs/${org.id}/rounds/${round}/pathway`, 'lang-de-pathway'],
			[`/orgs/${org.id}/plan`, 'lang-de-plan'],
			[`/orgs/${org.id}/progress`, 'lang-de-progress'],
			[`/orgs/${org.id}/settings`, 'lang-de-settings']
		]) {
			await page.goto(path);
			expect((await htmlAttributes(page)).lang, path).toBe('de');
			// Spot the English words a forgotten string would show.
			const text = await page.locator('main').innerText();
			expect(text, path).not.toMatch(
				/\b(Overview|Action plan|Members|Settings|Level \d|Results of)\b/
			);
			await screenshot(page, name);
			await expectAccessible(page);
		}

		// Back to English for the other journeys.
		await switchTo(page, 'English');
		expect(userLanguage(email)).toBe('en');
		await page.context().close();
	});

	it('lays the Arabic shell out right to left, with the questionnaire following per string', async () => {
		const email = 'respondent@example.org';
		const org = organisationOf(email, 'respondent');
		const page = await newPage(browser());
		await page.goto('/login');
		await switchTo(page, 'العربية');
		expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
		await expectText(page.locator('h1'), ar.auth_login_title);
		await screenshot(page, 'lang-ar-login');
		await expectAccessible(page);

		await page.getByLabel(ar.auth_field_email, { exact: true }).fill(email);
		await page.getByLabel(ar.auth_field_password, { exact: true }).fill('emen-demo-2026');
		await page.getByRole('button', { name: ar.auth_login_submit, exact: true }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		expect(userLanguage(email)).toBe(null); // switched before signing in: a cookie, no setting
		await expectText(page.locator('nav#site-nav'), ar.common_nav_dashboard);

		// The navigation sits on the left in a right-to-left page: the brand is on the right.
		const brand = await page.locator('a.brand').boundingBox();
		const nav = await page.locator('nav#site-nav').boundingBox();
		expect(brand!.x).toBeGreaterThan(nav!.x);
		await screenshot(page, 'lang-ar-dashboard');

		await page.goto(`/orgs/${org.id}/rounds/${openRound()}/assess`);
		await page.locator('.sd-root-modern').waitFor();
		expect(await htmlAttributes(page)).toEqual({ lang: 'ar', dir: 'rtl' });
		// SurveyJS's own buttons in Arabic, the questions in English (no Arabic content yet).
		expect(
			await page.locator('.sd-root-modern').evaluate((el) => getComputedStyle(el).direction)
		).toBe('rtl');
		await screenshot(page, 'lang-ar-assess');
		await expectAccessible(page);

		const phone = await newPage(browser(), 390);
		await phone.context().addCookies(await page.context().cookies());
		for (const [path, name] of [
			['/', 'lang-ar-dashboard-phone'],
			[`/orgs/${org.id}/rounds/${openRound()}/assess`, 'lang-ar-assess-phone']
		]) {
			await phone.goto(path);
			expect((await htmlAttributes(phone)).dir).toBe('rtl');
			expect(await sideways(phone), name).toBeLessThanOrEqual(1);
			await screenshot(phone, name);
		}
		await phone.context().close();
		await page.context().close();
	});
});
