/**
 * Taking an assessment (issue 4): autosaved drafts that survive a reload, a lost network and a
 * closed tab; server-validated submission; the read-only submitted and closed states.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, useBrowser } from './browser';
import { createOrganisation, expectText, registerNew, userId, withDatabase } from './flows';

const { browser } = useBrowser();

const INSTRUMENT = 'chamber-diversity';
const survey = JSON.parse(readFileSync(`surveys/${INSTRUMENT}/survey.json`, 'utf8')) as {
	pages: {
		name: string;
		title: { default: string; de: string };
		elements: { type: string; name: string; choices?: { value: string }[] }[];
	}[];
};
const pageTitle = (name: string) => survey.pages.find((p) => p.name === name)!.title.default;

const Q_CLIENTS = /How many migrant entrepreneurs and would-be founders/;
const Q_REGION = /Which best describes the area your chamber covers/;
const SAVED = /^All changes saved/;
const OFFLINE =
	'Offline — your answers are kept on this device and will be sent when you are back online';

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/**
 * The seed opens a round of each instrument for every organisation type; should it not (an
 * older seed), the test opens one itself.
 */
function openChamberRound(): string {
	return withDatabase((db) => {
		const found = db
			.prepare(
				`select id from round where instrument_key = ? and status = 'open'
				 and starts_on <= ? and ends_on >= ? and organisation_types like '%"chamber"%'
				 order by created_at desc limit 1`
			)
			.get(INSTRUMENT, today(), today()) as { id: string } | undefined;
		if (found) return found.id;
		return insertRound('E2E open round', 'open');
	});
}

