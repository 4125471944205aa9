// survey-core 2.3.0 ships its UI-string modules without typings. Each registers its language
// with setupLocale() when imported and also exports the strings.
declare module 'survey-core/i18n/german' {
	export const germanSurveyStrings: Record<string, string>;
}
declare module 'survey-core/i18n/french' {
	export const frenchSurveyStrings: Record<string, string>;
}
declare module 'survey-core/i18n/arabic' {
	export const arabicSurveyStrings: Record<string, string>;
}
