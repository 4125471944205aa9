import { hash, verify } from '@node-rs/argon2';
import { ARGON2_OPTIONS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './constants';
import { COMMON_PASSWORDS } from './common-passwords';

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash must read as "wrong password", never as a server error.
		return false;
	}
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH)
		return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
	if (password.length > PASSWORD_MAX_LENGTH)
		return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
	const lower = password.toLowerCase();
	if (email && lower === email.trim().toLowerCase())
		return 'Your password must not be your e-mail address.';
	if (COMMON_PASSWORDS.has(lower))
		return 'This password is one of the most common ones and easy to guess: choose another.';
	return null;
}
