/**
 * Assessment history for the demo: two closed rounds and one open round per instrument, with
 * answers generated from a latent maturity per organisation and dimension, so scores are
 * believable and varied (profiles by type and country, some organisations improving between
 * rounds, a few teams that disagree). Scored with the same domain code the app uses.
 */
import { isScoredQuestion, type Instrument, type Question } from '../../src/lib/domain/instrument';
import type { ResponseValidator } from '../../src/lib/domain/response-validator';
import { scoreResponse } from '../../src/lib/domain/scoring';
import type {
	organisation,
	response,
	responseDimension,
	round
} from '../../src/lib/server/db/schema';
import type { Random } from './random';

type OrgRow = typeof organisation.$inferInsert;
type RoundRow = typeof round.$inferInsert;
type ResponseRow = typeof response.$inferInsert;
type DimensionRow = typeof responseDimension.$inferInsert;

export interface SeedInstrument {
	key: string;
	versionId: number;
	instrument: Instrument;
	validator: ResponseValidator;
	/** Organisation types the instrument's rounds are for. */
	types: string[];
}

/** Past rounds on fixed dates; the open round runs around the day the demo is seeded. */
export function demoRounds(now: number) {
	const day = 24 * 60 * 60 * 1000;
	const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
	return [
		{
			name: 'Spring 2025',
			startsOn: '2025-03-01',
			endsOn: '2025-05-31',
			status: 'closed' as const
		},
		{
			name: 'Spring 2026',
			startsOn: '2026-03-01',
			endsOn: '2026-05-31',
			status: 'closed' as const
		},
		{
			name: seasonName(now - 30 * day),
			startsOn: iso(now - 30 * day),
			endsOn: iso(now + 150 * day),
			status: 'open' as const
		}
	];
}

/** "Autumn 2026", "Winter 2026/27": the open round is named after when it starts. */
function seasonName(t: number): string {
	const d = new Date(t);
	const m = d.getUTCMonth();
	const y = d.getUTCFullYear();
	if (m >= 2 && m <= 4) return `Spring ${y}`;
	if (m >= 5 && m <= 7) return `Summer ${y}`;
	if (m >= 8 && m <= 10) return `Autumn ${y}`;
	return m === 11
		? `Winter ${y}/${String(y + 1).slice(2)}`
		: `Winter ${y - 1}/${String(y).slice(2)}`;
}

/** Mean maturity (0–1) by organisation type, nudged by country: chambers differ from NGOs. */
const TYPE_MEAN: Record<string, number> = {
	chamber: 0.5,
	association: 0.38,
	'business-support': 0.52,
	ngo: 0.42,
	microfinance: 0.5,
	'public-authority': 0.45
};
const COUNTRY_NUDGE: Record<string, number> = {
	DE: 0.06,
	NL: 0.08,
	SE: 0.07,
	BE: 0.04,
	FR: 0.02,
	IT: -0.02,
	ES: -0.01,
	SI: -0.05,
	GR: -0.07
};

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** One person's answers given their view of the organisation's maturity per dimension. */
function answersFor(
	instrument: Instrument,
	latent: Record<string, number>,
	rng: Random
): Record<string, unknown> {
	const data: Record<string, unknown> = {};
	for (const q of instrument.questions) {
		const value = answerQuestion(q, latent, rng);
		if (value !== undefined) data[q.name] = value;
	}
	return data;
}

function answerQuestion(q: Question, latent: Record<string, number>, rng: Random): unknown {
	if (isScoredQuestion(q)) {
		if (rng.chance(0.04)) return undefined; // skipped
		const excluded = q.choices.filter((c) => c.exclude !== null);
		if (excluded.length > 0 && rng.chance(0.05)) return rng.pick(excluded).value;
		const target = clamp(rng.normal(latent[q.scoring.dimension], 0.15)) * q.scoring.maxPoints;
		const scored = q.choices.filter((c) => c.points !== null);
		let best = scored[0];
		for (const c of scored)
			if (Math.abs(c.points! - target) < Math.abs(best.points! - target)) best = c;
		return best.value;
	}
	if (q.visibleIf) return undefined; // follow-up questions stay unanswered
	switch (q.type) {
		case 'text':
			if (q.inputType === 'number') {
				const max = Math.min(q.max ?? 500, 500);
				return rng.int(Math.max(q.min ?? 0, 0), max);
			}
			return q.isRequired ? 'Demo answer' : undefined;
		case 'radiogroup':
		case 'dropdown': {
			const plain = q.choices.filter((c) => c.value !== 'other');
			return rng.pick(plain.length > 0 ? plain : q.choices).value;
		}
		case 'checkbox': {
			const options = q.choices.filter((c) => c.value !== 'other' && c.value !== q.noneValue);
			const picked = options.filter(() => rng.chance(0.35));
			return picked.length > 0 ? picked.map((c) => c.value) : [options[0].value];
		}
		case 'comment':
			return undefined;
	}
}

