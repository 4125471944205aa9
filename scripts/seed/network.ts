/** Names and places for a believable demo network. All organisations and people are fictional. */
import type {
	CountryCode,
	LanguageCode,
	OrganisationType
} from '../../src/lib/domain/organisation';

export interface CountryProfile {
	code: CountryCode;
	language: LanguageCode;
	cities: string[];
	chamber: (city: string) => string;
	firstNames: string[];
	lastNames: string[];
}

export const COUNTRY_PROFILES: CountryProfile[] = [
	{
		code: 'DE',
		language: 'de',
		cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Leipzig', 'Stuttgart'],
		chamber: (c) => `Handelskammer ${c}`,
		firstNames: ['Anna', 'Jonas', 'Leyla', 'Murat', 'Katrin', 'Tobias', 'Aylin', 'Stefan'],
		lastNames: ['Schmidt', 'Yilmaz', 'Becker', 'Nguyen', 'Hoffmann', 'Kaya', 'Wagner', 'Popescu']
	},
	{
		code: 'NL',
		language: 'nl',
		cities: ['Amsterdam', 'Rotterdam', 'The Hague', 'Utrecht', 'Eindhoven'],
		chamber: (c) => `Ondernemerskamer ${c}`,
		firstNames: ['Sanne', 'Daan', 'Fatima', 'Mohamed', 'Eva', 'Joris', 'Naima', 'Ruben'],
		lastNames: ['de Vries', 'El Amrani', 'Jansen', 'Bakker', 'Öztürk', 'Visser', 'Haddou', 'Smit']
	},
	{
		code: 'BE',
		language: 'fr',
		cities: ['Brussels', 'Antwerp', 'Liège', 'Ghent', 'Charleroi'],
		chamber: (c) => `Chamber of Commerce ${c}`,
		firstNames: ['Lucie', 'Thomas', 'Amina', 'Karim', 'Elise', 'Pieter', 'Grace', 'Youssef'],
		lastNames: ['Dubois', 'Peeters', 'Benali', 'Maes', 'Mbala', 'Lambert', 'Claes', 'Diallo']
	},
	{
		code: 'IT',
		language: 'it',
		cities: ['Milan', 'Turin', 'Rome', 'Bologna', 'Naples', 'Palermo'],
		chamber: (c) => `Camera di Commercio ${c}`,
		firstNames: ['Giulia', 'Marco', 'Awa', 'Luca', 'Chiara', 'Ibrahima', 'Sara', 'Davide'],
		lastNames: ['Rossi', 'Bianchi', 'Ndiaye', 'Esposito', 'Romano', 'Hossain', 'Conti', 'Ricci']
	},
	{
		code: 'GR',
		language: 'el',
		cities: ['Athens', 'Thessaloniki', 'Patras', 'Heraklion'],
		chamber: (c) => `${c} Chamber of Commerce and Industry`,
		firstNames: ['Maria', 'Giorgos', 'Eleni', 'Nikos', 'Ahmad', 'Sofia', 'Dimitris', 'Farah'],
		lastNames: ['Papadopoulos', 'Georgiou', 'Nikolaou', 'Karimi', 'Vlachos', 'Haidari', 'Ioannou']
	},
	{
		code: 'SI',
		language: 'sl',
		cities: ['Ljubljana', 'Maribor', 'Postojna', 'Celje', 'Koper'],
		chamber: (c) => `Območna gospodarska zbornica ${c}`,
		firstNames: ['Nina', 'Luka', 'Maja', 'Jan', 'Edin', 'Ana', 'Marko', 'Amra'],
		lastNames: ['Novak', 'Horvat', 'Kovačič', 'Hodžić', 'Krajnc', 'Zupan', 'Begić', 'Potočnik']
	},
	{
		code: 'ES',
		language: 'es',
		cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao', 'Málaga'],
		chamber: (c) => `Cámara de Comercio de ${c}`,
		firstNames: ['Lucía', 'Javier', 'Valentina', 'Omar', 'Carmen', 'Andrés', 'Rosa', 'Mamadou'],
		lastNames: ['García', 'Martínez', 'López', 'Sánchez', 'El Idrissi', 'Pérez', 'Quispe', 'Sow']
	},
	{
		code: 'SE',
		language: 'sv',
		cities: ['Stockholm', 'Gothenburg', 'Malmö', 'Uppsala'],
		chamber: (c) => `Handelskammaren ${c}`,
		firstNames: ['Elin', 'Oskar', 'Hodan', 'Ali', 'Frida', 'Erik', 'Rahel', 'Johan'],
		lastNames: ['Andersson', 'Johansson', 'Abdi', 'Karlsson', 'Nilsson', 'Tesfaye', 'Lindqvist']
	},
	{
		code: 'FR',
		language: 'fr',
		cities: ['Paris', 'Lyon', 'Marseille', 'Lille', 'Toulouse', 'Strasbourg'],
		chamber: (c) => `Chambre de commerce et d'industrie de ${c}`,
		firstNames: ['Camille', 'Hugo', 'Inès', 'Mehdi', 'Claire', 'Julien', 'Aïcha', 'Nicolas'],
		lastNames: ['Martin', 'Bernard', 'Haddad', 'Moreau', 'Traoré', 'Laurent', 'Benaissa', 'Roux']
	}
];

