import type { GuardEvent } from '../../src/lib/server/auth/guards';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createOrganisation } from '../../src/lib/server/organisations';
import { createUser } from '../../src/lib/server/users';
import type { OrganisationInput } from '../../src/lib/domain/organisation';

let counter = 0;

export const PASSWORD = 'a-long-enough-password';

export async function makeUser(name = 'Test Person'): Promise<SessionUser & { password: string }> {
	counter++;
	const u = await createUser({
		email: `person${counter}-${Date.now()}@test.example`,
		name,
		password: PASSWORD
	});
	return {
		id: u.id,
		email: u.email,
		name: u.name,
		isAdmin: u.isAdmin,
		isCopLead: u.isCopLead,
		language: u.language,
		password: PASSWORD
	};
}

export const ORG: OrganisationInput = {
	name: 'Chamber of Testing',
	type: 'chamber',
	country: 'DE',
	region: 'Leipzig',
	sizeBand: '21-100',
	budgetBand: '1m-5m',
	languages: ['de', 'en']
};

export function makeOrg(adminId: string, name = ORG.name) {
	return createOrganisation(adminId, { ...ORG, name });
}

/** The part of a SvelteKit request event the guards read. */
export function eventFor(user: SessionUser | null, path = '/'): GuardEvent {
	return {
		locals: { user, session: null } as App.Locals,
		url: new URL(`http://localhost${path}`)
	};
}

/** Runs a guard and returns the status it throws (SvelteKit's error() and redirect()). */
export function thrownStatus(fn: () => unknown): number | undefined {
	try {
		fn();
	} catch (e) {
		return (e as { status?: number }).status;
	}
	return undefined;
}

/** A form POST to this site, as the browser sends it (Origin included). */
export function formRequest(path: string, fields: Record<string, string | File> = {}): Request {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return new Request(`http://localhost${path}`, {
		method: 'POST',
		body,
		headers: { origin: 'http://localhost' }
	});
}
