/**
 * "Benchmark" (issue 5): the chamber compares its Spring 2026 result with its peers, changes the
 * filters and sees the peer count and the figures change; a narrow filter shows the too-few
 * message and no figures; a private organisation is told about give-to-get; a member of another
 * organisation gets 404. Screenshots (desktop, phone) land in test-results/screens.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, logIn, newPage, screenshot, useBrowser } from './browser';
import { expectText, organisationOf, withDatabase } from './flows';

const { browser } = useBrowser();

function roundId(instrumentKey: string, name: string): string {
	const row = withDatabase(
		(db) =>
			db
				.prepare('select id from round where instrument_key = ? and name = ?')
				.get(instrumentKey, name) as { id: string } | undefined
	);
	if (!row) throw new Error(`No round ${name} of ${instrumentKey}`);
	return row.id;
}

/** The number in "33 peers — …", once the page shows it. */
async function peerCount(page: Page): Promise<number> {
	await expectText(page.locator('.peer-count'), /^\d+ peers/);
	return Number((await page.locator('.peer-count').innerText()).match(/^(\d+)/)![1]);
}

/** Whether the radar's canvas holds drawn pixels (not only that a canvas exists). */
async function radarPainted(page: Page): Promise<boolean> {
	await page.locator('figure.radar[data-drawn="true"]').waitFor({ timeout: 10_000 });
	return page.locator('figure.radar canvas').evaluate((canvas: HTMLCanvasElement) => {
		const context = canvas.getContext('2d');
		if (!context || canvas.width === 0) return false;
		const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
		for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
		return false;
	});
}

async function applyFilter(page: Page, label: string, option: string): Promise<void> {
	const before = page.url();
	await page.getByLabel(label, { exact: true }).selectOption({ label: option });
	const navigated = page.waitForURL((url) => url.href !== before);
	await page.getByRole('button', { name: 'Show benchmark' }).click();
	await navigated;
}

/** Waits until the page shows a peer count that passes `test` (pages update after the URL). */
async function peerCountWhere(page: Page, test: (n: number) => boolean): Promise<number> {
	let shown = NaN;
	await expect
		.poll(
			async () => {
				const text = (await page.locator('.peer-count').count())
					? await page.locator('.peer-count').innerText()
					: '';
				shown = Number(text.match(/^(\d+) peers/)?.[1] ?? NaN);
				return test(shown);
			},
			{ timeout: 10_000 }
		)
		.toBe(true);
	return shown;
}

