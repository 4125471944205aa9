/**
 * "My results" and "Several respondents" (issue 4): two respondents of a fresh organisation
 * submit different answers → the results page shows the median, draws the radar, flags the
 * divergent dimension, explains every figure and compares with the previous round; the
 * administrator then records agreed answers from the team page → the results come from them.
 * Screenshots (desktop, phone, print) and a PDF land in test-results/ to be looked at.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, expectAccessible, newPage, screenshot, useBrowser } from './browser';
import {
	createOrganisation,
	expectText,
	insertInvitation,
	registerNew,
	userId,
	withDatabase,
	type Person
} from './flows';

const { browser } = useBrowser();

const INSTRUMENT = 'chamber-diversity';
const STAMP = Date.now().toString(36);
// Type "Other": no demo organisation has it, so these rounds show on no other test's pages.
const ORG = {
	name: `Lyon Diversité Entreprendre ${STAMP}`,
	type: 'Other',
	country: 'France',
	region: 'Lyon',
	size: '6–20 people',
	budget: '€50,000–250,000',
	languages: ['French']
};
const PREVIOUS_ROUND = `Autumn 2026 ${STAMP}`;
const CURRENT_ROUND = `Spring 2027 ${STAMP}`;

// ---------------------------------------------------------------------------------------------
// Answers built from the instrument itself, and an independent reckoning of what they score.

interface Choice {
	value: string;
	text: { default: string };
	points?: number;
	exclude?: string;
}
interface SurveyQuestion {
	name: string;
	title: { default: string };
	dimension?: string;
	weight?: number;
	gateLevel?: number;
	gateThreshold?: number;
	choices?: Choice[];
}

const survey = JSON.parse(readFileSync(`surveys/${INSTRUMENT}/survey.json`, 'utf8')) as {
	pages: { elements: SurveyQuestion[] }[];
};
const model = JSON.parse(readFileSync(`surveys/${INSTRUMENT}/model.json`, 'utf8')) as {
	dimensions: { key: string; weight?: number; name: { default: string } }[];
};
const scoredQuestions = survey.pages.flatMap((p) => p.elements).filter((q) => q.dimension);
const byName = Object.fromEntries(scoredQuestions.map((q) => [q.name, q]));
const pointsOf = (q: SurveyQuestion) =>
	(q.choices ?? []).filter((c) => typeof c.points === 'number') as Required<Choice>[];
const maxOption = (q: SurveyQuestion) =>
	pointsOf(q).reduce((a, b) => (b.points > a.points ? b : a)).value;
const minOption = (q: SurveyQuestion) =>
	pointsOf(q).reduce((a, b) => (b.points < a.points ? b : a)).value;
/** The option with half the maximum points, rounded down: l3, "partly", "sometimes". */
const midOption = (q: SurveyQuestion) => {
	const max = Math.max(...pointsOf(q).map((c) => c.points));
	return pointsOf(q).find((c) => c.points === Math.floor(max / 2))!.value;
};

type Answers = Record<string, unknown>;
const CONTEXT: Answers = { ctx_migrant_clients: 40, ctx_region_type: 'urban' };

function answerEvery(pick: (q: SurveyQuestion) => string | undefined): Answers {
	const data: Answers = { ...CONTEXT };
	for (const q of scoredQuestions) {
		const value = pick(q);
		if (value !== undefined) data[q.name] = value;
	}
	return data;
}

/** Both respondents: a committee gate left unmet (workforce capped at level 3), too few policy answers. */
const SHARED: Record<string, string> = {
	workforce_committees: 'partly',
	policy_advocacy: 'dk',
	policy_mainstreaming: 'dk',
	policy_authorities: 'dk',
	policy_evidence: 'dk',
	monitoring_outcomes: 'na'
};
const HIGH = answerEvery((q) => SHARED[q.name] ?? maxOption(q));
/** Like HIGH, but nothing in strategy (divergent: 0 against 100) and one lower outreach answer. */
const LOW = answerEvery((q) =>
	q.dimension === 'strategy'
		? minOption(q)
		: q.name === 'outreach_languages'
			? 'l4'
			: (SHARED[q.name] ?? maxOption(q))
);
const MID = answerEvery(midOption);
/** What the team agrees on: LOW's answers (copied on the team page) with a middling strategy. */
const AGREED = {
	...LOW,
	...answerEvery((q) => (q.dimension === 'strategy' ? midOption(q) : undefined))
};

