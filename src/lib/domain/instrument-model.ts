// model.json and pathways.json: zod schemas for the shape, cross-checks by hand.
import { z } from 'zod';
import {
	EFFORTS,
	LEVELS,
	MIN_ACTIONS_PER_PATHWAY_LEVEL,
	PATHWAY_LEVELS,
	type Level,
	type PathwayLevel
} from './constants';
import type { CheckInstrumentOptions, Instrument, PathwayAction } from './instrument';
import {
	ACTION_KEY_PATTERN,
	describeValue,
	isObject,
	joinPath,
	KEY_PATTERN,
	localizedProblem,
	withField,
	type Problems
} from './instrument-problems';
import type { LocalizedString } from './localized';

const localizedSchema = z.unknown().transform((value, ctx): LocalizedString => {
	const problem = localizedProblem(value);
	if (problem) {
		ctx.addIssue({ code: 'custom', message: problem });
		return z.NEVER;
	}
	return value as LocalizedString;
});

const levelsSchema = z.object(
	Object.fromEntries(LEVELS.map((level) => [String(level), localizedSchema])) as Record<
		'1' | '2' | '3' | '4' | '5',
		typeof localizedSchema
	>,
	{ error: 'must hold a descriptor for each level "1" to "5"' }
);

const dimensionSchema = z.object({
	key: z
		.string({ error: 'key must be a string' })
		.regex(KEY_PATTERN, 'key must be lower-case a-z, 0-9 and single hyphens'),
	name: localizedSchema,
	description: localizedSchema.optional(),
	weight: z
		.number({ error: 'weight must be a number' })
		.positive('weight must be above 0')
		.finite()
		.default(1),
	/** The theme the dimension shares with other instruments' dimensions (peer learning). */
	theme: z
		.string({ error: 'theme must be a string' })
		.regex(KEY_PATTERN, 'theme must be lower-case a-z, 0-9 and single hyphens')
		.optional(),
	levels: levelsSchema
});

const modelSchema = z.object({
	key: z
		.string({ error: 'key must be a string' })
		.regex(KEY_PATTERN, 'key must be lower-case a-z, 0-9 and single hyphens'),
	name: localizedSchema,
	description: localizedSchema.optional(),
	dimensions: z
		.array(dimensionSchema, { error: 'dimensions must be an array' })
		.min(1, 'must have at least one dimension')
});

type ParsedModel = z.infer<typeof modelSchema> & {
	dimensions: (z.infer<typeof dimensionSchema> & {
		path: string;
		levels: Record<Level, LocalizedString>;
	})[];
};

/** Per-parse error messages for zod's generic issues ("is missing" rather than "expected …"). */
function zodIssueMessage(issue: { code: string; input?: unknown; expected?: unknown }) {
	if (issue.code === 'invalid_type') {
		return issue.input === undefined
			? 'is missing'
			: `must be ${String(issue.expected)}, got ${describeValue(issue.input)}`;
	}
	return undefined;
}

export function rawDimensionKeys(model: unknown): string[] {
	if (!isObject(model) || !Array.isArray(model.dimensions)) return [];
	return model.dimensions
		.map((d) => (isObject(d) && typeof d.key === 'string' ? d.key : null))
		.filter((key): key is string => key !== null);
}

function modelElement(raw: unknown, path: readonly PropertyKey[]): string {
	if (path[0] === 'dimensions' && typeof path[1] === 'number') {
		const dimension =
			isObject(raw) && Array.isArray(raw.dimensions) ? raw.dimensions[path[1]] : null;
		if (isObject(dimension) && typeof dimension.key === 'string') {
			return `dimension "${dimension.key}"`;
		}
		return `dimension #${path[1] + 1}`;
	}
	return 'model';
}

export function parseModel(
	raw: unknown,
	options: CheckInstrumentOptions,
	problems: Problems
): ParsedModel | null {
	const result = modelSchema.safeParse(raw, { error: zodIssueMessage });
	if (!result.success) {
		for (const issue of result.error.issues) {
			const tail = issue.path[0] === 'dimensions' ? issue.path.slice(2) : issue.path;
			const message =
				tail[0] === 'levels' && tail.length === 2
					? `the level ${String(tail[1])} descriptor ${issue.message}`
					: withField(tail, issue.message);
			problems.add('model.json', modelElement(raw, issue.path), joinPath(issue.path), message);
		}
		return null;
	}
	const model = result.data;
	let ok = true;
	if (options.expectedKey !== undefined && model.key !== options.expectedKey) {
		problems.add(
			'model.json',
			'model',
			'key',
			`key "${model.key}" must equal the instrument's folder name "${options.expectedKey}"`
		);
		ok = false;
	}
	const seen = new Set<string>();
	model.dimensions.forEach((dimension, index) => {
		if (seen.has(dimension.key)) {
			problems.add(
				'model.json',
				`dimension "${dimension.key}"`,
				`dimensions[${index}].key`,
				'duplicate dimension key'
			);
			ok = false;
		}
		seen.add(dimension.key);
	});
	if (!ok) return null;
	return {
		...model,
		dimensions: model.dimensions.map((dimension, index) => ({
			...dimension,
			path: `dimensions[${index}]`,
			levels: dimension.levels as unknown as Record<Level, LocalizedString>
		}))
	};
}

