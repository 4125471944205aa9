import { error, json } from '@sveltejs/kit';
import { formatNumber } from '../i18n/format';
import { m } from '../paraglide/messages.js';
import { RefusalError } from './errors';
import { ValidationRefusal } from './responses';

/** Reads a JSON body no larger than `maxBytes`; anything else is a clear 4xx, never a 500. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
	const tooLarge = () =>
		m.common_request_too_large({ limit: formatNumber(Math.round(maxBytes / 1024)) });
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) error(413, tooLarge());
	const text = await request.text();
	if (new TextEncoder().encode(text).length > maxBytes) error(413, tooLarge());
	try {
		return JSON.parse(text) as unknown;
	} catch {
		error(400, m.common_request_invalid_json());
	}
}

/**
 * The JSON answer to an expected refusal of answers: the questions and reasons for invalid
 * answers (400), the refusal's own status otherwise. Anything unexpected is rethrown.
 */
export function refusalJson(e: unknown, invalidMessage: string): Response {
	if (e instanceof ValidationRefusal)
		return json({ message: invalidMessage, errors: e.errors }, { status: 400 });
	if (e instanceof RefusalError) return json({ message: e.message }, { status: e.status });
	throw e;
}
