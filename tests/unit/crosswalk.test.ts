// Crosswalks between instrument versions (issue 7): when an older version's results may be
// compared with a newer one's, how its dimension scores map into the newer keys, and the note
// each mapped figure carries for the reader.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Level } from '../../src/lib/domain/constants';
import {
	compareInHistory,
	compareVersions,
	continuedKeys,
	describeNotComparable,
	describeOrigin,
	groupVersions,
	mapFigures,
	mapScores,
	originNotes,
	type Comparable,
	type Comparison,
	type Crosswalk,
	type CrosswalkVersion,
	type DimensionOrigin,
	type Figure
} from '../../src/lib/domain/crosswalk';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';

const interfaceLocale = getLocale;
afterEach(() => overwriteGetLocale(interfaceLocale));

function inLocale<T>(locale: Locale, fn: () => T): T {
	overwriteGetLocale(() => locale);
	try {
		return fn();
	} finally {
		overwriteGetLocale(interfaceLocale);
	}
}

const NAMES: Record<string, string> = {
	strategy: 'Strategy',
	outreach: 'Outreach',
	workforce: 'Workforce',
	membership: 'Membership',
	community: 'Community outreach',
	people: 'People',
	events: 'Outreach events',
	media: 'Outreach in the media',
	reach: 'Reach',
	policy: 'Policy'
};

/** A version with dimensions `key` or `key:weight` (weight 1 by default). */
function version(
	n: number,
	dims: string[],
	crosswalk: Crosswalk | null = null,
	names: Record<string, string> = {}
): CrosswalkVersion {
	return {
		version: n,
		dimensions: dims.map((spec) => {
			const [key, weight] = spec.split(':');
			return { key, name: names[key] ?? NAMES[key] ?? key, weight: weight ? Number(weight) : 1 };
		}),
		crosswalk
	};
}

/** The crosswalk entries that keep dimensions as they were (the authoring form starts so). */
const keep = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, [k]]));

// Version 1: the first published version. Membership weighs twice as much as the others.
const V1 = version(1, ['strategy:1.5', 'outreach', 'workforce', 'membership:2']);
const SCORES = { strategy: 50, outreach: 30, workforce: 40, membership: 70 };

function comparable(c: Comparison): Comparable {
	if (!c.comparable) throw new Error(`not comparable: ${describeNotComparable(c.reason)}`);
	return c;
}

const kinds = (c: Comparable) =>
	Object.fromEntries(Object.entries(c.origins).map(([k, o]) => [k, o.kind]));

