import { error, redirect } from '@sveltejs/kit';
import type { MemberRole } from '../../domain/organisation';
import { m } from '../../paraglide/messages.js';
import { findMembership, type MembershipWithOrganisation } from '../organisations';
import type { SessionUser } from './session';

/** What every guard needs of a request: who is asking and where. */
export interface GuardEvent {
	locals: App.Locals;
	url: URL;
}

/**
 * The signed-in user, or a redirect to the login page that comes back here afterwards.
 * Endpoints that answer JSON pass `{ api: true }` and get a 401 instead.
 */
export function requireUser(event: GuardEvent, opts: { api?: boolean } = {}): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (opts.api) error(401, m.auth_guard_sign_in_first());
	const next = event.url.pathname + event.url.search;
	redirect(303, `/login?next=${encodeURIComponent(next)}`);
}

/**
 * The user's membership of an organisation, with the organisation. Anyone who is not a
 * member gets 404, not 403: the existence of another organisation is not revealed.
 */
export function requireOrgRole(
	event: GuardEvent,
	organisationId: string,
	role: MemberRole | 'member' = 'member',
	opts: { api?: boolean } = {}
): MembershipWithOrganisation & { user: SessionUser } {
	const user = requireUser(event, opts);
	const found = findMembership(organisationId, user.id);
	if (!found) error(404, m.common_error_not_found());
	if (role === 'admin' && found.role !== 'admin') error(403, m.auth_guard_org_admin_only());
	return { ...found, user };
}

export type PlatformRole = 'admin' | 'coplead';

/** Platform administrators, or the CoP lead (administrators may act as CoP lead too). */
export function requirePlatformRole(event: GuardEvent, role: PlatformRole): SessionUser {
	const user = requireUser(event);
	const allowed = role === 'admin' ? user.isAdmin : user.isCopLead || user.isAdmin;
	if (!allowed) error(404, m.common_error_not_found());
	return user;
}
