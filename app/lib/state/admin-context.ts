// The administration's pages share one signed-in session, set by routes/admin/+layout.svelte.
import { getContext, setContext } from 'svelte';
import type { AdminSession } from './admin.svelte';

const KEY = Symbol('admin-session');

export function setAdminSession(session: AdminSession): AdminSession {
	return setContext(KEY, session);
}

export function adminSession(): AdminSession {
	return getContext<AdminSession>(KEY);
}