describe('compareVersions: one step', () => {
	it.each<{
		name: string;
		next: CrosswalkVersion;
		identity: boolean;
		origins: Record<string, DimensionOrigin['kind']>;
		mapped: Record<string, number | null>;
		notes: Record<string, string>;
		dropped?: string[];
	}>([
		{
			name: 'identical keys and no crosswalk: a text-only revision, mapped by identity',
			next: version(2, ['strategy:1.5', 'outreach', 'workforce', 'membership:2']),
			identity: true,
			origins: { strategy: 'same', outreach: 'same', workforce: 'same', membership: 'same' },
			mapped: SCORES,
			notes: {}
		},
		{
			name: 'identical keys in another order and no crosswalk: still identity',
			next: version(2, ['membership:2', 'strategy:1.5', 'workforce', 'outreach']),
			identity: true,
			origins: { membership: 'same', strategy: 'same', workforce: 'same', outreach: 'same' },
			mapped: SCORES,
			notes: {}
		},
		{
			name: 'a renamed key carries the score; kept keys continue under their own',
			next: version(2, ['strategy:1.5', 'community', 'workforce', 'membership:2'], {
				...keep('strategy', 'workforce', 'membership'),
				outreach: ['community']
			}),
			identity: false,
			origins: { strategy: 'same', community: 'renamed', workforce: 'same', membership: 'same' },
			mapped: { strategy: 50, community: 30, workforce: 40, membership: 70 },
			notes: { community: 'from Outreach (v1), renamed' }
		},
		{
			name: 'the same key under a new name without a crosswalk says it was renamed',
			next: version(2, ['strategy:1.5', 'outreach', 'workforce', 'membership:2'], null, {
				outreach: 'Outreach to communities'
			}),
			identity: false,
			origins: { strategy: 'same', outreach: 'renamed', workforce: 'same', membership: 'same' },
			mapped: SCORES,
			notes: { outreach: 'from Outreach (v1), renamed' }
		},
		{
			name: 'a merge is the weighted mean by the old weights: (40·1 + 70·2) / 3 = 60',
			next: version(2, ['strategy:1.5', 'outreach', 'people'], {
				...keep('strategy', 'outreach'),
				workforce: ['people'],
				membership: ['people']
			}),
			identity: false,
			origins: { strategy: 'same', outreach: 'same', people: 'merged' },
			mapped: { strategy: 50, outreach: 30, people: 60 },
			notes: { people: 'merged from Workforce and Membership (v1)' }
		},
		{
			name: 'a merge into a key the new version keeps',
			next: version(2, ['strategy:1.5', 'outreach', 'workforce:3'], {
				...keep('strategy', 'outreach', 'workforce'),
				membership: ['workforce']
			}),
			identity: false,
			origins: { strategy: 'same', outreach: 'same', workforce: 'merged' },
			mapped: { strategy: 50, outreach: 30, workforce: 60 },
			notes: { workforce: 'merged from Workforce and Membership (v1)' }
		},
		{
			name: 'a split copies the old score to each new key',
			next: version(2, ['strategy:1.5', 'events', 'media', 'workforce', 'membership:2'], {
				...keep('strategy', 'workforce', 'membership'),
				outreach: ['events', 'media']
			}),
			identity: false,
			origins: {
				strategy: 'same',
				events: 'split',
				media: 'split',
				workforce: 'same',
				membership: 'same'
			},
			mapped: { strategy: 50, events: 30, media: 30, workforce: 40, membership: 70 },
			notes: { events: 'split from Outreach (v1)', media: 'split from Outreach (v1)' }
		},
		{
			name: 'a split into a kept key and a new one: both say split',
			next: version(2, ['strategy:1.5', 'outreach', 'media', 'workforce', 'membership:2'], {
				...keep('strategy', 'workforce', 'membership'),
				outreach: ['outreach', 'media']
			}),
			identity: false,
			origins: {
				strategy: 'same',
				outreach: 'split',
				media: 'split',
				workforce: 'same',
				membership: 'same'
			},
			mapped: { ...SCORES, media: 30 },
			notes: { outreach: 'split from Outreach (v1)', media: 'split from Outreach (v1)' }
		},
		{
			name: 'a dimension left out is dropped; a new one has no earlier figure',
			next: version(2, ['strategy:1.5', 'workforce', 'membership:2', 'policy'], {
				...keep('strategy', 'workforce', 'membership')
			}),
			identity: false,
			origins: { strategy: 'same', workforce: 'same', membership: 'same', policy: 'new' },
			mapped: { strategy: 50, workforce: 40, membership: 70 },
			notes: {},
			dropped: ['outreach']
		},
		{
			name: 'a key left out is dropped even if the new version reuses it: that one starts afresh',
			next: version(2, ['strategy:1.5', 'outreach', 'workforce', 'membership:2'], {
				...keep('strategy', 'workforce'),
				outreach: [],
				membership: ['workforce']
			}),
			identity: false,
			origins: { strategy: 'same', outreach: 'new', workforce: 'merged', membership: 'new' },
			mapped: { strategy: 50, workforce: 60 },
			notes: { workforce: 'merged from Workforce and Membership (v1)' },
			dropped: ['outreach']
		},
		{
			name: 'a crosswalk recorded for a text-only revision (each key to itself) is identity',
			next: version(2, ['strategy:1.5', 'outreach', 'workforce', 'membership:2'], {
				...keep('strategy', 'outreach', 'workforce', 'membership')
			}),
			identity: true,
			origins: { strategy: 'same', outreach: 'same', workforce: 'same', membership: 'same' },
			mapped: SCORES,
			notes: {}
		},
		{
			name: 'a crosswalk swapping two keys maps each score to the other',
			next: version(2, ['strategy:1.5', 'outreach', 'workforce', 'membership:2'], {
				...keep('strategy', 'outreach'),
				workforce: ['membership'],
				membership: ['workforce']
			}),
			identity: false,
			origins: { strategy: 'same', outreach: 'same', workforce: 'renamed', membership: 'renamed' },
			mapped: { strategy: 50, outreach: 30, workforce: 70, membership: 40 },
			notes: {
				workforce: 'from Membership (v1), renamed',
				membership: 'from Workforce (v1), renamed'
			}
		}
	])('$name', ({ next, identity, origins, mapped, notes, dropped = [] }) => {
		const c = comparable(compareVersions([V1, next]));
		expect(c.identity).toBe(identity);
		expect(kinds(c)).toEqual(origins);
		expect(Object.keys(c.origins)).toEqual(next.dimensions.map((d) => d.key));
		expect(mapScores(c, SCORES)).toEqual(mapped);
		expect(originNotes(c)).toEqual(notes);
		expect(c.dropped.map((d) => d.key)).toEqual(dropped);
		expect(continuedKeys(c)).toEqual(
			Object.entries(origins)
				.filter(([, kind]) => kind !== 'new')
				.map(([key]) => key)
		);
	});

	it.each<{ name: string; next: CrosswalkVersion; reason: string }>([
		{
			name: 'different keys and no crosswalk',
			next: version(2, ['strategy', 'people']),
			reason:
				'Version 2 of the questionnaire changed the dimensions of version 1, and no crosswalk between them was recorded.'
		},
		{
			name: 'different keys and a crosswalk with no entries (none recorded)',
			next: version(2, ['strategy', 'outreach', 'workforce', 'people'], {}),
			reason:
				'Version 2 of the questionnaire changed the dimensions of version 1, and no crosswalk between them was recorded.'
		},
		{
			name: 'one key fewer and no crosswalk',
			next: version(2, ['strategy', 'outreach', 'workforce']),
			reason:
				'Version 2 of the questionnaire changed the dimensions of version 1, and no crosswalk between them was recorded.'
		},
		{
			name: 'a crosswalk naming a key the older version lacks',
			next: version(2, ['strategy', 'community', 'workforce', 'membership'], {
				...keep('strategy', 'workforce', 'membership'),
				outreech: ['community']
			}),
			reason:
				'The crosswalk of version 2 names the dimension “outreech”, which version 1 does not have.'
		},
		{
			name: 'a crosswalk mapping to a key the newer version lacks',
			next: version(2, ['strategy', 'community', 'workforce', 'membership'], {
				...keep('strategy', 'workforce', 'membership'),
				outreach: ['comunity']
			}),
			reason:
				'The crosswalk of version 2 maps “outreach” to “comunity”, which version 2 does not have.'
		},
		{
			name: 'a crosswalk stored in a shape that cannot be read',
			next: { ...version(2, ['strategy', 'people']), malformed: true },
			reason: 'The crosswalk of version 2 cannot be read.'
		}
	])('not comparable: $name', ({ next, reason }) => {
		const c = compareVersions([V1, next]);
		expect(c.comparable).toBe(false);
		if (c.comparable) return;
		expect(c).toMatchObject({ from: 1, to: 2 });
		expect(describeNotComparable(c.reason)).toBe(reason);
	});

	it('one version alone compares by identity', () => {
		const c = comparable(compareVersions([V1]));
		expect(c.identity).toBe(true);
		expect(mapScores(c, SCORES)).toEqual(SCORES);
	});

	it('refuses an empty chain or one that goes backwards (a caller’s mistake)', () => {
		expect(() => compareVersions([])).toThrow(RangeError);
		expect(() => compareVersions([version(2, ['a']), version(1, ['a'])])).toThrow(RangeError);
	});
});

