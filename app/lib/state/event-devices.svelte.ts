// AI cameras and sensor gateways of the chosen canteen, and the one-time display of a new token.
import { createEventDevice, fetchEventDevices, revokeEventDevice, type EventDeviceRecord } from '$lib/pb/oversight-api';
import type { AdminSession } from './admin.svelte';

export class EventDevices {
	devices = $state.raw<EventDeviceRecord[]>([]);
	/** The token just made: shown until the page is left, never again. */
	issued = $state.raw<{ name: string; token: string } | null>(null);
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	async load() {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			this.devices = await fetchEventDevices({ pb: this.session.pb, canteen });
		});
	}

	async create(input: { name: string; kind: EventDeviceRecord['kind']; camera: string }) {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			const { token } = await createEventDevice({ pb: this.session.pb, canteen, ...input });
			this.issued = { name: input.name, token };
			this.devices = await fetchEventDevices({ pb: this.session.pb, canteen });
		});
	}

	async revoke(device: string) {
		await this.session.call(async () => {
			await revokeEventDevice({ pb: this.session.pb, device });
			await this.load();
		});
	}
}
