// The CoP lead's network dashboard and its exports (issue 5): completion, a heatmap of
// organisations × dimensions, aggregates by type and by country, and change between two rounds.
//
// Anonymity rules, applied here once so that the page, the CSV and the XLSX cannot differ:
// - an organisation is named only when its sharing choice is `named-cop` or `named-members`;
//   every other one appears under a stable anonymous code (a hash of its id), never its name;
// - `private` organisations never appear individually (not in the completion list, the heatmap
//   or the improvers); only how many were left out is said. They count in the completion
//   totals, which carry no score;
// - anonymous rows carry no type, country or region: with a rare combination those would name
//   the organisation as surely as its name;
// - every aggregate (group medians, change distributions) needs at least `threshold()`
//   organisations that count in aggregates, else it is withheld as "fewer than N". There is no
//   "all organisations" row beside the groups, so no group can be recovered as a complement.
// Figures come from stored results (roundNetwork), never from answers.
import { createHash } from 'node:crypto';
import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { countsInAggregates, summarise, threshold } from '../domain/benchmark';
import type { Level } from '../domain/constants';
import { pickText } from '../domain/localized';
import { ORGANISATION_TYPES, type SharingChoice } from '../domain/organisation';
import { levelForScore } from '../domain/scoring';
import { roundNetwork, type NetworkMember } from './benchmarks';
import { getDb } from './db';
import { organisation, organisationRound, response, round, type Round } from './db/schema';
import { compiledVersion } from './instruments';
import { onResultsChanged } from './results';

/** Organisations whose sharing choice lets the CoP lead see their name. */
const NAMED_CHOICES: readonly SharingChoice[] = ['named-cop', 'named-members'];

/** Improvers listed per dimension as candidates for good-practice sharing. */
export const TOP_IMPROVERS = 3;

export function isNamedToCopLead(sharing: SharingChoice): boolean {
	return NAMED_CHOICES.includes(sharing);
}

/**
 * A stable code for an organisation that is not named: the same in every round and export, so
 * the CoP lead can follow it, and derived one way from the id so it tells nothing else.
 * Six hex digits keep collisions unlikely even in a network of 10,000.
 */
export function anonymousCode(organisationId: string): string {
	let code = codes.get(organisationId);
	if (!code) {
		const hash = createHash('sha256').update(`network:${organisationId}`).digest('hex');
		codes.set(organisationId, (code = `ORG-${hash.slice(0, 6).toUpperCase()}`));
	}
	return code;
}
// A code depends on the id alone, so it can be kept for the life of the process.
const codes = new Map<string, string>();

/** How an organisation appears to the CoP lead; undefined for a private one (never shown). */
export function networkLabel(o: {
	id: string;
	name: string;
	sharing: SharingChoice;
}): { label: string; named: boolean } | undefined {
	if (o.sharing === 'private') return undefined;
	return isNamedToCopLead(o.sharing)
		? { label: o.name, named: true }
		: { label: anonymousCode(o.id), named: false };
}

// ---------------------------------------------------------------------------------------------
// Rounds

export interface NetworkRound {
	id: string;
	name: string;
	instrumentKey: string;
	startsOn: string;
	status: 'open' | 'closed';
	results: number;
}

/** Every round, latest first, with how many organisations have a stored result in it. */
export function networkRounds(): NetworkRound[] {
	const db = getDb();
	const results = new Map(
		db
			.select({ roundId: organisationRound.roundId, n: count() })
			.from(organisationRound)
			.groupBy(organisationRound.roundId)
			.all()
			.map((r) => [r.roundId, r.n])
	);
	return db
		.select({
			id: round.id,
			name: round.name,
			instrumentKey: round.instrumentKey,
			startsOn: round.startsOn,
			status: round.status
		})
		.from(round)
		.orderBy(desc(round.startsOn), asc(round.name))
		.all()
		.map((r) => ({ ...r, results: results.get(r.id) ?? 0 }));
}

