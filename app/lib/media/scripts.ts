// The players' libraries (hls.js, webrtc-adapter) are emitted by Vite as files of our own origin and
// loaded only on pages that show video, so the kitchen tablet's app does not carry them.
const loaded = new Map<string, Promise<void>>();

export function loadScript(url: string): Promise<void> {
	let loading = loaded.get(url);
	if (!loading) {
		loading = new Promise<void>((resolve, reject) => {
			const script = document.createElement('script');
			script.src = url;
			script.onload = () => resolve();
			script.onerror = () => {
				loaded.delete(url);
				reject(new Error(`could not load ${url}`));
			};
			document.head.append(script);
		});
		loaded.set(url, loading);
	}
	return loading;
}
