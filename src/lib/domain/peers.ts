// Peer learning: DOMAIN.md, "Improvement pathways and action plans". For a priority dimension,
// up to three organisations at least two levels higher in it that opted in to be contacted.
//
// The rules, in full:
//   Who may be suggested: another organisation that opted in to peer-learning requests AND
//   names itself to other members (sharing choice `named-members`); so a private organisation,
//   or one that opted in and later chose private, is never suggested.
//   Where it is strong: in the dimension of the same theme (model.json's `theme`) of the
//   instrument it answered — a chamber's "outreach to migrant communities" and an
//   association's "membership and outreach" share the theme `outreach` — at a level at least
//   MIN_LEVELS_ABOVE above the seeker's level, in its latest result.
//   Order: a shared working language first, then the same country, then more levels above,
//   then name. Across types where it helps: when the first places would all go to the seeker's
//   own type and an organisation of another type qualifies, the last place goes to the best of
//   those — chambers and associations are complementary partners.
import { m } from '../paraglide/messages.js';
import type { Level } from './constants';
import { levelName } from './localized';
import { countryName, languageName, type SharingChoice } from './organisation';

/** A suggested peer is at least this many levels above the seeker in the dimension. */
export const MIN_LEVELS_ABOVE = 2;
/** At most this many suggestions per dimension. */
export const MAX_PEER_SUGGESTIONS = 3;
/** Length limits of a peer-learning request's message. */
export const PEER_MESSAGE_MIN = 10;
export const PEER_MESSAGE_MAX = 1000;

export interface PeerProfile {
	organisationId: string;
	name: string;
	type: string;
	country: string;
	languages: readonly string[];
}

/** An organisation that may be suggested, with its latest result's levels by theme. */
export interface PeerCandidate extends PeerProfile {
	sharing: SharingChoice;
	peerContact: boolean;
	/** Its strong dimensions: theme → where it stands (instrument, dimension, level). */
	themes: Readonly<Record<string, PeerStanding>>;
}

export interface PeerStanding {
	instrumentKey: string;
	dimensionKey: string;
	/** The dimension's name in the reader's language. */
	dimensionName: string;
	level: Level | null;
}

export interface PeerSeeker extends PeerProfile {
	theme: string;
	level: Level | null;
	/** Language of the level names in the reasons, like the dimension names (default English). */
	language?: string;
}

export interface PeerSuggestion {
	organisationId: string;
	name: string;
	type: string;
	country: string;
	standing: PeerStanding & { level: Level };
	levelsAbove: number;
	sharedLanguages: string[];
	sameCountry: boolean;
	otherType: boolean;
	/** Why it was suggested, one sentence per reason, in the order of the ranking rules. */
	reasons: string[];
}

/** The rule for who may be suggested at all, whatever the dimension. */
export function isOpenToPeerLearning(candidate: Pick<PeerCandidate, 'sharing' | 'peerContact'>) {
	return candidate.peerContact && candidate.sharing === 'named-members';
}

/** Every organisation that qualifies for the seeker's dimension, best first (no limit, no mix). */
export function eligiblePeers(seeker: PeerSeeker, candidates: readonly PeerCandidate[]) {
	if (seeker.level === null) return [];
	const seekerLevel = seeker.level;
	const found: PeerSuggestion[] = [];
	for (const candidate of candidates) {
		if (candidate.organisationId === seeker.organisationId) continue;
		if (!isOpenToPeerLearning(candidate)) continue;
		const standing = candidate.themes[seeker.theme];
		if (!standing || standing.level === null) continue;
		const levelsAbove = standing.level - seekerLevel;
		if (levelsAbove < MIN_LEVELS_ABOVE) continue;
		const sharedLanguages = seeker.languages.filter((l) => candidate.languages.includes(l));
		const suggestion: PeerSuggestion = {
			organisationId: candidate.organisationId,
			name: candidate.name,
			type: candidate.type,
			country: candidate.country,
			standing: { ...standing, level: standing.level },
			levelsAbove,
			sharedLanguages,
			sameCountry: candidate.country === seeker.country,
			otherType: candidate.type !== seeker.type,
			reasons: []
		};
		suggestion.reasons = explainSuggestion(seeker, suggestion);
		found.push(suggestion);
	}
	return found.sort(
		(a, b) =>
			Number(b.sharedLanguages.length > 0) - Number(a.sharedLanguages.length > 0) ||
			Number(b.sameCountry) - Number(a.sameCountry) ||
			b.levelsAbove - a.levelsAbove ||
			a.name.localeCompare(b.name) ||
			a.organisationId.localeCompare(b.organisationId)
	);
}

/** Up to MAX_PEER_SUGGESTIONS peers for one of the seeker's dimensions (rules at the top). */
export function suggestPeers(
	seeker: PeerSeeker,
	candidates: readonly PeerCandidate[],
	limit = MAX_PEER_SUGGESTIONS
): PeerSuggestion[] {
	const ranked = eligiblePeers(seeker, candidates);
	const chosen = ranked.slice(0, limit);
	if (limit > 0 && chosen.length === limit && chosen.every((s) => !s.otherType)) {
		const other = ranked.find((s) => s.otherType);
		if (other) chosen[limit - 1] = other;
	}
	return chosen;
}

function listWords(words: readonly string[]): string {
	if (words.length <= 1) return words.join('');
	return m.plan_peers_list_and({
		first: words.slice(0, -1).join(', '),
		last: words[words.length - 1]
	});
}

/** A type as it reads at the start of a sentence ("An NGO") and after "for" ("a chamber…"). */
const TYPE_IN_SENTENCE: Record<string, { subject: () => string; object: () => string }> = {
	chamber: { subject: m.plan_peers_type_subject_chamber, object: m.plan_peers_type_object_chamber },
	association: {
		subject: m.plan_peers_type_subject_association,
		object: m.plan_peers_type_object_association
	},
	'business-support': {
		subject: m.plan_peers_type_subject_business_support,
		object: m.plan_peers_type_object_business_support
	},
	microfinance: {
		subject: m.plan_peers_type_subject_microfinance,
		object: m.plan_peers_type_object_microfinance
	},
	'public-authority': {
		subject: m.plan_peers_type_subject_public_authority,
		object: m.plan_peers_type_object_public_authority
	},
	ngo: { subject: m.plan_peers_type_subject_ngo, object: m.plan_peers_type_object_ngo },
	other: { subject: m.plan_peers_type_subject_other, object: m.plan_peers_type_object_other }
};

function typeInSentence(type: string) {
	return TYPE_IN_SENTENCE[type] ?? TYPE_IN_SENTENCE.other;
}

function explainSuggestion(seeker: PeerSeeker, s: PeerSuggestion): string[] {
	const level = s.standing.level;
	const reasons = [
		m.plan_peers_reason_level({
			level,
			name: levelName(level, seeker.language ?? 'en'),
			dimension: s.standing.dimensionName,
			above: s.levelsAbove,
			own: seeker.level ?? ''
		})
	];
	if (s.sharedLanguages.length > 0) {
		const names = s.sharedLanguages.map((code) => languageName(code));
		reasons.push(m.plan_peers_reason_languages({ languages: listWords(names) }));
	}
	if (s.sameCountry) {
		reasons.push(m.plan_peers_reason_country({ country: countryName(s.country) }));
	}
	if (s.otherType) {
		reasons.push(
			m.plan_peers_reason_other_type({
				theirs: typeInSentence(s.type).subject(),
				yours: typeInSentence(seeker.type).object()
			})
		);
	}
	return reasons;
}
