import { watchCanteen } from '$lib/repos/canteen';
import { kiosk } from './kiosk.svelte';
import { live } from './live.svelte';

/** What every ledger page of the kiosk reads: the tablet's canteen, its settings and its day. */
export class KitchenPage {
	readonly db = kiosk.db;
	readonly canteenId = $derived(kiosk.enrolment?.device.canteen);
	readonly #canteen = live(() => (this.canteenId ? watchCanteen({ db: this.db, id: this.canteenId }) : undefined), undefined);
	readonly settings = $derived(kiosk.settingsFor(this.canteen));
	readonly today = $derived(kiosk.today(this.canteen));

	/** Created while a page's component is set up (its live queries end with the page). */
	constructor() {
		void kiosk.load();
	}

	get canteen() {
		return this.#canteen.current;
	}
}
