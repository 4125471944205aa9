// Autosave of a SurveyJS draft: "drafts are never lost".
//
// Every change is written to the device at once (localStorage) and sent to the server after a
// short pause. A save the network loses is retried with backoff and as soon as the browser is
// back online; until the server acknowledges it, the answers stay on the device, so closing the
// tab offline loses nothing (the next visit compares revisions and sends the newer copy).
//
// No DOM and no framework here: the component passes in fetch, the storage and the online flag,
// so tests/unit/autosave.test.ts drives this class with fake timers and a fake server.
import { m } from '$lib/paraglide/messages';

export type ResponseKind = 'individual' | 'agreed';

/** What a draft save carries besides its revision. */
export interface DraftSnapshot {
	data: Record<string, unknown>;
	currentPage: string | null;
}

/** A draft kept on the device until the server has it. */
export interface StoredDraft extends DraftSnapshot {
	revision: number;
	/** When the newest change was made (ms since epoch), for information only. */
	changedAt: number;
}

/** What the person is told, honestly, about the state of their answers. */
export type AutosaveStatus =
	| { state: 'saved'; savedAt: Date | null }
	| { state: 'saving' }
	| { state: 'retrying'; message: string }
	| { state: 'offline' }
	| { state: 'refused'; message: string };

/** Wait after the last change before sending: typing a number is one save, not five. */
export const AUTOSAVE_DEBOUNCE_MS = 1200;
/** Waits between attempts after a failed save; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [2000, 4000, 8000, 15000, 30000];
/**
 * Browsers refuse keepalive requests whose bodies add up to more than 64 KiB; a larger draft
 * (far above a real one) is sent as an ordinary request when the tab is hidden.
 */
export const KEEPALIVE_MAX_BYTES = 60 * 1024;
/** How many sent revisions are remembered to recognise our own save in a "stale" answer. */
const REMEMBERED_REVISIONS = 20;

/** Where the unsent draft lives on the device. */
export interface DraftStore {
	read(): StoredDraft | null;
	write(draft: StoredDraft): void;
	clear(): void;
}

/**
 * A DraftStore on localStorage. Storage may be missing, full or forbidden (private modes):
 * then the draft only lives in memory, which is no worse than having no storage at all.
 */
