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
import { continuedKeys, mapScores, originNotes } from '../domain/crosswalk';
import { pickText } from '../domain/localized';
import { organisationTypeLabel, type SharingChoice } from '../domain/organisation';
import { levelForScore } from '../domain/scoring';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { roundNetwork, type NetworkMember } from './benchmarks';
import { comparableDimensions, roundsApart, type RoundsApart } from './crosswalks';
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

/**
 * The round's dimensions in the instrument's order, named in the interface's language (English
 * where the instrument has no text in it, as for Arabic).
 */
export function roundDimensions(r: Round): DimensionInfo[] {
	const compiled = compiledVersion(r.versionId);
	return (compiled?.instrument.dimensions ?? []).map((d) => ({
		key: d.key,
		name: pickText(d.name, getLocale())
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
				label: by === 'type' ? organisationTypeLabel(value) : value,
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
	/** Dimensions whose earlier figures were mapped through a crosswalk, and how (issue 7). */
	crosswalkNotes: { key: string; name: string; note: string }[];
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
): RoundChange | null {
	// Issue 7: rounds on versions that are not comparable are never compared (changeApart says
	// why); an older version's figures are mapped into the later round's keys (crosswalks.ts).
	const comparison = comparableDimensions(fromRound.versionId, toRound.versionId);
	if (!comparison.comparable) return null;
	const needed = threshold();
	const before = new Map(
		roundNetwork(fromRound.id).map((m) => [
			m.id,
			comparison.identity ? m : { ...m, dimensions: mapScores(comparison, m.dimensions) }
		])
	);
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
	const fromKeys = new Set(continuedKeys(comparison));
	const notes = originNotes(comparison);
	return {
		from: { id: fromRound.id, name: fromRound.name },
		to: { id: toRound.id, name: toRound.name },
		crosswalkNotes: dimensions
			.filter((d) => Object.hasOwn(notes, d.key))
			.map((d) => ({ key: d.key, name: d.name, note: notes[d.key] })),
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
	/** The comparison round is on a version not comparable with the round's (issue 7). */
	changeApart: RoundsApart | null;
}

/** Everything the dashboard and the exports show for a round (and a comparison round). */
export function networkDashboard(r: Round, from: Round | null): NetworkDashboard {
	const dimensions = roundDimensions(r);
	return {
		round: r,
		threshold: threshold(),
		dimensions,
		completion: roundCompletion(r),
		// The cached heatmap may hold the names of another request's language.
		heatmap: { ...roundHeatmap(r, dimensions), dimensions },
		byType: roundAggregates(r, 'type', dimensions),
		byCountry: roundAggregates(r, 'country', dimensions),
		change: from ? roundChange(from, r, dimensions) : null,
		changeApart: from ? roundsApart(from, r) : null
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

// Headers, the data dictionary and the words in cells are in the requester's language (the
// messages are read here, inside the request); numbers stay plain numbers for spreadsheets.
const round1 = (v: number) => Math.round(v * 10) / 10;
const yesNo = (b: boolean) => (b ? m.network_export_yes() : m.network_export_no());

const COMPLETION_STATUS: Record<CompletionStatus, () => string> = {
	'not-started': m.network_export_status_not_started,
	started: m.network_export_status_started,
	submitted: m.network_export_status_submitted
};

function figureCells(f: SeriesFigure): CellValue[] {
	return f.status === 'ok'
		? [f.n, round1(f.median), round1(f.q1), round1(f.q3), m.network_export_shown()]
		: [null, null, null, null, m.network_export_withheld({ count: f.needed })];
}

const organisationColumn = (): ExportColumn => ({
	header: m.network_export_organisation(),
	meaning: m.network_export_organisation_meaning()
});
const namedColumn = (): ExportColumn => ({
	header: m.network_export_named(),
	meaning: m.network_export_named_meaning()
});

/** The dashboard as tables: the one source of the CSV and the XLSX, with a data dictionary. */
export function exportTables(d: NetworkDashboard): ExportTable[] {
	const dims = d.dimensions;
	const t = d.threshold;
	const summary: ExportTable = {
		name: m.network_export_summary_sheet(),
		title: m.network_export_summary_title(),
		columns: [
			{
				header: m.network_export_summary_item(),
				meaning: m.network_export_summary_item_meaning()
			},
			{
				header: m.network_export_summary_value(),
				meaning: m.network_export_summary_value_meaning()
			}
		],
		rows: [
			[m.network_export_summary_instrument(), d.round.instrumentKey],
			[m.network_export_summary_round(), d.round.name],
			[
				m.network_export_summary_round_status(),
				d.round.status === 'open' ? m.network_export_round_open() : m.network_export_round_closed()
			],
			[
				m.network_export_summary_compared_with(),
				d.change?.from.name ??
					(d.changeApart
						? m.crosswalk_export_not_compared({
								round: d.changeApart.from.name,
								reason: d.changeApart.reason
							})
						: m.network_export_none())
			],
			[m.network_export_summary_threshold(), t],
			[m.network_export_summary_invited(), d.completion.invited],
			[m.network_export_summary_started(), d.completion.started],
			[m.network_export_summary_submitted(), d.completion.submitted],
			[m.network_export_summary_completion_left_out(), d.completion.privateLeftOut],
			[m.network_export_summary_heatmap_left_out(), d.heatmap.privateLeftOut]
		]
	};
	const completion: ExportTable = {
		name: m.network_export_completion_sheet(),
		title: m.network_export_completion_title(),
		columns: [
			organisationColumn(),
			namedColumn(),
			{ header: m.network_export_invited(), meaning: m.network_export_invited_meaning() },
			{
				header: m.network_export_status(),
				meaning: m.network_export_completion_status_meaning()
			}
		],
		rows: d.completion.organisations.map((o) => [
			o.label,
			yesNo(o.named),
			yesNo(o.invited),
			COMPLETION_STATUS[o.status]()
		])
	};
	const heatmap: ExportTable = {
		name: m.network_export_heatmap_sheet(),
		title: m.network_export_heatmap_title(),
		columns: [
			organisationColumn(),
			namedColumn(),
			{ header: m.network_export_overall(), meaning: m.network_export_overall_meaning() },
			{
				header: m.network_export_overall_level(),
				meaning: m.network_export_overall_level_meaning()
			},
			...dims.map((dim) => ({
				header: dim.name,
				meaning: m.network_export_dimension_meaning({ name: dim.name, key: dim.key })
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
	const aggregateColumns = (grouping: ExportColumn): ExportColumn[] => [
		grouping,
		{ header: m.network_export_series(), meaning: m.network_export_series_meaning() },
		{ header: m.network_export_n(), meaning: m.network_export_n_meaning({ threshold: t }) },
		{ header: m.network_export_median(), meaning: m.network_export_median_meaning() },
		{ header: m.network_export_q1(), meaning: m.network_export_q1_meaning() },
		{ header: m.network_export_q3(), meaning: m.network_export_q3_meaning() },
		{
			header: m.network_export_status(),
			meaning: m.network_export_aggregate_status_meaning({ threshold: t })
		}
	];
	const aggregateRows = (groups: AggregateGroup[]): CellValue[][] =>
		groups.flatMap((g) => [
			[g.label, m.network_export_overall(), ...figureCells(g.overall)],
			...g.dimensions.map((f, i) => [g.label, dims[i].name, ...figureCells(f)])
		]);
	const byType: ExportTable = {
		name: m.network_export_by_type_sheet(),
		title: m.network_export_by_type_title(),
		columns: aggregateColumns({
			header: m.network_export_type(),
			meaning: m.network_export_type_meaning()
		}),
		rows: aggregateRows(d.byType)
	};
	const byCountry: ExportTable = {
		name: m.network_export_by_country_sheet(),
		title: m.network_export_by_country_title(),
		columns: aggregateColumns({
			header: m.network_export_country(),
			meaning: m.network_export_country_meaning()
		}),
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
						m.network_export_shown()
					]
				: [
						null,
						null,
						null,
						null,
						null,
						null,
						null,
						m.network_export_withheld({ count: f.needed })
					];
		tables.push({
			name: m.network_export_change_sheet(),
			title: m.network_export_change_title({ from: d.change.from.name, to: d.change.to.name }),
			columns: [
				{
					header: m.network_export_series(),
					meaning: m.network_export_change_series_meaning()
				},
				{
					header: m.network_export_n(),
					meaning: m.network_export_change_n_meaning({ threshold: t })
				},
				{
					header: m.network_export_median_change(),
					meaning: m.network_export_median_change_meaning()
				},
				{
					header: m.network_export_q1_change(),
					meaning: m.network_export_q1_change_meaning()
				},
				{
					header: m.network_export_q3_change(),
					meaning: m.network_export_q3_change_meaning()
				},
				{ header: m.network_export_improved(), meaning: m.network_export_improved_meaning() },
				{ header: m.network_export_declined(), meaning: m.network_export_declined_meaning() },
				{ header: m.network_export_unchanged(), meaning: m.network_export_unchanged_meaning() },
				{
					header: m.network_export_status(),
					meaning: m.network_export_change_status_meaning({ threshold: t })
				}
			],
			rows: [
				[m.network_export_overall(), ...changeCells(d.change.overall)],
				...d.change.dimensions.map((c) => [c.name, ...changeCells(c.figure)])
			]
		});
		tables.push({
			name: m.network_export_improvers_sheet(),
			title: m.network_export_improvers_title(),
			columns: [
				{
					header: m.network_export_dimension(),
					meaning: m.network_export_dimension_name_meaning()
				},
				{
					header: m.network_export_rank(),
					meaning: m.network_export_rank_meaning({ max: TOP_IMPROVERS })
				},
				organisationColumn(),
				namedColumn(),
				{
					header: m.network_export_earlier_score(),
					meaning: m.network_export_score_in_round_meaning({ round: d.change.from.name })
				},
				{
					header: m.network_export_later_score(),
					meaning: m.network_export_score_in_round_meaning({ round: d.change.to.name })
				},
				{ header: m.network_export_change(), meaning: m.network_export_change_meaning() }
			],
			rows: d.change.dimensions.flatMap((c) =>
				c.improvers.map((improver, i) => [
					c.name,
					i + 1,
					improver.label,
					yesNo(improver.named),
					round1(improver.from),
					round1(improver.to),
					round1(improver.change)
				])
			)
		});
	}
	const dictionary: ExportTable = {
		name: m.network_export_dictionary_sheet(),
		title: m.network_export_dictionary_title(),
		columns: [
			{ header: m.network_export_sheet(), meaning: m.network_export_sheet_meaning() },
			{ header: m.network_export_column(), meaning: m.network_export_column_meaning() },
			{ header: m.network_export_meaning(), meaning: m.network_export_meaning_meaning() }
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
