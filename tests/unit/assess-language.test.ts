// The assessment page in the interface's language: which language the questionnaire shows, its
// direction, and the refusals a person reads beside the questions.
import { afterEach, describe, expect, it } from 'vitest';
import {
	choiceToRemember,
	parseQuestionnaireChoice,
	questionnaireDirection,
	questionnaireLocale,
	questionnaireLocales
} from '../../src/lib/components/survey/locale';
import { submitAnswers } from '../../src/lib/components/survey/submission';
import { parseInstrument } from '../../src/lib/domain/instrument';
import { compileValidator } from '../../src/lib/domain/response-validator';
import { getLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';
import { fixtureSource } from './instrument-fixture';

const interfaceLocale = getLocale;
afterEach(() => overwriteGetLocale(interfaceLocale));

/** Runs `fn` as a request in `locale` would (src/hooks.server.ts chooses it per request). */
function inLocale<T>(locale: Locale, fn: () => T): T {
	overwriteGetLocale(() => locale);
	try {
		return fn();
	} finally {
		overwriteGetLocale(interfaceLocale);
	}
}

describe('the questionnaire language', () => {
	it.each([
		['en', null, 'en'],
		['de', null, 'de'],
		['fr', null, 'fr'],
		// Arabic: SurveyJS's own strings in Arabic, the instrument's in English string by string.
		['ar', null, 'ar'],
		// Chosen while the interface was German: kept while it still is.
		['de', { interface: 'de', questionnaire: 'en' }, 'en'],
		['ar', { interface: 'ar', questionnaire: 'fr' }, 'fr'],
		// Chosen under another interface language: the interface language wins again.
		['fr', { interface: 'de', questionnaire: 'en' }, 'fr'],
		// Arabic is only offered while the interface is Arabic.
		['de', { interface: 'de', questionnaire: 'ar' }, 'de']
	] as const)('interface %s, remembered %j → %s', (ui, remembered, expected) => {
		expect(questionnaireLocale(ui, remembered)).toBe(expected);
	});

	it('offers the instruments’ languages, and the interface’s own when they lack it', () => {
		expect(questionnaireLocales('de').map((l) => l.code)).toEqual(['en', 'de', 'fr']);
		expect(questionnaireLocales('ar').map((l) => [l.code, l.label])).toEqual([
			['en', 'English'],
			['de', 'Deutsch'],
			['fr', 'Français'],
			['ar', 'العربية']
		]);
	});

	it('remembers only a choice that differs from the interface, and reads back only a valid one', () => {
		expect(choiceToRemember('de', 'de')).toBeNull();
		const choice = choiceToRemember('de', 'en');
		expect(choice).toEqual({ interface: 'de', questionnaire: 'en' });
		expect(parseQuestionnaireChoice(JSON.stringify(choice))).toEqual(choice);
		// The old remembered code ("de") and hand edits are not choices.
		for (const raw of [null, '', 'de', '"de"', '{"interface":"xx","questionnaire":"en"}', '{'])
			expect(parseQuestionnaireChoice(raw)).toBeNull();
		expect(
			parseQuestionnaireChoice('{"interface":"toString","questionnaire":"constructor"}')
		).toBeNull();
	});

	it('is right-to-left in Arabic only', () => {
		expect(questionnaireDirection('ar')).toBe('rtl');
		for (const locale of ['en', 'de', 'fr'] as const)
			expect(questionnaireDirection(locale)).toBe('ltr');
	});
});

describe('refusals in the interface language', () => {
	const validator = compileValidator(parseInstrument(fixtureSource()));
	const requiredReason = (locale: Locale) =>
		inLocale(locale, () => validator.validate({}, { requireComplete: true })).errors.find(
			(e) => e.code === 'required'
		)?.reason;

	it('names the reason beside the question in the request’s language', () => {
		expect(requiredReason('en')).toBe('an answer is required');
		expect(requiredReason('de')).toBe('eine Antwort ist erforderlich');
		expect(requiredReason('fr')).toBe('une réponse est obligatoire');
		expect(requiredReason('ar')).toBe('الإجابة مطلوبة');
	});

	it('describes a wrong answer in the same language, with the value as sent', () => {
		const reasons = (locale: Locale) =>
			inLocale(locale, () => validator.validateDraft({ ctx_clients: 'many', nope: 1 })).errors.map(
				(e) => e.reason
			);
		expect(reasons('en')).toEqual([
			'"nope" is not a question of this instrument',
			'expected a number, got text "many"'
		]);
		expect(reasons('de')).toEqual([
			'„nope“ ist keine Frage dieses Instruments',
			'erwartet wurde eine Zahl, erhalten: Text "many"'
		]);
	});

	it('tells the form what went wrong in the interface language', async () => {
		const loggedOut = () => Promise.resolve(new Response('{}', { status: 401 }));
		overwriteGetLocale(() => 'fr');
		expect(await submitAnswers('/s', 'individual', {}, loggedOut)).toEqual({
			kind: 'refused',
			message: 'Vous êtes déconnecté. Reconnectez-vous, puis envoyez vos réponses.'
		});
	});
});