export interface NetworkSelection {
	instruments: string[];
	instrumentKey: string | null;
	rounds: NetworkRound[];
	round: NetworkRound | null;
	from: NetworkRound | null;
}

/**
 * Resolves the instrument, round and comparison round asked for, falling back to the latest
 * round with results of the instrument and to the round of that instrument before it.
 */
export function selectRounds(ask: {
	instrument?: string | null;
	round?: string | null;
	from?: string | null;
}): NetworkSelection {
	const all = networkRounds();
	const instruments = [...new Set(all.map((r) => r.instrumentKey))].sort();
	const asked = all.find((r) => r.id === ask.round);
	let instrumentKey =
		ask.instrument && instruments.includes(ask.instrument) ? ask.instrument : null;
	if (!instrumentKey) instrumentKey = asked?.instrumentKey ?? null;
	if (!instrumentKey)
		instrumentKey = all.find((r) => r.results > 0)?.instrumentKey ?? instruments[0] ?? null;
	const rounds = all.filter((r) => r.instrumentKey === instrumentKey);
	const chosen =
		(asked && asked.instrumentKey === instrumentKey ? asked : undefined) ??
		rounds.find((r) => r.results > 0) ??
		rounds[0] ??
		null;
	const earlier = rounds.filter(
		(r) => chosen && r.id !== chosen.id && r.startsOn <= chosen.startsOn && r.results > 0
	);
	const askedFrom = rounds.find((r) => r.id === ask.from && r.id !== chosen?.id);
	const from = askedFrom ?? earlier[0] ?? null;
	return { instruments, instrumentKey, rounds, round: chosen, from };
}

// ---------------------------------------------------------------------------------------------
// Completion

export type CompletionStatus = 'not-started' | 'started' | 'submitted';

export interface Completion {
	invited: number;
	started: number;
	submitted: number;
	/** Non-private organisations, invited or having answered; `label` as networkLabel says. */
	organisations: {
		label: string;
		named: boolean;
		invited: boolean;
		status: CompletionStatus;
	}[];
	/** Private organisations left out of the list (they are in the totals). */
	privateLeftOut: number;
}

/** Invited (the round is for their type), started and submitted, in total and per organisation. */
export function roundCompletion(r: Round): Completion {
	const db = getDb();
	const answered = db
		.select({
			organisationId: response.organisationId,
			submitted: sql<number>`max(${response.submittedAt} is not null)`
		})
		.from(response)
		.where(eq(response.roundId, r.id))
		.groupBy(response.organisationId)
		.all();
	const statusOf = new Map(
		answered.map((a) => [
			a.organisationId,
			(a.submitted ? 'submitted' : 'started') as CompletionStatus
		])
	);
	const orgFields = {
		id: organisation.id,
		name: organisation.name,
		type: organisation.type,
		sharing: organisation.sharing
	};
	const invited =
		r.organisationTypes.length > 0
			? db
					.select(orgFields)
					.from(organisation)
					.where(inArray(organisation.type, r.organisationTypes))
					.all()
			: [];
	const invitedIds = new Set(invited.map((o) => o.id));
	const outsiders = answered.filter((a) => !invitedIds.has(a.organisationId));
	const others =
		outsiders.length > 0
			? db
					.select(orgFields)
					.from(organisation)
					.where(
						inArray(
							organisation.id,
							outsiders.map((o) => o.organisationId)
						)
					)
					.all()
			: [];
	let privateLeftOut = 0;
	const organisations: Completion['organisations'] = [];
	for (const o of [...invited, ...others]) {
		const shown = networkLabel(o);
		if (!shown) {
			privateLeftOut++;
			continue;
		}
		organisations.push({
			...shown,
			invited: invitedIds.has(o.id),
			status: statusOf.get(o.id) ?? 'not-started'
		});
	}
	const order: Record<CompletionStatus, number> = { submitted: 0, started: 1, 'not-started': 2 };
	organisations.sort(
		(a, b) =>
			order[a.status] - order[b.status] ||
			Number(b.named) - Number(a.named) ||
			a.label.localeCompare(b.label)
	);
	return {
		invited: invited.length,
		started: answered.length,
		submitted: answered.filter((a) => a.submitted).length,
		organisations,
		privateLeftOut
	};
}