/** DOMAIN.md's scoring rules, written out again here so the page is checked against them. */
function dimensionScores(data: Answers): Record<string, number | null> {
	const scores: Record<string, number | null> = {};
	for (const d of model.dimensions) {
		const qs = scoredQuestions.filter((q) => q.dimension === d.key);
		let sum = 0;
		let weights = 0;
		let answered = 0;
		for (const q of qs) {
			const choice = q.choices?.find((c) => c.value === data[q.name]);
			if (!choice || typeof choice.points !== 'number') continue;
			const max = Math.max(...pointsOf(q).map((c) => c.points));
			sum += (q.weight ?? 1) * (choice.points / max);
			weights += q.weight ?? 1;
			answered++;
		}
		scores[d.key] = answered * 2 < qs.length ? null : (100 * sum) / weights;
	}
	return scores;
}

function overallIndex(scores: Record<string, number | null>): number {
	let sum = 0;
	let weights = 0;
	for (const d of model.dimensions) {
		const s = scores[d.key];
		if (s === null) continue;
		sum += (d.weight ?? 1) * s;
		weights += d.weight ?? 1;
	}
	return sum / weights;
}

const median2 = (a: number | null, b: number | null) =>
	a === null || b === null ? (a ?? b) : (a + b) / 2;

// ---------------------------------------------------------------------------------------------
// Setting up: people, organisation, rounds, submissions through the app's own endpoints.

function insertRound(name: string, startsOn: string): string {
	const id = `e2e-round-${name.replace(/\W+/g, '-').toLowerCase()}`;
	withDatabase((db) => {
		const version = db
			.prepare(
				`select id from instrument_version where instrument_key = ? and status = 'published'
				 order by version desc limit 1`
			)
			.get(INSTRUMENT) as { id: number } | undefined;
		if (!version) throw new Error(`No published version of ${INSTRUMENT}`);
		db.prepare(
			`insert into round (id, instrument_key, version_id, name, starts_on, ends_on,
			 organisation_types, status) values (?, ?, ?, ?, ?, ?, ?, 'open')`
		).run(id, INSTRUMENT, version.id, name, startsOn, daysFromToday(60), JSON.stringify(['other']));
	});
	return id;
}

