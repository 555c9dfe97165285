// A single-page app served by PocketBase: nothing is rendered on a server or prerendered.
export const ssr = false;
export const prerender = false;