/** Communities and the languages they bring, for associations' names and working languages. */
export const COMMUNITIES: { adjective: string; languages: LanguageCode[] }[] = [
	{ adjective: 'Turkish', languages: ['tr'] },
	{ adjective: 'Syrian', languages: ['ar'] },
	{ adjective: 'Moroccan', languages: ['ar', 'fr'] },
	{ adjective: 'Senegalese', languages: ['fr'] },
	{ adjective: 'Latin American', languages: ['es', 'pt'] },
	{ adjective: 'Ukrainian', languages: ['uk', 'ru'] },
	{ adjective: 'Afghan', languages: ['fa', 'ps'] },
	{ adjective: 'Eritrean', languages: ['ti', 'ar'] },
	{ adjective: 'Somali', languages: ['so'] },
	{ adjective: 'Polish', languages: ['pl'] },
	{ adjective: 'Romanian', languages: ['ro'] },
	{ adjective: 'Chinese', languages: ['zh'] },
	{ adjective: 'Ghanaian', languages: ['en'] },
	{ adjective: 'Kurdish', languages: ['ku', 'tr'] },
	{ adjective: 'Bosnian', languages: ['hr', 'sr'] },
	{ adjective: 'Pakistani', languages: ['ur'] }
];

const ASSOCIATION_FORMS = [
	(a: string, c: string) => `${a} Entrepreneurs' Association ${c}`,
	(a: string, c: string) => `${a} Business Network ${c}`,
	(a: string, c: string) => `${c} ${a} Traders' Union`,
	(a: string, c: string) => `${a} Women Entrepreneurs ${c}`
];

export function associationName(adjective: string, city: string, variant: number): string {
	return ASSOCIATION_FORMS[variant % ASSOCIATION_FORMS.length](adjective, city);
}

export const OTHER_NAMES: Record<
	Exclude<OrganisationType, 'chamber' | 'association'>,
	(c: string) => string
> = {
	'business-support': (c) => `${c} Start-up Centre`,
	microfinance: (c) => `${c} Community Microcredit`,
	'public-authority': (c) => `City of ${c} – Economic Development Office`,
	ngo: (c) => `Welcome ${c} – Refugee Support`,
	other: (c) => `${c} Diversity Foundation`
};

/** How many of each type the demo has: mostly chambers and associations. */
export const TYPE_MIX: [OrganisationType, number][] = [
	['chamber', 46],
	['association', 56],
	['business-support', 10],
	['microfinance', 8],
	['public-authority', 6],
	['ngo', 6]
];
