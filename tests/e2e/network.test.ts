/**
 * The CoP lead's network dashboard (issue 5) on the demo seed: completion and the heatmap are
 * shown, both exports download and hold no private organisation's name (the XLSX is opened with
 * exceljs), and a respondent gets 404. Screenshots (desktop, phone) land in test-results/screens.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, logIn, newPage, screenshot, useBrowser } from './browser';
import { withDatabase } from './flows';

const { browser } = useBrowser();

/**
 * Whether a name appears in page text or CSV, other than as the start of a longer name the
 * seed made unique with a number: "Athens Chamber" must not be found in "Athens Chamber (5)".
 */
function hasName(text: string, name: string): boolean {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`${escaped}(?! \\(\\d+\\))`).test(text);
}

interface Org {
	id: string;
	name: string;
	sharing: string;
}

/** Organisations with a stored result in the round, by sharing choice. */
function resultsOf(roundId: string): Org[] {
	return withDatabase(
		(db) =>
			db
				.prepare(
					`select o.id, o.name, o.sharing from organisation_round r
					 join organisation o on o.id = r.organisation_id where r.round_id = ?`
				)
				.all(roundId) as Org[]
	);
}

async function download(page: Page, name: RegExp): Promise<{ file: string; text: Buffer }> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name }).click()
	]);
	const path = await file.path();
	return { file: file.suggestedFilename(), text: readFileSync(path) };
}

describe('the network dashboard', () => {
	it('the CoP lead sees completion and the heatmap, and downloads CSV and XLSX', async () => {
		const page = await newPage(browser());
		await logIn(page, 'coplead@example.org');
		await page.getByRole('link', { name: 'Network' }).click();
		await page.waitForURL((url) => url.pathname === '/network');
		await page.getByRole('heading', { name: 'Network dashboard' }).waitFor();

		// The default is the latest round with results; the CoP lead picks the closed Spring 2026.
		const instrument = await page.locator('#instrument').inputValue();
		const roundId = withDatabase(
			(db) =>
				db
					.prepare(`select id from round where name = 'Spring 2026' and instrument_key = ?`)
					.get(instrument) as { id: string }
		).id;
		await page.locator('#round').selectOption(roundId);
		await page.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL((url) => url.searchParams.get('round') === roundId);
		await expect
			.poll(() => page.getByRole('heading', { name: /Completion: Spring 2026/ }).count())
			.toBe(1);
		const orgs = resultsOf(roundId);
		const privates = orgs.filter((o) => o.sharing === 'private');
		const anonymous = orgs.filter((o) => o.sharing === 'anonymous');
		const named = orgs.filter((o) => o.sharing === 'named-cop' || o.sharing === 'named-members');
		expect(privates.length).toBeGreaterThan(0);
		expect(named.length).toBeGreaterThan(0);

		// Completion totals, and the heatmap with anonymous codes and names.
		const stats = page.locator('dl.stats');
		expect(Number(await stats.locator('dd').nth(2).innerText())).toBeGreaterThanOrEqual(
			orgs.length
		);
		const heatmap = page.getByRole('region', { name: 'Heatmap of organisations by dimension' });
		const rows = heatmap.locator('tbody tr');
		expect(await rows.count()).toBe(Math.min(100, orgs.length - privates.length));
		await expect
			.poll(() => page.getByText(`${privates.length} private organisations are left out`).count())
			.toBeGreaterThan(0);
		const body = await page.locator('main').innerText();
		for (const o of privates) expect(hasName(body, o.name)).toBe(false);
		for (const o of anonymous) expect(hasName(body, o.name)).toBe(false);
		expect(body).toMatch(/ORG-[0-9A-F]{6}/);
		expect(body).toContain('By country');
		expect(body).toMatch(/fewer than 5/);
		await screenshot(page, 'network-desktop');
		await expectAccessible(page);

		// CSV: every section, names only where allowed.
		const csv = await download(page, /Download CSV/);
		expect(csv.file).toMatch(/^network-.+\.csv$/);
		const csvText = csv.text.toString('utf8');
		for (const section of ['# Summary', '# Completion', '# Heatmap', '# Data dictionary'])
			expect(csvText).toContain(section);
		for (const o of privates) expect(hasName(csvText, o.name)).toBe(false);
		for (const o of anonymous) expect(hasName(csvText, o.name)).toBe(false);
		expect(named.some((o) => hasName(csvText, o.name))).toBe(true);

		// XLSX: opened with exceljs; sheets, every non-private organisation, no private name.
		const xlsx = await download(page, /Download Excel/);
		expect(xlsx.file).toMatch(/^network-.+\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(xlsx.text as unknown as ArrayBuffer);
		const sheets = workbook.worksheets.map((w) => w.name);
		expect(sheets).toEqual(
			expect.arrayContaining(['Summary', 'Completion', 'Heatmap', 'By type', 'By country'])
		);
		expect(sheets.at(-1)).toBe('Data dictionary');
		const heat = workbook.getWorksheet('Heatmap')!;
		expect(heat.actualRowCount - 1).toBe(orgs.length - privates.length);
		const cells: string[] = [];
		workbook.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
		for (const o of privates) expect(cells).not.toContain(o.name);
		for (const o of anonymous) expect(cells).not.toContain(o.name);
		for (const o of named) expect(cells).toContain(o.name);
		await page.context().close();
	});

	it('works on a phone', async () => {
		const page = await newPage(browser(), 390);
		await logIn(page, 'coplead@example.org');
		await page.goto('/network');
		await page.getByRole('heading', { name: /Heatmap/ }).waitFor();
		// The page itself never scrolls sideways: only the heatmap's own region does.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(page, 'network-phone');
		await page.context().close();
	});

	it('a respondent gets 404 on the dashboard and the exports', async () => {
		const page = await newPage(browser());
		await logIn(page, 'respondent@example.org');
		const response = await page.goto('/network');
		expect(response?.status()).toBe(404);
		const exported = await page.request.get('/network/export/xlsx');
		expect(exported.status()).toBe(404);
		await page.context().close();
	});
});
