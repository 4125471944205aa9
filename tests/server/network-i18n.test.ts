// The CoP lead's dashboard, its exports, the rounds and the organisation refusals in the
// requester's language (issue 7): English keeps its exact wording, German and French are
// written per request, and the cached heatmap never carries one request's language into another.
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseForm } from '../../src/lib/server/forms';
import { getDb } from '../../src/lib/server/db';
import {
	organisationDimension,
	organisationRound,
	type Round
} from '../../src/lib/server/db/schema';
import {
	exportTables,
	networkDashboard,
	tablesToCsv,
	tablesToXlsx
} from '../../src/lib/server/network';
import {
	changeMemberRole,
	createOrganisation,
	setSharing
} from '../../src/lib/server/organisations';
import { closeRound, roundInput } from '../../src/lib/server/rounds';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';
import { chamberInstrument, openChamberRound } from './assessment-helpers';
import { makeUser, ORG } from './helpers';

const original = getLocale;
const inLocale = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(original));

let earlier: Round;
let later: Round;
let firstDimension: { key: string; name: { default: string; de: string; fr: string } };

function storeResult(r: Round, organisationId: string, keys: string[], score: number) {
	const db = getDb();
	db.insert(organisationRound)
		.values({
			roundId: r.id,
			organisationId,
			source: 'agreed',
			respondentCount: 1,
			overallIndex: score,
			overallLevel: 2,
			updatedAt: new Date()
		})
		.run();
	db.insert(organisationDimension)
		.values(
			keys.map((key) => ({
				roundId: r.id,
				organisationId,
				dimensionKey: key,
				score,
				level: 2,
				divergent: false
			}))
		)
		.run();
}

beforeAll(async () => {
	const admin = await makeUser('Lead');
	const { instrument } = chamberInstrument();
	const keys = instrument.dimensions.map((d) => d.key);
	firstDimension = instrument.dimensions[0] as unknown as typeof firstDimension;
	earlier = openChamberRound(admin.id, 'I18n earlier', -30);
	later = openChamberRound(admin.id, 'I18n later', -1);
	for (let i = 0; i < 6; i++) {
		const org = createOrganisation(admin.id, { ...ORG, name: `Named Chamber ${i}` });
		setSharing(org.id, 'named-cop');
		storeResult(earlier, org.id, keys, 30 + i);
		storeResult(later, org.id, keys, 35 + 2 * i);
	}
});

async function sheetNames(locale: Locale): Promise<string[]> {
	inLocale(locale);
	const buffer = await tablesToXlsx(exportTables(networkDashboard(later, earlier)));
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook.worksheets.map((w) => w.name);
}

