import { z } from 'zod';
import { intlTag } from '../i18n/locales';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';

/** The kinds of organisation in the network (DOMAIN.md, "Who uses it"). */
export const ORGANISATION_TYPES = {
	chamber: 'Chamber of commerce',
	association: "Migrant entrepreneurs' association",
	'business-support': 'Business support organisation',
	microfinance: 'Microfinance institution or ethical bank',
	'public-authority': 'Public authority',
	ngo: 'NGO',
	other: 'Other'
} as const;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;

/** Staff plus volunteers. */
export const SIZE_BANDS = {
	'1-5': '1–5 people',
	'6-20': '6–20 people',
	'21-100': '21–100 people',
	'100+': 'More than 100 people'
} as const;
export type SizeBand = keyof typeof SIZE_BANDS;

/** Yearly budget. */
export const BUDGET_BANDS = {
	'under-50k': 'Under €50,000',
	'50k-250k': '€50,000–250,000',
	'250k-1m': '€250,000–1 million',
	'1m-5m': '€1–5 million',
	'over-5m': 'Over €5 million'
} as const;
export type BudgetBand = keyof typeof BUDGET_BANDS;

/** ISO 3166-1 alpha-2 codes of the countries the network works in. */
export const COUNTRIES = {
	AL: 'Albania',
	AT: 'Austria',
	BA: 'Bosnia and Herzegovina',
	BE: 'Belgium',
	BG: 'Bulgaria',
	CH: 'Switzerland',
	CY: 'Cyprus',
	CZ: 'Czechia',
	DE: 'Germany',
	DK: 'Denmark',
	EE: 'Estonia',
	ES: 'Spain',
	FI: 'Finland',
	FR: 'France',
	GB: 'United Kingdom',
	GR: 'Greece',
	HR: 'Croatia',
	HU: 'Hungary',
	IE: 'Ireland',
	IS: 'Iceland',
	IT: 'Italy',
	LI: 'Liechtenstein',
	LT: 'Lithuania',
	LU: 'Luxembourg',
	LV: 'Latvia',
	MD: 'Moldova',
	ME: 'Montenegro',
	MK: 'North Macedonia',
	MT: 'Malta',
	NL: 'Netherlands',
	NO: 'Norway',
	PL: 'Poland',
	PT: 'Portugal',
	RO: 'Romania',
	RS: 'Serbia',
	SE: 'Sweden',
	SI: 'Slovenia',
	SK: 'Slovakia',
	TR: 'Türkiye',
	UA: 'Ukraine',
	XK: 'Kosovo'
} as const;
export type CountryCode = keyof typeof COUNTRIES;

/** ISO 639-1 codes of working languages an organisation may declare. */
export const LANGUAGES = {
	ar: 'Arabic',
	bg: 'Bulgarian',
	de: 'German',
	el: 'Greek',
	en: 'English',
	es: 'Spanish',
	fa: 'Persian',
	fr: 'French',
	hr: 'Croatian',
	it: 'Italian',
	ku: 'Kurdish',
	nl: 'Dutch',
	pl: 'Polish',
	ps: 'Pashto',
	pt: 'Portuguese',
	ro: 'Romanian',
	ru: 'Russian',
	sl: 'Slovenian',
	so: 'Somali',
	sq: 'Albanian',
	sr: 'Serbian',
	sv: 'Swedish',
	ti: 'Tigrinya',
	tr: 'Turkish',
	uk: 'Ukrainian',
	ur: 'Urdu',
	zh: 'Chinese'
} as const;
export type LanguageCode = keyof typeof LANGUAGES;

export const ORGANISATION_NAME_MAX = 120;
export const REGION_MAX = 80;
/** Working languages an organisation may declare at most. */
export const LANGUAGES_MAX = 12;

const keysOf = <T extends object>(o: T) =>
	Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** What a person enters to create or edit an organisation. */