// ---------------------------------------------------------------------------------------------
// Heatmap

export interface DimensionInfo {
	key: string;
	name: string;
}

/** The round's dimensions in the instrument's order, with English names. */
export function roundDimensions(r: Round): DimensionInfo[] {
	const compiled = compiledVersion(r.versionId);
	return (compiled?.instrument.dimensions ?? []).map((d) => ({
		key: d.key,
		name: pickText(d.name, 'en')
	}));
}

export interface HeatmapCell {
	score: number | null;
	level: Level | null;
}

export interface HeatmapRow {
	label: string;
	named: boolean;
	overall: HeatmapCell;
	cells: HeatmapCell[];
}

export interface Heatmap {
	dimensions: DimensionInfo[];
	rows: HeatmapRow[];
	/** Private organisations with a result, left out. */
	privateLeftOut: number;
}

const cell = (score: number | null | undefined): HeatmapCell =>
	score === null || score === undefined
		? { score: null, level: null }
		: { score, level: levelForScore(score) };

// Like roundNetwork's cache: kept until a submission or a sharing choice changes the round.
const heatmaps = new Map<string, Heatmap>();
onResultsChanged((roundId) => {
	if (roundId) heatmaps.delete(roundId);
	else heatmaps.clear();
});

/** Organisations × dimensions from stored results, highest overall index first. */
export function roundHeatmap(r: Round, dimensions = roundDimensions(r)): Heatmap {
	const cached = heatmaps.get(r.id);
	if (cached) return cached;
	const heatmap = buildHeatmap(r, dimensions);
	heatmaps.set(r.id, heatmap);
	return heatmap;
}

function buildHeatmap(r: Round, dimensions: DimensionInfo[]): Heatmap {
	const rows: HeatmapRow[] = [];
	let privateLeftOut = 0;
	for (const m of roundNetwork(r.id)) {
		const shown = networkLabel(m);
		if (!shown) {
			privateLeftOut++;
			continue;
		}
		rows.push({
			...shown,
			overall: cell(m.overall),
			cells: dimensions.map((d) => cell(m.dimensions[d.key]))
		});
	}
	rows.sort(
		(a, b) => (b.overall.score ?? -1) - (a.overall.score ?? -1) || a.label.localeCompare(b.label)
	);
	return { dimensions, rows, privateLeftOut };
}

// ---------------------------------------------------------------------------------------------
// Aggregates by type and by country

export type SeriesFigure =
	| { status: 'ok'; n: number; median: number; q1: number; q3: number }
	| { status: 'withheld'; needed: number };

export interface AggregateGroup {
	/** The group's value (type key or country) and how it reads. */
	value: string;
	label: string;
	/** Organisations of the group that count, or null when fewer than the threshold. */
	n: number | null;
	overall: SeriesFigure;
	dimensions: SeriesFigure[];
}

function seriesFigure(values: number[], needed: number): SeriesFigure {
	if (values.length < needed) return { status: 'withheld', needed };
	const s = summarise(values);
	return { status: 'ok', n: s.n, median: s.median, q1: s.q1, q3: s.q3 };
}

const typeLabel = (type: string) =>
	(ORGANISATION_TYPES as Record<string, string | undefined>)[type] ?? type;

