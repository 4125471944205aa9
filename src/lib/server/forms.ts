import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '../paraglide/messages.js';

/** The shape every failed form action returns, so pages show errors beside their fields. */
export interface FormFailure {
	message: string;
	errors: Record<string, string>;
	values: Record<string, string | string[]>;
}

/** Fields never sent back to the page. */
const SECRET_FIELDS = new Set(['password', 'newPassword', 'currentPassword', 'confirm']);

/** The submitted values as the page should show them again (never a password). */
export function formValues(data: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(data.keys())) {
		if (SECRET_FIELDS.has(key)) continue;
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = all.length > 1 || key.endsWith('[]') ? all : (all[0] ?? '');
	}
	return values;
}

export function formFail(
	status: number,
	data: FormData,
	errors: Record<string, string>,
	// A default parameter is evaluated at each call, so the message follows the request's language.
	message: string = m.common_form_invalid()
): ActionFailure<FormFailure> {
	return fail(status, { message, errors, values: formValues(data) });
}

type Parsed<T> = { ok: true; data: T } | { ok: false; failure: ActionFailure<FormFailure> };

/**
 * Parses a submitted form against a schema. `arrays` names the fields that may repeat
 * (checkbox groups, multi-selects).
 */
export function parseForm<S extends z.ZodType>(
	data: FormData,
	schema: S,
	arrays: string[] = []
): Parsed<z.infer<S>> {
	const raw: Record<string, unknown> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = arrays.includes(key) ? all : all[0];
	}
	for (const key of arrays) raw[key] ??= [];
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, failure: formFail(400, data, errors) };
}
