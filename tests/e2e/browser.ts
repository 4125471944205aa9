import { mkdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const baseURL = () => inject('baseURL');
export const DEMO_PASSWORD = 'emen-demo-2026';

/** One headless Chromium per test file, the system's own (STACK.md). */
export function useBrowser(): { browser: () => Browser } {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		});
	});
	afterAll(async () => {
		await browser?.close();
	});
	return {
		browser: () => {
			if (!browser) throw new Error('The browser is not started');
			return browser;
		}
	};
}

/**
 * Set in every document once SvelteKit's client has hydrated the page and started its router
 * (`_start_router` is the only code that listens for `visibilitychange` on window).
 */
const MARK_STARTED = `(() => {
	const add = window.addEventListener;
	window.addEventListener = function (type, ...rest) {
		if (type === 'visibilitychange') window.__e2eStarted = true;
		return add.call(this, type, ...rest);
	};
})();`;

/** Waits until the page's JavaScript has taken over (forms enhanced, buttons wired). */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(
		() => (window as unknown as { __e2eStarted?: boolean }).__e2eStarted === true,
		null,
		{ timeout: 15_000 }
	);
}

/**
 * A page in a browser context of its own. Its goto and reload wait for hydration too: typing
 * into a server-rendered form before that is wiped by hydration, and clicking a button before
 * it is wired submits the form natively (skipping, say, a confirmation dialog).
 */
export async function newPage(browser: Browser, width = 1280, locale?: string): Promise<Page> {
	const context = await browser.newContext({
		baseURL: baseURL(),
		viewport: { width, height: 900 },
		...(locale ? { locale } : {})
	});
	await context.addInitScript({ content: MARK_STARTED });
	const page = await context.newPage();
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	page.goto = async (...args: Parameters<Page['goto']>) => {
		const response = await goto(...args);
		await hydrated(page);
		return response;
	};
	page.reload = async (...args: Parameters<Page['reload']>) => {
		const response = await reload(...args);
		await hydrated(page);
		return response;
	};
	return page;
}

/** Screenshots land in test-results/screens, to be looked at. */
export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync('test-results/screens', { recursive: true });
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mail', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function register(page: Page, name: string, email: string, password: string) {
	await page.getByLabel('Your name').fill(name);
	// The password's hint mentions the e-mail address, so labels are matched exactly.
	await page.getByLabel('E-mail', { exact: true }).fill(email);
	await page.getByLabel(/^Password/).fill(password);
	await page.getByRole('button', { name: 'Create account' }).click();
}

/** A unique e-mail per test run, so journeys never collide. */
export function uniqueEmail(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}@e2e.example`;
}

/** Direct access to the test server's database, for setting up states no page can (expiry). */
export function database(): Database.Database {
	return new Database(inject('databasePath'));
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and fails on any WCAG 2 A/AA violation. `exclude` leaves out
 * third-party widgets the app does not render itself (the SurveyJS Creator's own markup).
 */
export async function expectAccessible(page: Page, exclude: string[] = []): Promise<void> {
	await page.addScriptTag({ content: axeSource });
	const violations = await page.evaluate(async (exclude) => {
		const axe = (
			window as unknown as {
				axe: {
					run: (
						ctx: Document | { exclude: string[][] },
						opts: object
					) => Promise<{
						violations: { id: string; help: string; nodes: { target: string[] }[] }[];
					}>;
				};
			}
		).axe;
		const context = exclude.length ? { exclude: exclude.map((e) => [e]) } : document;
		const result = await axe.run(context, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
		return result.violations.map(
			(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
		);
	}, exclude);
	expect(violations).toEqual([]);
}
