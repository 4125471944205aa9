import { hash, verify } from '@node-rs/argon2';
import { ARGON2_OPTIONS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './constants';
import { COMMON_PASSWORDS } from './common-passwords';
import { formatNumber } from '../../i18n/format';
import { m } from '../../paraglide/messages.js';

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
		return m.auth_password_too_short({ min: formatNumber(PASSWORD_MIN_LENGTH) });
	if (password.length > PASSWORD_MAX_LENGTH)
		return m.auth_use_at_most({ max: formatNumber(PASSWORD_MAX_LENGTH) });
	const lower = password.toLowerCase();
	if (email && lower === email.trim().toLowerCase()) return m.auth_password_is_email();
	if (COMMON_PASSWORDS.has(lower)) return m.auth_password_common();
	return null;
}