describe('the network dashboard and exports in the requester’s language', () => {
	it('names dimensions and organisation types in the interface language, per request', () => {
		inLocale('de');
		const german = networkDashboard(later, earlier);
		expect(german.dimensions[0].name).toBe(firstDimension.name.de);
		expect(german.heatmap.dimensions[0].name).toBe(firstDimension.name.de);
		expect(german.byType.map((g) => g.label)).toEqual(['Handelskammer']);
		// The heatmap is cached per round: the next request still gets its own language.
		inLocale('en');
		const english = networkDashboard(later, earlier);
		expect(english.dimensions[0].name).toBe(firstDimension.name.default);
		expect(english.heatmap.dimensions[0].name).toBe(firstDimension.name.default);
		expect(english.byType.map((g) => g.label)).toEqual(['Chamber of commerce']);
		// Arabic instrument content is not written yet: English, never an empty name.
		inLocale('ar');
		expect(networkDashboard(later, earlier).dimensions[0].name).toBe(firstDimension.name.default);
	});

	it('keeps the English sheets, headers and cell words exactly', async () => {
		inLocale('en');
		const csv = tablesToCsv(exportTables(networkDashboard(later, earlier)));
		expect(csv).toContain('# Summary: Round and completion totals');
		expect(csv).toContain('item,value');
		expect(csv).toContain('round status,open');
		expect(csv).toContain('organisation,named,invited,status');
		expect(csv).toContain('Named Chamber 0,yes,yes,not-started');
		expect(csv).toMatch(/Chamber of commerce,overall,6,/);
		expect(csv).toContain('sheet,column,meaning');
		expect(await sheetNames('en')).toEqual([
			'Summary',
			'Completion',
			'Heatmap',
			'By type',
			'By country',
			'Change',
			'Top improvers',
			'Data dictionary'
		]);
	});

	it('writes sheets, headers, the data dictionary and cell words in German and French', async () => {
		inLocale('de');
		const tables = exportTables(networkDashboard(later, earlier));
		const csv = tablesToCsv(tables);
		expect(csv).toContain('# Übersicht: Runde und Beteiligung insgesamt');
		expect(csv).toContain('Status der Runde,offen');
		expect(csv).toContain('Organisation,namentlich,eingeladen,Status');
		expect(csv).toContain('Named Chamber 0,ja,ja,nicht begonnen');
		expect(csv).toMatch(/Handelskammer,Gesamt,6,/);
		expect(csv).toContain('Tabellenblatt,Spalte,Bedeutung');
		expect(csv).not.toMatch(/\b(overall|withheld|shown)\b/);
		// The dictionary explains every column under its translated header and sheet name.
		const dictionary = tables.at(-1)!;
		expect(dictionary.name).toBe('Datenwörterbuch');
		for (const table of tables)
			for (const column of table.columns)
				expect(dictionary.rows.some((r) => r[0] === table.name && r[1] === column.header)).toBe(
					true
				);
		const heatmap = tables.find((t) => t.name === 'Heatmap')!;
		expect(heatmap.columns.map((c) => c.header)).toContain(firstDimension.name.de);

		expect(await sheetNames('fr')).toEqual([
			'Synthèse',
			'Participation',
			'Carte thermique',
			'Par type',
			'Par pays',
			'Évolution',
			'Plus fortes progressions',
			'Dictionnaire des données'
		]);
		expect(await sheetNames('de')).toContain('Datenwörterbuch');
	});
});

describe('refusals and validation in the requester’s language', () => {
	it('writes the round form’s messages lazily, per request', () => {
		const form = new FormData();
		form.set('instrumentKey', 'chamber-diversity');
		form.set('name', 'X');
		form.set('startsOn', '2027-03-10');
		form.set('endsOn', '2027-03-01');
		form.append('organisationTypes', 'chamber');
		const errors = (locale: Locale) => {
			inLocale(locale);
			const parsed = parseForm(form, roundInput, ['organisationTypes']);
			if (parsed.ok) throw new Error('expected a refusal');
			return parsed.failure.data.errors;
		};
		expect(errors('en').name).toBe('Give the round a name, e.g. “Spring 2027”.');
		expect(errors('de').name).toBe('Geben Sie der Runde einen Namen, z. B. „Frühjahr 2027“.');
		expect(errors('fr').name).toBe('Donnez un nom à la campagne, par exemple « Printemps 2027 ».');
		form.set('name', 'Spring 2027');
		expect(errors('en').endsOn).toBe('The last day must not be before the first day.');
		expect(errors('de').endsOn).toBe('Der letzte Tag darf nicht vor dem ersten Tag liegen.');
	});

	it('refuses closing a closed round and demoting the last administrator in German', async () => {
		const admin = await makeUser('Only Admin');
		const org = createOrganisation(admin.id, { ...ORG, name: 'Lonely Chamber' });
		const r = openChamberRound(admin.id, 'I18n closing', -1);
		closeRound(r.id);
		inLocale('de');
		expect(() => closeRound(r.id)).toThrow('Diese Runde ist nicht offen.');
		expect(() => changeMemberRole(org.id, admin.id, 'respondent')).toThrow(
			/^Dies ist die einzige Administratorin bzw\. der einzige Administrator/
		);
		inLocale('fr');
		expect(() => changeMemberRole(org.id, 'nobody', 'respondent')).toThrow(
			'Cette personne n’est pas membre de l’organisation.'
		);
		inLocale('en');
		expect(() => closeRound(r.id)).toThrow('This round is not open.');
	});
});