export function localDraftStore(
	storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null | undefined,
	key: string
): DraftStore {
	return {
		read() {
			try {
				const raw = storage?.getItem(key);
				if (!raw) return null;
				return parseStoredDraft(JSON.parse(raw));
			} catch {
				return null;
			}
		},
		write(draft) {
			try {
				storage?.setItem(key, JSON.stringify(draft));
			} catch {
				// Quota exceeded or storage disabled: the server copy is the only copy.
			}
		},
		clear() {
			try {
				storage?.removeItem(key);
			} catch {
				// As above.
			}
		}
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored draft read back, or null when it is not one (an old format, a hand edit). */
export function parseStoredDraft(value: unknown): StoredDraft | null {
	if (!isRecord(value)) return null;
	const { data, currentPage, revision, changedAt } = value;
	if (!isRecord(data)) return null;
	if (currentPage !== null && typeof currentPage !== 'string') return null;
	if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) return null;
	return {
		data,
		currentPage,
		revision,
		changedAt: typeof changedAt === 'number' ? changedAt : 0
	};
}

/**
 * The device's draft if it is newer than the server's (a save that never arrived), else null.
 * An older or equal copy is removed: the server has everything in it.
 */
export function newerLocalDraft(store: DraftStore, serverRevision: number): StoredDraft | null {
	const stored = store.read();
	if (stored && stored.revision > serverRevision) return stored;
	if (stored) store.clear();
	return null;
}

/** A short, stable name for a person, so two people sharing a browser keep separate drafts. */
export function storageKey(parts: {
	organisationId: string;
	roundId: string;
	kind: ResponseKind;
	person: string;
}): string {
	// FNV-1a: not a secret, just keeps the e-mail address itself out of the storage key.
	let hash = 0x811c9dc5;
	for (const char of parts.person) {
		hash ^= char.codePointAt(0) ?? 0;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return `emen-draft:${parts.organisationId}:${parts.roundId}:${parts.kind}:${hash.toString(16)}`;
}

export interface AutosaveOptions {
	/** URL of the draft endpoint (same origin). */
	endpoint: string;
	kind: ResponseKind;
	/** The revision of the draft the server holds; the first save sends this + 1. */
	serverRevision: number;
	savedAt: Date | null;
	store: DraftStore;
	fetch?: typeof fetch;
	isOnline?: () => boolean;
	onStatus?: (status: AutosaveStatus) => void;
	debounceMs?: number;
	retryDelaysMs?: readonly number[];
	now?: () => number;
}

type Failure = { kind: 'offline' } | { kind: 'retrying'; message: string } | null;

/** Sends a draft within seconds of each change and keeps it on the device until it arrives. */
export class Autosave {
	private readonly opts: Required<Omit<AutosaveOptions, 'onStatus'>> &
		Pick<AutosaveOptions, 'onStatus'>;
	/** Revision of the newest change made here. */
	private revision: number;
	/** The server holds our answers up to this revision (or someone else's newer ones). */
	private ackedRevision: number;
	private snapshot: DraftSnapshot | null = null;
	private savedAt: Date | null;
	private inFlight: Promise<void> | null = null;
	private inFlightRevision = 0;
	private debounceTimer: ReturnType<typeof setTimeout> | null = null;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private retryAttempt = 0;
	private failure: Failure = null;
	/** A refusal that retrying cannot cure: the next change tries again (400, 413). */
	private refusal: string | null = null;
	/** A refusal that no change can cure (round closed, response submitted elsewhere). */
	private halted = false;
	private paused = false;
	private disposed = false;
	/** Sent revision → its page and answers serialised, to recognise our own save when stale. */
	private readonly sent = new Map<number, string>();
	private lastStatus = '';

	constructor(options: AutosaveOptions) {
		this.opts = {
			fetch: (...args) => globalThis.fetch(...args),
			isOnline: () => true,
			debounceMs: AUTOSAVE_DEBOUNCE_MS,
			retryDelaysMs: RETRY_DELAYS_MS,
			now: () => Date.now(),
			...options
		};
		this.revision = options.serverRevision;
		this.ackedRevision = options.serverRevision;
		this.savedAt = options.savedAt;
	}

	/** True while the server lacks some change made here. */
	get dirty(): boolean {
		return this.revision > this.ackedRevision;
	}

	/** The status as the person should read it now. */
	get status(): AutosaveStatus {
		if (this.halted || this.refusal)
			return { state: 'refused', message: this.refusal ?? m.assess_autosave_cannot_save() };
		if (!this.dirty) return { state: 'saved', savedAt: this.savedAt };
		if (this.failure?.kind === 'offline') return { state: 'offline' };
		if (this.failure?.kind === 'retrying')
			return { state: 'retrying', message: this.failure.message };
		return { state: 'saving' };
	}

	/**
	 * Starts from the device's newer copy (see newerLocalDraft): it becomes the newest change
	 * and is sent at once.
	 */
	adopt(stored: StoredDraft): void {
		this.snapshot = { data: stored.data, currentPage: stored.currentPage };
		this.revision = Math.max(this.revision, stored.revision);
		this.opts.store.write({
			...this.snapshot,
			revision: this.revision,
			changedAt: stored.changedAt
		});
		this.emit();
		this.schedule(0);
	}

	/** Records a change: on the device at once, to the server after the debounce. */
	change(snapshot: DraftSnapshot): void {
		if (this.disposed) return;
		this.snapshot = { data: structuredClone(snapshot.data), currentPage: snapshot.currentPage };
		this.revision += 1;
		this.opts.store.write({
			...this.snapshot,
			revision: this.revision,
			changedAt: this.opts.now()
		});
		// A malformed or too large draft may be cured by this change; a closed round is not.
		if (!this.halted) this.refusal = null;
		this.emit();
		// While a retry is pending, it sends this change too; a new request per change would
		// only hammer a server that is down.
		if (this.retryTimer === null) this.schedule(this.opts.debounceMs);
	}

	/**
	 * Sends now what the server lacks (page change, tab hidden, leaving the page). With
	 * `keepalive` the request outlives the page.
	 */
	flush(options: { keepalive?: boolean } = {}): Promise<void> {
		this.clearDebounce();
		return this.send(options.keepalive ?? false);
	}

	/** The browser says the network is back: try at once rather than after the backoff. */
	online(): void {
		if (this.disposed || this.halted || !this.dirty) return;
		this.clearRetry();
		this.retryAttempt = 0;
		this.failure = null;
		void this.send(false);
	}

	/** The browser says the network is gone: say so (the answers are on the device). */
	offline(): void {
		if (this.dirty && !this.halted) {
			this.failure = { kind: 'offline' };
			this.emit();
		}
	}

	/** Stops sending while the answers are being submitted. */
	pause(): void {
		this.paused = true;
		this.clearDebounce();
		this.clearRetry();
	}

	/** After a refused submission: carry on saving the draft. */
	resume(): void {
		this.paused = false;
		if (this.dirty) this.schedule(0);
	}

	/** The server accepted the submission: the device copy is obsolete. */
	submitted(): void {
		this.opts.store.clear();
		this.halted = true;
		this.dispose();
	}

	dispose(): void {
		this.disposed = true;
		this.clearDebounce();
		this.clearRetry();
	}

	private schedule(delay: number): void {
		if (this.disposed || this.paused || this.halted) return;
		this.clearDebounce();
		this.debounceTimer = setTimeout(() => {
			this.debounceTimer = null;
			void this.send(false);
		}, delay);
	}

	private clearDebounce(): void {
		if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
		this.debounceTimer = null;
	}

	private clearRetry(): void {
		if (this.retryTimer !== null) clearTimeout(this.retryTimer);
		this.retryTimer = null;
	}

	private scheduleRetry(): void {
		if (this.disposed || this.paused || this.halted) return;
		this.clearRetry();
		const delays = this.opts.retryDelaysMs;
		const delay = delays[Math.min(this.retryAttempt, delays.length - 1)];
		this.retryAttempt += 1;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			void this.send(false);
		}, delay);
	}

	private send(keepalive: boolean): Promise<void> {
		// A keepalive send on leaving goes out even after dispose(): that is its purpose.
		if (this.halted || (this.paused && !keepalive) || (this.disposed && !keepalive))
			return Promise.resolve();
		if (!this.dirty || !this.snapshot) {
			this.emit();
			return Promise.resolve();
		}
		// One ordinary request at a time; what changes meanwhile goes in the next one.
		if (this.inFlight && !keepalive) return this.inFlight;
		if (!this.opts.isOnline()) {
			this.failure = { kind: 'offline' };
			this.emit();
			this.scheduleRetry();
			return Promise.resolve();
		}
		const revision = this.revision;
		if (keepalive && this.inFlight && this.inFlightRevision === revision) return this.inFlight;
		const { data, currentPage } = this.snapshot;
		const body = JSON.stringify({ kind: this.opts.kind, data, currentPage, revision });
		this.remember(revision, serialise(this.snapshot));
		this.clearRetry();
		const request = this.request(body, keepalive && body.length <= KEEPALIVE_MAX_BYTES)
			.then((outcome) => this.settle(revision, outcome))
			.finally(() => {
				if (this.inFlight === request) this.inFlight = null;
				this.afterRequest();
			});
		if (!keepalive || !this.inFlight) {
			this.inFlight = request;
			this.inFlightRevision = revision;
		}
		this.emit();
		return request;
	}

	private async request(body: string, keepalive: boolean): Promise<Outcome> {
		let response: Response;
		try {
			response = await this.opts.fetch(this.opts.endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				credentials: 'same-origin',
				body,
				keepalive
			});
		} catch {
			return { kind: 'network' };
		}
		let payload: unknown = null;
		try {
			payload = await response.json();
		} catch {
			// A proxy's HTML error page, say: the status alone decides.
		}
		return { kind: 'response', status: response.status, payload };
	}

	private settle(revision: number, outcome: Outcome): void {
		if (outcome.kind === 'network') {
			this.failure = this.opts.isOnline()
				? { kind: 'retrying', message: m.assess_autosave_unreachable() }
				: { kind: 'offline' };
			this.scheduleRetry();
			return;
		}
		const { status, payload } = outcome;
		const body = isRecord(payload) ? payload : {};
		const message = typeof body.message === 'string' ? body.message : null;
		if (status === 200 && body.saved === true) {
			this.acknowledge(revision, typeof body.savedAt === 'string' ? new Date(body.savedAt) : null);
			return;
		}
		if (status === 200 && body.stale === true && typeof body.revision === 'number') {
			this.stale(body.revision);
			return;
		}
		if (status === 400 || status === 413) {
			// Retrying the same answers gets the same refusal; the next change tries again.
			this.failure = null;
			this.refusal = describeRefusal(status, message, body.errors);
			return;
		}
		if (status === 401) {
			this.failure = {
				kind: 'retrying',
				message: m.assess_autosave_logged_out()
			};
			this.scheduleRetry();
			return;
		}
		if (status === 403 || status === 404 || status === 409) {
			this.halted = true;
			this.refusal = message ?? m.assess_autosave_refused();
			return;
		}
		this.failure = {
			kind: 'retrying',
			message: message
				? m.assess_autosave_server_problem({ reason: message })
				: m.assess_autosave_server_status({ status })
		};
		this.scheduleRetry();
	}

	private acknowledge(revision: number, savedAt: Date | null): void {
		this.ackedRevision = Math.max(this.ackedRevision, revision);
		this.savedAt = savedAt ?? new Date(this.opts.now());
		this.failure = null;
		this.retryAttempt = 0;
	}

	/**
	 * The server holds revision `held` or newer. If it is a save of ours with the answers we have
	 * now (a retry whose first attempt did arrive, or the keepalive save overtaking this one),
	 * all is saved. Otherwise our answers go again above it: the person working in this tab is
	 * the last writer.
	 */
	private stale(held: number): void {
		this.failure = null;
		this.retryAttempt = 0;
		if (this.snapshot && this.sent.get(held) === serialise(this.snapshot)) {
			this.acknowledge(this.revision, null);
			return;
		}
		this.ackedRevision = Math.max(this.ackedRevision, Math.min(held, this.revision - 1));
		if (this.revision <= held) {
			this.revision = held + 1;
			if (this.snapshot)
				this.opts.store.write({
					...this.snapshot,
					revision: this.revision,
					changedAt: this.opts.now()
				});
		}
	}

	private afterRequest(): void {
		if (!this.dirty) this.opts.store.clear();
		else if (!this.failure && !this.refusal && !this.halted && this.debounceTimer === null)
			// Changes made while the request was on its way.
			this.schedule(0);
		this.emit();
	}

	private remember(revision: number, serialised: string): void {
		this.sent.set(revision, serialised);
		if (this.sent.size > REMEMBERED_REVISIONS) {
			const oldest = this.sent.keys().next().value;
			if (oldest !== undefined) this.sent.delete(oldest);
		}
	}

	private emit(): void {
		const status = this.status;
		const key = JSON.stringify(status);
		if (key === this.lastStatus) return;
		this.lastStatus = key;
		this.opts.onStatus?.(status);
	}
}

function serialise(snapshot: DraftSnapshot): string {
	return JSON.stringify([snapshot.currentPage, snapshot.data]);
}

type Outcome = { kind: 'network' } | { kind: 'response'; status: number; payload: unknown };

function describeRefusal(status: number, message: string | null, errors: unknown): string {
	if (status === 413) return message ?? m.assess_autosave_too_large();
	const reasons = Array.isArray(errors)
		? errors
				.filter(isRecord)
				.map(
					(e) =>
						`${typeof e.question === 'string' ? e.question : m.assess_autosave_answers()}: ${String(e.reason)}`
				)
		: [];
	return [message ?? m.assess_autosave_draft_refused(), ...reasons].join(' ');
}
