// The editor's working copies of a draft's model.json and pathways.json: forms bind to these,
// and they turn back into the files' JSON on save. A draft may be broken (that is what the
// problem list is for), so reading never throws: missing parts start empty, and fields the
// forms do not know are kept as they were.
import { EFFORTS, LEVELS, PATHWAY_LEVELS } from '$lib/domain/constants';
import type { VersionProblem } from '$lib/domain/instrument-crosswalk';

/** The languages the forms edit, as keys of a localised string (`default` holds English). */
export const EDIT_LANGUAGES = [
	{ key: 'default', lang: 'en' },
	{ key: 'de', lang: 'de' },
	{ key: 'fr', lang: 'fr' }
] as const;

/** A localised string being edited: every edited language present, maybe blank. */
export type EditText = Record<string, string>;

type Json = Record<string, unknown>;

export interface EditDimension {
	key: string;
	name: EditText;
	description: EditText;
	weight: number | null;
	theme: string;
	levels: Record<string, EditText>;
	/** Fields the form does not edit, kept as they were. */
	rest: Json;
}

export interface EditModel {
	key: string;
	name: EditText;
	description: EditText;
	dimensions: EditDimension[];
	rest: Json;
}

export interface EditResource {
	title: EditText;
	url: string;
	reference: EditText;
	rest: Json;
}

export interface EditAction {
	key: string;
	title: EditText;
	description: EditText;
	effort: string;
	resources: EditResource[];
	rest: Json;
}

/** dimension key → pathway level "1"–"4" → actions. */
export type EditPathways = {
	dimensions: Record<string, Record<string, EditAction[]>>;
	rest: Json;
};

const isJson = (value: unknown): value is Json =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