export interface AssessmentSeed {
	rounds: RoundRow[];
	responses: ResponseRow[];
	dimensions: DimensionRow[];
}

/**
 * For each instrument: three rounds; most eligible organisations answer the past rounds with
 * most of their members, and some have started or submitted in the open round.
 */
export function seedAssessments(
	instruments: SeedInstrument[],
	orgs: OrgRow[],
	membersOf: (orgId: string) => { userId: string; role: string }[],
	rng: Random,
	now: number,
	featured: Set<string>
): AssessmentSeed {
	const out: AssessmentSeed = { rounds: [], responses: [], dimensions: [] };
	for (const inst of instruments) {
		const rounds = demoRounds(now).map((r) => ({
			id: rng.id(),
			instrumentKey: inst.key,
			versionId: inst.versionId,
			name: r.name,
			startsOn: r.startsOn,
			endsOn: r.endsOn,
			organisationTypes: inst.types,
			status: r.status,
			createdAt: new Date(Date.parse(r.startsOn)),
			closedAt: r.status === 'closed' ? new Date(Date.parse(r.endsOn)) : null
		}));
		out.rounds.push(...rounds);
		for (const org of orgs.filter((o) => inst.types.includes(o.type))) {
			const base = (TYPE_MEAN[org.type] ?? 0.45) + (COUNTRY_NUDGE[org.country] ?? 0);
			const orgLevel = rng.normal(base, 0.12);
			let latent = Object.fromEntries(
				inst.instrument.dimensions.map((d) => [d.key, clamp(rng.normal(orgLevel, 0.1))])
			);
			// The named demo organisations always have history that improves, and one
			// disagreeing team, so every page of theirs has something to show.
			const isFeatured = featured.has(org.id!);
			const improver = isFeatured || rng.chance(0.6);
			const divergentTeam = isFeatured ? org.type === 'chamber' : rng.chance(0.12);
			const members = membersOf(org.id!);
			rounds.forEach((r, index) => {
				if (index > 0 && improver)
					latent = Object.fromEntries(
						Object.entries(latent).map(([k, v]) => [k, clamp(v + rng.normal(0.07, 0.04))])
					);
				const open = r.status === 'open';
				// They also leave the open round for the visitor to answer.
				if (open && isFeatured) return;
				if (!isFeatured && !rng.chance(open ? 0.45 : 0.85)) return;
				members.forEach((m, i) => {
					if (i > 0 && !isFeatured && !rng.chance(0.75)) return;
					const view = divergentTeam
						? Object.fromEntries(
								Object.entries(latent).map(([k, v]) => [k, clamp(v + rng.normal(0, 0.25))])
							)
						: Object.fromEntries(
								Object.entries(latent).map(([k, v]) => [k, clamp(v + rng.normal(0, 0.05))])
							);
					const data = answersFor(inst.instrument, view, rng);
					const check = inst.validator.validate(data, { requireComplete: true });
					if (!check.valid)
						throw new Error(
							`Generated demo answers are invalid: ${JSON.stringify(check.errors.slice(0, 3))}`
						);
					const submitted = !open || rng.chance(0.6);
					const at = new Date(Date.parse(r.startsOn) + rng.int(2, 50) * 86_400_000);
					const id = rng.id();
					const score = submitted ? scoreResponse(inst.instrument, data) : null;
					out.responses.push({
						id,
						roundId: r.id,
						organisationId: org.id!,
						userId: m.userId,
						kind: 'individual',
						versionId: inst.versionId,
						status: submitted ? 'submitted' : 'draft',
						draftData: data,
						currentPage: null,
						draftRevision: 1,
						draftSavedAt: at,
						submittedData: submitted ? data : null,
						submittedAt: submitted ? at : null,
						overallIndex: score?.overall.index ?? null,
						overallLevel: score?.overall.level ?? null,
						scoreDetail: score
					});
					if (score)
						for (const d of score.dimensions)
							out.dimensions.push({
								responseId: id,
								dimensionKey: d.key,
								score: d.score,
								level: d.level,
								gateCap: d.gateCap
							});
				});
			});
		}
	}
	return out;
}