// Messages are functions, so each request gets them in its own language.
export const organisationInput = z.object({
	name: z
		.string({ error: () => m.org_validation_name() })
		.trim()
		.min(2, { error: () => m.org_validation_name() })
		.max(ORGANISATION_NAME_MAX, {
			error: () => m.org_validation_max_characters({ max: ORGANISATION_NAME_MAX })
		}),
	type: z.enum(keysOf(ORGANISATION_TYPES), { error: () => m.org_validation_type() }),
	country: z.enum(keysOf(COUNTRIES), { error: () => m.org_validation_country() }),
	region: z
		.string({ error: () => m.org_validation_region() })
		.trim()
		.min(2, { error: () => m.org_validation_region() })
		.max(REGION_MAX, { error: () => m.org_validation_max_characters({ max: REGION_MAX }) }),
	sizeBand: z.enum(keysOf(SIZE_BANDS), { error: () => m.org_validation_size() }),
	budgetBand: z.enum(keysOf(BUDGET_BANDS), { error: () => m.org_validation_budget() }),
	languages: z
		.array(z.enum(keysOf(LANGUAGES), { error: () => m.org_validation_language() }))
		.min(1, { error: () => m.org_validation_languages_min() })
		.max(LANGUAGES_MAX, { error: () => m.org_validation_languages_max({ max: LANGUAGES_MAX }) })
		.refine((l) => new Set(l).size === l.length, {
			error: () => m.org_validation_languages_unique()
		})
});
export type OrganisationInput = z.infer<typeof organisationInput>;

export const MEMBER_ROLES = {
	admin: 'Administrator',
	respondent: 'Respondent'
} as const;
export type MemberRole = keyof typeof MEMBER_ROLES;

/**
 * How far an organisation's results travel (DOMAIN.md, "Rounds, sharing and privacy"). Every
 * choice but `private` lets the result count, anonymously, in others' benchmarks: the
 * condition for seeing benchmarks oneself (give to get).
 */
export const SHARING_CHOICES = {
	private: {
		label: 'Private',
		explanation:
			'Only your members see your results. They do not count in anyone’s benchmark, and you do not see benchmarks either.'
	},
	anonymous: {
		label: 'Anonymous in aggregates',
		explanation:
			'Your results count, without your name, in other organisations’ benchmarks and in the network’s figures, always in groups of at least five. You see benchmarks in return.'
	},
	'named-cop': {
		label: 'Named to the CoP lead',
		explanation:
			'As above, and the network’s CoP lead may see your results with your name, for example to invite you to share a good practice.'
	},
	'named-members': {
		label: 'Named to other members for peer learning',
		explanation:
			'As above, and, if you also open your organisation to peer-learning requests (below), other member organisations may see your name as a peer to learn from where you are strong, and ask to get in touch.'
	}
} as const;
export type SharingChoice = keyof typeof SHARING_CHOICES;
export const DEFAULT_SHARING: SharingChoice = 'anonymous';

export const sharingInput = z.object({
	sharing: z.enum(keysOf(SHARING_CHOICES), { error: () => m.org_validation_sharing() })
});

// Labels in the reader's language. Pages call these, not the maps above, so that the words
// follow the interface language (the maps keep the keys and the English wording; the English
// messages say the same).
type Label = () => string;

