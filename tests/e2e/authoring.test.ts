/**
 * Issue 7, "Authoring": an administrator brings an instrument in as one JSON file, adds a
 * question with points and a dimension in the survey creator, saves, sees the problems the
 * instrument checks report (points on an unscored question, then an option without points),
 * fixes them from the problem list, publishes; a round opened afterwards uses the published
 * version. The instrument gets a key of its own, so no other journey sees it. The key pages
 * are shown in German and in Arabic (right to left) too; screenshots in test-results/screens.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, logIn, newPage, screenshot, useBrowser } from './browser';
import { expectText, withDatabase } from './flows';

const { browser } = useBrowser();

const KEY = `e2e-audit-${Date.now().toString(36)}`;
const ROUND = `Authoring round ${KEY}`;

/** The shipped chamber audit as an export file of another instrument key. */
function exportFile(): string {
	const read = (file: string) =>
		JSON.parse(readFileSync(`surveys/chamber-diversity/${file}`, 'utf8')) as Record<
			string,
			unknown
		>;
	const model = read('model.json');
	model.key = KEY;
	return JSON.stringify({
		format: 'emen-instrument',
		formatVersion: 1,
		key: KEY,
		version: 1,
		status: 'published',
		survey: read('survey.json'),
		model,
		pathways: read('pathways.json'),
		crosswalk: null
	});
}

const L = (t: string) => ({ default: t, de: `${t} (de)`, fr: `${t} (fr)` });

const versions = () =>
	withDatabase(
		(db) =>
			db
				.prepare(
					'select id, version, status from instrument_version where instrument_key = ? order by version'
				)
				.all(KEY) as { id: number; version: number; status: string }[]
	);

async function save(page: Page) {
	await page.locator('#save-draft').click();
	await expectText(page.locator('#save-status'), /Saved and checked/);
}

const problems = (page: Page) =>
	page
		.locator('#instrument-problems li')
		.evaluateAll((items) => items.map((li) => li.getAttribute('data-problem-element')));

