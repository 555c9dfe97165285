// The public pages (/p/…, /embed/…) are opened once on a parent's phone or inside another site: they
// neither install the kiosk's service worker (it precaches the whole app, megabytes) nor load the
// kiosk's code. Every other page registers it, so that the kiosk opens with the network pulled.
import { isPublicPath, wantsServiceWorker } from '$lib/public-paths';
import { fetchPublicCanteenEarly } from '$lib/pb/public-api';

const publicPage = isPublicPath(location.pathname);
if (publicPage) fetchPublicCanteenEarly(location.pathname);

if (wantsServiceWorker(location.pathname) && 'serviceWorker' in navigator) {
	navigator.serviceWorker.register('/service-worker.js', { type: 'module' }).catch((error) => {
		console.error('service worker registration failed', error);
	});
}

// On the kitchen tablet, read the enrolment and open the database while the router starts: the
// staff list then shows sooner on an offline reload (bench/).
if (location.pathname.startsWith('/kitchen')) void import('$lib/state/kiosk.svelte').then(({ kiosk }) => kiosk.load());