describe('mapping figures of a merge', () => {
	const merge = comparable(
		compareVersions([
			V1,
			version(2, ['strategy:1.5', 'outreach', 'people'], {
				...keep('strategy', 'outreach'),
				workforce: ['people'],
				membership: ['people']
			})
		])
	);

	it.each<[string, Record<string, number | null>, number | null | undefined]>([
		['both scored: the weighted mean by the old weights', { workforce: 40, membership: 70 }, 60],
		[
			'one insufficient: the other alone (nulls are ignored)',
			{ workforce: null, membership: 70 },
			70
		],
		['both insufficient: null', { workforce: null, membership: null }, null],
		['one absent from the result: the other alone', { membership: 70 }, 70],
		['both absent: no figure at all (the round did not ask)', { strategy: 50 }, undefined]
	])('%s', (_name, scores, expected) => {
		const mapped = mapScores(merge, scores);
		if (expected === undefined) expect(Object.hasOwn(mapped, 'people')).toBe(false);
		else expect(mapped.people).toBe(expected);
	});

	it.each<[string, Record<string, Figure>, Figure]>([
		[
			'the level of the merged score',
			{ workforce: { score: 40, level: 3 }, membership: { score: 70, level: 4 } },
			{ score: 60, level: 4 }
		],
		[
			'never above the highest part: gates held both parts at level 3',
			{ workforce: { score: 40, level: 3 }, membership: { score: 70, level: 3 } },
			{ score: 60, level: 3 }
		],
		[
			'a single scored part keeps its own level',
			{ workforce: { score: null, level: null }, membership: { score: 70, level: 2 } },
			{ score: 70, level: 2 }
		]
	])('level: %s', (_name, figures, expected) => {
		expect(mapFigures(merge, figures).people).toEqual(expected);
	});

	it('a rename carries the level over as it was (a gate cap stays)', () => {
		const rename = comparable(
			compareVersions([
				V1,
				version(2, ['strategy', 'community', 'workforce', 'membership'], {
					...keep('strategy', 'workforce', 'membership'),
					outreach: ['community']
				})
			])
		);
		expect(mapFigures(rename, { outreach: { score: 70, level: 2 as Level } })).toEqual({
			community: { score: 70, level: 2 }
		});
	});
});