function insertRound(name: string, status: 'open' | 'closed'): string {
	const id = `e2e-${status}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	withDatabase((db) =>
		db
			.prepare(
				`insert into round (id, instrument_key, version_id, name, starts_on, ends_on, organisation_types, status, created_at)
				 values (?, ?, (select id from instrument_version where instrument_key = ? order by version desc limit 1),
				 ?, ?, ?, '["chamber"]', ?, ?)`
			)
			.run(id, INSTRUMENT, INSTRUMENT, name, today(), today(), status, Date.now())
	);
	return id;
}

interface StoredResponse {
	status: 'draft' | 'submitted';
	draftData: Record<string, unknown>;
	submittedData: Record<string, unknown> | null;
	currentPage: string | null;
	draftRevision: number;
}

function storedResponse(email: string, roundId: string, kind = 'individual'): StoredResponse {
	const row = withDatabase(
		(db) =>
			db
				.prepare(
					`select status, draft_data, submitted_data, current_page, draft_revision from response
					 where user_id = ? and round_id = ? and kind = ?`
				)
				.get(userId(email), roundId, kind) as
				| {
						status: 'draft' | 'submitted';
						draft_data: string;
						submitted_data: string | null;
						current_page: string | null;
						draft_revision: number;
				  }
				| undefined
	);
	if (!row) throw new Error(`No response of ${email} in ${roundId}`);
	return {
		status: row.status,
		draftData: JSON.parse(row.draft_data) as Record<string, unknown>,
		submittedData: row.submitted_data
			? (JSON.parse(row.submitted_data) as Record<string, unknown>)
			: null,
		currentPage: row.current_page,
		draftRevision: row.draft_revision
	};
}

/** Waits until the server holds what the test expects (autosave is debounced). */
async function expectStored(
	email: string,
	roundId: string,
	check: (r: StoredResponse) => boolean
): Promise<StoredResponse> {
	await expect.poll(() => check(storedResponse(email, roundId)), { timeout: 10_000 }).toBe(true);
	return storedResponse(email, roundId);
}

/** A fresh respondent administering a fresh chamber, so journeys never collide. */
async function freshRespondent(label: string, width = 1280) {
	const page = await newPage(browser(), width);
	const person = await registerNew(page, `${label} Respondent`, label.toLowerCase());
	const orgId = await createOrganisation(page, {
		name: `${label} Kammer ${Date.now().toString(36)}`,
		type: 'Chamber of commerce',
		country: 'Germany',
		region: 'Köln',
		size: '21–100 people',
		budget: '€1–5 million',
		languages: ['German']
	});
	return { page, person, orgId };
}

/** What a phone shows at once (the full-page screenshot of a phone is too tall to judge). */
async function viewportShot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `test-results/screens/${name}.png` });
}

async function openForm(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('.sd-root-modern').waitFor();
}

const status = (page: Page) => page.getByTestId('save-status');
const currentPageTitle = (page: Page) => page.locator('.sd-page__title').first();
const radioGroup = (page: Page, title: RegExp) => page.getByRole('radiogroup', { name: title });

/** Picks the option with this label in the question with this title (a click on its label). */
async function choose(page: Page, title: RegExp, option: string): Promise<void> {
	await radioGroup(page, title).getByText(option, { exact: true }).click();
}

async function goToSection(page: Page, name: string): Promise<void> {
	const nav = page.getByRole('navigation', { name: 'Sections' });
	if (!(await nav.getByRole('list').isVisible())) await nav.getByText('Sections').click();
	await nav.getByRole('button', { name: new RegExp(`^${name}`) }).click();
	await expectText(currentPageTitle(page), name);
}

/** Answers of every scored question (second option) plus the context questions given. */
function completeAnswers(context: Record<string, unknown>): Record<string, unknown> {
	const data: Record<string, unknown> = { ...context };
	for (const p of survey.pages.filter((p) => p.name !== 'context'))
		for (const e of p.elements) if (e.type === 'radiogroup') data[e.name] = e.choices![1].value;
	return data;
}

/** Saves a draft through the app's own endpoint, from the page (same origin, session cookie). */
async function saveDraftFromPage(
	page: Page,
	draftUrl: string,
	body: { data: Record<string, unknown>; currentPage: string; revision: number }
): Promise<number> {
	return page.evaluate(
		async ({ url, body }) =>
			(
				await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ kind: 'individual', ...body })
				})
			).status,
		{ url: draftUrl, body }
	);
}

let roundId = '';
beforeAll(() => {
	roundId = openChamberRound();
});

describe('answering an assessment', () => {
	let page: Page;
	let email = '';
	let assessPath = '';

	beforeAll(async () => {
		const fresh = await freshRespondent('Draft');
		page = fresh.page;
		email = fresh.person.email;
		assessPath = `/orgs/${fresh.orgId}/rounds/${roundId}/assess`;
	});
	afterAll(async () => {
		await page?.context().close();
	});

	it('saves answers as they are given, from the keyboard too, and restores answers and page on reload', async () => {
		await openForm(page, assessPath);
		const roundName = withDatabase(
			(db) =>
				(db.prepare('select name from round where id = ?').get(roundId) as { name: string }).name
		);
		await page.getByRole('heading', { level: 2, name: roundName }).waitFor();
		await expectText(status(page), SAVED);
		await expectText(currentPageTitle(page), pageTitle('context'));

		// SurveyJS checks required questions before the next page.
		await page.getByRole('button', { name: 'Next' }).click();
		await expectText(currentPageTitle(page), pageTitle('context'));
		await page.getByText('Response required.').first().waitFor();

		// Keyboard only: type the number, pick the region with the arrow keys, tick a programme.
		await page.getByRole('spinbutton', { name: Q_CLIENTS }).focus();
		await page.keyboard.type('120');
		await page.getByRole('radio', { name: 'Mainly urban (a city or metropolitan area)' }).focus();
		await page.keyboard.press('ArrowDown');
		await page.getByRole('checkbox', { name: 'Coaching or mentoring' }).focus();
		await page.keyboard.press('Space');
		await expectText(status(page), /^Saving…$/);
		await expectText(status(page), SAVED);
		await expectStored(
			email,
			roundId,
			(r) =>
				r.draftData.ctx_migrant_clients === 120 &&
				r.draftData.ctx_region_type === 'mixed' &&
				JSON.stringify(r.draftData.ctx_programmes) === '["mentoring"]'
		);

		// Next from the keyboard lands on the new page's title, not on a button at its foot.
		await page.getByRole('button', { name: 'Next' }).focus();
		await page.keyboard.press('Enter');
		await expectText(currentPageTitle(page), pageTitle('strategy'));
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
			.toBe(pageTitle('strategy'));
		await choose(
			page,
			/How does your chamber's leadership show its commitment/,
			'Leadership supports individual initiatives when asked, but rarely speaks about them.'
		);
		await choose(page, /Does your chamber have a written diversity strategy/, 'Partly');
		await expectText(status(page), SAVED);
		await expectStored(
			email,
			roundId,
			(r) => r.currentPage === 'strategy' && r.draftData.strategy_written === 'partly'
		);
		await expectText(
			page.getByRole('navigation', { name: 'Sections' }),
			/Section 2 of 9 · 5 of \d+ questions answered/
		);

		// Half-way through: reload, and everything is where it was.
		await page.reload();
		await page.locator('.sd-root-modern').waitFor();
		await expectText(currentPageTitle(page), pageTitle('strategy'));
		expect(
			await radioGroup(page, /Does your chamber have a written diversity strategy/)
				.getByRole('radio', { name: 'Partly', exact: true })
				.isChecked()
		).toBe(true);
		await goToSection(page, pageTitle('context'));
		await expect
			.poll(() => page.getByRole('spinbutton', { name: Q_CLIENTS }).inputValue())
			.toBe('120');
		expect(
			await radioGroup(page, Q_REGION)
				.getByRole('radio', { name: 'Mixed urban and rural' })
				.isChecked()
		).toBe(true);
		await goToSection(page, pageTitle('strategy'));

		await screenshot(page, 'assess-form-desktop');
		await expectAccessible(page);
	});

	it('keeps answers given offline on the device and sends them when the network is back', async () => {
		await expectText(currentPageTitle(page), pageTitle('strategy'));
		await page.context().setOffline(true);
		await choose(page, /How concrete are your chamber's goals/, 'There are no goals.');
		await choose(page, /Is there a budget earmarked for diversity/, 'No');
		await expectText(status(page), OFFLINE);
		await screenshot(page, 'assess-offline');
		await page.evaluate(() => window.scrollTo(0, 0));
		await viewportShot(page, 'assess-offline-top');
		const kept = await page.evaluate(() => {
			const key = Object.keys(localStorage).find((k) => k.startsWith('emen-draft:'));
			return key
				? (JSON.parse(localStorage.getItem(key)!) as { data: Record<string, unknown> })
				: null;
		});
		expect(kept?.data).toMatchObject({ strategy_budget: 'no', strategy_written: 'partly' });
		expect(storedResponse(email, roundId).draftData.strategy_budget).toBeUndefined();

		await page.context().setOffline(false);
		await expectText(status(page), SAVED);
		await expectStored(email, roundId, (r) => r.draftData.strategy_budget === 'no');
		expect(
			await page.evaluate(() =>
				Object.keys(localStorage).filter((k) => k.startsWith('emen-draft:'))
			)
		).toEqual([]);

		await page.reload();
		await page.locator('.sd-root-modern').waitFor();
		expect(
			await radioGroup(page, /Is there a budget earmarked for diversity/)
				.getByRole('radio', { name: 'No', exact: true })
				.isChecked()
		).toBe(true);
	});

	it('restores answers that never reached the server when the assessment is opened again', async () => {
		await expectText(currentPageTitle(page), pageTitle('strategy'));
		const context = page.context();
		// The server cannot be reached, though the browser believes it is online.
		await context.route('**/draft', (route) => route.abort('connectionrefused'));
		await choose(page, /Is a named person or unit responsible for diversity/, 'Yes');
		await expectText(status(page), /^Not saved — retrying\./);
		// The tab is closed while the network is down, so its last-moment save is lost too (the
		// keepalive save on closing goes around page routes: the network must be off for it).
		await context.setOffline(true);
		await page.close();
		await context.setOffline(false);
		await context.unroute('**/draft');
		expect(storedResponse(email, roundId).draftData.strategy_responsibility).toBeUndefined();

		// Same browser, later: the device's newer copy is restored and sent. (Chromium may still
		// deliver the closed tab's keepalive save once the network is back; then the server has
		// the answer already and the device has nothing newer to restore. Either way nothing is
		// lost, which the checks below hold.)
		const reachedServerMeanwhile =
			storedResponse(email, roundId).draftData.strategy_responsibility !== undefined;
		page = await context.newPage();
		await page.goto(assessPath);
		await page.locator('.sd-root-modern').waitFor();
		if (!reachedServerMeanwhile)
			await page
				.getByText(/Answers kept on this device that had not reached the server were restored/)
				.waitFor();
		await expectText(currentPageTitle(page), pageTitle('strategy'));
		expect(
			await radioGroup(page, /Is a named person or unit responsible for diversity/)
				.getByRole('radio', { name: 'Yes', exact: true })
				.isChecked()
		).toBe(true);
		await expectText(status(page), SAVED);
		await expectStored(email, roundId, (r) => r.draftData.strategy_responsibility === 'yes');
	});

	it('shows the questionnaire in German or French on request', async () => {
		await page.getByLabel('Questionnaire language').selectOption({ label: 'Deutsch' });
		await expectText(currentPageTitle(page), survey.pages[1].title.de);
		await page.getByRole('button', { name: 'Weiter' }).waitFor();
		expect(await page.locator('.survey-host').getAttribute('lang')).toBe('de');
		await page.reload();
		await page.locator('.sd-root-modern').waitFor();
		await expectText(currentPageTitle(page), survey.pages[1].title.de);
		await page.getByLabel('Questionnaire language').selectOption({ label: 'Français' });
		await page.getByRole('button', { name: 'Suivant' }).waitFor();
		await page.getByLabel('Questionnaire language').selectOption({ label: 'English' });
		await expectText(currentPageTitle(page), pageTitle('strategy'));
	});

	it('fits a phone screen', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.reload();
		await page.locator('.sd-root-modern').waitFor();
		await expectText(status(page), SAVED);
		// The sections fold away on a phone; the progress stays in view.
		await expectText(page.getByRole('navigation', { name: 'Sections' }), /Section 2 of 9/);
		expect(await page.getByRole('button', { name: /^About your chamber/ }).isVisible()).toBe(false);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		await screenshot(page, 'assess-form-phone');
		await viewportShot(page, 'assess-form-phone-top');
		await page.getByRole('navigation', { name: 'Sections' }).getByText('Sections').click();
		await viewportShot(page, 'assess-form-phone-sections');
		await page.getByRole('button', { name: 'Next' }).scrollIntoViewIfNeeded();
		await viewportShot(page, 'assess-form-phone-foot');
		await expectAccessible(page);
	});
});

describe('submitting an assessment', () => {
	let page: Page;
	let email = '';
	let orgId = '';
	let roundPath = '';

	beforeAll(async () => {
		const fresh = await freshRespondent('Submit');
		({ page, orgId } = fresh);
		email = fresh.person.email;
		roundPath = `/orgs/${orgId}/rounds/${roundId}`;
	});
	afterAll(async () => {
		await page?.context().close();
	});

	it('refuses a submission missing a required context answer, shows it on the question and stores nothing', async () => {
		// A draft from elsewhere, left on the last page with a required answer missing: SurveyJS
		// only checks the page it shows, the server checks everything.
		await page.goto(`/orgs/${orgId}`);
		const saved = await saveDraftFromPage(page, `${roundPath}/draft`, {
			data: completeAnswers({ ctx_region_type: 'rural' }),
			currentPage: 'policy',
			revision: 1
		});
		expect(saved).toBe(200);

		await openForm(page, `${roundPath}/assess`);
		await expectText(currentPageTitle(page), pageTitle('policy'));
		await page.getByRole('button', { name: 'Complete' }).click();

		const summary = page.getByRole('alert').filter({ hasText: 'need your attention' });
		await summary.waitFor();
		await expectText(summary, /How many migrant entrepreneurs.*\n+An answer is required\./s);
		// The form went to the failing page and marked the question.
		await expectText(currentPageTitle(page), pageTitle('context'));
		await expectText(
			page.locator('.sd-question').filter({ hasText: Q_CLIENTS }).locator('.sd-question__erbox'),
			'An answer is required.'
		);
		await screenshot(page, 'assess-submit-refused');
		await viewportShot(page, 'assess-submit-refused-top');
		const stored = storedResponse(email, roundId);
		expect(stored.status).toBe('draft');
		expect(stored.submittedData).toBeNull();
		expect(page.url()).toContain('/assess');

		// The summary's link puts the focus in the question.
		await summary.getByRole('button', { name: Q_CLIENTS }).click();
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
			.toBe('number');
		await page.keyboard.type('42');
		// An answer to a question that is then hidden stays in the draft but is not submitted
		// (the server refuses answers to hidden questions).
		const programmes = page.locator('.sd-question').filter({ hasText: /Which programmes/ });
		await programmes.getByText('Other', { exact: true }).click();
		await page.getByRole('textbox', { name: /Which other programmes/ }).fill('Language cafés');
		await programmes.getByText('Other', { exact: true }).click();
		await expectText(status(page), SAVED);
		await expectStored(
			email,
			roundId,
			(r) =>
				r.draftData.ctx_migrant_clients === 42 &&
				r.draftData.ctx_programmes_other === 'Language cafés' &&
				JSON.stringify(r.draftData.ctx_programmes ?? []) === '[]'
		);
	});

	it('submits a complete assessment and goes to the results', async () => {
		await goToSection(page, pageTitle('policy'));
		await page.getByRole('button', { name: 'Complete' }).click();
		await page.waitForURL((url) => url.pathname === `${roundPath}/results`);
		const stored = storedResponse(email, roundId);
		expect(stored.status).toBe('submitted');
		expect(stored.submittedData).toMatchObject({
			ctx_migrant_clients: 42,
			policy_sharing: 'partly'
		});
		expect(stored.submittedData).not.toHaveProperty('ctx_programmes_other');
	});

	it('shows a submitted assessment read-only, with its results, and reopens it as a draft', async () => {
		await openForm(page, `${roundPath}/assess`);
		const notice = page.getByTestId('submitted-notice');
		await expectText(notice, /^Your answers were submitted on .+\. They are shown read-only\./);
		await notice.waitFor();
		expect(await notice.getByRole('link', { name: 'See the results' }).getAttribute('href')).toBe(
			`${roundPath}/results`
		);
		// Display mode: all sections on one page, nothing to change, nothing being saved.
		await page.getByText(pageTitle('policy')).waitFor();
		expect(await page.getByRole('spinbutton', { name: Q_CLIENTS }).isEditable()).toBe(false);
		expect(await status(page).count()).toBe(0);
		await screenshot(page, 'assess-submitted');
		await viewportShot(page, 'assess-submitted-top');
		await expectAccessible(page);

		await notice.getByRole('button', { name: 'Reopen as a draft' }).click();
		await expectText(status(page), SAVED);
		// Back where the person left off (the last page), editable again.
		await page.getByRole('button', { name: 'Complete' }).waitFor();
		await expectText(currentPageTitle(page), pageTitle('policy'));
		expect(
			await radioGroup(page, /Does your chamber share its experience/)
				.getByRole('radio', { name: 'Yes', exact: true })
				.isEditable()
		).toBe(true);
		expect(storedResponse(email, roundId).status).toBe('draft');
	});

	it('shows a closed round read-only with a notice', async () => {
		const closedRound = insertRound('E2E closed round', 'closed');
		withDatabase((db) =>
			db
				.prepare(
					`insert into response (id, round_id, organisation_id, user_id, kind, version_id, status, draft_data, current_page, draft_revision)
					 values (?, ?, ?, ?, 'individual', (select version_id from round where id = ?), 'draft', ?, 'strategy', 3)`
				)
				.run(
					`e2e-resp-${Date.now().toString(36)}`,
					closedRound,
					orgId,
					userId(email),
					closedRound,
					JSON.stringify({ ctx_migrant_clients: 7, strategy_written: 'yes' })
				)
		);
		await openForm(page, `/orgs/${orgId}/rounds/${closedRound}/assess`);
		await page
			.getByText('This round is closed, so these draft answers can no longer be changed')
			.waitFor();
		expect(await page.getByRole('spinbutton', { name: Q_CLIENTS }).inputValue()).toBe('7');
		expect(await page.getByRole('spinbutton', { name: Q_CLIENTS }).isEditable()).toBe(false);
		expect(await page.getByRole('button', { name: 'Complete' }).count()).toBe(0);
		expect(await status(page).count()).toBe(0);
	});

	it('names the organisation when the administrator edits the agreed answers', async () => {
		withDatabase((db) =>
			db
				.prepare(
					`insert into response (id, round_id, organisation_id, user_id, kind, version_id, status, draft_data)
					 values (?, ?, ?, ?, 'agreed', (select version_id from round where id = ?), 'draft', '{}')`
				)
				.run(`e2e-agreed-${Date.now().toString(36)}`, roundId, orgId, userId(email), roundId)
		);
		await openForm(page, `${roundPath}/assess?as=agreed`);
		const orgName = withDatabase(
			(db) =>
				(db.prepare('select name from organisation where id = ?').get(orgId) as { name: string })
					.name
		);
		await page.getByRole('heading', { level: 2, name: `Agreed answers of ${orgName}` }).waitFor();
		await page.getByRole('spinbutton', { name: Q_CLIENTS }).fill('300');
		await expectText(status(page), SAVED);
		await expect
			.poll(
				() =>
					withDatabase(
						(db) =>
							db
								.prepare(
									`select draft_data from response where round_id = ? and organisation_id = ? and kind = 'agreed'`
								)
								.get(roundId, orgId) as { draft_data: string }
					).draft_data
			)
			.toContain('"ctx_migrant_clients":300');
	});
});
