import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for forms with a password: after a refusal the page shows the errors, but a
 * password never stays in its field (the server never sends it back either).
 */
export const clearPasswordsOnFailure: SubmitFunction = () => {
	return async ({ update, result, formElement }) => {
		await update();
		if (result.type === 'failure' || result.type === 'error') {
			for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]'))
				input.value = '';
		}
	};
};
