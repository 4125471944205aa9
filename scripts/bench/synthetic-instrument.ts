// A generated 60-question instrument (8 dimensions × 7 scored questions + 4 context questions),
// for benchmarking when the real chamber-diversity instrument is not there.
import type { InstrumentSource } from '../../src/lib/domain/instrument';

const L = (text: string) => ({ default: text, de: `${text} (de)`, fr: `${text} (fr)` });

export function syntheticInstrumentSource(): InstrumentSource {
	const dimensions = Array.from({ length: 8 }, (_, i) => `dim-${i + 1}`);
	const grid = [0, 1, 2, 3, 4].map((points) => ({
		value: `l${points + 1}`,
		text: L(`Level ${points + 1}`),
		points
	}));
	const practice = [
		{ value: 'yes', text: L('Yes'), points: 2 },
		{ value: 'partly', text: L('Partly'), points: 1 },
		{ value: 'no', text: L('No'), points: 0 }
	];
	const dk = { value: 'dk', text: L("Don't know"), exclude: 'dontKnow' };
	const na = { value: 'na', text: L('Not applicable'), exclude: 'notApplicable' };
	const pages = dimensions.map((key, d) => ({
		name: key,
		title: L(`Dimension ${d + 1}`),
		elements: Array.from({ length: 7 }, (_, q) => {
			const name = `${key.replace('-', '_')}_q${q + 1}`;
			const base = { type: 'radiogroup', name, title: L(name), dimension: key };
			if (q === 0) return { ...base, gateLevel: 3, gateThreshold: 0.5, choices: [...practice, dk] };
			if (q === 6)
				return {
					...base,
					visibleIf: `{${key.replace('-', '_')}_q2} != 'l1'`,
					choices: [...grid, na, dk]
				};
			return q % 2 === 0
				? { ...base, choices: [...practice, dk] }
				: { ...base, isRequired: true, choices: [...grid, na, dk] };
		})
	}));
	pages.unshift({
		name: 'context',
		title: L('About you'),
		elements: [
			{
				type: 'text',
				name: 'ctx_clients',
				title: L('Clients'),
				inputType: 'number',
				min: 0,
				max: 100000,
				isRequired: true
			},
			{
				type: 'dropdown',
				name: 'ctx_region',
				title: L('Region'),
				choices: [
					{ value: 'urban', text: L('Urban') },
					{ value: 'rural', text: L('Rural') }
				]
			},
			{
				type: 'checkbox',
				name: 'ctx_programmes',
				title: L('Programmes'),
				choices: ['a', 'b', 'c'].map((value) => ({ value, text: L(value) }))
			},
			{ type: 'comment', name: 'ctx_notes', title: L('Notes'), maxLength: 500 }
		] as never
	});
	const levels = Object.fromEntries([1, 2, 3, 4, 5].map((l) => [String(l), L(`Level ${l}`)]));
	const action = (key: string, level: number, i: number) => ({
		key: `${key}-${level}-${i}`,
		title: L('Action'),
		description: L('What to do'),
		effort: 'low',
		resources: [{ title: L('Guide'), url: 'https://example.org/' }]
	});
	return {
		survey: { title: L('Synthetic benchmark instrument'), pages },
		model: {
			key: 'synthetic',
			name: L('Synthetic'),
			dimensions: dimensions.map((key) => ({ key, name: L(key), weight: 1, levels }))
		},
		pathways: {
			dimensions: Object.fromEntries(
				dimensions.map((key) => [
					key,
					Object.fromEntries(
						[1, 2, 3, 4].map((level) => [
							String(level),
							[1, 2, 3].map((i) => action(key, level, i))
						])
					)
				])
			)
		}
	};
}
