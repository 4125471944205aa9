// Builds the demo network: `npm run seed` (skips when the database has accounts already),
// `npm run seed -- --reset` (deletes the database file first). Same seed, same demo, every run.
import { rmSync } from 'node:fs';
import type { Level } from '../src/lib/domain/constants';
import type { DimensionStanding } from '../src/lib/domain/pathways';
import { hashPassword } from '../src/lib/server/auth/password';
import { DEFAULT_DATABASE_URL, getDb } from '../src/lib/server/db';
import {
	actionItem,
	membership,
	organisation,
	organisationDimension,
	peerRequest,
	response,
	responseDimension,
	round,
	user,
	type Round
} from '../src/lib/server/db/schema';
import { compiledVersion, registerInstrumentsFromDir } from '../src/lib/server/instruments';
import { refreshOrganisationResult } from '../src/lib/server/results';
import { seedAssessments, type SeedInstrument } from './seed/assessments';
import { choosePeerContacts, seedPlans } from './seed/plans';
import type { BudgetBand, OrganisationType, SizeBand } from '../src/lib/domain/organisation';
import { DEMO_LOGINS, DEMO_PASSWORD } from './seed/logins.js';
import {
	associationName,
	COMMUNITIES,
	COUNTRY_PROFILES,
	OTHER_NAMES,
	TYPE_MIX,
	type CountryProfile
} from './seed/network';
import { Random } from './seed/random';

const SEED = 20260421;
const BASE_TIME = Date.UTC(2025, 8, 1);

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
if (process.argv.includes('--reset')) {
	for (const suffix of ['', '-wal', '-shm']) rmSync(databaseUrl + suffix, { force: true });
}

const db = getDb();
if (db.select({ id: user.id }).from(user).limit(1).get()) {
	console.log(`The database ${databaseUrl} has accounts already: demo data not added.`);
	console.log('To rebuild the demo from scratch: npm run seed -- --reset');
	process.exit(0);
}

const registered = registerInstrumentsFromDir();
const rng = new Random(SEED);
const passwordHash = await hashPassword(DEMO_PASSWORD);

type OrgRow = typeof organisation.$inferInsert;
type UserRow = typeof user.$inferInsert;
type MemberRow = typeof membership.$inferInsert;

const orgs: OrgRow[] = [];
const users: UserRow[] = [];
const members: MemberRow[] = [];
const usedEmails = new Set<string>();

function sizeFor(type: OrganisationType): { sizeBand: SizeBand; budgetBand: BudgetBand } {
	if (type === 'chamber')
		return rng.chance(0.5)
			? { sizeBand: '100+', budgetBand: rng.pick(['1m-5m', 'over-5m'] as const) }
			: { sizeBand: '21-100', budgetBand: rng.pick(['250k-1m', '1m-5m'] as const) };
	if (type === 'association')
		return rng.chance(0.6)
			? { sizeBand: '1-5', budgetBand: 'under-50k' }
			: {
					sizeBand: rng.pick(['6-20', '21-100'] as const),
					budgetBand: rng.pick(['under-50k', '50k-250k'] as const)
				};
	return {
		sizeBand: rng.pick(['6-20', '21-100'] as const),
		budgetBand: rng.pick(['50k-250k', '250k-1m', '1m-5m'] as const)
	};
}

function slug(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 40)
		.replace(/^-+|-+$/g, '');
}

function addPerson(country: CountryProfile, orgName: string, at: number): string {
	const first = rng.pick(country.firstNames);
	const last = rng.pick(country.lastNames);
	let email = `${slug(first)}.${slug(last)}@${slug(orgName)}.example`;
	for (let n = 2; usedEmails.has(email); n++)
		email = `${slug(first)}.${slug(last)}${n}@${slug(orgName)}.example`;
	usedEmails.add(email);
	const id = rng.id();
	users.push({ id, email, name: `${first} ${last}`, passwordHash, createdAt: new Date(at) });
	return id;
}

