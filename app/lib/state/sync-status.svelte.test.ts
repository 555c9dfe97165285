import { describe, expect, it } from 'vitest';
import { SyncStatus } from './sync-status.svelte';

const MB = 2 ** 20;

describe('sync status', () => {
	it('warns when less than 10 % of the storage quota is free', () => {
		const status = new SyncStatus();
		expect(status.storageLow).toBe(false);
		status.storage = { usage: 100 * MB, quota: 2000 * MB };
		expect(status.storageLow).toBe(false);
		status.storage = { usage: 1850 * MB, quota: 2000 * MB };
		expect(status.storageLow).toBe(true);
	});

	it('warns under 50 MB free on a small quota', () => {
		const status = new SyncStatus();
		status.storage = { usage: 60 * MB, quota: 100 * MB };
		expect(status.storageLow).toBe(true);
	});

	it('is offline only while the last sync failed for want of a network', () => {
		const status = new SyncStatus();
		status.failed({ kind: 'offline' });
		expect(status.offline).toBe(true);
		status.succeeded('2026-11-22T08:00:00.000Z');
		expect(status.offline).toBe(false);
		expect(status.lastSyncAt).toBe('2026-11-22T08:00:00.000Z');
	});
});
