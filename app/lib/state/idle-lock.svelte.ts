/**
 * Calls `onIdle` after `minutes` without a touch, a key or a scroll. Shared kitchen tablets go back to
 * "who is entering records?" so that the next cook does not sign records in someone else's name.
 */
export class IdleLock {
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stop: (() => void) | undefined;

	start({ minutes, onIdle }: { minutes: number; onIdle: () => void }) {
		this.stop();
		const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
		const reset = () => {
			clearTimeout(this.#timer);
			this.#timer = setTimeout(onIdle, minutes * 60_000);
		};
		for (const event of events) window.addEventListener(event, reset, { passive: true, capture: true });
		reset();
		this.#stop = () => {
			clearTimeout(this.#timer);
			for (const event of events) window.removeEventListener(event, reset, { capture: true });
		};
	}

	stop() {
		this.#stop?.();
		this.#stop = undefined;
	}
}

/** Keeps the screen on while a kiosk page is open (re-taken when the page becomes visible again). */
export function keepScreenOn(): () => void {
	let lock: WakeLockSentinel | undefined;
	const take = () => {
		if (document.visibilityState !== 'visible' || !navigator.wakeLock) return;
		navigator.wakeLock.request('screen').then(
			(sentinel) => (lock = sentinel),
			() => undefined
		);
	};
	document.addEventListener('visibilitychange', take);
	take();
	return () => {
		document.removeEventListener('visibilitychange', take);
		void lock?.release();
	};
}
