import { loadAppMessages } from '$lib/i18n';
import { isPublicPath } from '$lib/public-paths';
import type { LayoutLoad } from './$types';

// A single-page app served by PocketBase: nothing is rendered on a server or prerendered.
export const ssr = false;
export const prerender = false;

// The public page and the embed speak only their own words; every other page waits for the app's.
export const load: LayoutLoad = async ({ url }) => {
	if (!isPublicPath(url.pathname)) await loadAppMessages();
};
