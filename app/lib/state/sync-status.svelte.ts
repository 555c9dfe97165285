import type { ApiProblem } from '$lib/pb/errors';
import type { SyncReporter } from '$lib/sync/engine';

/** What the sync badge shows: counts come from the outbox, the rest from the sync loop. */
export class SyncStatus implements SyncReporter {
	waiting = $state(0);
	refused = $state(0);
	syncing = $state(false);
	lastSyncAt = $state<string | null>(null);
	problem = $state<ApiProblem | null>(null);

	readonly offline = $derived(this.problem?.kind === 'offline');
	readonly settled = $derived(this.waiting === 0 && this.problem === null);

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

	counts({ waiting, refused }: { waiting: number; refused: number }) {
		this.waiting = waiting;
		this.refused = refused;
	}
}