/** Median and quartiles per group; a group or series under the threshold is withheld. */
export function roundAggregates(
	r: Round,
	by: 'type' | 'country',
	dimensions = roundDimensions(r)
): AggregateGroup[] {
	const needed = threshold();
	const groups = new Map<string, NetworkMember[]>();
	for (const m of roundNetwork(r.id)) {
		if (!countsInAggregates(m)) continue;
		const key = m[by];
		let list = groups.get(key);
		if (!list) groups.set(key, (list = []));
		list.push(m);
	}
	const scores = (
		members: NetworkMember[],
		pick: (m: NetworkMember) => number | null | undefined
	) => members.map(pick).filter((v): v is number => typeof v === 'number');
	return [...groups.entries()]
		.map(([value, members]) => {
			const enough = members.length >= needed;
			const withheld: SeriesFigure = { status: 'withheld', needed };
			return {
				value,
				label: by === 'type' ? typeLabel(value) : value,
				n: enough ? members.length : null,
				overall: enough
					? seriesFigure(
							scores(members, (m) => m.overall),
							needed
						)
					: withheld,
				dimensions: dimensions.map((d) =>
					enough
						? seriesFigure(
								scores(members, (m) => m.dimensions[d.key]),
								needed
							)
						: withheld
				)
			};
		})
		.sort((a, b) => (b.n ?? 0) - (a.n ?? 0) || a.label.localeCompare(b.label));
}

// ---------------------------------------------------------------------------------------------
// Change between two rounds

export type ChangeFigure =
	| {
			status: 'ok';
			n: number;
			median: number;
			q1: number;
			q3: number;
			improved: number;
			declined: number;
			unchanged: number;
	  }
	| { status: 'withheld'; needed: number };

export interface Improver {
	label: string;
	named: boolean;
	from: number;
	to: number;
	change: number;
}

export interface DimensionChange {
	key: string;
	name: string;
	figure: ChangeFigure;
	/** Largest improvements first, at most TOP_IMPROVERS, only improvements (> 0). */
	improvers: Improver[];
}

export interface RoundChange {
	from: { id: string; name: string };
	to: { id: string; name: string };
	/** Organisations that count in aggregates with a result in both rounds. */
	organisations: number;
	overall: ChangeFigure;
	dimensions: DimensionChange[];
}

function changeFigure(deltas: number[], needed: number): ChangeFigure {
	if (deltas.length < needed) return { status: 'withheld', needed };
	const s = summarise(deltas);
	return {
		status: 'ok',
		n: s.n,
		median: s.median,
		q1: s.q1,
		q3: s.q3,
		improved: deltas.filter((d) => d > 0).length,
		declined: deltas.filter((d) => d < 0).length,
		unchanged: deltas.filter((d) => d === 0).length
	};
}

/**
 * Per dimension of the later round (keys present in both): the distribution of change among
 * organisations with a score in both rounds, and the ones that improved most.
 */
export function roundChange(
	fromRound: Round,
	toRound: Round,
	dimensions = roundDimensions(toRound)
): RoundChange {
	const needed = threshold();
	const before = new Map(roundNetwork(fromRound.id).map((m) => [m.id, m]));
	const pairs: [NetworkMember, NetworkMember][] = [];
	for (const m of roundNetwork(toRound.id)) {
		const earlier = before.get(m.id);
		if (earlier && countsInAggregates(m)) pairs.push([earlier, m]);
	}
	const deltasOf = (pick: (m: NetworkMember) => number | null | undefined) =>
		pairs.flatMap(([a, b]) => {
			const x = pick(a);
			const y = pick(b);
			return typeof x === 'number' && typeof y === 'number' ? [{ a, from: x, to: y }] : [];
		});
	const fromKeys = new Set(roundDimensions(fromRound).map((d) => d.key));
	return {
		from: { id: fromRound.id, name: fromRound.name },
		to: { id: toRound.id, name: toRound.name },
		organisations: pairs.length,
		overall: changeFigure(
			deltasOf((m) => m.overall).map((d) => d.to - d.from),
			needed
		),
		dimensions: dimensions
			.filter((d) => fromKeys.has(d.key))
			.map((d) => {
				const changes = deltasOf((m) => m.dimensions[d.key]);
				const improvers = changes
					.filter((c) => c.to > c.from)
					.sort((x, y) => y.to - y.from - (x.to - x.from) || x.a.id.localeCompare(y.a.id))
					.slice(0, TOP_IMPROVERS)
					.map((c) => ({
						...networkLabel(c.a)!,
						from: c.from,
						to: c.to,
						change: c.to - c.from
					}));
				return {
					key: d.key,
					name: d.name,
					figure: changeFigure(
						changes.map((c) => c.to - c.from),
						needed
					),
					improvers
				};
			})
	};
}