const TYPE_LABELS: Record<OrganisationType, Label> = {
	chamber: m.org_type_chamber,
	association: m.org_type_association,
	'business-support': m.org_type_business_support,
	microfinance: m.org_type_microfinance,
	'public-authority': m.org_type_public_authority,
	ngo: m.org_type_ngo,
	other: m.org_type_other
};
const SIZE_LABELS: Record<SizeBand, Label> = {
	'1-5': m.org_size_1_5,
	'6-20': m.org_size_6_20,
	'21-100': m.org_size_21_100,
	'100+': m.org_size_100_plus
};
const BUDGET_LABELS: Record<BudgetBand, Label> = {
	'under-50k': m.org_budget_under_50k,
	'50k-250k': m.org_budget_50k_250k,
	'250k-1m': m.org_budget_250k_1m,
	'1m-5m': m.org_budget_1m_5m,
	'over-5m': m.org_budget_over_5m
};
const ROLE_LABELS: Record<MemberRole, Label> = {
	admin: m.org_role_admin,
	respondent: m.org_role_respondent
};
const SHARING_LABELS: Record<SharingChoice, { label: Label; explanation: Label }> = {
	private: {
		label: m.org_sharing_private_label,
		explanation: m.org_sharing_private_explanation
	},
	anonymous: {
		label: m.org_sharing_anonymous_label,
		explanation: m.org_sharing_anonymous_explanation
	},
	'named-cop': {
		label: m.org_sharing_named_cop_label,
		explanation: m.org_sharing_named_cop_explanation
	},
	'named-members': {
		label: m.org_sharing_named_members_label,
		explanation: m.org_sharing_named_members_explanation
	}
};

const own = <T extends object>(map: T, key: string): key is keyof T & string =>
	Object.hasOwn(map, key);

export function organisationTypeLabel(type: string): string {
	return own(TYPE_LABELS, type) ? TYPE_LABELS[type]() : type;
}
export function sizeBandLabel(band: string): string {
	return own(SIZE_LABELS, band) ? SIZE_LABELS[band]() : band;
}
export function budgetBandLabel(band: string): string {
	return own(BUDGET_LABELS, band) ? BUDGET_LABELS[band]() : band;
}

// Country and language names come from the runtime's own data (CLDR), in the interface's
// language; English keeps the platform's wording (e.g. "Bosnia and Herzegovina").
const displayNames = new Map<string, Intl.DisplayNames | null>();

function displayName(type: 'region' | 'language', code: string): string | undefined {
	const locale = getLocale();
	if (locale === 'en') return undefined;
	const cacheKey = `${locale}:${type}`;
	let names = displayNames.get(cacheKey);
	if (names === undefined) {
		try {
			names = new Intl.DisplayNames([intlTag(locale)], { type, fallback: 'none' });
		} catch {
			// A runtime without display names: the English names below are the fallback.
			names = null;
		}
		displayNames.set(cacheKey, names);
	}
	try {
		return names?.of(code) ?? undefined;
	} catch {
		// Not a well-formed code (stale data): shown as it is stored.
		return undefined;
	}
}

export function countryName(code: string): string {
	return displayName('region', code) ?? (own(COUNTRIES, code) ? COUNTRIES[code] : code);
}
export function languageName(code: string): string {
	return displayName('language', code) ?? (own(LANGUAGES, code) ? LANGUAGES[code] : code);
}
export function memberRoleLabel(role: string): string {
	return own(ROLE_LABELS, role) ? ROLE_LABELS[role]() : role;
}
export function sharingLabel(choice: SharingChoice): string {
	return SHARING_LABELS[choice].label();
}
export function sharingExplanation(choice: SharingChoice): string {
	return SHARING_LABELS[choice].explanation();
}

/** [code, name] pairs of a map, named in the reader's language and sorted for a list. */
function sortedByName(codes: string[], name: (code: string) => string): [string, string][] {
	const collator = new Intl.Collator(intlTag(getLocale()));
	return codes
		.map((code): [string, string] => [code, name(code)])
		.sort((a, b) => collator.compare(a[1], b[1]));
}

/** The countries for a drop-down, by name in the reader's language. */
export function countryOptions(): [CountryCode, string][] {
	return sortedByName(Object.keys(COUNTRIES), countryName) as [CountryCode, string][];
}

/** The working languages for a list of checkboxes, by name in the reader's language. */
export function languageOptions(): [LanguageCode, string][] {
	return sortedByName(Object.keys(LANGUAGES), languageName) as [LanguageCode, string][];
}

/** The organisation types in their order, in the reader's language. */
export function organisationTypeOptions(): [OrganisationType, string][] {
	return keysOf(ORGANISATION_TYPES).map((key) => [key, organisationTypeLabel(key)]);
}
