import type { ApiProblem } from '$lib/pb/errors';
import type { SyncReporter } from '$lib/sync/engine';

/** What the sync badge shows: counts come from the outbox, the rest from the sync loop. */
export class SyncStatus implements SyncReporter {
	waiting = $state(0);
	refused = $state(0);
	syncing = $state(false);
	lastSyncAt = $state<string | null>(null);
	problem = $state<ApiProblem | null>(null);

	/** Bytes used and available to this site, when the browser tells. */
	storage = $state.raw<{ usage: number; quota: number } | null>(null);

	readonly offline = $derived(this.problem?.kind === 'offline');
	/**
	 * Unsent records must never be lost to a full disk: warn while there is time to get online.
	 * Under 10 % or 50 MB free, whichever is larger.
	 */
	readonly storageLow = $derived(
		this.storage !== null &&
			this.storage.quota - this.storage.usage < Math.max(this.storage.quota * 0.1, 50 * 2 ** 20)
	);

	started() {
		this.syncing = true;
	}

	succeeded(at: string) {
		this.syncing = false;
		this.lastSyncAt = at;
		this.problem = null;
	}

	failed(problem: ApiProblem) {
		this.syncing = false;
		this.problem = problem;
	}

	async measureStorage() {
		const estimate = await navigator.storage?.estimate?.();
		if (estimate?.quota) this.storage = { usage: estimate.usage ?? 0, quota: estimate.quota };
	}

	counts({ waiting, refused }: { waiting: number; refused: number }) {
		this.waiting = waiting;
		this.refused = refused;
	}
}
