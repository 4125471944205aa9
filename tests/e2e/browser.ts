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

export async function newPage(browser: Browser, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		baseURL: baseURL(),
		viewport: { width, height: 900 }
	});
	return context.newPage();
}

/** Screenshots land in test-results/screens, to be looked at. */
export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync('test-results/screens', { recursive: true });
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function register(page: Page, name: string, email: string, password: string) {
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
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

/** Runs axe-core in the page and fails on any WCAG 2 A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
	await page.addScriptTag({ content: axeSource });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run: (
						ctx: Document,
						opts: object
					) => Promise<{
						violations: { id: string; help: string; nodes: { target: string[] }[] }[];
					}>;
				};
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
		return result.violations.map(
			(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
		);
	});
	expect(violations).toEqual([]);
}
