// survey-creator-core 2.3.0 ships its UI-string modules without typings. Each registers its
// language with the Creator's localisation when imported.
declare module 'survey-creator-core/i18n/german';
declare module 'survey-creator-core/i18n/french';
declare module 'survey-creator-core/i18n/arabic';
