import { and, eq } from 'drizzle-orm';
import type { ResponseValidationError } from '../domain/response-validator';
import { scoreResponse } from '../domain/scoring';
import { m } from '../paraglide/messages.js';
import { getDb } from './db';
import { response, responseDimension, type Response, type Round } from './db/schema';
import { RefusalError } from './errors';
import { newId } from './ids';
import { compiledVersion } from './instruments';
import { refreshOrganisationResult } from './results';
import { acceptsAnswers } from './rounds';

/** A draft larger than this is refused: a 70-question instrument needs a few kilobytes. */
export const MAX_DRAFT_BYTES = 256 * 1024;
export const MAX_PAGE_NAME = 100;

export type ResponseKind = 'individual' | 'agreed';

/** Whose answers: a person's own, or the organisation's agreed set. */
export interface ResponseOwner {
	round: Round;
	organisationId: string;
	userId: string;
	kind: ResponseKind;
}

function ownerFilter(o: ResponseOwner) {
	return o.kind === 'agreed'
		? and(
				eq(response.roundId, o.round.id),
				eq(response.organisationId, o.organisationId),
				eq(response.kind, 'agreed')
			)
		: and(
				eq(response.roundId, o.round.id),
				eq(response.organisationId, o.organisationId),
				eq(response.userId, o.userId),
				eq(response.kind, 'individual')
			);
}

export function findResponse(o: ResponseOwner): Response | undefined {
	return getDb().select().from(response).where(ownerFilter(o)).get();
}

function requireAccepting(r: Round): void {
	if (!acceptsAnswers(r))
		throw new RefusalError(
			r.status === 'closed' ? m.assess_round_closed() : m.assess_round_not_open(),
			'round',
			409
		);
}

/** The person's response in the round, created as an empty draft on first visit. */
export function openResponse(o: ResponseOwner, copyFrom?: Record<string, unknown>): Response {
	const existing = findResponse(o);
	if (existing) return existing;
	requireAccepting(o.round);
	return getDb()
		.insert(response)
		.values({
			id: newId(),
			roundId: o.round.id,
			organisationId: o.organisationId,
			userId: o.userId,
			kind: o.kind,
			versionId: o.round.versionId,
			status: 'draft',
			draftData: copyFrom ?? {}
		})
		.returning()
		.get();
}

export interface DraftSave {
	data: Record<string, unknown>;
	currentPage: string | null;
	revision: number;
}

export type DraftSaveResult =
	| { saved: true; savedAt: Date; revision: number }
	| { saved: false; stale: true; revision: number };

/**
 * Stores a draft. Shapes are checked (nothing is silently dropped or altered); a save older
 * than the stored one (a retry arriving late) is ignored rather than overwriting newer answers.
 */
export function saveDraft(o: ResponseOwner, save: DraftSave, now = Date.now()): DraftSaveResult {
	requireAccepting(o.round);
	const compiled = compiledVersion(o.round.versionId);
	if (!compiled) throw new Error(`Instrument version ${o.round.versionId} is missing`);
	const check = compiled.validator.validateDraft(save.data);
	if (!check.valid) throw new ValidationRefusal(check.errors);
	return getDb().transaction((tx) => {
		const current = tx.select().from(response).where(ownerFilter(o)).get() ?? openResponse(o);
		if (current.status === 'submitted')
			throw new RefusalError(m.assess_response_submitted_reopen(), 'status', 409);
		if (save.revision <= current.draftRevision)
			return { saved: false, stale: true, revision: current.draftRevision } as const;
		const savedAt = new Date(now);
		tx.update(response)
			.set({
				draftData: save.data,
				currentPage: save.currentPage,
				draftRevision: save.revision,
				draftSavedAt: savedAt
			})
			.where(eq(response.id, current.id))
			.run();
		return { saved: true, savedAt, revision: save.revision } as const;
	});
}

/**
 * A submission refused by the strict validator: every question and reason, nothing stored.
 * The Error's own message is for logs; people see the errors' reasons (see json-body.ts).
 */
export class ValidationRefusal extends Error {
	constructor(readonly errors: ResponseValidationError[]) {
		super(
			`The answers were refused: ${errors.map((e) => `${e.question ?? 'response'}: ${e.reason}`).join('; ')}`
		);
		this.name = 'ValidationRefusal';
	}
}

/**
 * Validates the answers against the exact version the response answers, scores them and
 * stores answers and scores in one transaction. An invalid submission changes nothing.
 */
export function submitResponse(
	o: ResponseOwner,
	data: Record<string, unknown>,
	now = Date.now()
): Response {
	requireAccepting(o.round);
	const current = findResponse(o);
	if (!current) throw new RefusalError(m.assess_response_no_draft(), 'form', 404);
	if (current.status === 'submitted')
		throw new RefusalError(m.assess_response_already_submitted(), 'status', 409);
	const compiled = compiledVersion(current.versionId);
	if (!compiled) throw new Error(`Instrument version ${current.versionId} is missing`);
	const check = compiled.validator.validate(data, { requireComplete: true });
	if (!check.valid) throw new ValidationRefusal(check.errors);
	const score = scoreResponse(compiled.instrument, data);
	return getDb().transaction((tx) => {
		const updated = tx
			.update(response)
			.set({
				status: 'submitted',
				draftData: data,
				submittedData: data,
				submittedAt: new Date(now),
				overallIndex: score.overall.index,
				overallLevel: score.overall.level,
				scoreDetail: score
			})
			.where(and(eq(response.id, current.id), eq(response.status, 'draft')))
			.returning()
			.get();
		if (!updated) throw new RefusalError(m.assess_response_already_submitted(), 'status', 409);
		tx.delete(responseDimension).where(eq(responseDimension.responseId, current.id)).run();
		tx.insert(responseDimension)
			.values(
				score.dimensions.map((d) => ({
					responseId: current.id,
					dimensionKey: d.key,
					score: d.score,
					level: d.level,
					gateCap: d.gateCap
				}))
			)
			.run();
		refreshOrganisationResult(o.round, o.organisationId, now);
		return updated;
	});
}

/** Makes a submitted response a draft again; the last submission keeps counting until replaced. */
export function reopenResponse(o: ResponseOwner): void {
	requireAccepting(o.round);
	const current = findResponse(o);
	if (!current || current.status !== 'submitted')
		throw new RefusalError(m.assess_response_reopen_only_submitted(), 'status', 409);
	getDb()
		.update(response)
		.set({ status: 'draft', draftData: current.submittedData ?? current.draftData })
		.where(eq(response.id, current.id))
		.run();
}

/**
 * Starts the organisation's agreed response, empty or as a copy of one respondent's
 * submission in the same round and organisation.
 */
export function startAgreedResponse(o: ResponseOwner, fromResponseId: string | null): Response {
	if (findResponse(o)) throw new RefusalError(m.assess_agreed_exists(), 'form', 409);
	let copy: Record<string, unknown> = {};
	if (fromResponseId) {
		const source = getDb()
			.select()
			.from(response)
			.where(
				and(
					eq(response.id, fromResponseId),
					eq(response.roundId, o.round.id),
					eq(response.organisationId, o.organisationId),
					eq(response.kind, 'individual')
				)
			)
			.get();
		if (!source?.submittedData)
			throw new RefusalError(m.assess_agreed_choose_source(), 'fromResponseId', 404);
		copy = source.submittedData;
	}
	return openResponse(o, copy);
}
