import type { EvidencePhoto, KitchenDb } from '$lib/db/schema';

/** The oldest photos still to upload, with their bytes. */
export async function nextPhotosToSend({ db, limit }: { db: KitchenDb; limit: number }) {
	const photos = await db.photos.where('[state+queued_at]').between(['pending', ''], ['pending', '\uffff']).limit(limit).toArray();
	return photos.filter((photo): photo is EvidencePhoto & { bytes: ArrayBuffer } => photo.bytes !== undefined);
}

/** The server has the photo: the tablet lets go of the bytes, the only copy is no longer here. */
export async function markPhotoUploaded({ db, id }: { db: KitchenDb; id: string }) {
	await db.photos.update(id, { state: 'uploaded', bytes: undefined });
}

export async function markPhotoRefused({ db, id, reason }: { db: KitchenDb; id: string; reason: string }) {
	await db.photos.update(id, { state: 'rejected', rejection: reason });
}
