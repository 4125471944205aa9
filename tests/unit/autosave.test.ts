import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	AUTOSAVE_DEBOUNCE_MS,
	Autosave,
	localDraftStore,
	newerLocalDraft,
	RETRY_DELAYS_MS,
	storageKey,
	type AutosaveStatus,
	type DraftStore
} from '../../src/lib/components/survey/autosave';

/** A Response as far as the client reads it; undici's own needs real timers to read a body. */
function reply(body: unknown, status = 200): Response {
	return { status, ok: status >= 200 && status < 300, json: async () => body } as Response;
}

/** The draft endpoint's contract (src/routes/orgs/[orgId]/rounds/[roundId]/draft/+server.ts). */
class FakeServer {
	revision: number;
	data: Record<string, unknown> = {};
	currentPage: string | null = null;
	/** 'up', 'down' (network error), 'lost' (stored, but the answer never arrives), or a status. */
	mode: 'up' | 'down' | 'lost' | number = 'up';
	requests: { revision: number; data: Record<string, unknown>; keepalive: boolean }[] = [];

	constructor(revision = 0) {
		this.revision = revision;
	}

	fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
		const body = JSON.parse(String(init?.body)) as {
			kind: string;
			data: Record<string, unknown>;
			currentPage: string | null;
			revision: number;
		};
		this.requests.push({
			revision: body.revision,
			data: body.data,
			keepalive: init?.keepalive === true
		});
		if (this.mode === 'down') throw new TypeError('Failed to fetch');
		if (typeof this.mode === 'number')
			return reply({ message: `refused with ${this.mode}` }, this.mode);
		if (body.revision <= this.revision)
			return reply({ saved: false, stale: true, revision: this.revision });
		this.revision = body.revision;
		this.data = body.data;
		this.currentPage = body.currentPage;
		if (this.mode === 'lost') throw new TypeError('Network connection lost');
		return reply({ saved: true, savedAt: new Date().toISOString(), revision: body.revision });
	};
}

function memoryStore(): DraftStore & { value: ReturnType<DraftStore['read']> } {
	const store = {
		value: null as ReturnType<DraftStore['read']>,
		read: () => store.value,
		write: (d: NonNullable<ReturnType<DraftStore['read']>>) => {
			store.value = structuredClone(d);
		},
		clear: () => {
			store.value = null;
		}
	};
	return store;
}

function setUp(serverRevision = 0) {
	const server = new FakeServer(serverRevision);
	const store = memoryStore();
	const statuses: AutosaveStatus['state'][] = [];
	let online = true;
	const saver = new Autosave({
		endpoint: '/orgs/o/rounds/r/draft',
		kind: 'individual',
		serverRevision,
		savedAt: null,
		store,
		fetch: server.fetch,
		isOnline: () => online,
		onStatus: (s) => statuses.push(s.state)
	});
	return {
		server,
		store,
		saver,
		statuses,
		setOnline(value: boolean) {
			online = value;
			server.mode = value ? 'up' : 'down';
		}
	};
}

