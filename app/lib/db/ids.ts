// PocketBase ids are 15 characters of [a-z0-9]. The kiosk makes its own so that a record keeps one
// id from the moment it is saved, and a retried upload can never become a second record.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newRecordId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(15));
	let id = '';
	// 256 % 36 = 4: the bias towards the first four letters is negligible for uniqueness.
	for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
	return id;
}
