/** Every number the authentication code depends on, in one place. */

const DAY_MS = 24 * 60 * 60 * 1000;

export const SESSION_COOKIE_NAME = 'session';
/** A session lives 30 days ... */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** ... and is extended to 30 days again when fewer than 15 remain. */
export const SESSION_RENEW_THRESHOLD_MS = 15 * DAY_MS;

/** argon2id parameters recommended by OWASP (and the Lucia guide). */
export const ARGON2_OPTIONS = {
	memoryCost: 19456,
	timeCost: 2,
	outputLen: 32,
	parallelism: 1
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Failed logins allowed per e-mail within the window. */
export const LOGIN_MAX_FAILURES_PER_EMAIL = 10;
/**
 * Failed logins allowed per client address within the window: higher, because a whole
 * chamber's office often reaches us through one address.
 */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 50;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export const INVITATION_LIFETIME_MS = 7 * DAY_MS;
