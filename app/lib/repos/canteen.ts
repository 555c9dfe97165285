import { liveQuery } from 'dexie';
import { DEFAULT_INSPECTION_TEMPLATES } from '$lib/domain';
import type { CanteenRecord, InspectionTemplateRecord, KitchenDb, MenuRecord, PullCursor, RegisteredAdditiveRecord, StaffRecord, SupplierRecord, WasteCollectorRecord } from '$lib/db/schema';

/** Data administrators keep for the canteen, which the tablet only reads. */
export type SharedCollection = 'staff' | 'waste_collectors' | 'inspection_templates' | 'suppliers' | 'menus' | 'additives';

export async function saveCanteen({ db, canteen }: { db: KitchenDb; canteen: CanteenRecord }) {
	await db.canteens.put(canteen);
}

/**
 * The server is the source of shared data: a page of changes replaces this tablet's copies, and moves
 * the pull cursor in the same transaction so a crash cannot skip a page.
 */
export async function applyServerShared<R extends StaffRecord | WasteCollectorRecord | InspectionTemplateRecord | SupplierRecord | MenuRecord | RegisteredAdditiveRecord>({
	db,
	collection,
	rows,
	cursor
}: {
	db: KitchenDb;
	collection: SharedCollection;
	rows: R[];
	cursor?: PullCursor;
}) {
	const table = db.table<R>(collection);
	await db.transaction('rw', table, db.cursors, async () => {
		if (collection === 'staff') {
			// The server's staff records never carry the PIN verifier (applyPinVerifiers brings it): a pulled
			// row keeps the one this tablet has, or a name with a PIN would open without one until then.
			const before = await db.staff.bulkGet(rows.map((row) => row.id));
			rows = rows.map((row, i) => ('pin_hash' in row || !before[i]?.pin_hash ? row : { ...row, pin_hash: before[i]!.pin_hash }));
		}
		await table.bulkPut(rows);
		if (cursor) await db.cursors.put(cursor);
	});
}

/** Every PIN verifier of the canteen, from the kiosk's own route: a name missing here has no PIN (any more). */
export async function applyPinVerifiers({ db, canteen, verifiers }: { db: KitchenDb; canteen: string; verifiers: Record<string, string> }) {
	await db.transaction('rw', db.staff, async () => {
		for (const person of await db.staff.where('canteen').equals(canteen).toArray()) {
			const verifier = verifiers[person.id] ?? '';
			if ((person.pin_hash ?? '') !== verifier) await db.staff.update(person.id, { pin_hash: verifier });
		}
	});
}

export function getCanteen({ db, id }: { db: KitchenDb; id: string }) {
	return db.canteens.get(id);
}

export function getStaff({ db, id }: { db: KitchenDb; id: string }) {
	return db.staff.get(id);
}

export function watchCanteen({ db, id }: { db: KitchenDb; id: string }) {
	return liveQuery(() => db.canteens.get(id));
}

export function watchStaff({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return liveQuery(async () =>
		(await db.staff.where('canteen').equals(canteen).toArray())
			.filter((s) => s.active)
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	);
}

/** The collectors waste may be handed to, by name. */
export function watchWasteCollectors({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return liveQuery(async () =>
		(await db.waste_collectors.where('canteen').equals(canteen).toArray())
			.filter((c) => c.active)
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	);
}

/** The canteen's checklists in use; the rule book's defaults until its administrator has written any. */
export function watchInspectionTemplates({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return liveQuery(async () => {
		const own = await db.inspection_templates.where('canteen').equals(canteen).toArray();
		const templates = own.length > 0 ? own : DEFAULT_INSPECTION_TEMPLATES.map((t) => ({ ...t, id: `default-${t.kind}`, canteen }));
		return templates.filter((t) => t.active);
	});
}

/** The suppliers deliveries may come from, by name. */
export function watchSuppliers({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return liveQuery(async () =>
		(await db.suppliers.where('canteen').equals(canteen).toArray()).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	);
}

/** Shared data as it was when a ledger record used it (the record keeps this copy, not a reference). */
export function sharedSnapshot<R extends { id: string; canteen: string; version?: number; updated?: string }>(record: R | undefined) {
	if (!record) return {};
	const { id: _id, canteen: _canteen, version: _version, updated: _updated, ...snapshot } = record;
	return snapshot;
}

/** The canteen's menu of the week starting `weekStart`, as this tablet last pulled it. */
export function watchMenu({ db, canteen, weekStart }: { db: KitchenDb; canteen: string; weekStart: string }) {
	return liveQuery(() => db.menus.where('[canteen+week_start]').equals([canteen, weekStart]).first());
}

/** The canteen's additive register (添加剂备案) as this tablet last pulled it. */
export function getAdditiveRegister({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return db.additives.where('canteen').equals(canteen).toArray();
}

export function watchAdditiveRegister({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return liveQuery(() => getAdditiveRegister({ db, canteen }));
}
