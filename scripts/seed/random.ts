/** A small seeded generator (mulberry32): the same seed gives the same demo, every run. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	/** Normally distributed (Box–Muller), for believable scores. */
	normal(mean: number, sd: number): number {
		const u = 1 - this.next();
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** A reproducible identifier in the same alphabet as the app's own ids. */
	id(): string {
		const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
		let out = '';
		for (let i = 0; i < 16; i++) out += alphabet[Math.floor(this.next() * 32)];
		return out;
	}
}
