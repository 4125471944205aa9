// What a benchmark section is: a named run that returns figures for scripts/bench.ts to print.

export interface BenchFigure {
	label: string;
	value: number | string;
	unit?: string;
}

export interface BenchSection {
	name: string;
	/** A line saying what was measured (instrument, sizes). */
	describe?: () => string;
	run: () => Promise<BenchFigure[]>;
}

/** Lets pending I/O and the garbage collector run: a loop that never yields grows the heap. */
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** A small seeded PRNG (mulberry32), so every run measures the same responses. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
