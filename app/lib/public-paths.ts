/** Pages strangers open (the QR code's page and the embed): no service worker, no kiosk code. */
export const isPublicPath = (pathname: string) => /^\/(p|embed)\//.test(pathname);

/**
 * Pages that install the kiosk's service worker (it precaches the whole app for offline use): not the
 * public pages, and not the province's page, which is served by the province's ingest.
 */
export const wantsServiceWorker = (pathname: string) => !isPublicPath(pathname) && !/^\/province(\/|$)/.test(pathname);
