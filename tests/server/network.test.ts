// The CoP lead's network dashboard and exports (issue 5): sharing choices respected in every
// view and export, aggregates under the threshold withheld, and only the CoP lead let in.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SharingChoice } from '../../src/lib/domain/organisation';
import { getDb } from '../../src/lib/server/db';
import {
	organisationDimension,
	organisationRound,
	user as userTable,
	type Round
} from '../../src/lib/server/db/schema';
import {
	anonymousCode,
	exportTables,
	networkDashboard,
	tablesToCsv,
	tablesToXlsx,
	type NetworkDashboard
} from '../../src/lib/server/network';
import { createOrganisation, setSharing } from '../../src/lib/server/organisations';
import { load } from '../../src/routes/network/+page.server';
import { GET } from '../../src/routes/network/export/[format]/+server';
import { chamberInstrument, openChamberRound } from './assessment-helpers';
import { eventFor, makeUser, ORG, thrownStatus } from './helpers';

interface Member {
	id: string;
	name: string;
	sharing: SharingChoice;
	country: string;
}

const members: Member[] = [];
let earlier: Round;
let later: Round;
let dimensionKeys: string[];
let dashboard: NetworkDashboard;

function storeResult(r: Round, organisationId: string, score: number) {
	const db = getDb();
	db.insert(organisationRound)
		.values({
			roundId: r.id,
			organisationId,
			source: 'agreed',
			respondentCount: 1,
			overallIndex: score,
			overallLevel: 1,
			updatedAt: new Date()
		})
		.run();
	db.insert(organisationDimension)
		.values(
			dimensionKeys.map((key) => ({
				roundId: r.id,
				organisationId,
				dimensionKey: key,
				score,
				level: 1,
				divergent: false
			}))
		)
		.run();
}

const shape: [SharingChoice, string][] = [
	// Germany: six anonymous organisations, enough for a group.
	...Array.from({ length: 6 }, () => ['anonymous', 'DE'] as [SharingChoice, string]),
	// France: three that count (two named to the CoP lead, one to members) and two private.
	['named-cop', 'FR'],
	['named-cop', 'FR'],
	['named-members', 'FR'],
	['private', 'FR'],
	['private', 'FR']
];

beforeAll(async () => {
	const admin = await makeUser('Org Admin');
	dimensionKeys = chamberInstrument().instrument.dimensions.map((d) => d.key);
	earlier = openChamberRound(admin.id, 'Network earlier', -30);
	later = openChamberRound(admin.id, 'Network later', -1);
	shape.forEach(([sharing, country], i) => {
		const kind = sharing === 'private' ? 'Secret' : sharing === 'anonymous' ? 'Quiet' : 'Open';
		const name = `${kind} Chamber ${i}`;
		const org = createOrganisation(admin.id, {
			...ORG,
			name,
			country: country as typeof ORG.country
		});
		setSharing(org.id, sharing);
		members.push({ id: org.id, name, sharing, country });
		// Private organisations improve most: they must still never be listed.
		const before = 30 + i;
		const after = sharing === 'private' ? 95 : before + i;
		storeResult(earlier, org.id, before);
		storeResult(later, org.id, after);
	});
	dashboard = networkDashboard(later, earlier);
});

const named = () =>
	members.filter((m) => m.sharing === 'named-cop' || m.sharing === 'named-members');
const notNamed = () => members.filter((m) => m.sharing === 'anonymous' || m.sharing === 'private');
const privates = () => members.filter((m) => m.sharing === 'private');

/** Every trace a private organisation could leave: its name and its anonymous code. */
function expectNoPrivateTrace(text: string) {
	for (const m of privates()) {
		expect(text).not.toContain(m.name);
		expect(text).not.toContain(anonymousCode(m.id));
	}
}

async function xlsxText(buffer: Buffer): Promise<{ sheets: string[]; text: string }> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	const cells: string[] = [];
	workbook.eachSheet((sheet) =>
		sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))))
	);
	return { sheets: workbook.worksheets.map((w) => w.name), text: cells.join('\n') };
}

