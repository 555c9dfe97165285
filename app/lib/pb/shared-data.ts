import type PocketBase from 'pocketbase';
import type { InspectionTemplate, MenuInput, RegisteredAdditive, StaffInput, Supplier, WasteCollector } from '$lib/domain';
import type { InspectionTemplateRecord, MenuRecord, RegisteredAdditiveRecord, StaffRecord, SupplierRecord, WasteCollectorRecord } from '$lib/db/schema';

/** Data of the canteen that administrators (and for staff, kiosks) edit, and what each record holds. */
interface SharedData {
	/** pin_verifier: a new PIN's verifier (app/lib/pin), stored by the server where no API reads it. */
	staff: { value: StaffInput & { pin_verifier?: string }; record: StaffRecord };
	waste_collectors: { value: WasteCollector; record: WasteCollectorRecord };
	inspection_templates: { value: InspectionTemplate; record: InspectionTemplateRecord };
	suppliers: { value: Supplier; record: SupplierRecord };
	menus: { value: MenuInput; record: MenuRecord };
	additives: { value: RegisteredAdditive; record: RegisteredAdditiveRecord };
}

/**
 * Creates a record (under `id` when given, so that a PIN can be tied to it first) or edits one. An edit
 * names the version it was made on; the server refuses it (409) when someone saved in between.
 */
export function saveShared<C extends keyof SharedData>({
	pb,
	collection,
	canteen,
	edited,
	id,
	value
}: {
	pb: PocketBase;
	collection: C;
	canteen: string;
	edited?: { id: string; version?: number };
	id?: string;
	value: SharedData[C]['value'];
}): Promise<SharedData[C]['record']> {
	return edited
		? pb.collection(collection).update<SharedData[C]['record']>(edited.id, { ...value, version: edited.version })
		: pb.collection(collection).create<SharedData[C]['record']>({ ...value, canteen, ...(id ? { id } : {}) });
}
