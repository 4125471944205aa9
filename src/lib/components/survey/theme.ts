// SurveyJS's DefaultLight theme in the platform's colours, with contrast that passes WCAG AA.
import type { ITheme } from 'survey-core';

const BRAND = '29, 78, 137'; // --brand in src/app.css

/**
 * DefaultLight with three changes: the brand blue instead of SurveyJS's teal (white on that teal
 * is 2.6:1), secondary text dark enough for 4.5:1, and visible edges on inputs, radio buttons
 * and checkboxes (non-text contrast 3:1), plus the app's system font instead of Open Sans and a
 * smaller survey title.
 */
export function surveyTheme(base: ITheme): ITheme {
	return {
		...base,
		cssVariables: {
			...base.cssVariables,
			'--sjs-font-family':
				"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif",
			// The page has its own headings above; the survey's title need not shout.
			'--sjs-font-surveytitle-size': '24px',
			'--sjs-primary-backcolor': `rgba(${BRAND}, 1)`,
			'--sjs-primary-backcolor-light': `rgba(${BRAND}, 0.1)`,
			'--sjs-primary-backcolor-dark': 'rgba(21, 58, 103, 1)',
			'--sjs-general-forecolor-light': 'rgba(0, 0, 0, 0.64)',
			'--sjs-general-dim-forecolor-light': 'rgba(0, 0, 0, 0.64)',
			'--sjs-shadow-inner': 'inset 0px 0px 0px 1px rgba(0, 0, 0, 0.5)',
			'--sjs-shadow-inner-reset': 'inset 0px 0px 0px 0px rgba(0, 0, 0, 0.5)',
			'--sjs-border-default': 'rgba(0, 0, 0, 0.4)',
			'--sjs-special-red': 'rgba(179, 38, 30, 1)',
			'--sjs-special-red-light': 'rgba(179, 38, 30, 0.1)'
		}
	};
}
