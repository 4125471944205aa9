import { describe, expect, it } from 'vitest';
import {
	sentence,
	submitAnswers,
	visibleAnswers
} from '../../src/lib/components/survey/submission';
import { readProgress } from '../../src/lib/components/survey/progress';

const question = (name: string, isVisible = true, isParentVisible = true) => ({
	getValueName: () => name,
	isVisible,
	isParentVisible
});

function reply(body: unknown, status: number): typeof fetch {
	return async () =>
		({ status, ok: status >= 200 && status < 300, json: async () => body }) as Response;
}

describe('what a submission sends', () => {
	it('leaves out answers to hidden questions and keys that are no question', () => {
		const data = { a: 1, hidden: 'x', onHiddenPage: 'y', stray: true };
		const questions = [
			question('a'),
			question('hidden', false),
			question('onHiddenPage', true, false)
		];
		expect(visibleAnswers(data, questions)).toEqual({ a: 1 });
	});
});

describe('reading the submit endpoint’s answer', () => {
	it('returns the results address on success', async () => {
		const outcome = await submitAnswers(
			'/s',
			'individual',
			{},
			reply({ submitted: true, results: '/orgs/o/rounds/r/results' }, 200)
		);
		expect(outcome).toEqual({ kind: 'submitted', results: '/orgs/o/rounds/r/results' });
	});

	it('returns every refused question with its reason on 400', async () => {
		const outcome = await submitAnswers(
			'/s',
			'individual',
			{},
			reply(
				{
					message: 'Some answers need your attention before you can submit.',
					errors: [
						{ question: 'ctx_a', code: 'required', reason: 'an answer is required' },
						{ question: null, code: 'notAnObject', reason: 'the answers are not an object' }
					]
				},
				400
			)
		);
		expect(outcome).toEqual({
			kind: 'invalid',
			message: 'Some answers need your attention before you can submit.',
			errors: [
				{ question: 'ctx_a', code: 'required', reason: 'an answer is required' },
				{ question: null, code: 'notAnObject', reason: 'the answers are not an object' }
			]
		});
	});

	it('passes on the server’s message for a closed round and tells a lost network apart', async () => {
		expect(
			await submitAnswers('/s', 'agreed', {}, reply({ message: 'This round is closed.' }, 409))
		).toEqual({ kind: 'refused', message: 'This round is closed.' });
		const down: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect(await submitAnswers('/s', 'agreed', {}, down)).toEqual({ kind: 'network' });
	});

	it('writes reasons as sentences', () => {
		expect(sentence('an answer is required')).toBe('An answer is required.');
		expect(sentence('Too long!')).toBe('Too long!');
	});
});

describe('progress and sections', () => {
	it('counts visible questions answered per visible page and marks the current one', () => {
		const q = (answered: boolean, isVisible = true) => ({ isVisible, isEmpty: () => !answered });
		const progress = readProgress(
			[
				{ name: 'p1', title: 'One', questions: [q(true), q(false), q(true, false)] },
				{ name: 'p2', title: 'Two', navigationTitle: 'Second', questions: [q(true)] }
			],
			'p2'
		);
		expect(progress).toEqual({
			sections: [
				{ name: 'p1', title: 'One', answered: 1, total: 2, current: false },
				{ name: 'p2', title: 'Second', answered: 1, total: 1, current: true }
			],
			answered: 2,
			total: 3,
			currentIndex: 1
		});
	});
});
