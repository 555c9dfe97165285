import { kiosk } from '$lib/state/kiosk.svelte';

// The kiosk must open with the network pulled, so the service worker is registered on every page.
if ('serviceWorker' in navigator) {
	navigator.serviceWorker.register('/service-worker.js', { type: 'module' }).catch((error) => {
		console.error('service worker registration failed', error);
	});
}

// On the kitchen tablet, read the enrolment and open the database while the router starts: the
// staff list then shows sooner on an offline reload (bench/).
if (location.pathname.startsWith('/kitchen')) void kiosk.load();
