// The SurveyJS Creator (survey-creator-js 2.3.0) set up for instrument authoring, without Svelte:
// SurveyCreatorPanel.svelte mounts it in onMount. Everything is imported here, lazily, so only the
// draft editor's page loads the Creator (~630 KB gzip), and never on the server (it needs window).
import type { SurveyCreator } from 'survey-creator-js';
import type { DimensionChoice } from '$lib/domain/survey-properties';
import type { ProblemTarget } from './draft-state';

/** The Creator's own texts for the scoring properties and their group, in the page's language. */
export interface CreatorStrings {
	scoring: string;
	dimension: string;
	weight: string;
	gateLevel: string;
	gateThreshold: string;
	points: string;
	exclude: string;
}

export interface CreatorOptions {
	/** The draft's survey.json. */
	json: unknown;
	/** The model's dimensions for the "Dimension" drop-down, '' (none) first. */
	dimensions: DimensionChoice[];
	/** survey-creator-js licence key; without one the Creator shows its own notice. */
	licenseKey: string | undefined;
	/** The interface language ('en', 'de', 'fr', 'ar'): the Creator's own texts follow it. */
	locale: string;
	strings: CreatorStrings;
	/** Called on every change the author makes to the questionnaire. */
	onModified: () => void;
	/** The Creator's own Save button (or Ctrl+S) was pressed: save the draft. */
	onSaveRequest: () => void;
}

export interface CreatorHandle {
	/**
	 * The questionnaire as JSON, or null when the JSON editor holds text that is not valid JSON
	 * (the Creator then shows the error there).
	 */
	getJSON(): unknown;
	setDimensions(choices: DimensionChoice[]): void;
	/** Moves every question of dimension `from` to `to`; returns how many it moved. */
	renameDimension(from: string, to: string): number;
	/** The page starts saving the questionnaire: the Creator shows "Saving…". */
	saveStarted(): void;
	/** The save ended: the Creator shows "Saved", or keeps its changes marked as unsaved. */
	saveFinished(ok: boolean): void;
	/** Shows and selects the element a problem is about, opening the property concerned. */
	select(target: Extract<ProblemTarget, { tab: 'survey' }>): boolean;
	dispose(): void;
}

const CREATOR_LOCALES: Record<string, () => Promise<unknown>> = {
	de: () =>
		Promise.all([import('survey-creator-core/i18n/german'), import('survey-core/i18n/german')]),
	fr: () =>
		Promise.all([import('survey-creator-core/i18n/french'), import('survey-core/i18n/french')]),
	ar: () =>
		Promise.all([import('survey-creator-core/i18n/arabic'), import('survey-core/i18n/arabic')])
};

