import { m } from './paraglide/messages.js';

/** Short English names of the instruments, for lists (the full names live in model.json). */
export const INSTRUMENT_LABELS: Record<string, string> = {
	'chamber-diversity': 'Chamber diversity-management audit',
	'association-professionalisation': 'Association professionalisation self-assessment'
};

/** The same short names in the interface's language. */
const TRANSLATED: Record<string, () => string> = {
	'chamber-diversity': m.org_instrument_chamber_diversity,
	'association-professionalisation': m.org_instrument_association_professionalisation
};

export const instrumentLabel = (key: string): string =>
	Object.hasOwn(TRANSLATED, key) ? TRANSLATED[key]() : (INSTRUMENT_LABELS[key] ?? key);