function daysFromToday(days: number): string {
	return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Saves a draft and submits it, as the assessment form does, from the page's own session. */
async function submitAnswers(
	page: Page,
	orgId: string,
	roundId: string,
	data: Answers,
	kind: 'individual' | 'agreed' = 'individual'
): Promise<void> {
	const path = `/orgs/${orgId}/rounds/${roundId}`;
	const headers = { origin: baseURL() };
	if (kind === 'individual') {
		const draft = await page.request.post(`${path}/draft`, {
			headers,
			data: { kind, data, currentPage: null, revision: 1 }
		});
		expect(draft.status(), await draft.text()).toBe(200);
	}
	const submit = await page.request.post(`${path}/submit`, { headers, data: { kind, data } });
	expect(submit.status(), await submit.text()).toBe(200);
}

/** Share of the canvas's pixels that are painted: a drawn radar covers a good part of it. */
function paintedShare(page: Page): Promise<number> {
	return page.locator('figure.radar canvas').evaluate((canvas: HTMLCanvasElement) => {
		const context = canvas.getContext('2d');
		if (!context || canvas.width === 0) return 0;
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
		let painted = 0;
		for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
		return painted / (canvas.width * canvas.height);
	});
}

const dimensionCard = (page: Page, key: string) => page.locator(`article[data-dimension="${key}"]`);
const modelName = (key: string) => model.dimensions.find((d) => d.key === key)!.name.default;

let admin: Page;
let colleague: Page;
let adminPerson: Person;
let orgId: string;
let previousRoundId: string;
let roundId: string;
let resultsPath: string;

beforeAll(async () => {
	admin = await newPage(browser());
	adminPerson = await registerNew(admin, 'Amina Haddad', 'results-admin');
	orgId = await createOrganisation(admin, ORG);

	colleague = await newPage(browser());
	await registerNew(colleague, 'Jonas Weber', 'results-colleague');
	const invitation = insertInvitation({
		organisationId: orgId,
		invitedBy: userId(adminPerson.email),
		expiresAt: Date.now() + 24 * 3600 * 1000
	});
	await colleague.goto(invitation);
	await colleague.getByRole('button', { name: `Join ${ORG.name}` }).click();
	await colleague.waitForURL(`**/orgs/${orgId}`);

	previousRoundId = insertRound(PREVIOUS_ROUND, daysFromToday(-3));
	roundId = insertRound(CURRENT_ROUND, daysFromToday(0));
	resultsPath = `/orgs/${orgId}/rounds/${roundId}/results`;
});

afterAll(async () => {
	await admin?.context().close();
	await colleague?.context().close();
});

describe('results of a round with several respondents', () => {
	it('shows an empty state until somebody submits', async () => {
		await admin.goto(resultsPath);
		await admin.getByRole('heading', { name: 'No results yet' }).waitFor();
		const answer = admin.getByRole('link', { name: 'Answer the assessment' });
		expect(await answer.getAttribute('href')).toBe(`/orgs/${orgId}/rounds/${roundId}/assess`);
		await admin.getByRole('link', { name: 'See who has started' }).waitFor();
		expect(await admin.getByRole('button', { name: 'Print or save as PDF' }).count()).toBe(0);
		await expectAccessible(admin);
		await screenshot(admin, 'results-01-empty');
	});

	it('shows the median of two different respondents, the radar and the divergent dimension', async () => {
		// Last round: the administrator alone, middling answers; then the round closes.
		await submitAnswers(admin, orgId, previousRoundId, MID);
		withDatabase((db) =>
			db
				.prepare(`update round set status = 'closed', closed_at = ? where id = ?`)
				.run(Date.now(), previousRoundId)
		);
		// This round: one high, one low in strategy.
		await submitAnswers(admin, orgId, roundId, HIGH);
		await submitAnswers(colleague, orgId, roundId, LOW);

		const high = dimensionScores(HIGH);
		const low = dimensionScores(LOW);
		const before = dimensionScores(MID);
		const median = Object.fromEntries(
			model.dimensions.map((d) => [d.key, median2(high[d.key], low[d.key])])
		);
		expect(high.strategy).toBe(100);
		expect(low.strategy).toBe(0);

		await admin.goto(resultsPath);
		await expectText(admin.getByTestId('result-source'), /The median of 2 respondents/);
		await expectText(admin.getByTestId('overall-index'), String(Math.round(overallIndex(median))));
		await expectText(
			admin.locator('.overall'),
			new RegExp(`since ${PREVIOUS_ROUND} \\(was ${Math.round(overallIndex(before))}\\)`)
		);

		// The radar: an image to screen readers, drawn on the canvas.
		const canvas = admin.locator('figure.radar canvas');
		expect(await canvas.getAttribute('role')).toBe('img');
		expect(await canvas.getAttribute('aria-label')).toMatch(
			/Radar chart of the 8 dimension scores/
		);
		await admin.locator('figure.radar[data-drawn="true"]').waitFor();
		expect(await paintedShare(admin)).toBeGreaterThan(0.03);

		// Strategy: median 50 of 0 and 100, divergent, named in the summary and on its card.
		const strategy = dimensionCard(admin, 'strategy');
		await expectText(strategy.locator('.figure'), /^50\s*\/ 100$/);
		await expectText(strategy, /Level 3: Established/);
		await expectText(strategy, /Lowest 0, highest 100: a difference of 100 points/);
		await expectText(
			strategy,
			/Respondents differ by more than 25 points — a topic for your next team meeting/
		);
		const differs = admin.getByRole('region', { name: 'Where your team differs' });
		expect(await differs.getByRole('listitem').allInnerTexts()).toEqual([
			`${modelName('strategy')} (0 to 100)`
		]);
		// Outreach differs by a few points only: not flagged.
		await expectText(
			dimensionCard(admin, 'outreach').locator('.figure'),
			String(Math.round(median.outreach!))
		);
		expect(await dimensionCard(admin, 'outreach').locator('.divergent-note').count()).toBe(0);

		// Workforce: a high score held at level 3 by its unmet committee gate.
		const workforce = dimensionCard(admin, 'workforce');
		await expectText(workforce.locator('.figure'), String(Math.round(median.workforce!)));
		await expectText(
			workforce.locator('.cap'),
			`Capped at level 3 (Established) by the gate question “${byName.workforce_committees.title.default}”, which most respondents did not meet.`
		);

		// Policy: too many "don't know" answers.
		const policy = dimensionCard(admin, 'policy');
		await expectText(policy, /Insufficient data/);
		expect(await policy.locator('.figure').count()).toBe(0);
		await expectText(
			policy,
			new RegExp(`In ${PREVIOUS_ROUND}: ${Math.round(before.policy!)}\\. No comparison`)
		);

		// The change since the previous round, per dimension.
		const delta = Math.round(median.services!) - Math.round(before.services!);
		await expectText(
			dimensionCard(admin, 'services').locator('.change'),
			`+${delta} points since ${PREVIOUS_ROUND}`
		);

		// How was strategy computed: the median sentence, then the viewer's own answers.
		await strategy.getByText('How was this computed?').click();
		const how = strategy.locator('details');
		await expectText(how, /median of the 2 respondents' scores.*Sorted, they are 0, 100/s);
		await expectText(how, /Below are your own answers and how they gave your score of 100/);
		const row = how.getByRole('row').filter({ hasText: byName.strategy_commitment.title.default });
		await expectText(row, /Leadership champions diversity beyond the chamber/);
		await expectText(row, /4 of 4/);
		await expectText(how.locator('.formula'), /^100 × \(2 × 1\.00 \+ 2 × 1\.00 \+ 1 × 1\.00/);
		await expectText(
			how,
			/Met\s*✓ — level 3 \(Established\) needs “Does your chamber have a written/
		);
		// Monitoring leaves out a "not applicable".
		const monitoring = dimensionCard(admin, 'monitoring');
		await monitoring.getByText('How was this computed?').click();
		await expectText(
			monitoring.getByRole('row').filter({ hasText: 'Not applicable: left out' }),
			/Not applicable/
		);

		// The administrator sees who answered; links to the team page.
		const respondents = admin.getByRole('region', { name: /Respondents \(2\)/ });
		await expectText(respondents, /Amina Haddad/);
		await expectText(respondents, /Jonas Weber/);
		await admin.getByRole('link', { name: 'Team and agreed answers' }).waitFor();

		// By keyboard: an explanation opens with Enter on its summary.
		const outreachHow = dimensionCard(admin, 'outreach').locator('details');
		await outreachHow.locator('summary').focus();
		await admin.keyboard.press('Enter');
		expect(await outreachHow.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
		// The print button prints (the dialog itself is stubbed: headless Chromium has none).
		await admin.evaluate(() => {
			window.print = () => document.body.setAttribute('data-printed', 'yes');
		});
		await admin.getByRole('button', { name: 'Print or save as PDF' }).click();
		expect(await admin.locator('body').getAttribute('data-printed')).toBe('yes');

		await expectAccessible(admin);
		await screenshot(admin, 'results-02-median-desktop');
	});

	it('shows no names and no team link to a respondent', async () => {
		await colleague.goto(resultsPath);
		await expectText(colleague.getByTestId('result-source'), /The median of 2 respondents/);
		await colleague.locator('figure.radar[data-drawn="true"]').waitFor();
		expect(await colleague.getByRole('region', { name: /Respondents/ }).count()).toBe(0);
		expect(await colleague.getByText('Amina Haddad').count()).toBe(0);
		expect(await colleague.getByRole('link', { name: 'Team and agreed answers' }).count()).toBe(0);
		// The respondent's own answers explain the figures: their strategy score is 0.
		const strategy = dimensionCard(colleague, 'strategy');
		await strategy.getByText('How was this computed?').click();
		await expectText(strategy.locator('details'), /how they gave your score of 0\b/);
		// The team page is the administrator's alone.
		const team = await colleague.request.get(`/orgs/${orgId}/rounds/${roundId}/team`);
		expect(team.status()).toBe(403);
	});

	it('works on a phone and prints cleanly on A4', async () => {
		const phone = await newPage(browser(), 390);
		await phone.context().addCookies(await admin.context().cookies());
		await phone.goto(resultsPath);
		await phone.locator('figure.radar[data-drawn="true"]').waitFor();
		expect(await paintedShare(phone)).toBeGreaterThan(0.03);
		const overflow = await phone.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await expectAccessible(phone);
		await screenshot(phone, 'results-03-phone');
		await phone.context().close();

		// Print: navigation and buttons hidden, every explanation open, the chart as a picture.
		await admin.goto(resultsPath);
		await admin.locator('figure.radar[data-drawn="true"]').waitFor();
		await admin.emulateMedia({ media: 'print' });
		expect(await admin.locator('header.site').isVisible()).toBe(false);
		expect(await admin.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
			false
		);
		expect(await admin.locator('.print-only-chart').isVisible()).toBe(true);
		expect(
			await admin.locator('.print-only-chart').evaluate((img: HTMLImageElement) => img.naturalWidth)
		).toBeGreaterThan(200);
		await expect
			.poll(() => dimensionCard(admin, 'partnerships').locator('.formula').isVisible())
			.toBe(true);
		await screenshot(admin, 'results-04-print');
		mkdirSync('test-results', { recursive: true });
		await admin.pdf({ path: 'test-results/results.pdf', format: 'A4', printBackground: true });
		const pdf = readFileSync('test-results/results.pdf', 'latin1');
		const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
		expect(pages).toBeGreaterThanOrEqual(2);
		// The radar is in the PDF as a picture (a broken one would leave only its alt text).
		expect(pdf).toMatch(/\/Subtype\s*\/Image/);
		expect(
			await admin.locator('.print-only-chart').evaluate((img: HTMLImageElement) => img.naturalWidth)
		).toBeGreaterThan(200);
		expect(statSync('test-results/results.pdf').size).toBeGreaterThan(50_000);
		await admin.emulateMedia({ media: 'screen' });
	});

	it('lets the administrator record agreed answers, which then make the result', async () => {
		await admin.goto(`/orgs/${orgId}/rounds/${roundId}/team`);
		await admin.getByRole('heading', { name: `Team: ${CURRENT_ROUND}` }).waitFor();
		for (const name of ['Amina Haddad', 'Jonas Weber'])
			await expectText(admin.getByRole('row').filter({ hasText: name }), /Submitted/);
		await expectText(admin.getByTestId('agreed-status'), 'Not started yet.');
		await expectText(admin.locator('main'), /the team meets and agrees on one set of answers/);
		await expectAccessible(admin);
		await screenshot(admin, 'results-05-team');
		const phone = await newPage(browser(), 390);
		await phone.context().addCookies(await admin.context().cookies());
		await phone.goto(`/orgs/${orgId}/rounds/${roundId}/team`);
		expect(
			await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
		).toBeLessThanOrEqual(0);
		await expectAccessible(phone);
		await screenshot(phone, 'results-05-team-phone');
		await phone.context().close();

		const from = admin.getByLabel(/Start from/);
		const copy = await from
			.locator('option', { hasText: "Copy of Jonas Weber's answers" })
			.getAttribute('value');
		expect(copy).toBeTruthy();
		await from.selectOption(copy!);
		await admin.getByRole('button', { name: 'Start the agreed answers' }).click();
		await admin.waitForURL(`**/orgs/${orgId}/rounds/${roundId}/assess?as=agreed`);
		// The agreed draft starts as a copy of the colleague's submission.
		const copied = withDatabase(
			(db) =>
				db
					.prepare(
						`select draft_data as data from response where round_id = ? and organisation_id = ? and kind = 'agreed'`
					)
					.get(roundId, orgId) as { data: string }
		);
		expect(JSON.parse(copied.data)).toEqual(LOW);

		await submitAnswers(admin, orgId, roundId, AGREED, 'agreed');

		await admin.goto(`/orgs/${orgId}/rounds/${roundId}/team`);
		await expectText(
			admin.getByTestId('agreed-status'),
			/Submitted\s+on .*the results now come from the agreed answers/
		);
		await admin.getByRole('link', { name: 'View the agreed answers' }).waitFor();

		const agreed = dimensionScores(AGREED);
		await admin.goto(resultsPath);
		await expectText(admin.getByTestId('result-source'), /From the answers your team agreed on/);
		await expectText(admin.getByTestId('overall-index'), String(Math.round(overallIndex(agreed))));
		const strategy = dimensionCard(admin, 'strategy');
		await expectText(strategy.locator('.figure'), String(Math.round(agreed.strategy!)));
		// The spread still shows the respondents, and still flags them.
		await expectText(strategy, /Respondents differ by more than 25 points/);
		// The gate that caps workforce, named from the agreed answers.
		await expectText(
			dimensionCard(admin, 'workforce').locator('.cap'),
			`Capped at level 3 (Established) by the gate question “${byName.workforce_committees.title.default}”.`
		);
		await strategy.getByText('How was this computed?').click();
		await expectText(strategy.locator('details'), /comes from the answers your team agreed on/);
		await expectText(strategy.locator('details h4').first(), 'The agreed answers');
		await admin.locator('figure.radar[data-drawn="true"]').waitFor();
		await expectAccessible(admin);
		await screenshot(admin, 'results-06-agreed');

		// Everyone now reads the agreed answers' explanation.
		await colleague.goto(resultsPath);
		await expectText(
			colleague.getByTestId('result-source'),
			/From the answers your team agreed on/
		);
	});
});
