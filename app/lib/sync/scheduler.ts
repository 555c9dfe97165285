import type { SyncEngine } from './engine';

/**
 * When to sync: at start, right after a save, when the browser says it is online again, and on a
 * timer. After a failure the timer backs off (1 s doubling to 10 s) so that a restarted server is
 * noticed within seconds without hammering a dead one.
 */
export class SyncScheduler {
	readonly #engine: SyncEngine;
	readonly #idleMs: number;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#failures = 0;
	#stopped = true;
	readonly #onOnline = () => this.kick();

	constructor({ engine, idleMs = 30_000 }: { engine: SyncEngine; idleMs?: number }) {
		this.#engine = engine;
		this.#idleMs = idleMs;
	}

	start() {
		this.#stopped = false;
		globalThis.addEventListener?.('online', this.#onOnline);
		this.kick();
	}

	stop() {
		this.#stopped = true;
		globalThis.removeEventListener?.('online', this.#onOnline);
		clearTimeout(this.#timer);
	}

	/** Sync now; errors are reported through the engine's reporter, never thrown at the caller. */
	kick() {
		if (this.#stopped) return;
		clearTimeout(this.#timer);
		this.#engine.sync().then(
			() => {
				this.#failures = 0;
				this.#schedule(this.#idleMs);
			},
			() => {
				this.#failures += 1;
				this.#schedule(Math.min(10_000, 1000 * 2 ** (this.#failures - 1)));
			}
		);
	}

	#schedule(ms: number) {
		if (this.#stopped) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.kick(), ms);
	}
}
