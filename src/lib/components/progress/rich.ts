// A translated sentence with some of its values marked up (a figure in bold, a link), without
// {@html}: the message is rendered with a mark in place of each such value, then cut around the
// marks, so a translation may put the values wherever its language needs them.

export type RichPart<K extends string> = { text: string; slot?: never } | { slot: K; text?: never };

/** Private-use characters: never in a message or a value. */
const mark = (index: number) => `\u{E000}${index}\u{E001}`;
const MARKS = /\u{E000}(\d+)\u{E001}/u;

/**
 * The parts of `render`'s text: plain text, and a slot wherever one of `slots` was placed.
 * `render` receives the marks to pass as those values.
 */
export function richParts<K extends string>(
	render: (marks: Record<K, string>) => string,
	slots: readonly K[]
): RichPart<K>[] {
	const marks = Object.fromEntries(slots.map((slot, i) => [slot, mark(i)])) as Record<K, string>;
	return render(marks)
		.split(MARKS)
		.flatMap((piece, i): RichPart<K>[] => {
			if (i % 2 === 1) return [{ slot: slots[Number(piece)] }];
			return piece === '' ? [] : [{ text: piece }];
		});
}
