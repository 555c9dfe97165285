// The kiosk must open with the network pulled, so the service worker is registered on every page.
if ('serviceWorker' in navigator) {
	navigator.serviceWorker.register('/service-worker.js', { type: 'module' }).catch((error) => {
		console.error('service worker registration failed', error);
	});
}
