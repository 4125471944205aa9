// Submitting a response: what is sent, and what the server's answer means for the form.
import { m } from '$lib/paraglide/messages';
import type { ResponseKind } from './autosave';

/** One refusal of the server's strict validator (src/lib/domain/response-validator.ts). */
export interface SubmissionError {
	question: string | null;
	code: string;
	reason: string;
}

export type SubmissionOutcome =
	| { kind: 'submitted'; results: string }
	| { kind: 'invalid'; message: string; errors: SubmissionError[] }
	| { kind: 'refused'; message: string }
	| { kind: 'network' };

/** The part of a SurveyJS question this module reads. */
export interface VisibilityOf {
	getValueName(): string;
	isVisible: boolean;
	isParentVisible: boolean;
}

/**
 * Only the answers of questions the person can see. SurveyJS clears hidden answers itself only
 * when it completes, which the form never lets it do before the server accepted; the server
 * refuses answers to hidden questions, so they are left out here.
 */
export function visibleAnswers(
	data: Record<string, unknown>,
	questions: readonly VisibilityOf[]
): Record<string, unknown> {
	const visible = new Set(
		questions.filter((q) => q.isVisible && q.isParentVisible).map((q) => q.getValueName())
	);
	return Object.fromEntries(Object.entries(data).filter(([name]) => visible.has(name)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseErrors(value: unknown): SubmissionError[] {
	if (!Array.isArray(value)) return [];
	return value.filter(isRecord).map((e) => ({
		question: typeof e.question === 'string' ? e.question : null,
		code: typeof e.code === 'string' ? e.code : 'invalid',
		reason: typeof e.reason === 'string' ? e.reason : m.assess_submit_answer_refused()
	}));
}

/** POSTs the answers to the submit endpoint (same origin) and reads the answer. */
export async function submitAnswers(
	endpoint: string,
	kind: ResponseKind,
	data: Record<string, unknown>,
	fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)
): Promise<SubmissionOutcome> {
	let response: Response;
	try {
		response = await fetchImpl(endpoint, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify({ kind, data })
		});
	} catch {
		return { kind: 'network' };
	}
	let body: Record<string, unknown> = {};
	try {
		const parsed: unknown = await response.json();
		if (isRecord(parsed)) body = parsed;
	} catch {
		// Not JSON: the status decides.
	}
	const message = typeof body.message === 'string' ? body.message : null;
	if (response.ok && body.submitted === true && typeof body.results === 'string')
		return { kind: 'submitted', results: body.results };
	if (response.status === 400)
		return {
			kind: 'invalid',
			message: message ?? m.assess_submit_needs_attention(),
			errors: parseErrors(body.errors)
		};
	if (response.status === 401) return { kind: 'refused', message: m.assess_submit_logged_out() };
	return {
		kind: 'refused',
		message: message ?? m.assess_submit_failed_status({ status: response.status })
	};
}

/** "an answer is required" → "An answer is required." (Arabic: "؟" ends a sentence too). */
export function sentence(reason: string): string {
	const text = reason.trim();
	if (!text) return text;
	const capital = text[0].toUpperCase() + text.slice(1);
	return /[.!?؟]$/.test(capital) ? capital : `${capital}.`;
}