/** Creates the Creator in `element` with the draft's questionnaire. */
export async function mountCreator(
	element: HTMLElement,
	options: CreatorOptions
): Promise<CreatorHandle> {
	const [core, ui, creatorCore, creatorJs, properties, instrumentSurvey, constants] =
		await Promise.all([
			import('survey-core'),
			import('survey-js-ui'),
			import('survey-creator-core'),
			import('survey-creator-js'),
			// The scoring properties must be registered before the Creator reads the JSON.
			import('$lib/domain/survey-properties'),
			import('$lib/domain/instrument-survey'),
			import('$lib/domain/constants'),
			import('survey-core/survey-core.fontless.css'),
			import('survey-creator-core/survey-creator-core.fontless.css'),
			CREATOR_LOCALES[options.locale]?.() ?? Promise.resolve()
		]);
	properties.registerSurveyProperties();
	properties.setDimensionChoices(options.dimensions);
	if (options.licenseKey) core.setLicenseKey(options.licenseKey);

	// A new question is a single choice by default: the type scored questions have.
	creatorCore.settings.designer.defaultAddQuestionType = 'radiogroup';
	localiseScoring(
		creatorCore.getLocaleStrings(options.locale),
		properties.SCORING_CATEGORY,
		options.strings
	);

	const creator: SurveyCreator = new creatorJs.SurveyCreator({
		questionTypes: [...constants.SUPPORTED_QUESTION_TYPES],
		showLogicTab: false,
		showThemeTab: false,
		showTranslationTab: true,
		showJSONEditorTab: true,
		propertyGridNavigationMode: 'accordion',
		autoSaveEnabled: false,
		isRTL: options.locale === 'ar'
	});
	if (options.locale !== 'en') creator.locale = options.locale;

	// Properties the platform refuses (instrument-survey.ts says why) stay out of the property
	// grid, unless the element already has one set: then the author can see it and clear it.
	const unsupported: Record<string, Record<string, string>> = {
		question: instrumentSurvey.UNSUPPORTED_QUESTION_PROPERTIES,
		page: instrumentSurvey.UNSUPPORTED_PAGE_PROPERTIES,
		survey: instrumentSurvey.UNSUPPORTED_SURVEY_PROPERTIES
	};
	creator.onPropertyShowing.add((_, event) => {
		const element = event.element as unknown as {
			isQuestion?: boolean;
			isPage?: boolean;
			isSurvey?: boolean;
		} & Record<string, unknown>;
		const kind = element.isQuestion
			? 'question'
			: element.isPage
				? 'page'
				: element.isSurvey
					? 'survey'
					: null;
		const name = event.property.name;
		if (kind && name in unsupported[kind] && !instrumentSurvey.isSetProperty(name, element[name])) {
			event.show = false;
		}
	});

	creator.JSON = options.json as object;
	creator.onModified.add(() => options.onModified());

	// The page saves the draft; the Creator's save state follows it, and its own Save button
	// asks the page to save.
	let settle: ((ok: boolean) => void) | null = null;
	let pageSaving = false;
	creator.showSaveButton = true;
	creator.saveSurveyFunc = (no: number, callback: (no: number, ok: boolean) => void) => {
		settle = (ok) => callback(no, ok);
		if (!pageSaving) options.onSaveRequest();
	};
	creator.render(element);

	return {
		getJSON() {
			// The JSON editor applies its text when it is left; invalid JSON keeps it open.
			if (creator.activeTab === 'json' && !creator.switchTab('designer')) return null;
			return creator.JSON as unknown;
		},
		setDimensions(choices) {
			properties.setDimensionChoices(choices);
		},
		saveStarted() {
			pageSaving = true;
			try {
				creator.saveSurvey();
			} finally {
				pageSaving = false;
			}
		},
		saveFinished(ok) {
			settle?.(ok);
			settle = null;
		},
		renameDimension(from, to) {
			let moved = 0;
			for (const question of creator.survey.getAllQuestions(false)) {
				const scored = question as unknown as { dimension?: string };
				if (scored.dimension === from) {
					scored.dimension = to;
					moved++;
				}
			}
			if (moved > 0) options.onModified();
			return moved;
		},
		select(target) {
			if (creator.activeTab !== 'designer' && !creator.switchTab('designer')) return false;
			const survey = creator.survey;
			let found: unknown = target.question ? survey.getQuestionByName(target.question) : null;
			if (!found && target.pageIndex !== null) {
				const page = survey.pages[target.pageIndex];
				found = target.elementIndex !== null ? page?.elements[target.elementIndex] : page;
			}
			if (!found && target.page) found = survey.getPageByName(target.page);
			creator.selectElement(found ?? survey, target.property ?? undefined, true);
			return found !== null && found !== undefined;
		},
		dispose() {
			properties.setDimensionChoices([]);
			// survey-creator-js renders with survey-js-ui's Preact.
			ui.unmountComponentAtNode(element);
			creator.dispose();
		}
	};
}

/** The scoring group's and properties' titles in the Creator's current language. */
function localiseScoring(
	locale: Record<string, unknown>,
	category: string,
	strings: CreatorStrings
): void {
	const pe = ((locale.pe as Record<string, unknown> | undefined) ??= {});
	const tabs = ((pe.tabs as Record<string, string> | undefined) ??= {});
	tabs[category] = strings.scoring;
	Object.assign(pe, {
		dimension: strings.dimension,
		weight: strings.weight,
		gateLevel: strings.gateLevel,
		gateThreshold: strings.gateThreshold,
		points: strings.points,
		exclude: strings.exclude
	});
}
