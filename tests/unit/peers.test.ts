import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/lib/domain/constants';
import type { SharingChoice } from '../../src/lib/domain/organisation';
import {
	eligiblePeers,
	suggestPeers,
	type PeerCandidate,
	type PeerSeeker
} from '../../src/lib/domain/peers';

const seeker: PeerSeeker = {
	organisationId: 'me',
	name: 'Handelskammer Musterstadt',
	type: 'chamber',
	country: 'DE',
	languages: ['de', 'en'],
	theme: 'outreach',
	level: 2
};

function candidate(
	id: string,
	overrides: Partial<Omit<PeerCandidate, 'themes'>> & { level?: Level | null; theme?: string } = {}
): PeerCandidate {
	const { level = 4, theme = 'outreach', ...rest } = overrides;
	const isAssociation = (rest.type ?? 'chamber') === 'association';
	return {
		organisationId: id,
		name: id,
		type: 'chamber',
		country: 'FR',
		languages: ['fr'],
		sharing: 'named-members' as SharingChoice,
		peerContact: true,
		themes: {
			[theme]: {
				instrumentKey: isAssociation ? 'association-professionalisation' : 'chamber-diversity',
				dimensionKey: isAssociation ? 'membership' : 'outreach',
				dimensionName: isAssociation
					? 'Membership and outreach'
					: 'Outreach to migrant communities',
				level
			}
		},
		...rest
	};
}

const ids = (list: { organisationId: string }[]) => list.map((s) => s.organisationId);

describe('who may be suggested', () => {
	const cases: { name: string; peer: PeerCandidate; suggested: boolean }[] = [
		{
			name: 'opted in, named to members, two levels higher',
			peer: candidate('p'),
			suggested: true
		},
		{ name: 'not opted in', peer: candidate('p', { peerContact: false }), suggested: false },
		{
			name: 'opted in but private',
			peer: candidate('p', { sharing: 'private' }),
			suggested: false
		},
		{
			name: 'opted in but anonymous',
			peer: candidate('p', { sharing: 'anonymous' }),
			suggested: false
		},
		{
			name: 'opted in but named to the CoP only',
			peer: candidate('p', { sharing: 'named-cop' }),
			suggested: false
		},
		{ name: 'only one level higher', peer: candidate('p', { level: 3 }), suggested: false },
		{ name: 'three levels higher', peer: candidate('p', { level: 5 }), suggested: true },
		{ name: 'no score in the dimension', peer: candidate('p', { level: null }), suggested: false },
		{
			name: 'strong in another theme only',
			peer: candidate('p', { theme: 'finance' }),
			suggested: false
		},
		{ name: 'the seeker itself', peer: candidate('me', { level: 5 }), suggested: false }
	];
	it.each(cases)('$name', ({ peer, suggested }) => {
		expect(ids(suggestPeers(seeker, [peer]))).toEqual(suggested ? [peer.organisationId] : []);
	});

	it('suggests nobody for a dimension without a level', () => {
		expect(suggestPeers({ ...seeker, level: null }, [candidate('p')])).toEqual([]);
	});
});

describe('the order of suggestions', () => {
	it('prefers a shared language, then the same country, then more levels above, then name', () => {
		const peers = [
			candidate('z-far', { level: 5 }),
			candidate('y-country', { country: 'DE' }),
			candidate('x-language', { languages: ['en'] }),
			candidate('w-both', { languages: ['de'], country: 'DE' }),
			candidate('v-plain')
		];
		expect(ids(eligiblePeers(seeker, peers))).toEqual([
			'w-both',
			'x-language',
			'y-country',
			'z-far',
			'v-plain'
		]);
		expect(ids(suggestPeers(seeker, peers))).toEqual(['w-both', 'x-language', 'y-country']);
	});

	it('gives the last place to another type when the first places are all of the seeker’s type', () => {
		const peers = [
			candidate('a', { languages: ['de'] }),
			candidate('b', { languages: ['de'] }),
			candidate('c', { languages: ['de'] }),
			candidate('assoc', { type: 'association' })
		];
		expect(ids(suggestPeers(seeker, peers))).toEqual(['a', 'b', 'assoc']);
	});

	it('keeps the ranking when another type already earned a place', () => {
		const peers = [
			candidate('assoc', { type: 'association', languages: ['de'] }),
			candidate('a', { languages: ['de'] }),
			candidate('b', { languages: ['de'] }),
			candidate('c')
		];
		expect(ids(suggestPeers(seeker, peers))).toEqual(['a', 'assoc', 'b']);
	});

	it('suggests at most three', () => {
		const peers = ['a', 'b', 'c', 'd', 'e'].map((id) => candidate(id));
		expect(suggestPeers(seeker, peers)).toHaveLength(3);
	});
});

describe('why a peer was suggested', () => {
	it('explains level, language, country and type', () => {
		const [s] = suggestPeers(seeker, [
			candidate('Verein Brücke', {
				type: 'association',
				languages: ['de', 'tr', 'en'],
				country: 'DE'
			})
		]);
		expect(s.reasons).toEqual([
			'At level 4 (Advanced) in “Membership and outreach”, 2 levels above your level 2.',
			'Works in German and English, as you do.',
			'Also in Germany.',
			"A migrant entrepreneurs' association: a complementary partner for a chamber of commerce."
		]);
	});

	it('says only what holds', () => {
		const [s] = suggestPeers(seeker, [candidate('p', { level: 5 })]);
		expect(s.reasons).toEqual([
			'At level 5 (Leading) in “Outreach to migrant communities”, 3 levels above your level 2.'
		]);
	});

	it('uses "an" before an NGO', () => {
		const [s] = suggestPeers(seeker, [candidate('p', { type: 'ngo' })]);
		expect(s.reasons.at(-1)).toBe('An NGO: a complementary partner for a chamber of commerce.');
	});
});