function without(object: Json, keys: readonly string[]): Json {
	return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/** A localised string (or plain English string) as form fields for every edited language. */
export function toEditText(value: unknown): EditText {
	const out: EditText = {};
	if (typeof value === 'string') out.default = value;
	else if (isJson(value)) {
		for (const [key, item] of Object.entries(value)) if (typeof item === 'string') out[key] = item;
	}
	for (const { key } of EDIT_LANGUAGES) out[key] ??= '';
	return out;
}

/**
 * Form fields back to a localised string: blank languages are left out, so the checks name
 * them as missing. An optional string left wholly blank is dropped (undefined).
 */
export function fromEditText(value: EditText, optional = false): Json | undefined {
	const out: Json = {};
	for (const [key, item] of Object.entries(value)) if (item.trim() !== '') out[key] = item;
	if (optional && Object.keys(out).length === 0) return undefined;
	return out;
}

function emptyLevels(): Record<string, EditText> {
	return Object.fromEntries(LEVELS.map((level) => [String(level), toEditText(undefined)]));
}

export function emptyDimension(): EditDimension {
	return {
		key: '',
		name: toEditText(undefined),
		description: toEditText(undefined),
		weight: 1,
		theme: '',
		levels: emptyLevels(),
		rest: {}
	};
}

export function toEditModel(raw: unknown): EditModel {
	const model = isJson(raw) ? raw : {};
	const dimensions = Array.isArray(model.dimensions) ? model.dimensions : [];
	return {
		key: text(model.key),
		name: toEditText(model.name),
		description: toEditText(model.description),
		dimensions: dimensions.map((d): EditDimension => {
			const dimension = isJson(d) ? d : {};
			const levels = isJson(dimension.levels) ? dimension.levels : {};
			return {
				key: text(dimension.key),
				name: toEditText(dimension.name),
				description: toEditText(dimension.description),
				weight: typeof dimension.weight === 'number' ? dimension.weight : null,
				theme: text(dimension.theme),
				levels: Object.fromEntries(
					LEVELS.map((level) => [String(level), toEditText(levels[String(level)])])
				),
				rest: without(dimension, ['key', 'name', 'description', 'weight', 'theme', 'levels'])
			};
		}),
		rest: without(model, ['key', 'name', 'description', 'dimensions'])
	};
}

export function fromEditModel(model: EditModel): Json {
	const out: Json = { ...model.rest, key: model.key.trim(), name: fromEditText(model.name) };
	const description = fromEditText(model.description, true);
	if (description) out.description = description;
	out.dimensions = model.dimensions.map((d) => {
		const dimension: Json = { ...d.rest, key: d.key.trim() };
		if (d.theme.trim() !== '') dimension.theme = d.theme.trim();
		dimension.name = fromEditText(d.name);
		const description = fromEditText(d.description, true);
		if (description) dimension.description = description;
		// An empty weight field means the default (1), as in model.json.
		if (typeof d.weight === 'number' && Number.isFinite(d.weight)) dimension.weight = d.weight;
		dimension.levels = Object.fromEntries(
			LEVELS.map((level) => [String(level), fromEditText(d.levels[String(level)])])
		);
		return dimension;
	});
	return out;
}

export function emptyResource(): EditResource {
	return { title: toEditText(undefined), url: '', reference: toEditText(undefined), rest: {} };
}

export function emptyAction(): EditAction {
	return {
		key: '',
		title: toEditText(undefined),
		description: toEditText(undefined),
		effort: EFFORTS[0],
		resources: [emptyResource()],
		rest: {}
	};
}

export function emptyPathway(): Record<string, EditAction[]> {
	return Object.fromEntries(PATHWAY_LEVELS.map((level) => [String(level), []]));
}

function toEditAction(raw: unknown): EditAction {
	const action = isJson(raw) ? raw : {};
	const resources = Array.isArray(action.resources) ? action.resources : [];
	return {
		key: text(action.key),
		title: toEditText(action.title),
		description: toEditText(action.description),
		effort: text(action.effort),
		resources: resources.map((r) => {
			const resource = isJson(r) ? r : {};
			return {
				title: toEditText(resource.title),
				url: text(resource.url),
				reference: toEditText(resource.reference),
				rest: without(resource, ['title', 'url', 'reference'])
			};
		}),
		rest: without(action, ['key', 'title', 'description', 'effort', 'resources'])
	};
}

/**
 * pathways.json as forms. Only levels "1"–"4" are edited (level 5 has no next level, and the
 * checks report any other): saving the pathways drops such levels.
 */
export function toEditPathways(raw: unknown): EditPathways {
	const pathways = isJson(raw) ? raw : {};
	const dimensions = isJson(pathways.dimensions) ? pathways.dimensions : {};
	return {
		dimensions: Object.fromEntries(
			Object.entries(dimensions).map(([key, levels]) => {
				const byLevel = isJson(levels) ? levels : {};
				return [
					key,
					Object.fromEntries(
						PATHWAY_LEVELS.map((level) => {
							const actions = byLevel[String(level)];
							return [String(level), Array.isArray(actions) ? actions.map(toEditAction) : []];
						})
					)
				];
			})
		),
		rest: without(pathways, ['dimensions'])
	};
}

export function fromEditPathways(pathways: EditPathways): Json {
	return {
		...pathways.rest,
		dimensions: Object.fromEntries(
			Object.entries(pathways.dimensions).map(([key, levels]) => [
				key,
				Object.fromEntries(
					Object.entries(levels).map(([level, actions]) => [
						level,
						actions.map((a) => ({
							...a.rest,
							key: a.key.trim(),
							title: fromEditText(a.title),
							description: fromEditText(a.description),
							effort: a.effort,
							resources: a.resources.map((r) => {
								const resource: Json = { ...r.rest, title: fromEditText(r.title) };
								if (r.url.trim() !== '') resource.url = r.url.trim();
								const reference = fromEditText(r.reference, true);
								if (reference) resource.reference = reference;
								return resource;
							})
						}))
					])
				)
			])
		)
	};
}

/** Renames a dimension's pathway (when its key changes in the model form). */
export function renamePathway(pathways: EditPathways, from: string, to: string): void {
	if (from === to || !(from in pathways.dimensions) || to in pathways.dimensions) return;
	pathways.dimensions = Object.fromEntries(
		Object.entries(pathways.dimensions).map(([key, levels]) => [key === from ? to : key, levels])
	);
}

// ---------------------------------------------------------------------------------------------
// Element ids: the forms give their fields these ids, and problems link to them.

/** A dimension key made safe for an id (a broken draft may hold any string). */
const safe = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_');

export const fieldIds = {
	model: (field: string) => `model-${field}`,
	dimension: (index: number) => `model-dim-${index}`,
	dimensionField: (index: number, field: string) => `model-dim-${index}-${field}`,
	level: (index: number, level: string | number) => `model-dim-${index}-level-${level}`,
	pathway: (dimension: string) => `pw-${safe(dimension)}`,
	pathwayLevel: (dimension: string, level: string | number) => `pw-${safe(dimension)}-${level}`,
	action: (dimension: string, level: string | number, index: number) =>
		`pw-${safe(dimension)}-${level}-${index}`,
	actionField: (dimension: string, level: string | number, index: number, field: string) =>
		`pw-${safe(dimension)}-${level}-${index}-${field}`,
	resourceField: (
		dimension: string,
		level: string | number,
		index: number,
		resource: number,
		field: string
	) => `pw-${safe(dimension)}-${level}-${index}-res-${resource}-${field}`,
	crosswalk: (oldKey: string) => `cw-${safe(oldKey)}`
};

/** The editor tabs, in order. */
export const EDITOR_TABS = ['survey', 'model', 'pathways', 'crosswalk'] as const;
export type EditorTab = (typeof EDITOR_TABS)[number];

/** Where a problem takes the author: an element of the survey creator, or a form field. */
export type ProblemTarget =
	| {
			tab: 'survey';
			/** The question's name, when the problem is about a question or one of its options. */
			question: string | null;
			/** The page, by name or position, when the problem is about a page. */
			page: string | null;
			pageIndex: number | null;
			elementIndex: number | null;
			/** The property to open in the property grid (`choices` for an option's problem). */
			property: string | null;
	  }
	| {
			tab: 'model' | 'pathways' | 'crosswalk';
			/** The field's id (a fieldset for localised strings, a details element for a section). */
			id: string;
			/** The dimension (model: its index; pathways: its key) whose section must be open. */
			section: string | null;
	  };

/** Where a problem's link goes, from its file, element and JSON path. */
export function problemTarget(problem: VersionProblem): ProblemTarget {
	if (problem.file === 'survey.json') return surveyTarget(problem);
	if (problem.file === 'model.json') return modelTarget(problem.path);
	if (problem.file === 'pathways.json') return pathwayTarget(problem.path);
	const oldKey = problem.path.startsWith('crosswalk.')
		? problem.path.slice('crosswalk.'.length)
		: '';
	return {
		tab: 'crosswalk',
		id: oldKey ? fieldIds.crosswalk(oldKey) : 'crosswalk-form',
		section: null
	};
}

function surveyTarget(problem: VersionProblem): ProblemTarget {
	const question = /^question "(.*?)"(?: option .*)?$/.exec(problem.element)?.[1] ?? null;
	const page = /^page "(.*)"$/.exec(problem.element)?.[1] ?? null;
	const at = /^pages\[(\d+)\](?:\.elements\[(\d+)\])?(?:\.([A-Za-z]+))?/.exec(problem.path);
	const pageIndex = at ? Number(at[1]) : null;
	const elementIndex = at?.[2] !== undefined ? Number(at[2]) : null;
	let property = at?.[3] ?? null;
	if (!at && problem.path !== '') property = /^([A-Za-z]+)/.exec(problem.path)?.[1] ?? null;
	return { tab: 'survey', question, page, pageIndex, elementIndex, property };
}

function modelTarget(path: string): ProblemTarget {
	const dimension = /^dimensions\[(\d+)\](?:\.([A-Za-z]+)(?:\.(\d))?)?/.exec(path);
	if (dimension) {
		const index = Number(dimension[1]);
		const [, , field, level] = dimension;
		let id = fieldIds.dimension(index);
		if (field === 'levels' && level) id = fieldIds.level(index, level);
		else if (field === 'levels') id = fieldIds.level(index, 1);
		else if (field) id = fieldIds.dimensionField(index, field);
		return { tab: 'model', id, section: String(index) };
	}
	const field = /^([A-Za-z]+)/.exec(path)?.[1];
	const known = ['key', 'name', 'description', 'dimensions'];
	return {
		tab: 'model',
		id: field && known.includes(field) ? fieldIds.model(field) : 'model-form',
		section: null
	};
}

function pathwayTarget(path: string): ProblemTarget {
	// dimensions.<key>.<level>[<i>].<field>… ; keys may hold hyphens, levels are "1"–"4" (or bad).
	const match =
		/^dimensions\.([^.[]+)(?:\.([^.[]+)(?:\[(\d+)\](?:\.([A-Za-z]+)(?:\[(\d+)\]\.([A-Za-z]+))?)?)?)?/.exec(
			path
		);
	if (!match) return { tab: 'pathways', id: 'pathways-form', section: null };
	const [, dimension, level, index, field, resource, resourceField] = match;
	let id = fieldIds.pathway(dimension);
	if (level && index !== undefined) {
		const i = Number(index);
		if (field === 'resources' && resource !== undefined && resourceField) {
			id = fieldIds.resourceField(dimension, level, i, Number(resource), resourceField);
		} else if (field) id = fieldIds.actionField(dimension, level, i, field);
		else id = fieldIds.action(dimension, level, i);
	} else if (level) id = fieldIds.pathwayLevel(dimension, level);
	return { tab: 'pathways', id, section: dimension };
}
