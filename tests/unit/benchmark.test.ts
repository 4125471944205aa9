import { describe, expect, it } from 'vitest';
import {
	benchmark,
	describePosition,
	eligiblePeers,
	giveToGet,
	percentileRank,
	summarise,
	threshold,
	type BenchmarkFilter,
	type PeerOrganisation
} from '../../src/lib/domain/benchmark';
import type { SharingChoice } from '../../src/lib/domain/organisation';

let next = 0;
const org = (fields: Partial<PeerOrganisation> = {}): PeerOrganisation => ({
	id: `o${next++}`,
	type: 'chamber',
	country: 'DE',
	sizeBand: '6-20',
	sharing: 'anonymous',
	dimensions: { outreach: 50, finance: 50 },
	overall: 50,
	...fields
});

/** `n` chambers in Germany with outreach scores 10, 20, 30, … */
const chambers = (n: number, fields: Partial<PeerOrganisation> = {}) =>
	Array.from({ length: n }, (_, i) =>
		org({ dimensions: { outreach: 10 * (i + 1), finance: 40 }, overall: 10 * (i + 1), ...fields })
	);

describe('threshold', () => {
	it.each<[number | undefined, number]>([
		[undefined, 5],
		[5, 5],
		[10, 10],
		[4, 4],
		[3, 3],
		[2, 3],
		[1, 3],
		[0, 3],
		[-5, 3],
		[4.2, 5],
		[Number.NaN, 5]
	])('configured %s gives %d (never below 3)', (configured, expected) => {
		expect(threshold(configured)).toBe(expected);
	});
});

describe('giveToGet', () => {
	it.each<[SharingChoice, boolean]>([
		['private', false],
		['anonymous', true],
		['named-cop', true],
		['named-members', true]
	])('sharing %s: sees benchmarks = %s', (sharing, allowed) => {
		const result = giveToGet({ sharing });
		expect(result.allowed).toBe(allowed);
		if (!result.allowed) expect(result.reason).toMatch(/private/);
	});

	it('benchmark refuses a private viewer with no figures', () => {
		const result = benchmark(org({ sharing: 'private' }), chambers(20), {});
		expect(result).toEqual({
			status: 'refused',
			reason: 'not-sharing',
			message: expect.stringContaining('private')
		});
	});
});

describe('eligiblePeers', () => {
	const viewer = org({ id: 'viewer' });
	const network = [
		viewer,
		org({ id: 'private', sharing: 'private' }),
		org({ id: 'anon', sharing: 'anonymous' }),
		org({ id: 'cop', sharing: 'named-cop' }),
		org({ id: 'members', sharing: 'named-members' }),
		org({ id: 'ngo-fr', type: 'ngo', country: 'FR' }),
		org({ id: 'ngo-de-big', type: 'ngo', sizeBand: '100+' }),
		org({ id: 'chamber-fr', country: 'FR', sizeBand: '1-5' })
	];
	const ids = (filter: BenchmarkFilter) =>
		eligiblePeers(network, 'viewer', filter)
			.map((o) => o.id)
			.sort();

	it.each<[string, BenchmarkFilter, string[]]>([
		['no filter', {}, ['anon', 'chamber-fr', 'cop', 'members', 'ngo-de-big', 'ngo-fr']],
		['empty lists mean all', { types: [], countries: [], sizeBands: [] }, ids({})],
		['type', { types: ['ngo'] }, ['ngo-de-big', 'ngo-fr']],
		['country', { countries: ['FR'] }, ['chamber-fr', 'ngo-fr']],
		['size band', { sizeBands: ['1-5'] }, ['chamber-fr']],
		['type and country', { types: ['chamber'], countries: ['DE'] }, ['anon', 'cop', 'members']],
		[
			'type, country and size',
			{ types: ['ngo'], countries: ['DE'], sizeBands: ['100+'] },
			['ngo-de-big']
		],
		['several values', { types: ['ngo'], countries: ['DE', 'FR'] }, ['ngo-de-big', 'ngo-fr']],
		['nothing matches', { countries: ['IT'] }, []]
	])('%s', (_, filter, expected) => {
		expect(ids(filter)).toEqual(expected);
	});

	it('never contains a private organisation or the viewer', () => {
		const all = ids({});
		expect(all).not.toContain('private');
		expect(all).not.toContain('viewer');
	});
});

