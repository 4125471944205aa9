// An organisation's pathway for a round: its stored result, the peer medians of its default
// benchmark where the benchmark rules allow them, and the prioritised actions.
import { and, eq } from 'drizzle-orm';
import { LEVELS, type Level } from '../domain/constants';
import type { Dimension, PathwayAction } from '../domain/instrument';
import { pickText } from '../domain/localized';
import { buildPathway, type DimensionStanding } from '../domain/pathways';
import { organisationBenchmark } from './benchmarks';
import { getDb } from './db';
import {
	organisationDimension,
	organisationRound,
	type Organisation,
	type Round
} from './db/schema';
import { formatNumber } from '../i18n/format';
import { m } from '../paraglide/messages.js';
import { compiledVersion } from './instruments';

export interface OrganisationStanding {
	overallIndex: number | null;
	overallLevel: Level | null;
	dimensions: DimensionStanding[];
}

/** The organisation's result in a round as stored at submission; null before any submission. */
export function organisationStanding(
	roundId: string,
	organisationId: string
): OrganisationStanding | null {
	const db = getDb();
	const overall = db
		.select()
		.from(organisationRound)
		.where(
			and(
				eq(organisationRound.roundId, roundId),
				eq(organisationRound.organisationId, organisationId)
			)
		)
		.get();
	if (!overall) return null;
	const dimensions = db
		.select({
			key: organisationDimension.dimensionKey,
			score: organisationDimension.score,
			level: organisationDimension.level
		})
		.from(organisationDimension)
		.where(
			and(
				eq(organisationDimension.roundId, roundId),
				eq(organisationDimension.organisationId, organisationId)
			)
		)
		.all();
	return {
		overallIndex: overall.overallIndex,
		overallLevel: overall.overallLevel as Level | null,
		dimensions: dimensions.map((d) => ({ ...d, level: d.level as Level | null }))
	};
}

/**
 * Peer medians per dimension from the organisation's default benchmark (its own type), under
 * every benchmark rule: null with the reason when no figures may be shown.
 */
export function peerMedians(
	r: Round,
	organisation: Pick<Organisation, 'id' | 'type'>
): { medians: Record<string, number | null> | null; reason: string | null } {
	const { result } = organisationBenchmark(r, organisation.id, { types: [organisation.type] });
	if (result.status === 'refused') return { medians: null, reason: result.message };
	if (result.status === 'too-few') {
		return {
			medians: null,
			reason:
				result.reason === 'overlap'
					? m.plan_pathway_peers_overlap()
					: m.plan_pathway_peers_too_few({ count: formatNumber(result.needed) })
		};
	}
	return {
		medians: Object.fromEntries(
			result.dimensions.map((d) => [d.key, d.status === 'ok' ? d.summary.median : null])
		),
		reason: null
	};
}

/** The organisation's pathway for the round, or null before it has a result. */
export function organisationPathway(
	r: Round,
	organisation: Pick<Organisation, 'id' | 'type'>,
	language: string
) {
	const compiled = compiledVersion(r.versionId);
	if (!compiled) throw new Error(`Instrument version ${r.versionId} is missing`);
	const standing = organisationStanding(r.id, organisation.id);
	if (!standing) return null;
	const peers = peerMedians(r, organisation);
	const pathway = buildPathway({
		dimensions: compiled.instrument.dimensions,
		pathways: compiled.instrument.pathways,
		standings: standing.dimensions,
		peerMedians: peers.medians,
		language
	});
	return { standing, pathway, peerMedianReason: peers.reason };
}

/** An action as the pages show it, in the reader's language. */
export function actionView(action: PathwayAction, language: string) {
	return {
		key: action.key,
		level: action.level,
		effort: action.effort,
		title: pickText(action.title, language),
		description: pickText(action.description, language),
		resources: action.resources.map((r) => ({
			title: pickText(r.title, language),
			url: r.url,
			reference: r.reference ? pickText(r.reference, language) : null
		}))
	};
}

/** A dimension's names and descriptors in the reader's language. */
export function dimensionView(dimension: Dimension, language: string) {
	return {
		key: dimension.key,
		name: pickText(dimension.name, language),
		description: dimension.description ? pickText(dimension.description, language) : null,
		weight: dimension.weight,
		levels: Object.fromEntries(
			LEVELS.map((level) => [level, pickText(dimension.levels[level], language)])
		) as Record<Level, string>
	};
}

/** How many of the pathway's first dimensions get peer-learning suggestions. */
export const PRIORITY_DIMENSIONS = 3;
