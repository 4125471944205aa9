import { z } from 'zod';

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

const keysOf = <T extends object>(o: T) =>
	Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** What a person enters to create or edit an organisation. */
export const organisationInput = z.object({
	name: z
		.string()
		.trim()
		.min(2, 'Enter the organisation’s name (at least 2 characters).')
		.max(ORGANISATION_NAME_MAX, `Use at most ${ORGANISATION_NAME_MAX} characters.`),
	type: z.enum(keysOf(ORGANISATION_TYPES), { error: 'Choose a type from the list.' }),
	country: z.enum(keysOf(COUNTRIES), { error: 'Choose a country from the list.' }),
	region: z
		.string()
		.trim()
		.min(2, 'Enter the city or region (at least 2 characters).')
		.max(REGION_MAX, `Use at most ${REGION_MAX} characters.`),
	sizeBand: z.enum(keysOf(SIZE_BANDS), { error: 'Choose how many people work there.' }),
	budgetBand: z.enum(keysOf(BUDGET_BANDS), { error: 'Choose a yearly budget band.' }),
	languages: z
		.array(z.enum(keysOf(LANGUAGES), { error: 'Choose languages from the list.' }))
		.min(1, 'Choose at least one working language.')
		.max(12, 'Choose at most 12 languages.')
		.refine((l) => new Set(l).size === l.length, 'Each language once.')
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
	sharing: z.enum(keysOf(SHARING_CHOICES), { error: 'Choose one of the four options.' })
});

// Labels in the reader's language. Pages call these, not the maps above, so that the words
// follow the interface language (the maps keep the keys and the English wording).
export function organisationTypeLabel(type: string): string {
	return ORGANISATION_TYPES[type as OrganisationType] ?? type;
}
export function sizeBandLabel(band: string): string {
	return SIZE_BANDS[band as SizeBand] ?? band;
}
export function budgetBandLabel(band: string): string {
	return BUDGET_BANDS[band as BudgetBand] ?? band;
}
export function countryName(code: string): string {
	return COUNTRIES[code as CountryCode] ?? code;
}
export function languageName(code: string): string {
	return LANGUAGES[code as LanguageCode] ?? code;
}
export function memberRoleLabel(role: string): string {
	return MEMBER_ROLES[role as MemberRole] ?? role;
}
export function sharingLabel(choice: SharingChoice): string {
	return SHARING_CHOICES[choice].label;
}
export function sharingExplanation(choice: SharingChoice): string {
	return SHARING_CHOICES[choice].explanation;
}