describe('the network dashboard', () => {
	it('never shows a private organisation individually, and says how many were left out', () => {
		expectNoPrivateTrace(JSON.stringify(dashboard));
		expect(dashboard.heatmap.rows).toHaveLength(members.length - 2);
		expect(dashboard.heatmap.privateLeftOut).toBe(2);
		expect(dashboard.completion.privateLeftOut).toBe(2);
		// The totals still count them: invitations carry no score.
		expect(dashboard.completion.invited).toBe(members.length);
	});

	it('names only organisations named to the CoP lead or to members, codes for the others', () => {
		const text = JSON.stringify(dashboard);
		for (const m of named()) expect(text).toContain(m.name);
		for (const m of notNamed()) expect(text).not.toContain(m.name);
		const labels = dashboard.heatmap.rows.map((r) => r.label).sort();
		const expected = members
			.filter((m) => m.sharing !== 'private')
			.map((m) => (m.sharing === 'anonymous' ? anonymousCode(m.id) : m.name))
			.sort();
		expect(labels).toEqual(expected);
		for (const row of dashboard.heatmap.rows) expect(row.named).toBe(!row.label.startsWith('ORG-'));
		// The code is stable: the same organisation gets the same code every time.
		expect(anonymousCode(members[0].id)).toBe(anonymousCode(members[0].id));
		expect(anonymousCode(members[0].id)).toMatch(/^ORG-[0-9A-F]{6}$/);
	});

	it('withholds aggregates of groups under the threshold and counts only non-private ones', () => {
		const de = dashboard.byCountry.find((g) => g.value === 'DE')!;
		const fr = dashboard.byCountry.find((g) => g.value === 'FR')!;
		expect(de.n).toBe(6);
		expect(de.overall.status).toBe('ok');
		// France has five organisations but only three that count: withheld, no figure at all.
		expect(fr.n).toBeNull();
		expect(fr.overall).toEqual({ status: 'withheld', needed: 5 });
		expect(fr.dimensions.every((f) => f.status === 'withheld')).toBe(true);
		const chambers = dashboard.byType.find((g) => g.value === 'chamber')!;
		expect(chambers.n).toBe(9);
	});

	it('lists the most improved per dimension, never a private one, with change figures', () => {
		const change = dashboard.change!;
		expect(change.organisations).toBe(9);
		for (const d of change.dimensions) {
			expect(d.improvers).toHaveLength(3);
			// Open Chamber 8 (named-members) improved by 8 points, the most of those that count.
			expect(d.improvers[0]).toMatchObject({ label: 'Open Chamber 8', named: true, change: 8 });
			expect(d.figure.status).toBe('ok');
		}
		expect(change.overall).toMatchObject({ status: 'ok', n: 9, improved: 8, unchanged: 1 });
	});
});

describe('the exports', () => {
	it('CSV: same rules, every section and a data dictionary', () => {
		const csv = tablesToCsv(exportTables(dashboard));
		expectNoPrivateTrace(csv);
		for (const m of named()) expect(csv).toContain(m.name);
		for (const m of notNamed()) expect(csv).not.toContain(m.name);
		for (const section of [
			'# Heatmap',
			'# Completion',
			'# By country',
			'# Change',
			'# Data dictionary'
		])
			expect(csv).toContain(section);
		expect(csv).toMatch(/FR,overall,,,,,withheld: fewer than 5/);
	});

	it('XLSX: one sheet per table, the same rules, and a dictionary of every column', async () => {
		const tables = exportTables(dashboard);
		const { sheets, text } = await xlsxText(await tablesToXlsx(tables));
		expect(sheets).toEqual([
			'Summary',
			'Completion',
			'Heatmap',
			'By type',
			'By country',
			'Change',
			'Top improvers',
			'Data dictionary'
		]);
		expectNoPrivateTrace(text);
		for (const m of named()) expect(text).toContain(m.name);
		for (const m of notNamed()) expect(text).not.toContain(m.name);
		const dictionary = tables.at(-1)!;
		for (const table of tables)
			for (const column of table.columns)
				expect(
					dictionary.rows.some((r) => r[0] === table.name && r[1] === column.header),
					`${table.name}.${column.header}`
				).toBe(true);
	});
});

describe('who may see the network', () => {
	it('refuses anyone who is not the CoP lead or an administrator, in the page and the exports', async () => {
		const person = await makeUser('Not a CoP lead');
		const event = eventFor(person, '/network');
		expect(thrownStatus(() => load(event as never))).toBe(404);
		for (const format of ['csv', 'xlsx']) {
			const request = { ...eventFor(person, `/network/export/${format}`), params: { format } };
			await expect(GET(request as never)).rejects.toMatchObject({ status: 404 });
		}
		expect(thrownStatus(() => load(eventFor(null, '/network') as never))).toBe(303);
	});

	it('lets the CoP lead in, and the export is an attachment without private names', async () => {
		const lead = await makeUser('Cora Lead');
		getDb().update(userTable).set({ isCopLead: true }).where(eq(userTable.id, lead.id)).run();
		const asLead = { ...lead, isCopLead: true };
		const url = `/network/export/csv?round=${later.id}&from=${earlier.id}`;
		const res = await GET({ ...eventFor(asLead, url), params: { format: 'csv' } } as never);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="network-.+\.csv"$/
		);
		expectNoPrivateTrace(await res.text());
		const page = (await load(eventFor(asLead, `/network?round=${later.id}`) as never)) as {
			dashboard: { heatmap: { privateLeftOut: number } };
		};
		expect(page.dashboard.heatmap.privateLeftOut).toBe(2);
	});
});