const page = (currentPage: string, data: Record<string, unknown>) => ({ currentPage, data });

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('autosave of a draft', () => {
	it('sends a burst of changes once, after the pause, with a revision above the server’s', async () => {
		const { server, saver, store, statuses } = setUp(7);
		saver.change(page('context', { a: 1 }));
		saver.change(page('context', { a: 1, b: 'x' }));
		saver.change(page('context', { a: 1, b: 'xy' }));
		expect(store.value?.data).toEqual({ a: 1, b: 'xy' });
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS - 100);
		expect(server.requests).toHaveLength(0);
		expect(saver.status.state).toBe('saving');
		await vi.advanceTimersByTimeAsync(200);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].revision).toBeGreaterThan(7);
		expect(server.data).toEqual({ a: 1, b: 'xy' });
		expect(server.currentPage).toBe('context');
		expect(saver.status.state).toBe('saved');
		expect(statuses.at(-1)).toBe('saved');
		// Acknowledged: nothing is left on the device.
		expect(store.value).toBeNull();
	});

	it('keeps the answers on the device while offline and sends them when the network returns', async () => {
		const { server, saver, store, setOnline } = setUp(3);
		setOnline(false);
		saver.change(page('strategy', { q1: 'yes' }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS + 10);
		expect(saver.status.state).toBe('offline');
		saver.change(page('strategy', { q1: 'yes', q2: 'no' }));
		await vi.advanceTimersByTimeAsync(60_000);
		expect(saver.status.state).toBe('offline');
		expect(server.revision).toBe(3);
		expect(store.value).toMatchObject({ currentPage: 'strategy', data: { q1: 'yes', q2: 'no' } });
		expect(store.value!.revision).toBeGreaterThan(3);

		setOnline(true);
		saver.online();
		await vi.advanceTimersByTimeAsync(0);
		expect(server.data).toEqual({ q1: 'yes', q2: 'no' });
		expect(saver.status.state).toBe('saved');
		expect(store.value).toBeNull();
	});

	it('retries a failed save with growing waits and says it is not saved meanwhile', async () => {
		const { server, saver } = setUp();
		server.mode = 503;
		saver.change(page('p1', { a: 1 }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS);
		expect(server.requests).toHaveLength(1);
		expect(saver.status).toMatchObject({ state: 'retrying' });
		await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]);
		expect(server.requests).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[1] - 1);
		expect(server.requests).toHaveLength(2);
		server.mode = 'up';
		await vi.advanceTimersByTimeAsync(1);
		expect(server.requests).toHaveLength(3);
		expect(server.data).toEqual({ a: 1 });
		expect(saver.status.state).toBe('saved');
	});

	it('treats a stale answer to its own retry (the first attempt did arrive) as saved', async () => {
		const { server, saver, store } = setUp(1);
		server.mode = 'lost';
		saver.change(page('p1', { a: 1 }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS);
		expect(server.data).toEqual({ a: 1 });
		expect(saver.status.state).toBe('retrying');
		server.mode = 'up';
		await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]);
		expect(server.requests.map((r) => r.revision)).toEqual([2, 2]);
		expect(saver.status.state).toBe('saved');
		expect(store.value).toBeNull();
	});

	it('sends its answers again above a newer revision saved elsewhere (last writer wins)', async () => {
		const { server, saver } = setUp(2);
		server.revision = 40; // another tab or device saved meanwhile
		server.data = { other: true };
		saver.change(page('p1', { mine: true }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS + 10);
		expect(server.requests.map((r) => r.revision)).toEqual([3, 41]);
		expect(server.data).toEqual({ mine: true });
		expect(saver.status.state).toBe('saved');
	});

	it('sends changes made while a save is on its way in the next request', async () => {
		const server = new FakeServer();
		const gates: (() => void)[] = [];
		const slowFetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
			await new Promise<void>((open) => gates.push(open));
			return server.fetch(url, init);
		});
		const saver = new Autosave({
			endpoint: '/d',
			kind: 'individual',
			serverRevision: 0,
			savedAt: null,
			store: memoryStore(),
			fetch: slowFetch
		});
		saver.change(page('p1', { a: 1 }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS);
		expect(slowFetch).toHaveBeenCalledTimes(1);
		saver.change(page('p1', { a: 2 }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS * 3);
		// One request at a time.
		expect(slowFetch).toHaveBeenCalledTimes(1);
		gates.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(server.data).toEqual({ a: 1 });
		expect(saver.status.state).toBe('saving');
		expect(slowFetch).toHaveBeenCalledTimes(2);
		gates.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(server.data).toEqual({ a: 2 });
		expect(saver.status.state).toBe('saved');
	});

	it('flushes at once with keepalive when the tab is hidden', async () => {
		const { server, saver } = setUp();
		saver.change(page('p2', { a: 1 }));
		await saver.flush({ keepalive: true });
		expect(server.requests).toEqual([{ revision: 1, data: { a: 1 }, keepalive: true }]);
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS * 2);
		expect(server.requests).toHaveLength(1);
	});

	it('stops on a refusal no retry can cure (round closed) but keeps the answers on the device', async () => {
		const { server, saver, store } = setUp();
		server.mode = 409;
		saver.change(page('p1', { a: 1 }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS);
		expect(saver.status).toEqual({ state: 'refused', message: 'refused with 409' });
		saver.change(page('p1', { a: 2 }));
		await vi.advanceTimersByTimeAsync(120_000);
		expect(server.requests).toHaveLength(1);
		expect(saver.status).toEqual({ state: 'refused', message: 'refused with 409' });
		expect(store.value?.data).toEqual({ a: 2 });
	});

	it('does not retry answers the server refused as malformed, but tries again after a change', async () => {
		const { server, saver } = setUp();
		server.mode = 400;
		saver.change(page('p1', { a: 'bad' }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS);
		expect(saver.status.state).toBe('refused');
		await vi.advanceTimersByTimeAsync(120_000);
		expect(server.requests).toHaveLength(1);
		server.mode = 'up';
		saver.change(page('p1', { a: 'good' }));
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS);
		expect(server.data).toEqual({ a: 'good' });
		expect(saver.status.state).toBe('saved');
	});

	it('sends nothing while paused for a submission and carries on after resume', async () => {
		const { server, saver } = setUp();
		saver.change(page('p1', { a: 1 }));
		saver.pause();
		await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS * 5);
		expect(server.requests).toHaveLength(0);
		saver.resume();
		await vi.advanceTimersByTimeAsync(0);
		expect(server.data).toEqual({ a: 1 });
	});

	it('forgets the device copy once the submission is accepted', () => {
		const { saver, store } = setUp();
		saver.change(page('p1', { a: 1 }));
		expect(store.value).not.toBeNull();
		saver.submitted();
		expect(store.value).toBeNull();
	});
});