// Organisations: chambers one per city, the others spread over the countries in turn.
let countryTurn = 0;
const cityTurn = new Map<string, number>();
for (const [type, howMany] of TYPE_MIX) {
	for (let i = 0; i < howMany; i++) {
		const country = COUNTRY_PROFILES[countryTurn++ % COUNTRY_PROFILES.length];
		const turn = cityTurn.get(`${type}:${country.code}`) ?? 0;
		cityTurn.set(`${type}:${country.code}`, turn + 1);
		const city = country.cities[turn % country.cities.length];
		let name: string;
		let languages: string[];
		if (type === 'chamber') {
			name = country.chamber(city);
			languages = [...new Set([country.language, 'en'])];
		} else if (type === 'association') {
			const community = rng.pick(COMMUNITIES);
			name = associationName(community.adjective, city, turn);
			languages = [...new Set([country.language, ...community.languages])];
		} else {
			name = OTHER_NAMES[type](city);
			languages = [...new Set([country.language, 'en'])];
		}
		// Two organisations in one city may end up with one name: keep names unique.
		if (orgs.some((o) => o.name === name)) name = `${name} (${turn + 1})`;
		orgs.push({
			id: rng.id(),
			name,
			type,
			country: country.code,
			region: city,
			languages: languages as OrgRow['languages'],
			createdAt: new Date(BASE_TIME + orgs.length * 3_600_000),
			...sizeFor(type)
		});
	}
}

// People: 1–6 members each, the first one administrator.
for (const org of orgs) {
	const country = COUNTRY_PROFILES.find((c) => c.code === org.country)!;
	const count = rng.int(1, 6);
	for (let i = 0; i < count; i++) {
		const userId = addPerson(country, org.name, BASE_TIME + users.length * 60_000);
		members.push({
			organisationId: org.id,
			userId,
			role: i === 0 || (count > 4 && i === 1) ? 'admin' : 'respondent'
		});
	}
}

// Sharing choices, drawn from their own generator so the rest of the demo stays as it was:
// most organisations anonymous in aggregates, some named, a few private.
const sharingRng = new Random(SEED + 1);
for (const org of orgs) {
	const x = sharingRng.next();
	org.sharing =
		x < 0.08 ? 'private' : x < 0.68 ? 'anonymous' : x < 0.85 ? 'named-cop' : 'named-members';
}

choosePeerContacts(orgs, sharingRng);

// The named demo accounts.
const firstChamber = orgs.find((o) => o.type === 'chamber')!;
const firstAssociation = orgs.find((o) => o.type === 'association')!;
// The named demo organisations start from the default choice, as a new organisation does.
firstChamber.sharing = 'anonymous';
firstAssociation.sharing = 'anonymous';
const named = new Map(DEMO_LOGINS.map((l) => [l.email, rng.id()]));
const namedUser = (email: string, name: string, extra: Partial<UserRow> = {}) =>
	users.push({
		id: named.get(email)!,
		email,
		name,
		passwordHash,
		createdAt: new Date(BASE_TIME),
		...extra
	});
namedUser('admin@example.org', 'Ada Administrator', { isAdmin: true });
namedUser('coplead@example.org', 'Cora Facilitator', { isCopLead: true });
namedUser('chamber@example.org', 'Clara Kammer');
namedUser('association@example.org', 'Amir Haddad');
namedUser('respondent@example.org', 'Rosa Respondent');
members.push(
	{ organisationId: firstChamber.id, userId: named.get('chamber@example.org')!, role: 'admin' },
	{
		organisationId: firstChamber.id,
		userId: named.get('respondent@example.org')!,
		role: 'respondent'
	},
	{
		organisationId: firstAssociation.id,
		userId: named.get('association@example.org')!,
		role: 'admin'
	}
);

// Assessment history. Which types answer which instrument: chambers and other mainstream
// support providers take the chamber audit; associations and NGOs the professionalisation one.
const ROUND_TYPES: Record<string, string[]> = {
	'chamber-diversity': ['chamber', 'business-support', 'public-authority'],
	'association-professionalisation': ['association', 'ngo']
};
const seedInstruments: SeedInstrument[] = registered.map((v) => {
	const compiled = compiledVersion(v.id)!;
	return { key: v.key, versionId: v.id, ...compiled, types: ROUND_TYPES[v.key] ?? [] };
});
// The named demo organisations keep the open round for the visitor to try.
const assessments = seedAssessments(
	seedInstruments,
	orgs,
	(orgId) =>
		members
			.filter((m) => m.organisationId === orgId)
			.map((m) => ({ userId: m.userId, role: m.role })),
	rng,
	Date.now(),
	new Set([firstChamber.id!, firstAssociation.id!])
);