describe('chains of versions', () => {
	// v2 renames outreach and halves membership's weight; v3 renames again and merges.
	const V2 = version(2, ['strategy:1.5', 'community', 'workforce', 'membership'], {
		...keep('strategy', 'workforce', 'membership'),
		outreach: ['community']
	});
	const V3 = version(3, ['strategy:1.5', 'reach', 'people'], {
		...keep('strategy'),
		community: ['reach'],
		workforce: ['people'],
		membership: ['people']
	});

	it('composes step by step: a merge uses the weights of the version it merges', () => {
		const c = comparable(compareVersions([V1, V2, V3]));
		expect(kinds(c)).toEqual({ strategy: 'same', reach: 'renamed', people: 'merged' });
		// v2 weighs workforce and membership alike: (40 + 70) / 2, not v1's (40 + 140) / 3.
		expect(mapScores(c, SCORES)).toEqual({ strategy: 50, reach: 30, people: 55 });
		expect(originNotes(c)).toEqual({
			reach: 'from Outreach (v1), renamed',
			people: 'merged from Workforce and Membership (v1)'
		});
	});

	it('a text-only revision in the middle changes nothing', () => {
		const v2 = version(2, ['strategy:1.5', 'outreach', 'workforce', 'membership:2']);
		const v3 = version(3, ['strategy:1.5', 'community', 'workforce', 'membership:2'], {
			...keep('strategy', 'workforce', 'membership'),
			outreach: ['community']
		});
		const c = comparable(compareVersions([V1, v2, v3]));
		expect(mapScores(c, SCORES)).toEqual({ ...SCORES, outreach: undefined, community: 30 });
		expect(originNotes(c)).toEqual({ community: 'from Outreach (v1), renamed' });
	});

	it('a split then merged back is one dimension again, under its new key', () => {
		const v2 = version(2, ['strategy', 'events', 'media', 'workforce', 'membership'], {
			...keep('strategy', 'workforce', 'membership'),
			outreach: ['events', 'media']
		});
		const v3 = version(3, ['strategy', 'reach', 'workforce', 'membership'], {
			...keep('strategy', 'workforce', 'membership'),
			events: ['reach'],
			media: ['reach']
		});
		const c = comparable(compareVersions([V1, v2, v3]));
		expect(c.origins.reach).toMatchObject({ kind: 'renamed', sources: [{ key: 'outreach' }] });
		expect(mapScores(c, SCORES).reach).toBe(30);
	});

	it('three sources merged read as a list', () => {
		const v2 = version(2, ['core'], {
			strategy: ['core'],
			outreach: ['core'],
			workforce: ['core'],
			membership: []
		});
		const c = comparable(compareVersions([V1, v2]));
		expect(originNotes(c)).toEqual({
			core: 'merged from Strategy, Outreach and Workforce (v1)'
		});
		expect(c.dropped.map((d) => d.key)).toEqual(['membership']);
		// (50·1.5 + 30 + 40) / 3.5
		expect(mapScores(c, SCORES).core).toBeCloseTo(145 / 3.5, 10);
	});

	it('one step without a crosswalk breaks the whole chain, and says which', () => {
		const v3 = version(3, ['strategy', 'people']);
		const c = compareVersions([V1, V2, v3]);
		expect(c).toMatchObject({
			comparable: false,
			from: 1,
			to: 3,
			reason: { kind: 'no-crosswalk', from: 2, to: 3 }
		});
	});
});

