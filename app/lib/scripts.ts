// Large libraries used on one page only (hls.js and webrtc-adapter for video, zxing for scanning) are
// emitted by Vite as files of our own origin (precached for offline use like the rest of the build) and
// loaded when that page needs them, so that every start of every tablet does not parse them.
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