// pathways.json

const resourceSchema = z
	.object({
		title: localizedSchema,
		url: z
			.string({ error: 'url must be a string' })
			.refine((url) => /^https?:\/\/[^\s]+$/.test(url) && URL.canParse(url), {
				message: 'url must be an http(s) address'
			})
			.optional(),
		reference: localizedSchema.optional()
	})
	.refine((resource) => resource.url !== undefined || resource.reference !== undefined, {
		message: 'needs a url, a reference, or both'
	});

const actionSchema = z.object({
	key: z
		.string({ error: 'key must be a string' })
		.regex(ACTION_KEY_PATTERN, 'key must be lower-case a-z, 0-9, - and _'),
	title: localizedSchema,
	description: localizedSchema,
	effort: z.enum(EFFORTS, { error: `effort must be one of ${EFFORTS.join(', ')}` }),
	resources: z
		.array(resourceSchema, { error: 'resources must be an array' })
		.min(1, 'needs at least one resource')
});

const pathwaysSchema = z.object({
	dimensions: z.record(
		z.string(),
		z.record(z.string(), z.array(actionSchema, { error: 'must be an array of actions' }), {
			error: 'must be an object with levels "1" to "4"'
		}),
		{ error: 'dimensions must be an object keyed by dimension' }
	)
});

function pathwayElement(raw: unknown, path: readonly PropertyKey[]): string {
	const [, dimension, level, index] = path;
	if (dimension === undefined) return 'pathways';
	if (level === undefined) return `dimension "${String(dimension)}"`;
	if (typeof index !== 'number') return `dimension "${String(dimension)}" level ${String(level)}`;
	const dims = isObject(raw) && isObject(raw.dimensions) ? raw.dimensions : {};
	const levels = dims[String(dimension)];
	const actions = isObject(levels) ? levels[String(level)] : null;
	const action = Array.isArray(actions) ? actions[index] : null;
	if (isObject(action) && typeof action.key === 'string') return `action "${action.key}"`;
	return `dimension "${String(dimension)}" level ${String(level)} action #${index + 1}`;
}

export function parsePathways(
	raw: unknown,
	dimensionKeys: readonly string[],
	problems: Problems
): Instrument['pathways'] | null {
	const result = pathwaysSchema.safeParse(raw, { error: zodIssueMessage });
	if (!result.success) {
		for (const issue of result.error.issues) {
			problems.add(
				'pathways.json',
				pathwayElement(raw, issue.path),
				joinPath(issue.path),
				withField(issue.path.slice(4), issue.message)
			);
		}
		return null;
	}
	const before = problems.list.length;
	const parsed = result.data.dimensions;
	const known = new Set(dimensionKeys);
	for (const key of Object.keys(parsed)) {
		if (!known.has(key)) {
			problems.add(
				'pathways.json',
				`dimension "${key}"`,
				`dimensions.${key}`,
				'is not a dimension of model.json'
			);
		}
	}
	const pathways: Instrument['pathways'] = {};
	const actionKeys = new Map<string, string>();
	for (const dimension of dimensionKeys) {
		const levels = parsed[dimension];
		if (!levels) {
			problems.add(
				'pathways.json',
				`dimension "${dimension}"`,
				`dimensions.${dimension}`,
				'has no pathway (levels "1" to "4" with actions expected)'
			);
			continue;
		}
		const allowed = new Set(PATHWAY_LEVELS.map(String));
		for (const level of Object.keys(levels)) {
			if (!allowed.has(level)) {
				problems.add(
					'pathways.json',
					`dimension "${dimension}" level ${level}`,
					`dimensions.${dimension}.${level}`,
					'is not a pathway level (only "1" to "4": level 5 has no next level)'
				);
			}
		}
		const byLevel = {} as Record<PathwayLevel, PathwayAction[]>;
		for (const level of PATHWAY_LEVELS) {
			const actions = levels[String(level)] ?? [];
			if (actions.length < MIN_ACTIONS_PER_PATHWAY_LEVEL) {
				problems.add(
					'pathways.json',
					`dimension "${dimension}" level ${level}`,
					`dimensions.${dimension}.${level}`,
					`has ${actions.length} actions; at least ${MIN_ACTIONS_PER_PATHWAY_LEVEL} are needed to reach level ${level + 1}`
				);
			}
			byLevel[level] = actions.map((action, index) => {
				const path = `dimensions.${dimension}.${level}[${index}].key`;
				const first = actionKeys.get(action.key);
				if (first !== undefined) {
					problems.add(
						'pathways.json',
						`action "${action.key}"`,
						path,
						`duplicate action key (first used at ${first})`
					);
				} else {
					actionKeys.set(action.key, path);
				}
				return {
					key: action.key,
					dimension,
					level,
					title: action.title,
					description: action.description,
					effort: action.effort,
					resources: action.resources.map((resource) => ({
						title: resource.title,
						url: resource.url ?? null,
						reference: resource.reference ?? null
					}))
				};
			});
		}
		pathways[dimension] = byLevel;
	}
	return problems.list.length > before ? null : pathways;
}
