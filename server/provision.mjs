// Creating canteens, administrators, staff and kiosks through PocketBase's API. The demo seed and the
// tests both use these, so the demo data is made exactly the way an operator's would be.
import PocketBase from 'pocketbase';

export function client(url) {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	return pb;
}

export async function signInSuperuser({ url, email, password }) {
	const pb = client(url);
	await pb.collection('_superusers').authWithPassword(email, password);
	return pb;
}

export function createCanteen(superuser, canteen) {
	return superuser.collection('canteens').create({ type: 'school', ...canteen });
}

/**
 * A person who signs in to the administration: a canteen manager (`canteens`), an organisation's
 * administrator (`organisations`) or a regulator (`district`, a 6-digit 行政区划代码). Only the operator
 * sets these.
 * @param {import('pocketbase').default} superuser
 * @param {{ email: string; password: string; name: string; canteens?: string[]; role?: string; organisations?: string[]; district?: string; phone?: string }} user
 */
export async function createAdministrator(superuser, { email, password, name, canteens = [], role = 'manager', organisations = [], district = '', phone = '' }) {
	return superuser.collection('users').create({
		email,
		password,
		passwordConfirm: password,
		name,
		canteens,
		role,
		organisations,
		district,
		phone,
		verified: true
	});
}

/** A school group or care-home operator that runs several canteens. */
export function createOrganisation(superuser, organisation) {
	return superuser.collection('organisations').create(organisation);
}

export async function signInAdministrator({ url, email, password }) {
	const pb = client(url);
	await pb.collection('users').authWithPassword(email, password);
	return pb;
}

export function createStaff(pb, canteen, person) {
	return pb.collection('staff').create({ canteen, active: true, food_contact: true, ...person });
}

/** A licensed waste collector the canteen has a contract with. */
export function createWasteCollector(pb, canteen, collector) {
	return pb.collection('waste_collectors').create({ canteen, active: true, ...collector });
}

/** Returns the one-time enrolment code an administrator hands to the kitchen. */
export function createKiosk(administrator, { canteen, name }) {
	return administrator.send('/api/mingchu/devices', { method: 'POST', body: { canteen, name } });
}

/** Enrols a kiosk and signs it in, as the tablet does. */
export async function enrolKiosk({ url, code }) {
	const pb = client(url);
	const enrolment = await pb.send('/api/mingchu/enrol', { method: 'POST', body: { code } });
	await pb.collection('devices').authWithPassword(enrolment.email, enrolment.secret);
	return { pb, enrolment };
}

/** `yyyy-MM-dd` in China time, `days` from today. */
export function chinaDate(days = 0, now = Date.now()) {
	return new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