describe('restoring a draft kept on the device', () => {
	it('uses the device copy only when it is newer than the server’s, and sends it at once', async () => {
		const store = memoryStore();
		store.write({ data: { a: 'device' }, currentPage: 'p3', revision: 9, changedAt: 1 });
		expect(newerLocalDraft(store, 9)).toBeNull();
		expect(store.value).toBeNull(); // the server had it: removed

		store.write({ data: { a: 'device' }, currentPage: 'p3', revision: 9, changedAt: 1 });
		const newer = newerLocalDraft(store, 8);
		expect(newer).toMatchObject({ data: { a: 'device' }, currentPage: 'p3', revision: 9 });

		const server = new FakeServer(8);
		const saver = new Autosave({
			endpoint: '/d',
			kind: 'agreed',
			serverRevision: 8,
			savedAt: null,
			store,
			fetch: server.fetch
		});
		saver.adopt(newer!);
		await vi.advanceTimersByTimeAsync(0);
		expect(server.data).toEqual({ a: 'device' });
		expect(server.currentPage).toBe('p3');
		expect(server.revision).toBe(9);
		expect(store.value).toBeNull();
	});

	it('reads back only well-formed drafts from localStorage', () => {
		const backing = new Map<string, string>();
		const storage = {
			getItem: (k: string) => backing.get(k) ?? null,
			setItem: (k: string, v: string) => void backing.set(k, v),
			removeItem: (k: string) => void backing.delete(k)
		};
		const store = localDraftStore(storage, 'k');
		store.write({ data: { a: 1 }, currentPage: null, revision: 2, changedAt: 5 });
		expect(store.read()).toEqual({ data: { a: 1 }, currentPage: null, revision: 2, changedAt: 5 });
		backing.set('k', '{"data":[],"revision":2}');
		expect(store.read()).toBeNull();
		backing.set('k', 'not json');
		expect(store.read()).toBeNull();
		const full = localDraftStore(
			{
				...storage,
				setItem: () => {
					throw new Error('QuotaExceededError');
				}
			},
			'k'
		);
		expect(() =>
			full.write({ data: {}, currentPage: null, revision: 1, changedAt: 0 })
		).not.toThrow();
	});

	it('keys drafts per organisation, round, kind and person without storing the e-mail', () => {
		const base = { organisationId: 'o1', roundId: 'r1', kind: 'individual' as const };
		const a = storageKey({ ...base, person: 'ana@example.org' });
		expect(a).not.toContain('ana');
		expect(a).toBe(storageKey({ ...base, person: 'ana@example.org' }));
		expect(a).not.toBe(storageKey({ ...base, person: 'ben@example.org' }));
		expect(a).not.toBe(storageKey({ ...base, kind: 'agreed', person: 'ana@example.org' }));
		expect(a).not.toBe(storageKey({ ...base, roundId: 'r2', person: 'ana@example.org' }));
	});
});
