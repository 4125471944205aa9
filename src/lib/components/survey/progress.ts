// The form's own progress indicator and section navigation, read from the SurveyJS model.
// SurveyJS's "pages" progress bar draws unlabeled dots that only a mouse can click; this list
// names every section, works from the keyboard and tells how much of each is answered.

/** The parts of a SurveyJS page (and its questions) read here. */
export interface PageLike {
	name: string;
	title: string;
	navigationTitle?: string;
	questions: readonly { isVisible: boolean; isEmpty(): boolean }[];
}

export interface Section {
	name: string;
	title: string;
	answered: number;
	total: number;
	current: boolean;
}

export interface Progress {
	sections: Section[];
	answered: number;
	total: number;
	/** 0-based index of the current section, -1 when none. */
	currentIndex: number;
}

/** Sections (visible pages) with their answered and visible question counts. */
export function readProgress(
	visiblePages: readonly PageLike[],
	currentPageName: string | null
): Progress {
	const sections = visiblePages.map((page) => {
		const questions = page.questions.filter((q) => q.isVisible);
		return {
			name: page.name,
			title: page.navigationTitle || page.title || page.name,
			answered: questions.filter((q) => !q.isEmpty()).length,
			total: questions.length,
			current: page.name === currentPageName
		};
	});
	return {
		sections,
		answered: sections.reduce((sum, s) => sum + s.answered, 0),
		total: sections.reduce((sum, s) => sum + s.total, 0),
		currentIndex: sections.findIndex((s) => s.current)
	};
}
