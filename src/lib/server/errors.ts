/**
 * An expected refusal (duplicate e-mail, last administrator, used invitation): routes turn it
 * into a message beside the field, never a 500.
 */
export class RefusalError extends Error {
	constructor(
		message: string,
		readonly field = 'form',
		readonly status = 409
	) {
		super(message);
		this.name = 'RefusalError';
	}
}