describe('summarise (type 7 quartiles) and percentileRank (mid-rank)', () => {
	it.each<[number[], { q1: number; median: number; q3: number }]>([
		[[42], { q1: 42, median: 42, q3: 42 }],
		[[1, 2, 3, 4], { q1: 1.75, median: 2.5, q3: 3.25 }],
		[[5, 1, 3, 2, 4], { q1: 2, median: 3, q3: 4 }],
		[[0, 100], { q1: 25, median: 50, q3: 75 }],
		[[10, 10, 10, 90], { q1: 10, median: 10, q3: 30 }]
	])('summary of %j', (values, expected) => {
		expect(summarise(values)).toEqual({
			n: values.length,
			min: Math.min(...values),
			max: Math.max(...values),
			...expected
		});
	});

	it('refuses an empty list', () => {
		expect(() => summarise([])).toThrow(RangeError);
		expect(() => percentileRank(1, [])).toThrow(RangeError);
	});

	it.each<[number, number[], number]>([
		[50, [10, 50, 50, 90], 50],
		[95, [10, 20, 30, 40], 100],
		[5, [10, 20, 30, 40], 0],
		[25, [10, 20, 30, 40], 50],
		[20, [10, 20, 30, 40], 37.5],
		[7, [7, 7, 7], 50]
	])('percentile rank of %d among %j is %d', (value, values, expected) => {
		expect(percentileRank(value, values)).toBe(expected);
	});
});

describe('benchmark', () => {
	it('shows no figures with fewer than the threshold of other organisations', () => {
		const viewer = org();
		const result = benchmark(viewer, [viewer, ...chambers(4)], {});
		expect(result).toEqual({ status: 'too-few', reason: 'too-few-peers', peerCount: 4, needed: 5 });
	});

	it('does not count the viewer, private organisations or filtered-out ones towards the threshold', () => {
		const viewer = org();
		const network = [
			viewer,
			...chambers(4),
			org({ sharing: 'private' }),
			org({ type: 'ngo', country: 'FR' })
		];
		const result = benchmark(viewer, network, { types: ['chamber'] });
		expect(result).toMatchObject({ status: 'too-few', peerCount: 4 });
	});

	it('shows the summary and percentile with exactly the threshold of peers', () => {
		const viewer = org({ dimensions: { outreach: 35, finance: 40 }, overall: 35 });
		const result = benchmark(viewer, chambers(5), { types: ['chamber'] });
		expect(result).toEqual({
			status: 'ok',
			peerCount: 5,
			overall: {
				status: 'ok',
				own: 35,
				summary: { n: 5, min: 10, q1: 20, median: 30, q3: 40, max: 50 },
				percentile: 60
			},
			dimensions: [
				{
					key: 'outreach',
					status: 'ok',
					own: 35,
					summary: { n: 5, min: 10, q1: 20, median: 30, q3: 40, max: 50 },
					percentile: 60
				},
				{
					key: 'finance',
					status: 'ok',
					own: 40,
					summary: { n: 5, min: 40, q1: 40, median: 40, q3: 40, max: 40 },
					percentile: 50
				}
			]
		});
	});

	it('honours a configured threshold, but never below 3', () => {
		const viewer = org();
		expect(benchmark(viewer, chambers(5), {}, { threshold: 6 }).status).toBe('too-few');
		expect(benchmark(viewer, chambers(3), {}, { threshold: 1 }).status).toBe('ok');
		expect(benchmark(viewer, chambers(2), {}, { threshold: 1 })).toMatchObject({
			status: 'too-few',
			needed: 3
		});
	});

	it('withholds only the dimension with too few scored peers', () => {
		const viewer = org();
		const peers = [...chambers(3), ...chambers(3, { dimensions: { outreach: null, finance: 60 } })];
		const result = benchmark(viewer, peers, {});
		if (result.status !== 'ok') throw new Error(`expected figures, got ${result.status}`);
		const outreach = result.dimensions.find((d) => d.key === 'outreach')!;
		const finance = result.dimensions.find((d) => d.key === 'finance')!;
		expect(outreach).toEqual({
			key: 'outreach',
			status: 'too-few',
			reason: 'too-few-peers',
			own: 50,
			peerCount: 3,
			needed: 5
		});
		expect(finance).toMatchObject({ status: 'ok', summary: { n: 6 } });
	});

	it('gives a null percentile when the viewer has no score of its own', () => {
		const viewer = org({ dimensions: { outreach: null, finance: 40 }, overall: null });
		const result = benchmark(viewer, chambers(6), {});
		if (result.status !== 'ok') throw new Error(`expected figures, got ${result.status}`);
		expect(result.overall).toMatchObject({ status: 'ok', own: null, percentile: null });
		expect(result.dimensions[0]).toMatchObject({ status: 'ok', own: null, percentile: null });
	});

	it('refuses several values for one filter (the defence covers one value or all)', () => {
		const viewer = org();
		expect(benchmark(viewer, chambers(20), { countries: ['DE', 'FR'] })).toMatchObject({
			status: 'refused',
			reason: 'unsupported-filter'
		});
		// The same value twice is one value.
		expect(benchmark(viewer, chambers(20), { countries: ['DE', 'DE'] }).status).toBe('ok');
	});

	it('a filter value no organisation has gives too few peers', () => {
		const viewer = org();
		expect(benchmark(viewer, chambers(20), { countries: ['IT'] })).toMatchObject({
			status: 'too-few',
			reason: 'too-few-peers',
			peerCount: 0
		});
	});

	it('refuses a group that differs from a broader shown group by one organisation', () => {
		// 7 chambers in Germany and 1 in France: "chambers" and "chambers in Germany" differ by
		// the French chamber alone, so showing both would give its score away.
		const viewer = org();
		const french = org({ country: 'FR', dimensions: { outreach: 99, finance: 99 }, overall: 99 });
		const network = [viewer, ...chambers(6), french];
		expect(benchmark(viewer, network, { types: ['chamber'] }).status).toBe('ok');
		expect(benchmark(viewer, network, { types: ['chamber'], countries: ['DE'] })).toEqual({
			status: 'too-few',
			reason: 'overlap',
			peerCount: 6,
			needed: 5
		});
		expect(benchmark(viewer, network, { countries: ['DE'] })).toMatchObject({
			status: 'too-few',
			reason: 'overlap'
		});
	});

	it('shows both groups when they differ by more than the threshold', () => {
		const viewer = org();
		const network = [viewer, ...chambers(6), ...chambers(6, { country: 'FR' })];
		expect(benchmark(viewer, network, {}).status).toBe('ok');
		expect(benchmark(viewer, network, { countries: ['DE'] }).status).toBe('ok');
		expect(benchmark(viewer, network, { countries: ['FR'] }).status).toBe('ok');
	});

	it('applies the defence per dimension: unscored peers cannot open a one-organisation gap', () => {
		// "All" and "Germany" differ by 6 organisations, but only one of them has an outreach
		// score, so the outreach figures of Germany are withheld while the rest are shown.
		const viewer = org();
		const network = [
			viewer,
			...chambers(6),
			org({ country: 'FR', dimensions: { outreach: 77, finance: 40 } }),
			...chambers(5, { country: 'FR', dimensions: { outreach: null, finance: 40 } })
		];
		const result = benchmark(viewer, network, { countries: ['DE'] });
		if (result.status !== 'ok') throw new Error(`expected figures, got ${result.status}`);
		expect(result.dimensions.find((d) => d.key === 'outreach')).toMatchObject({
			status: 'too-few',
			reason: 'overlap'
		});
		expect(result.dimensions.find((d) => d.key === 'finance')).toMatchObject({ status: 'ok' });
	});
});

