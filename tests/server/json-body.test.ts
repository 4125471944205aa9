import { describe, expect, it } from 'vitest';
import { readJsonBody } from '../../src/lib/server/json-body';
import { MAX_DRAFT_BYTES } from '../../src/lib/server/responses';

const post = (body: string, headers: Record<string, string> = {}) =>
	new Request('http://localhost/x', { method: 'POST', body, headers });

async function status(p: Promise<unknown>): Promise<number | undefined> {
	try {
		await p;
	} catch (e) {
		return (e as { status?: number }).status;
	}
	return undefined;
}

describe('request bodies', () => {
	it('refuses a draft larger than the limit, whether or not it declares its length', async () => {
		const big = JSON.stringify({ data: { x: 'a'.repeat(MAX_DRAFT_BYTES) } });
		expect(await status(readJsonBody(post(big), MAX_DRAFT_BYTES))).toBe(413);
		expect(
			await status(
				readJsonBody(post('{}', { 'content-length': String(MAX_DRAFT_BYTES + 1) }), MAX_DRAFT_BYTES)
			)
		).toBe(413);
	});

	it('counts bytes, not characters', async () => {
		const limit = 100;
		const text = JSON.stringify({ x: 'é'.repeat(60) }); // 60 characters, 120 bytes of them
		expect(text.length).toBeLessThan(limit + 20);
		expect(await status(readJsonBody(post(text), limit))).toBe(413);
	});

	it('refuses malformed JSON with 400 and reads good JSON', async () => {
		expect(await status(readJsonBody(post('{not json'), MAX_DRAFT_BYTES))).toBe(400);
		await expect(readJsonBody(post('{"a":1}'), MAX_DRAFT_BYTES)).resolves.toEqual({ a: 1 });
	});
});