// ---------------------------------------------------------------------------------------------
// The whole dashboard, and the same data as tables for the exports

export interface NetworkDashboard {
	round: Round;
	threshold: number;
	dimensions: DimensionInfo[];
	completion: Completion;
	heatmap: Heatmap;
	byType: AggregateGroup[];
	byCountry: AggregateGroup[];
	change: RoundChange | null;
}

/** Everything the dashboard and the exports show for a round (and a comparison round). */
export function networkDashboard(r: Round, from: Round | null): NetworkDashboard {
	const dimensions = roundDimensions(r);
	return {
		round: r,
		threshold: threshold(),
		dimensions,
		completion: roundCompletion(r),
		heatmap: roundHeatmap(r, dimensions),
		byType: roundAggregates(r, 'type', dimensions),
		byCountry: roundAggregates(r, 'country', dimensions),
		change: from ? roundChange(from, r, dimensions) : null
	};
}

export type CellValue = string | number | null;

export interface ExportColumn {
	header: string;
	/** What the column holds, for the data dictionary. */
	meaning: string;
}

export interface ExportTable {
	/** Sheet name (≤ 31 characters, as Excel requires). */
	name: string;
	title: string;
	columns: ExportColumn[];
	rows: CellValue[][];
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function figureCells(f: SeriesFigure): CellValue[] {
	return f.status === 'ok'
		? [f.n, round1(f.median), round1(f.q1), round1(f.q3), 'shown']
		: [null, null, null, null, `withheld: fewer than ${f.needed}`];
}

const ORGANISATION_COLUMN: ExportColumn = {
	header: 'organisation',
	meaning:
		'The organisation’s name where its sharing choice is “named to the CoP lead” or “named to other members”; otherwise a stable anonymous code (ORG-…), the same in every round and export. Private organisations never appear individually.'
};
const NAMED_COLUMN: ExportColumn = {
	header: 'named',
	meaning:
		'yes when the organisation allows the CoP lead to see its name, no for an anonymous code.'
};

/** The dashboard as tables: the one source of the CSV and the XLSX, with a data dictionary. */
export function exportTables(d: NetworkDashboard): ExportTable[] {
	const dims = d.dimensions;
	const t = d.threshold;
	const summary: ExportTable = {
		name: 'Summary',
		title: 'Round and completion totals',
		columns: [
			{ header: 'item', meaning: 'What the row counts or names.' },
			{ header: 'value', meaning: 'Its value.' }
		],
		rows: [
			['instrument', d.round.instrumentKey],
			['round', d.round.name],
			['round status', d.round.status],
			['compared with round', d.change?.from.name ?? 'none'],
			['anonymity threshold', t],
			['organisations invited', d.completion.invited],
			['organisations started', d.completion.started],
			['organisations submitted', d.completion.submitted],
			['private organisations left out of the completion list', d.completion.privateLeftOut],
			['private organisations left out of the heatmap', d.heatmap.privateLeftOut]
		]
	};
	const completion: ExportTable = {
		name: 'Completion',
		title: 'Completion per organisation (private organisations left out)',
		columns: [
			ORGANISATION_COLUMN,
			NAMED_COLUMN,
			{
				header: 'invited',
				meaning: 'yes when the round is for the organisation’s type; no when it answered anyway.'
			},
			{
				header: 'status',
				meaning:
					'not-started: no answer yet; started: at least one draft; submitted: at least one submission.'
			}
		],
		rows: d.completion.organisations.map((o) => [
			o.label,
			yesNo(o.named),
			yesNo(o.invited),
			o.status
		])
	};
	const heatmap: ExportTable = {
		name: 'Heatmap',
		title: 'Scores per organisation and dimension (private organisations left out)',
		columns: [
			ORGANISATION_COLUMN,
			NAMED_COLUMN,
			{ header: 'overall', meaning: 'Overall maturity index, 0–100, from the stored result.' },
			{ header: 'overall level', meaning: 'Level 1–5 of the overall index.' },
			...dims.map((dim) => ({
				header: dim.name,
				meaning: `Score 0–100 in the dimension “${dim.name}” (${dim.key}); empty when the dimension had too few answers.`
			}))
		],
		rows: d.heatmap.rows.map((r) => [
			r.label,
			yesNo(r.named),
			r.overall.score === null ? null : round1(r.overall.score),
			r.overall.level,
			...r.cells.map((c) => (c.score === null ? null : round1(c.score)))
		])
	};
	const aggregateColumns = (grouping: string): ExportColumn[] => [
		{ header: grouping, meaning: `The ${grouping} of the group.` },
		{
			header: 'series',
			meaning: 'overall (the overall index) or a dimension’s name.'
		},
		{
			header: 'n',
			meaning: `Organisations in the group with a score in the series (private ones never count). Empty when fewer than ${t}.`
		},
		{ header: 'median', meaning: 'Median score, 0–100.' },
		{ header: 'q1', meaning: 'First quartile (type 7 interpolation, as Excel QUARTILE.INC).' },
		{ header: 'q3', meaning: 'Third quartile (same definition).' },
		{
			header: 'status',
			meaning: `shown, or withheld when fewer than ${t} organisations count (the anonymity threshold).`
		}
	];
	const aggregateRows = (groups: AggregateGroup[]): CellValue[][] =>
		groups.flatMap((g) => [
			[g.label, 'overall', ...figureCells(g.overall)],
			...g.dimensions.map((f, i) => [g.label, dims[i].name, ...figureCells(f)])
		]);
	const byType: ExportTable = {
		name: 'By type',
		title: 'Aggregates by organisation type',
		columns: aggregateColumns('type'),
		rows: aggregateRows(d.byType)
	};
	const byCountry: ExportTable = {
		name: 'By country',
		title: 'Aggregates by country',
		columns: aggregateColumns('country'),
		rows: aggregateRows(d.byCountry)
	};
	const tables = [summary, completion, heatmap, byType, byCountry];
	if (d.change) {
		const changeCells = (f: ChangeFigure): CellValue[] =>
			f.status === 'ok'
				? [
						f.n,
						round1(f.median),
						round1(f.q1),
						round1(f.q3),
						f.improved,
						f.declined,
						f.unchanged,
						'shown'
					]
				: [null, null, null, null, null, null, null, `withheld: fewer than ${f.needed}`];
		tables.push({
			name: 'Change',
			title: `Change from ${d.change.from.name} to ${d.change.to.name}`,
			columns: [
				{ header: 'series', meaning: 'overall or a dimension’s name.' },
				{
					header: 'n',
					meaning: `Organisations with a score in both rounds (private ones never count). Empty when fewer than ${t}.`
				},
				{ header: 'median change', meaning: 'Median of (later score − earlier score), points.' },
				{ header: 'q1 change', meaning: 'First quartile of the change.' },
				{ header: 'q3 change', meaning: 'Third quartile of the change.' },
				{ header: 'improved', meaning: 'Organisations whose score rose.' },
				{ header: 'declined', meaning: 'Organisations whose score fell.' },
				{ header: 'unchanged', meaning: 'Organisations whose score stayed the same.' },
				{ header: 'status', meaning: `shown, or withheld when fewer than ${t} organisations.` }
			],
			rows: [
				['overall', ...changeCells(d.change.overall)],
				...d.change.dimensions.map((c) => [c.name, ...changeCells(c.figure)])
			]
		});
		tables.push({
			name: 'Top improvers',
			title: 'Organisations that improved most per dimension (good-practice candidates)',
			columns: [
				{ header: 'dimension', meaning: 'The dimension’s name.' },
				{ header: 'rank', meaning: `1 to ${TOP_IMPROVERS}, largest improvement first.` },
				ORGANISATION_COLUMN,
				NAMED_COLUMN,
				{ header: 'earlier score', meaning: `Score in ${d.change.from.name}.` },
				{ header: 'later score', meaning: `Score in ${d.change.to.name}.` },
				{ header: 'change', meaning: 'Later score − earlier score, points.' }
			],
			rows: d.change.dimensions.flatMap((c) =>
				c.improvers.map((m, i) => [
					c.name,
					i + 1,
					m.label,
					yesNo(m.named),
					round1(m.from),
					round1(m.to),
					round1(m.change)
				])
			)
		});
	}
	const dictionary: ExportTable = {
		name: 'Data dictionary',
		title: 'What every column means',
		columns: [
			{ header: 'sheet', meaning: 'The sheet (or CSV section) of the column.' },
			{ header: 'column', meaning: 'The column’s header.' },
			{ header: 'meaning', meaning: 'What it holds.' }
		],
		rows: tables.flatMap((table) => table.columns.map((c) => [table.name, c.header, c.meaning]))
	};
	dictionary.rows.push(
		...dictionary.columns.map((c) => [dictionary.name, c.header, c.meaning] as CellValue[])
	);
	return [...tables, dictionary];
}

function csvCell(value: CellValue): string {
	if (value === null) return '';
	const text = String(value);
	// Quote when needed; a leading =, +, - or @ would be run as a formula by spreadsheet apps.
	const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
	return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV file: each table as a section (a `# title` line, the header, rows, a blank line). */
export function tablesToCsv(tables: ExportTable[]): string {
	const lines: string[] = [];
	for (const table of tables) {
		lines.push(csvCell(`# ${table.name}: ${table.title}`));
		lines.push(table.columns.map((c) => csvCell(c.header)).join(','));
		for (const row of table.rows) lines.push(row.map(csvCell).join(','));
		lines.push('');
	}
	return lines.join('\r\n');
}

/** An XLSX workbook: one sheet per table, the data dictionary last. */
export async function tablesToXlsx(tables: ExportTable[]): Promise<Buffer> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'EMEN Benchmark';
	for (const table of tables) {
		const sheet = workbook.addWorksheet(table.name.slice(0, 31), {
			views: [{ state: 'frozen', ySplit: 1 }]
		});
		sheet.columns = table.columns.map((c) => ({
			header: c.header,
			width: Math.min(60, Math.max(10, c.header.length + 2))
		}));
		sheet.getRow(1).font = { bold: true };
		sheet.addRows(table.rows);
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The attachment's file name: instrument, round and date, safe for every file system. */
export function exportFileName(d: NetworkDashboard, extension: string): string {
	const slug = `${d.round.instrumentKey}-${d.round.name}`
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `network-${slug}.${extension}`;
}

/** The rounds of a selection as full rows (for the dashboard), or undefined without a round. */
export function loadSelectedRounds(
	sel: NetworkSelection
): { r: Round; from: Round | null } | undefined {
	if (!sel.round) return undefined;
	const ids = [sel.round.id, ...(sel.from ? [sel.from.id] : [])];
	const rows = getDb().select().from(round).where(inArray(round.id, ids)).all();
	const r = rows.find((x) => x.id === sel.round!.id);
	if (!r) return undefined;
	return { r, from: rows.find((x) => x.id === sel.from?.id) ?? null };
}