db.transaction((tx) => {
	const CHUNK = 200;
	for (let i = 0; i < orgs.length; i += CHUNK)
		tx.insert(organisation)
			.values(orgs.slice(i, i + CHUNK))
			.run();
	for (let i = 0; i < users.length; i += CHUNK)
		tx.insert(user)
			.values(users.slice(i, i + CHUNK))
			.run();
	for (let i = 0; i < members.length; i += CHUNK)
		tx.insert(membership)
			.values(members.slice(i, i + CHUNK))
			.run();
	tx.insert(round).values(assessments.rounds).run();
	for (let i = 0; i < assessments.responses.length; i += CHUNK)
		tx.insert(response)
			.values(assessments.responses.slice(i, i + CHUNK))
			.run();
	for (let i = 0; i < assessments.dimensions.length; i += CHUNK)
		tx.insert(responseDimension)
			.values(assessments.dimensions.slice(i, i + CHUNK))
			.run();
});

// Each organisation's stored result per round, exactly as a submission would store it.
db.transaction(() => {
	const byId = new Map(assessments.rounds.map((r) => [r.id, r]));
	const pairs = new Set(
		assessments.responses
			.filter((r) => r.submittedAt)
			.map((r) => `${r.roundId} ${r.organisationId}`)
	);
	for (const pair of pairs) {
		const [roundId, organisationId] = pair.split(' ');
		const r = byId.get(roundId)!;
		refreshOrganisationResult(
			{ ...r, createdBy: null, closedAt: r.closedAt ?? null } as Round,
			organisationId
		);
	}
});

// Action plans and peer-learning requests, from the stored results, with their own generator.
const standings = new Map<string, DimensionStanding[]>();
for (const row of db.select().from(organisationDimension).all()) {
	const key = `${row.roundId} ${row.organisationId}`;
	const list = standings.get(key) ?? [];
	list.push({ key: row.dimensionKey, score: row.score, level: row.level as Level | null });
	standings.set(key, list);
}
const plans = seedPlans({
	orgs,
	membersOf: (orgId) =>
		members
			.filter((m) => m.organisationId === orgId)
			.map((m) => ({ userId: m.userId, role: m.role })),
	rounds: assessments.rounds,
	instruments: new Map(seedInstruments.map((i) => [i.key, i.instrument])),
	standingOf: (roundId, orgId) => standings.get(`${roundId} ${orgId}`),
	featured: new Set([firstChamber.id!, firstAssociation.id!]),
	rng: new Random(SEED + 2),
	now: Date.now()
});
db.transaction((tx) => {
	for (let i = 0; i < plans.items.length; i += 200)
		tx.insert(actionItem)
			.values(plans.items.slice(i, i + 200))
			.run();
	if (plans.requests.length > 0) tx.insert(peerRequest).values(plans.requests).run();
});

const countries = new Set(orgs.map((o) => o.country)).size;
console.log(
	`Demo network seeded into ${databaseUrl}: ${orgs.length} organisations in ${countries} countries, ${users.length} people.`
);
console.log(
	`Assessments: ${assessments.rounds.length} rounds, ${assessments.responses.filter((r) => r.submittedAt).length} submissions, ${assessments.responses.filter((r) => !r.submittedAt).length} drafts.`
);
console.log(`Instruments: ${registered.map((v) => `${v.key} v${v.version}`).join(', ')}.`);
console.log(`Demo chamber: ${firstChamber.name}; demo association: ${firstAssociation.name}.`);
console.log(
	`Action plans: ${plans.items.length} items in ${new Set(plans.items.map((i) => i.organisationId)).size} organisations; ${orgs.filter((o) => o.peerContact).length} organisations open to peer learning, ${plans.requests.length} requests.`
);