describe('describePosition', () => {
	it.each<[number, string]>([
		[100, 'You are in the top quarter of chambers of commerce in Germany for outreach.'],
		[75, 'You are in the top quarter of chambers of commerce in Germany for outreach.'],
		[74.9, 'You are in the upper half of chambers of commerce in Germany for outreach.'],
		[50, 'You are in the upper half of chambers of commerce in Germany for outreach.'],
		[49, 'You are in the lower half of chambers of commerce in Germany for outreach.'],
		[25, 'You are in the lower half of chambers of commerce in Germany for outreach.'],
		[24.9, 'You are in the bottom quarter of chambers of commerce in Germany for outreach.'],
		[0, 'You are in the bottom quarter of chambers of commerce in Germany for outreach.']
	])('percentile %d', (percentile, sentence) => {
		expect(describePosition(percentile, 'outreach', 'chambers of commerce in Germany')).toBe(
			sentence
		);
	});
});

describe('publication order', () => {
	it('shows the default group (own type) when the whole network is within the margin of it', () => {
		const associations = Array.from({ length: 7 }, (_, i) =>
			org({ id: `a${i}`, type: 'association', overall: 10 * i })
		);
		const ngos = [
			org({ id: 'n1', type: 'ngo', overall: 50 }),
			org({ id: 'n2', type: 'ngo', overall: 60 })
		];
		const network = [...associations, ...ngos];
		const viewer = associations[0];
		const own = benchmark(viewer, network, { types: ['association'] });
		expect(own).toMatchObject({ status: 'ok', peerCount: 6 });
		// The whole network differs from it by two organisations only: withheld, or the two
		// NGOs' figures could be worked out by comparing.
		expect(benchmark(viewer, network, {})).toMatchObject({ status: 'too-few', reason: 'overlap' });
	});
});
