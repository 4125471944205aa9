/** Short English names of the instruments, for lists (the full names live in model.json). */
export const INSTRUMENT_LABELS: Record<string, string> = {
	'chamber-diversity': 'Chamber diversity-management audit',
	'association-professionalisation': 'Association professionalisation self-assessment'
};

export const instrumentLabel = (key: string) => INSTRUMENT_LABELS[key] ?? key;
