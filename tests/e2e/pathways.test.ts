/**
 * Issue 6: the demo chamber opens its pathway, adopts two actions, gives one an owner and a due
 * date, marks the other done and finds it on the progress timeline; then asks a suggested peer
 * for a conversation, and that peer's administrator finds the request on their dashboard and
 * accepts it. The ladder, the library and a respondent's view are visited on the way.
 * Screenshots at 1280 and 390 px land in test-results/screens; axe-core runs on every page.
 */
import { describe, expect, it } from 'vitest';
import { baseURL, expectAccessible, logIn, newPage, screenshot, useBrowser } from './browser';
import {
	expectText,
	logOut,
	organisationOf,
	postForm,
	skipBrowserValidation,
	withDatabase
} from './flows';

const { browser } = useBrowser();

function springRound(): string {
	return withDatabase(
		(db) =>
			(
				db
					.prepare(
						`select id from round where instrument_key = 'chamber-diversity' and name = 'Spring 2026'`
					)
					.get() as { id: string }
			).id
	);
}

const item = (orgId: string, title: string) =>
	withDatabase(
		(db) =>
			db
				.prepare(
					`select id, status, owner_id as ownerId, due_on as dueOn, completed_at as completedAt
					 from action_item where organisation_id = ? and title = ? and status <> 'dropped'`
				)
				.get(orgId, title) as
				| {
						id: string;
						status: string;
						ownerId: string | null;
						dueOn: string | null;
						completedAt: number | null;
				  }
				| undefined
	);

