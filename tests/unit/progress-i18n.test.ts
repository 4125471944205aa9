// The progress page's and the library's sentences follow the interface's language; English is
// asserted word for word in progress.test.ts and library.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { richParts } from '../../src/lib/components/progress/rich';
import {
	levelStepHeading,
	levelStepOption,
	parseLibraryFilter
} from '../../src/lib/domain/library';
import {
	describeTarget,
	explainedProgress,
	explainStep,
	progressFigure,
	progressToDate
} from '../../src/lib/domain/progress';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';

const interfaceLocale = getLocale;
afterEach(() => overwriteGetLocale(interfaceLocale));
const inLocale = (locale: Locale) => overwriteGetLocale(() => locale);

const series = (...scores: (number | null)[]) =>
	scores.map((score, i) => ({ roundName: `R${i + 1}`, score }));
const NBSP = '\u00a0';

describe('progress to date in German and French', () => {
	it.each<[Locale, string, string]>([
		[
			'de',
			`40${NBSP}%`,
			`12 der 30 Punkte (40${NBSP}%) zwischen R1 und R2 auf dem Weg zu Stufe 4 (Fortgeschritten, 60 Punkte) geschlossen: Der Wert stieg von 30 auf 42.`
		],
		[
			'fr',
			`40${NBSP}%`,
			`12 des 30 points comblés (40${NBSP}%) entre R1 et R2 vers le niveau 4 (Avancé, 60 points)${NBSP}: le score est passé de 30 à 42.`
		]
	])('%s: figure and sentence', (locale, figure, sentence) => {
		inLocale(locale);
		const progress = explainedProgress(series(30, 42), 4);
		expect(progress.figure).toBe(figure);
		expect(progress.sentence).toBe(sentence);
	});

	it('keeps the typographic minus and the language’s own number format', () => {
		inLocale('de');
		expect(progressFigure(progressToDate(series(40, 35), 4))).toBe(`−25${NBSP}%`);
		expect(describeTarget(5)).toBe('Stufe 5 (Führend, 80 Punkte)');
	});

	it('says a gated score in the language too', () => {
		inLocale('fr');
		const progress = explainedProgress(
			[
				{ roundName: 'R1', score: 68, level: 2 },
				{ roundName: 'R2', score: 70, level: 3 }
			],
			4
		);
		expect(progress.sentence).toMatch(/ Un score retenu par une question seuil/);
	});

	it.each<[Locale, number, string]>([
		[
			'de',
			2,
			'Um 8 Punkte gestiegen seit R1 (von 32 auf 40), mit 2 dazwischen erledigten Maßnahmen.'
		],
		['fr', 1, 'En hausse de 8 points depuis R1 (de 32 à 40), avec 1 action réalisée entre-temps.']
	])('%s: a step in words', (locale, n, sentence) => {
		inLocale(locale);
		expect(
			explainStep(
				{ previous: 32, current: 40, change: 8, actions: Array.from({ length: n }) },
				'R1'
			)
		).toBe(sentence);
	});

	it('falls back to English for Arabic, whose interface covers only the shell', () => {
		inLocale('ar');
		expect(explainedProgress(series(30, 42), 4).sentence).toMatch(/^Closed 12 of 30 points/);
	});
});

describe('the library in German and French', () => {
	it('names the levels in the language', () => {
		inLocale('fr');
		expect(levelStepHeading(2)).toBe('Du niveau 2 En développement au niveau 3 Établi');
		inLocale('de');
		expect(levelStepOption(4)).toBe('4 Fortgeschritten bis 5 Führend');
	});

	it('quotes what was typed in the language’s own quotation marks', () => {
		inLocale('de');
		const [dimension, level] = parseLibraryFilter(
			{ dimension: ['gamma'], level: ['5'], effort: [] },
			['alpha']
		).problems;
		expect(dimension.message).toBe(
			'„gamma“ ist keine Dimension dieses Instruments: Es werden alle Dimensionen angezeigt.'
		);
		expect(level.message).toMatch(/^Stufe 5 Führend ist die oberste/);
		inLocale('fr');
		expect(
			parseLibraryFilter({ dimension: [], level: [], effort: ['low', 'high'] }, []).problems[0]
				.message
		).toBe(
			`Choisissez un seul effort à la fois («${NBSP}low${NBSP}», «${NBSP}high${NBSP}» ont été indiqués)${NBSP}: tous les efforts sont affichés.`
		);
	});
});

describe('richParts', () => {
	it('cuts a sentence around its marked values, wherever the translation puts them', () => {
		const render = (marks: { score: string }) => `Gesamtindex ${marks.score}, Stufe 3.`;
		expect(richParts(render, ['score'])).toEqual([
			{ text: 'Gesamtindex ' },
			{ slot: 'score' },
			{ text: ', Stufe 3.' }
		]);
	});

	it('keeps the slots’ order as the text has them, with no empty text between', () => {
		const render = (marks: { a: string; b: string }) => `${marks.b}${marks.a} end`;
		expect(richParts(render, ['a', 'b'])).toEqual([{ slot: 'b' }, { slot: 'a' }, { text: ' end' }]);
	});
});