describe('benchmark', () => {
	// Read once the test server (and its database) is up.
	const chamberRound = () => {
		const chamber = organisationOf('chamber@example.org');
		const spring2026 = roundId('chamber-diversity', 'Spring 2026');
		return {
			chamber,
			spring2026,
			benchmarkPath: `/orgs/${chamber.id}/rounds/${spring2026}/benchmark`
		};
	};

	it('the chamber compares itself with its peers and changes the filters', async () => {
		const { chamber, spring2026, benchmarkPath } = chamberRound();
		const page = await newPage(browser());
		await logIn(page, 'chamber@example.org');
		await page.goto(`/orgs/${chamber.id}/rounds/${spring2026}/results`);
		await page.getByRole('link', { name: 'Compare with peers' }).click();
		await page.waitForURL((url) => url.pathname === benchmarkPath);
		await page.getByRole('heading', { name: 'Benchmark: Spring 2026' }).waitFor();
		await expectText(page.locator('main'), 'This round is closed');

		// Default group: the organisation's own type, all countries, all sizes.
		await expect(
			page.getByLabel('Type of organisation', { exact: true }).inputValue()
		).resolves.toBe('chamber');
		await expect(page.getByLabel('Country', { exact: true }).inputValue()).resolves.toBe('');
		const chambers = await peerCount(page);
		expect(chambers).toBeGreaterThanOrEqual(5);
		await expectText(page.locator('.peer-count'), 'chambers of commerce');
		expect(await radarPainted(page)).toBe(true);
		const strips = page.locator('.distribution');
		expect(await strips.count()).toBeGreaterThanOrEqual(2);
		await expectText(
			page.locator('#overall'),
			/You are in the (top quarter|upper half|lower half|bottom quarter) of chambers of commerce for the overall index\./
		);
		await expectText(page.locator('#overall'), 'Percentile rank');
		expect(await page.locator('#dimensions-title ~ section .sentence').count()).toBeGreaterThan(0);
		await screenshot(page, 'benchmark-desktop');
		await expectAccessible(page);

		// Chambers in Germany: too few peers, and no figure at all.
		await applyFilter(page, 'Country', 'Germany');
		expect(new URL(page.url()).searchParams.get('country')).toBe('DE');
		await expectText(page.getByRole('status'), /Fewer than 5 organisations other than yours/);
		await expectText(page.getByRole('status'), 'Widen the filters');
		expect(await page.locator('.distribution').count()).toBe(0);
		expect(await page.locator('canvas').count()).toBe(0);
		expect(await page.locator('.peer-count').count()).toBe(0);
		await expect(page.getByLabel('Country', { exact: true }).inputValue()).resolves.toBe('DE');
		await screenshot(page, 'benchmark-too-few');
		await expectAccessible(page);

		// Back to all countries: the figures return, for the same group.
		await applyFilter(page, 'Country', 'All countries');
		await peerCountWhere(page, (n) => n === chambers);
		expect(await radarPainted(page)).toBe(true);
		expect(await page.locator('.distribution').count()).toBeGreaterThanOrEqual(2);

		// All types: a larger group.
		await applyFilter(page, 'Type of organisation', 'All types');
		const everyone = await peerCountWhere(page, (n) => n > chambers);
		await expectText(page.locator('#overall'), /of organisations for the overall index\./);

		// Another type: the count changes again.
		await applyFilter(page, 'Type of organisation', 'Business support organisation');
		const support = await peerCountWhere(page, (n) => n !== chambers && n !== everyone);
		expect(support).toBeGreaterThanOrEqual(5);
		await page.context().close();
	});

	it('works on a phone', async () => {
		const { benchmarkPath } = chamberRound();
		const page = await newPage(browser(), 390);
		await logIn(page, 'chamber@example.org');
		await page.goto(benchmarkPath);
		await peerCount(page);
		expect(await radarPainted(page)).toBe(true);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await screenshot(page, 'benchmark-phone');
		await expectAccessible(page);
		await page.context().close();
	});

	it('a private organisation is told about give-to-get; another organisation gets 404', async () => {
		const { benchmarkPath } = chamberRound();
		const association = organisationOf('association@example.org');
		const associationRound = roundId('association-professionalisation', 'Spring 2026');
		const page = await newPage(browser());
		await logIn(page, 'association@example.org');

		// A member of another organisation: the chamber's benchmark does not exist for them.
		const response = await page.goto(benchmarkPath);
		expect(response?.status()).toBe(404);

		// Through the settings page, so the app forgets the benchmarks it holds.
		const setSharing = async (choice: RegExp) => {
			await page.goto(`/orgs/${association.id}/settings`);
			await page.getByRole('radio', { name: choice }).check();
			await page.getByRole('button', { name: 'Save sharing choice' }).click();
			await expectText(page.getByRole('status'), 'Your choice is saved.');
		};
		await setSharing(/^Private/);
		try {
			await page.goto(`/orgs/${association.id}/rounds/${associationRound}/benchmark`);
			await page.getByRole('heading', { name: 'Benchmarks are give to get' }).waitFor();
			await expectText(page.locator('main'), 'keeps its results private');
			expect(await page.locator('.distribution').count()).toBe(0);
			expect(await page.locator('canvas').count()).toBe(0);
			await screenshot(page, 'benchmark-give-to-get');
			await expectAccessible(page);
			await page.getByRole('link', { name: 'Change who sees your results' }).click();
			await page.waitForURL((url) => url.pathname === `/orgs/${association.id}/settings`);
		} finally {
			await setSharing(/^Anonymous in aggregates/);
		}
		const restored = withDatabase(
			(db) =>
				db.prepare('select sharing from organisation where id = ?').get(association.id) as {
					sharing: string;
				}
		);
		expect(restored.sharing).toBe('anonymous');

		// Sharing again, it sees benchmarks of its default group (associations, 40 peers). The
		// whole network (45) lies within 5 organisations of it, so the differencing defence
		// withholds that one: the overlap message, and no figures.
		await page.goto(`/orgs/${association.id}/rounds/${associationRound}/benchmark`);
		await peerCountWhere(page, (n) => n >= 5);
		expect(await page.locator('.distribution').count()).toBeGreaterThan(0);
		await applyFilter(page, 'Type of organisation', 'All types');
		await expectText(page.getByRole('status'), 'almost the same as another group');
		expect(await page.locator('.distribution').count()).toBe(0);
		await screenshot(page, 'benchmark-overlap');
		await expectAccessible(page);
		await page.context().close();
	});

	it('an open round shows no benchmark until it closes, and says why', async () => {
		// An administrator of an organisation that already has a result in the open round.
		const row = withDatabase(
			(db) =>
				db
					.prepare(
						`select u.email, o.id org, r.id round from organisation_round x
						 join round r on r.id = x.round_id and r.status = 'open'
						 join organisation o on o.id = x.organisation_id and o.sharing <> 'private'
						 join membership m on m.organisation_id = o.id and m.role = 'admin'
						 join user u on u.id = m.user_id limit 1`
					)
					.get() as { email: string; org: string; round: string }
		);
		const page = await newPage(browser());
		await logIn(page, row.email);
		await page.goto(`/orgs/${row.org}/rounds/${row.round}/benchmark`);
		await page.getByRole('heading', { name: 'Benchmarks open when the round closes' }).waitFor();
		await expectText(page.locator('main'), 'could reveal a single organisation’s score');
		expect(await page.locator('.distribution').count()).toBe(0);
		expect(await page.locator('.peer-count').count()).toBe(0);
		await expectAccessible(page);
		await page.context().close();
	});
});