describe('pathway, action plan, progress and peer learning', () => {
	it('adopts two actions, plans one, completes the other and sees it on the timeline', async () => {
		const org = organisationOf('chamber@example.org');
		const roundId = springRound();
		const page = await newPage(browser());
		await logIn(page, 'chamber@example.org');

		// From the overview to the pathway of the last closed round.
		await page.goto(`/orgs/${org.id}`);
		await page
			.getByRole('region', { name: 'Earlier rounds' })
			.locator('li', { hasText: 'Spring 2026' })
			.getByRole('link', { name: 'Pathway' })
			.click();
		await page.waitForURL(`**/rounds/${roundId}/pathway`);
		await expectText(page.locator('h2').first(), 'Improvement pathway: Spring 2026');
		// Weakest first, each action with the sentence that explains its place.
		const first = page.locator('section.dimension').first();
		await expectText(first.locator('h2'), /^1\./);
		await expectText(
			first.locator('.why').first(),
			/is the number 1 dimension to work on: (at|held at) level \d/
		);
		await expectText(first.locator('.why').first(), /points (below|short)|peer median/);
		await screenshot(page, 'pathway');
		await expectAccessible(page);

		// Adopt the first two actions not yet in the plan.
		const titles: string[] = [];
		for (let n = 0; n < 2; n++) {
			const card = page
				.locator('article.action')
				.filter({ has: page.getByRole('button', { name: /Adopt into the action plan/ }) })
				.first();
			const key = await card.getAttribute('data-action');
			const title = (await card.locator('h4').innerText()).replace(/^\d+\.\s*/, '');
			titles.push(title);
			await card.getByRole('button', { name: /Adopt into the action plan/ }).click();
			await expectText(
				page.locator(`article[data-action="${key}"] .in-plan`),
				'In your plan: Planned'
			);
		}
		const [toPlan, toFinish] = titles.map((t) => item(org.id, t)!);
		expect(toPlan.status).toBe('planned');
		expect(toFinish.status).toBe('planned');

		// The whole ladder of the first dimension is one click away.
		await first.getByRole('link', { name: /See the whole ladder of/ }).click();
		await page.waitForURL(/\/pathway\/[a-z-]+$/);
		expect(await page.locator('ol.ladder > li').count()).toBe(5);
		await expectText(page.locator('[aria-current="step"]'), 'You are here');
		await screenshot(page, 'pathway-ladder');
		await expectAccessible(page);

		// Owner and date for the first, done for the second.
		await page.goto(`/orgs/${org.id}/plan`);
		const planned = page.locator(`#item-${toPlan.id}`);
		await planned.getByText('Change this item').click();
		await planned.getByLabel('Owner').selectOption({ label: 'Rosa Respondent' });
		await planned.getByLabel(/Due date/).fill('2027-03-15');
		await planned.getByRole('button', { name: 'Save changes' }).click();
		await expect.poll(() => item(org.id, titles[0])?.dueOn).toBe('2027-03-15');
		expect(item(org.id, titles[0])!.ownerId).not.toBeNull();
		const finished = page.locator(`#item-${toFinish.id}`);
		await finished.getByText('Change this item').click();
		await finished.getByLabel('Status').selectOption('done');
		await finished.getByRole('button', { name: 'Save changes' }).click();
		await expect.poll(() => item(org.id, titles[1])?.status).toBe('done');
		expect(item(org.id, titles[1])!.completedAt).toBeGreaterThan(Date.now() - 60_000);
		await expectText(page.locator(`#item-${toFinish.id}`), 'Status: Done');
		await expectText(page.locator('main'), /Overdue since/); // the demo plan has late items
		await screenshot(page, 'plan');
		await expectAccessible(page);

		// A bad date is refused beside its field, and nothing changes.
		const refused = await postForm(
			page.context(),
			`/orgs/${org.id}/plan?/update`,
			{ itemId: toPlan.id, status: 'planned', ownerId: '', dueOn: '2027-02-30', notes: '' },
			baseURL()
		);
		expect(refused.status).toBe(400);
		expect(item(org.id, titles[0])!.dueOn).toBe('2027-03-15');

		// The completed action is on the progress timeline.
		await page.goto(`/orgs/${org.id}/progress?instrument=chamber-diversity`);
		await expectText(page.locator('main'), 'Progress to date');
		await expectText(page.locator('main'), titles[1]);
		expect(await page.locator('canvas').first().isVisible()).toBe(true);
		await screenshot(page, 'progress');
		await expectAccessible(page);

		// On a phone.
		const phone = await newPage(browser(), 390);
		await logIn(phone, 'chamber@example.org');
		for (const [path, name] of [
			[`/orgs/${org.id}/rounds/${roundId}/pathway`, 'pathway-phone'],
			[`/orgs/${org.id}/plan`, 'plan-phone'],
			[`/orgs/${org.id}/progress`, 'progress-phone']
		]) {
			await phone.goto(path);
			const overflow = await phone.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(1);
			await screenshot(phone, name);
		}
		await phone.context().close();
		await page.context().close();
	});

	it('sends a peer-learning request that the peer’s administrator sees and accepts', async () => {
		const org = organisationOf('chamber@example.org');
		const roundId = springRound();
		const page = await newPage(browser());
		await logIn(page, 'chamber@example.org');
		await page.goto(`/orgs/${org.id}/rounds/${roundId}/pathway`);

		// The first suggested peer not yet asked.
		const peer = page
			.locator('li.peer')
			.filter({ has: page.locator('details') })
			.first();
		const peerId = (await peer.getAttribute('data-peer'))!;
		const peerName = await peer.locator('.name').innerText();
		await expectText(
			peer.locator('.reasons li').first(),
			/^At level [45] \(.+\) in “.+”, [234] levels above your level [123]\.$/
		);
		await peer.getByText(`Contact ${peerName}`).click();
		await skipBrowserValidation(page);
		await peer.getByRole('button', { name: 'Send the request' }).click();
		await expectText(peer.locator('.field-error'), 'Write at least 10 characters');
		await peer
			.getByLabel(`Your message to ${peerName}`)
			.fill('We are working on this dimension and would value an hour with your team.');
		await peer.getByRole('button', { name: 'Send the request' }).click();
		await expectText(
			page.locator(`li.peer[data-peer="${peerId}"] .alert.ok`),
			`Request sent to ${peerName}`
		);
		await screenshot(page, 'pathway-peer-sent');

		// An organisation that is not a suggested peer cannot be contacted by editing the form.
		const notPeer = withDatabase(
			(db) =>
				(
					db
						.prepare(`select id from organisation where peer_contact = 0 and id <> ? limit 1`)
						.get(org.id) as { id: string }
				).id
		);
		const dimensionKey = (await page
			.locator('section.dimension')
			.first()
			.getAttribute('id'))!.replace('dimension-', '');
		const forged = await postForm(
			page.context(),
			`/orgs/${org.id}/rounds/${roundId}/pathway?/contact`,
			{ dimensionKey, toOrganisationId: notPeer, message: 'Please talk to us about this.' },
			baseURL()
		);
		expect(forged.status).toBe(400);
		expect(forged.text).toContain('not (or no longer) a suggested peer');
		await logOut(page);

		// The peer's administrator finds it on the dashboard and accepts.
		const peerAdmin = withDatabase(
			(db) =>
				(
					db
						.prepare(
							`select u.email from membership m join user u on u.id = m.user_id
							 where m.organisation_id = ? and m.role = 'admin' order by u.email limit 1`
						)
						.get(peerId) as { email: string }
				).email
		);
		await logIn(page, peerAdmin);
		await page.goto('/');
		await expectText(page.locator('.alert.notice'), `peer-learning request`);
		await screenshot(page, 'dashboard-peer-request');
		await expectAccessible(page);
		await page
			.locator('.alert.notice')
			.getByRole('link', { name: 'Read and answer' })
			.first()
			.click();
		await page.waitForURL(`**/orgs/${peerId}/peers`);
		const request = page.locator('li.request', { hasText: 'would value an hour with your team' });
		await expectText(request, 'Handelskammer Berlin');
		expect(await request.getByRole('link', { name: 'chamber@example.org' }).count()).toBe(0);
		await request.getByRole('button', { name: /^Accept/ }).click();
		await expectText(page.locator('li.request', { hasText: 'would value an hour' }), 'Accepted');
		expect(
			await page
				.locator('li.request', { hasText: 'would value an hour' })
				.getByRole('link', {
					name: 'chamber@example.org'
				})
				.count()
		).toBe(1);
		await screenshot(page, 'peers');
		await expectAccessible(page);
		await page.context().close();
	});

	it('shows a respondent the plan read-only for others’ items, and the library in German', async () => {
		const org = organisationOf('respondent@example.org', 'respondent');
		const page = await newPage(browser());
		await logIn(page, 'respondent@example.org');
		await page.goto(`/orgs/${org.id}/plan`);
		await expectText(page.locator('main'), 'Action plan');
		const foreign = withDatabase(
			(db) =>
				(
					db
						.prepare(
							`select i.id from action_item i join user u on u.id = i.owner_id
							 where i.organisation_id = ? and u.email <> 'respondent@example.org' limit 1`
						)
						.get(org.id) as { id: string }
				).id
		);
		expect(await page.locator(`#item-${foreign}`).getByText('Change this item').count()).toBe(0);
		const refused = await postForm(
			page.context(),
			`/orgs/${org.id}/plan?/update`,
			{ itemId: foreign, status: 'done' },
			baseURL()
		);
		expect(refused.status).toBe(403);

		// Another organisation's plan is not found.
		const other = organisationOf('association@example.org');
		const response = await page.goto(`/orgs/${other.id}/plan`);
		expect(response?.status()).toBe(404);

		await page.goto('/library/chamber-diversity?dimension=outreach&level=2&lang=de');
		await expectText(page.locator('main'), /Showing \d+ of \d+ actions/);
		expect(await page.locator('main [lang="de"]').first().isVisible()).toBe(true);
		await screenshot(page, 'library-de');
		await expectAccessible(page);
		await page.context().close();
	});
});
