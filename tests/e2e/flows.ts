/**
 * Steps the journeys share: registering a fresh person, creating an organisation through the
 * form, reading the test server's database, and sending requests the way another site would.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseURL, database, register, uniqueEmail } from './browser';

/** A password that passes every rule (length, not the e-mail, not a common one). */
export const GOOD_PASSWORD = 'Correct-Horse-Battery-42';

export interface Person {
	name: string;
	email: string;
	password: string;
}

/** Registers a new person through /register and waits for the dashboard. */
export async function registerNew(page: Page, name: string, prefix = 'user'): Promise<Person> {
	const person = { name, email: uniqueEmail(prefix), password: GOOD_PASSWORD };
	await page.goto('/register');
	await register(page, person.name, person.email, person.password);
	await page.waitForURL((url) => url.pathname === '/');
	await page.getByRole('heading', { name: 'Your organisations' }).waitFor();
	return person;
}

export interface OrganisationValues {
	name: string;
	type: string;
	country: string;
	region: string;
	size: string;
	budget: string;
	/** Labels of the working languages to tick, besides English (ticked already). */
	languages: string[];
}

/** Fills the organisation form on /orgs/new and returns the new organisation's id. */
export async function createOrganisation(page: Page, org: OrganisationValues): Promise<string> {
	await page.goto('/orgs/new');
	await page.getByLabel('Name of the organisation').fill(org.name);
	await page.getByLabel('Type').selectOption({ label: org.type });
	await page.getByLabel('Country').selectOption({ label: org.country });
	await page.getByLabel('City or region').fill(org.region);
	await page.getByLabel('People').selectOption({ label: org.size });
	await page.getByLabel('Yearly budget').selectOption({ label: org.budget });
	const languages = page.getByRole('group', { name: 'Working languages' });
	for (const language of org.languages)
		await languages.getByRole('checkbox', { name: language, exact: true }).check();
	await page.getByRole('button', { name: 'Create organisation' }).click();
	await page.waitForURL(/\/orgs\/[^/]+$/);
	await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
	return new URL(page.url()).pathname.split('/')[2];
}

/** Logs out through the header's button (opening the phone menu first when it is closed). */
export async function logOut(page: Page): Promise<void> {
	const menu = page.getByRole('button', { name: 'Menu' });
	if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false')
		await menu.click();
	await page.getByRole('button', { name: 'Log out' }).click();
	await page.waitForURL((url) => url.pathname === '/login');
}

/** Runs a statement against the test server's database and closes the connection. */
export function withDatabase<T>(work: (db: ReturnType<typeof database>) => T): T {
	const db = database();
	db.pragma('busy_timeout = 5000');
	try {
		return work(db);
	} finally {
		db.close();
	}
}

export function userId(email: string): string {
	const row = withDatabase(
		(db) =>
			db.prepare('select id from user where email = ?').get(email) as { id: string } | undefined
	);
	if (!row) throw new Error(`No user ${email}`);
	return row.id;
}

export function organisationId(name: string): string {
	const row = withDatabase(
		(db) =>
			db.prepare('select id from organisation where name = ?').get(name) as
				{ id: string } | undefined
	);
	if (!row) throw new Error(`No organisation ${name}`);
	return row.id;
}

/** The SHA-256 hex the app stores instead of a token (src/lib/server/auth/session.ts). */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * Stores an invitation for a token of our choosing, as the app would have (only its hash).
 * Returns the path of the invitation page.
 */
export function insertInvitation(opts: {
	organisationId: string;
	invitedBy: string;
	expiresAt: number;
	note?: string;
}): string {
	const token = `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
	withDatabase((db) =>
		db
			.prepare(
				`insert into invitation (id, token_hash, organisation_id, invited_by, note, created_at, expires_at)
				 values (?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				`inv-${token}`,
				hashToken(token),
				opts.organisationId,
				opts.invitedBy,
				opts.note ?? '',
				opts.expiresAt - 7 * 24 * 3600 * 1000,
				opts.expiresAt
			)
	);
	return `/invite/${token}`;
}

/** The session cookie of a logged-in browser context, as a Cookie header. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
	const cookies = await context.cookies(baseURL());
	const session = cookies.find((c) => c.name === 'session');
	if (!session) throw new Error('This context is not logged in');
	return `session=${session.value}`;
}

/**
 * Submits a form action from Node (not from the page), with the session cookie and whatever
 * Origin header the test chooses: none at all when `origin` is null.
 */
export async function postForm(
	context: BrowserContext,
	path: string,
	fields: Record<string, string | string[]>,
	origin: string | null
): Promise<{ status: number; text: string }> {
	const body = new URLSearchParams();
	for (const [key, value] of Object.entries(fields))
		for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
	const headers: Record<string, string> = {
		cookie: await cookieHeader(context),
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'text/html'
	};
	if (origin !== null) headers.origin = origin;
	const response = await fetch(new URL(path, baseURL()), {
		method: 'POST',
		headers,
		body,
		redirect: 'manual'
	});
	return { status: response.status, text: await response.text() };
}

/** Waits until a locator's text matches, without a fixed sleep. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
	await expect
		.poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), {
			timeout: 10_000
		})
		.toMatch(expected);
}

/** Waits for the page's answer to a form submission started by `act`. */
export async function submitAndWait(page: Page, act: () => Promise<void>): Promise<void> {
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().startsWith(baseURL())
	);
	await act();
	await answered;
}

/** The first organisation (by name) a person belongs to with this role, from the database. */
export function organisationOf(email: string, role: 'admin' | 'respondent' = 'admin') {
	const row = withDatabase(
		(db) =>
			db
				.prepare(
					`select o.id, o.name from membership m join user u on u.id = m.user_id
					 join organisation o on o.id = m.organisation_id
					 where u.email = ? and m.role = ? order by o.name limit 1`
				)
				.get(email, role) as { id: string; name: string } | undefined
	);
	if (!row) throw new Error(`${email} is no ${role} of any organisation`);
	return row;
}

export function count(sql: string, ...params: unknown[]): number {
	return withDatabase((db) => (db.prepare(sql).get(...params) as { n: number }).n);
}

/** Turns off the browser's own form checks, so the server's refusals can be seen. */
export async function skipBrowserValidation(page: Page): Promise<void> {
	await page.locator('main form').evaluateAll((forms) =>
		forms.forEach((f) => {
			(f as HTMLFormElement).noValidate = true;
			f.querySelectorAll('[maxlength],[minlength]').forEach((el) => {
				el.removeAttribute('maxlength');
				el.removeAttribute('minlength');
			});
		})
	);
}