describe('compareInHistory and groupVersions', () => {
	const V2 = version(2, ['strategy', 'people']); // changed keys, no crosswalk
	const V3 = version(3, ['strategy', 'team'], { ...keep('strategy'), people: ['team'] });
	const history = [V3, V1, V2];

	it.each<[string, number, number, Partial<Comparison>]>([
		['the same version', 2, 2, { comparable: true, identity: true }],
		['a version mapped through the next one’s crosswalk', 2, 3, { comparable: true }],
		[
			'a chain broken by a version without a crosswalk',
			1,
			3,
			{ comparable: false, reason: { kind: 'no-crosswalk', from: 1, to: 2 } }
		],
		[
			'never backwards, from a later version to an earlier one',
			3,
			2,
			{ comparable: false, reason: { kind: 'later-version', from: 3, to: 2 } }
		],
		[
			'a version the history lacks',
			1,
			7,
			{ comparable: false, reason: { kind: 'missing-version', version: 7 } }
		]
	])('%s (v%i → v%i)', (_name, from, to, expected) => {
		expect(compareInHistory(history, from, to)).toMatchObject(expected);
	});

	it('groups the versions results are on: the newest first, apart groups say why', () => {
		const groups = groupVersions(history, [1, 3, 2, 3, 1]);
		expect(groups.map((g) => [g.anchor, [...g.members.keys()].sort()])).toEqual([
			[3, [2, 3]],
			[1, [1]]
		]);
		expect(groups[0].apart).toBeNull();
		expect(groups[1].apart?.reason).toEqual({ kind: 'no-crosswalk', from: 1, to: 2 });
		expect(mapScores(groups[0].members.get(2)!, { strategy: 10, people: 20 })).toEqual({
			strategy: 10,
			team: 20
		});
	});

	it('one group when every version maps into the newest', () => {
		const h = [
			V1,
			version(2, ['strategy:1.5', 'community', 'workforce', 'membership:2'], {
				...keep('strategy', 'workforce', 'membership'),
				outreach: ['community']
			})
		];
		expect(groupVersions(h, [1, 2]).map((g) => g.anchor)).toEqual([2]);
	});

	it('a version missing from the history is a group of its own', () => {
		const groups = groupVersions(history, [3, 9]);
		expect(groups.map((g) => g.anchor)).toEqual([9, 3]);
		expect(groups[1].apart?.reason).toEqual({ kind: 'missing-version', version: 9 });
	});
});

describe('notes and reasons in the interface’s language', () => {
	const origin = (kind: DimensionOrigin['kind'], ...names: string[]): DimensionOrigin => ({
		kind,
		sources: names.map((name) => ({ key: name.toLowerCase(), name })),
		version: 1
	});

	it.each<[DimensionOrigin, string | null, string | null, string | null]>([
		[
			origin('renamed', 'Outreach'),
			'from Outreach (v1), renamed',
			'aus Outreach (v1), umbenannt',
			'issue de Outreach (v1), renommée'
		],
		[
			origin('split', 'Outreach'),
			'split from Outreach (v1)',
			'aufgeteilt aus Outreach (v1)',
			'issue de la division de Outreach (v1)'
		],
		[
			origin('merged', 'A', 'B'),
			'merged from A and B (v1)',
			'zusammengeführt aus A und B (v1)',
			'fusion de A et B (v1)'
		],
		[origin('same', 'A'), null, null, null],
		[origin('new'), null, null, null]
	])('%o', (o, en, de, fr) => {
		expect(inLocale('en', () => describeOrigin(o))).toBe(en);
		expect(inLocale('de', () => describeOrigin(o))).toBe(de);
		expect(inLocale('fr', () => describeOrigin(o))).toBe(fr);
	});

	it('every reason has a sentence in every complete language', () => {
		const reasons = [
			{ kind: 'no-crosswalk', from: 1, to: 2 },
			{ kind: 'unknown-source', version: 2, previous: 1, key: 'x' },
			{ kind: 'unknown-target', version: 2, source: 'a', key: 'x' },
			{ kind: 'malformed', version: 2 },
			{ kind: 'later-version', from: 3, to: 2 },
			{ kind: 'missing-version', version: 7 },
			{ kind: 'other-instrument' }
		] as const;
		for (const locale of ['en', 'de', 'fr'] as const)
			for (const reason of reasons) {
				const text = inLocale(locale, () => describeNotComparable(reason));
				expect(text.length, `${locale} ${reason.kind}`).toBeGreaterThan(20);
				expect(text).not.toMatch(/\{\w+\}/);
			}
		expect(inLocale('de', () => describeNotComparable(reasons[0]))).toContain('Version 2');
	});
});

