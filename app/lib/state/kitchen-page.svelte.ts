import type { LedgerName, LedgerRecord } from '$lib/db/schema';
import { watchCanteen } from '$lib/repos/canteen';
import { watchRecordsShownOn } from '$lib/repos/ledger';
import { watchVoids } from '$lib/repos/voids';
import { kiosk } from './kiosk.svelte';
import { live } from './live.svelte';

/** What every ledger page of the kiosk reads: the tablet's canteen, its settings, its day and the voids. */
export class KitchenPage {
	readonly db = kiosk.db;
	readonly canteenId = $derived(kiosk.enrolment?.device.canteen);
	readonly #canteen = live(() => (this.canteenId ? watchCanteen({ db: this.db, id: this.canteenId }) : undefined), undefined);
	readonly settings = $derived(kiosk.settingsFor(this.canteen));
	readonly today = $derived(kiosk.today(this.canteen));
	readonly #voids = live(() => watchVoids({ db: this.db }), new Map());

	/** Created while a page's component is set up (its live queries end with the page). */
	constructor() {
		void kiosk.load();
	}

	get canteen() {
		return this.#canteen.current;
	}

	/** Voids by the record they void. */
	get voids() {
		return this.#voids.current;
	}

	/** A ledger's records the page lists for the day, back-filled ones (补录) included. Call during setup. */
	shown<R extends LedgerRecord>(collection: LedgerName, orderBy: string) {
		return live(
			() =>
				this.canteenId
					? watchRecordsShownOn<R>({ db: this.db, collection, canteen: this.canteenId, date: this.today, orderBy, utcOffsetMinutes: this.settings.utcOffsetMinutes })
					: undefined,
			[] as R[]
		);
	}
}
