import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random, URL-safe identifier (80 bits): ids in URLs must not be guessable or countable. */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}