describe('properties', () => {
	const keyArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
	const scoreArb = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
	const versionArb = (n: number) =>
		fc
			.uniqueArray(keyArb, { minLength: 1, maxLength: 6 })
			.chain((keys) =>
				fc.tuple(
					fc.constant(keys),
					fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), {
						minLength: keys.length,
						maxLength: keys.length
					})
				)
			)
			.map(([keys, weights]) =>
				version(
					n,
					keys.map((k, i) => `${k}:${weights[i]}`)
				)
			);
	/** A crosswalk from `from` to `to` that names only keys both have (so it is usable). */
	const crosswalkArb = (from: CrosswalkVersion, to: CrosswalkVersion) =>
		fc.dictionary(
			fc.constantFrom(...from.dimensions.map((d) => d.key)),
			fc.uniqueArray(fc.constantFrom(...to.dimensions.map((d) => d.key)), { maxLength: 3 })
		);
	const chainArb = fc
		.tuple(versionArb(1), versionArb(2), versionArb(3))
		.chain(([v1, v2, v3]) =>
			fc.tuple(
				fc.constant(v1),
				crosswalkArb(v1, v2),
				fc.constant(v2),
				crosswalkArb(v2, v3),
				fc.constant(v3)
			)
		)
		.map(([v1, c2, v2, c3, v3]) => [
			v1,
			{ ...v2, crosswalk: Object.keys(c2).length > 0 ? c2 : { [v1.dimensions[0].key]: [] } },
			{ ...v3, crosswalk: Object.keys(c3).length > 0 ? c3 : { [v2.dimensions[0].key]: [] } }
		]);
	const scoresFor = (v: CrosswalkVersion) =>
		fc
			.tuple(...v.dimensions.map(() => scoreArb))
			.map((scores) => Object.fromEntries(v.dimensions.map((d, i) => [d.key, scores[i]])));

	it('a usable crosswalk is always comparable; mapped scores stay within the old range', () => {
		fc.assert(
			fc.property(
				chainArb.chain((chain) => fc.tuple(fc.constant(chain), scoresFor(chain[0]))),
				([chain, scores]) => {
					const c = comparable(compareVersions(chain));
					const mapped = mapScores(c, scores);
					const values = Object.values(scores).filter((s): s is number => s !== null);
					for (const [key, score] of Object.entries(mapped)) {
						// Only the newest version's keys, and only where something maps into them.
						expect(c.origins[key].kind).not.toBe('new');
						if (score === null) continue;
						expect(score).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
						expect(score).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
					}
					// Composing the steps one at a time gives the same figures as the whole chain.
					const first = comparable(compareVersions(chain.slice(0, 2)));
					const second = comparable(compareVersions(chain.slice(1)));
					expect(mapScores(second, mapScores(first, scores))).toEqual(mapped);
				}
			)
		);
	});

	it('identity changes nothing; a score of an unmerged dimension is carried exactly', () => {
		fc.assert(
			fc.property(
				versionArb(1).chain((v) => fc.tuple(fc.constant(v), scoresFor(v))),
				([v, scores]) => {
					const next = { ...v, version: 2, crosswalk: null };
					const c = comparable(compareVersions([v, next]));
					expect(c.identity).toBe(true);
					expect(mapScores(c, scores)).toEqual(scores);
				}
			)
		);
	});

	it('different key sets without a crosswalk are never comparable', () => {
		fc.assert(
			fc.property(versionArb(1), versionArb(2), (v1, v2) => {
				const same =
					v1.dimensions.length === v2.dimensions.length &&
					v1.dimensions.every((d) => v2.dimensions.some((e) => e.key === d.key));
				expect(compareVersions([v1, v2]).comparable).toBe(same);
			})
		);
	});
});