describe('authoring an instrument', () => {
	it('imports, adds a scored question, fixes the reported problems, publishes, and a new round uses it', async () => {
		const page = await newPage(browser());
		await logIn(page, 'admin@example.org');

		// Import: a draft of a new instrument.
		await page.goto('/instruments');
		await screenshot(page, 'instruments');
		await expectAccessible(page);
		await page.locator('#import-file').setInputFiles({
			name: `${KEY}.json`,
			mimeType: 'application/json',
			buffer: Buffer.from(exportFile())
		});
		await page
			.locator('#import-file')
			.locator('xpath=ancestor::form')
			.locator('button[type="submit"], button:not([type])')
			.first()
			.click();
		await page.waitForURL(new RegExp(`/instruments/${KEY}/versions/\\d+`));
		expect(versions()).toMatchObject([{ version: 1, status: 'draft' }]);

		// The creator, loaded on this page only.
		await page.locator('#survey-creator[data-creator-state="ready"]').waitFor({ timeout: 30_000 });
		await screenshot(page, 'authoring-editor');
		await expectAccessible(page, ['#survey-creator']);

		// Add a scored question (a dimension, points) through the creator's JSON editor, with
		// one option left without points.
		await page.locator('#survey-creator #tab-json').click();
		const area = page.locator('#survey-creator textarea').first();
		const survey = JSON.parse(await area.inputValue()) as { pages: { elements: unknown[] }[] };
		survey.pages[1].elements.push({
			type: 'radiogroup',
			name: 'e2e_report',
			isRequired: true,
			dimension: 'strategy',
			title: L('Does the chamber publish a diversity report?'),
			choices: [
				{ value: 'yes', text: L('Yes'), points: 2 },
				{ value: 'partly', text: L('Partly'), points: 1 },
				{ value: 'no', text: L('No') }
			]
		});
		await area.evaluate((el, text) => {
			(el as HTMLTextAreaElement).value = text;
			el.dispatchEvent(new Event('input', { bubbles: true }));
			el.dispatchEvent(new Event('change', { bubbles: true }));
		}, JSON.stringify(survey));
		await page.locator('#survey-creator #tab-designer').click();
		await save(page);
		expect(await problems(page)).toEqual(['question "e2e_report" option "no"']);
		await expectText(page.locator('#instrument-problems'), /has no points/);
		await screenshot(page, 'authoring-problem');

		// The problem's link selects the question in the creator; its dimension shows in the
		// property grid's Scoring group as a choice of the model's dimensions.
		await page.locator('#instrument-problems li a').first().click();
		const dimension = page.locator('#survey-creator [data-name="dimension"]');
		if ((await dimension.count()) === 0)
			await page.getByRole('button', { name: 'Scoring' }).click();
		await expectText(dimension, /\(strategy\)/);

		// The fix: points for the last option, in the choices table.
		await page.getByLabel('row 3, column Points').fill('0');
		await page.getByLabel('row 3, column Points').press('Tab');
		await save(page);
		await expectText(page.locator('#problems-title'), 'No problems');

		// Publish, after confirming.
		await page.locator('#publish-form').getByRole('button', { name: 'Publish' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Publish version' }).click();
		await page.waitForURL(/published=1/);
		await expectText(page.locator('#published-notice'), /is published/);
		const [published] = versions();
		expect(published).toMatchObject({ version: 1, status: 'published' });
		const stored = withDatabase(
			(db) =>
				JSON.parse(
					(
						db.prepare('select survey from instrument_version where id = ?').get(published.id) as {
							survey: string;
						}
					).survey
				) as {
					pages: {
						elements: { name: string; dimension?: string; choices?: { points?: number }[] }[];
					}[];
				}
		);
		const question = stored.pages[1].elements.find((q) => q.name === 'e2e_report')!;
		expect(question.dimension).toBe('strategy');
		expect(question.choices!.map((c) => c.points)).toEqual([2, 1, 0]);

		// A published version cannot be changed: the page is read-only.
		await page.reload();
		expect(await page.locator('#survey-creator').count()).toBe(0);

		// A new round uses it.
		await page.goto('/rounds');
		await page.getByLabel('Instrument').selectOption(KEY);
		await page.getByLabel(/^Name/).fill(ROUND);
		const today = new Date().toISOString().slice(0, 10);
		const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		await page.getByLabel('First day').fill(today);
		await page.getByLabel('Last day').fill(later);
		await page.getByLabel('Microfinance institution or ethical bank').check();
		await page.getByRole('button', { name: 'Open round' }).click();
		await expectText(page.locator('main'), `“${ROUND}” is open.`);
		const round = withDatabase(
			(db) =>
				db.prepare('select version_id as versionId from round where name = ?').get(ROUND) as {
					versionId: number;
				}
		);
		expect(round.versionId).toBe(published.id);
		await page.context().close();
	});

	it('shows the instruments pages in German and in Arabic, right to left', async () => {
		const id = versions()[0].id;
		for (const [locale, label] of [
			['de', 'Deutsch'],
			['ar', 'العربية']
		]) {
			const page = await newPage(browser());
			await page.goto('/login');
			const form = page.locator('header form.language-switch');
			await form.locator('select').selectOption({ label });
			await Promise.all([page.waitForLoadState('load'), form.locator('button').click()]);
			await page.locator('input[type="email"]').fill('admin@example.org');
			await page.locator('input[type="password"]').fill('emen-demo-2026');
			await page.locator('main form button').first().click();
			await page.waitForURL((url) => !url.pathname.startsWith('/login'));
			await page.goto('/instruments');
			const html = await page.evaluate(() => ({
				lang: document.documentElement.lang,
				dir: document.documentElement.dir
			}));
			expect(html).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
			if (locale === 'de')
				expect(await page.locator('main').innerText()).not.toMatch(/\bNew draft\b/);
			await screenshot(page, `instruments-${locale}`);
			await expectAccessible(page);
			await page.goto(`/instruments/${KEY}/versions/${id}`);
			await screenshot(page, `instrument-version-${locale}`);
			// The Creator's own markup (a draft) is SurveyJS's, not the app's.
			await expectAccessible(page, ['#survey-creator']);
			await page.context().close();
		}
	});
});
