// The permission matrix, generated (issue 14). Every collection is read from the running server, so a
// new collection is covered without anyone remembering it: one without a line in EXPECTED fails. For
// each role (anonymous, kiosk of A, administrator of A, administrator of B, kiosk of B, the administrator
// of the organisation that runs A and B, the regulator of A's county, of A's city, and of another county,
// an AI camera of A with its device token) it tries list,
// view, create, update and delete on a record of canteen A, and a filter and a sort on every field.
// What is allowed is written down once, below; anything else is a failure. Secret fields must be
// unreachable through filters and sorts as well as through answers.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import type { CollectionModel, CollectionField } from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { addDaysTo, weekStartOf } from '$lib/domain';
import { statusOf } from '../fixtures/api';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { evidencePhotoForm, sha256Hex } from '../fixtures/photos';
import { chinaDate, createCanteenWithStaff, createUser, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { client, createOrganisation } from '../../server/provision.mjs';

type Role = 'anonymous' | 'kioskA' | 'adminA' | 'adminB' | 'kioskB' | 'orgAdmin' | 'regulatorCounty' | 'regulatorCity' | 'regulatorOther' | 'aiDeviceA';
type Operation = 'list' | 'view' | 'create' | 'update' | 'delete';
const ROLES: Role[] = ['anonymous', 'kioskA', 'adminA', 'adminB', 'kioskB', 'orgAdmin', 'regulatorCounty', 'regulatorCity', 'regulatorOther', 'aiDeviceA'];
/** A lies in 银川市兴庆区 (640104), under 银川市 (640100); the other regulator oversees 石嘴山市大武口区 (640202). */
const DISTRICT_A = '640104';

const ADMIN_A: Role[] = ['adminA', 'orgAdmin'];
const A_READS: Role[] = ['kioskA', ...ADMIN_A];
const REGULATORS: Role[] = ['regulatorCounty', 'regulatorCity'];
/** Canteen-level records a regulator of A's district reads too (no personal data). */
const A_AND_REGULATORS: Role[] = [...A_READS, ...REGULATORS];
const NOBODY: Role[] = [];
/** The same for every ledger: read by the canteen's own tablets and administrators, written only by the sync route. */
const LEDGER = { list: A_READS, view: A_READS, create: NOBODY, update: NOBODY, delete: NOBODY };
/** A ledger without personal data: its district's regulators read it as well. */
const OPEN_LEDGER = { list: A_AND_REGULATORS, view: A_AND_REGULATORS, create: NOBODY, update: NOBODY, delete: NOBODY };
/** Shared data an administrator keeps and tablets read (version rule); never deleted, marked instead. */
const SHARED = { list: A_AND_REGULATORS, view: A_AND_REGULATORS, create: ADMIN_A, update: ADMIN_A, delete: NOBODY };
const SYSTEM = { list: NOBODY, view: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY };

/** Who may do what to a record of canteen A. `create` null: checked elsewhere (named), not by this generic body. */
const EXPECTED: Record<string, Record<Operation, Role[] | null>> = {
	canteens: { list: A_AND_REGULATORS, view: A_AND_REGULATORS, create: NOBODY, update: NOBODY, delete: NOBODY },
	// The organisation that runs A and B: seen by its own administrators; set up by the operator.
	organisations: { list: ['orgAdmin'], view: ['orgAdmin'], create: NOBODY, update: NOBODY, delete: NOBODY },
	// Administrators see only themselves; they edit their own profile, never their canteens.
	users: { list: ['adminA'], view: ['adminA'], create: NOBODY, update: ['adminA'], delete: NOBODY },
	// A tablet sees itself; administrators switch tablets off through their own route and may delete
	// one that holds no records.
	devices: { list: A_READS, view: A_READS, create: NOBODY, update: NOBODY, delete: ADMIN_A },
	// Kiosks add and edit staff too (issue 3); people are marked as left, never deleted.
	staff: { list: A_READS, view: A_READS, create: A_READS, update: A_READS, delete: NOBODY },
	staff_changes: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	cameras: { list: A_AND_REGULATORS, view: A_AND_REGULATORS, create: ADMIN_A, update: ADMIN_A, delete: ADMIN_A },
	camera_alerts: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	// Raised by the server, answered and reviewed through routes; the seeded one is 二类, so A's
	// district's regulators read it (三类 stay with the canteen: alerts.test.ts).
	alerts: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	// AI cameras and sensor gateways: made through a route that shows the token once.
	event_devices: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	// A gateway's readings: the canteen's managers and its district's regulators, not the tablets.
	sensor_readings: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	// Group robots: the address (its key) is a secret even to those who keep it.
	webhooks: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	webhook_deliveries: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	// A regulator's inspections: the canteen's managers and the district's regulators read them.
	inspections: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	inspector_links: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	// Who looked at names or used a link: for the canteen's managers.
	access_log: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	alert_steps: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	// A tablet sees its own photos; creating one is checked by content (hardening.test.ts).
	evidence_photos: { list: A_READS, view: A_READS, create: null, update: NOBODY, delete: NOBODY },
	refused_submissions: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	daily_digests: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	waste_collectors: SHARED,
	suppliers: SHARED,
	menus: SHARED,
	additives: SHARED,
	// Gatherings registered beforehand: the canteen's managers register them, its district's regulators read them.
	group_meals: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: ADMIN_A, update: ADMIN_A, delete: NOBODY },
	inspection_templates: SHARED,
	// Health data: the canteen's own people only.
	morning_checks: LEDGER,
	food_samples: OPEN_LEDGER,
	sample_disposals: OPEN_LEDGER,
	meal_closures: OPEN_LEDGER,
	disinfections: OPEN_LEDGER,
	voids: OPEN_LEDGER,
	cold_readings: OPEN_LEDGER,
	waste_handovers: OPEN_LEDGER,
	additive_uses: OPEN_LEDGER,
	accompanied_meals: OPEN_LEDGER,
	self_inspections: OPEN_LEDGER,
	purchases: OPEN_LEDGER,
	return_clearances: LEDGER,
	food_temperatures: OPEN_LEDGER,
	// From the public (issue 18), through the public routes only: complaints are read by the canteen's
	// managers and its district's regulators (a complaint is a regulatory matter), ratings by the managers.
	complaints: { list: [...ADMIN_A, ...REGULATORS], view: [...ADMIN_A, ...REGULATORS], create: NOBODY, update: NOBODY, delete: NOBODY },
	public_ratings: { list: ADMIN_A, view: ADMIN_A, create: NOBODY, update: NOBODY, delete: NOBODY },
	// The operator's grading of alert kinds.
	alert_grades: SYSTEM,
	// A school's edge video box (issue 17): its own routes only, no API rule names it.
	edges: SYSTEM,
	_superusers: SYSTEM,
	_authOrigins: SYSTEM,
	_externalAuths: SYSTEM,
	_mfas: SYSTEM,
	_otps: SYSTEM
};

/** Fields no one but the operator may read, filter or sort on (passwords, keys, PIN verifiers, NVR addresses). */
const SECRETS: Record<string, string[]> = {
	users: ['password', 'tokenKey'],
	devices: ['password', 'tokenKey', 'enrol_code_hash', 'enrol_expires'],
	edges: ['password', 'tokenKey', 'enrol_code_hash', 'enrol_expires'],
	staff: ['pin_hash'],
	event_devices: ['token_hash'],
	webhooks: ['url'],
	inspector_links: ['token_hash'],
	cameras: ['nvr_address', 'upstream_address', 'sub_address'],
	// Keyed hashes of who sent a complaint or rating: for counting on the server, nobody's to read.
	complaints: ['device_hash', 'address_hash'],
	public_ratings: ['device_hash', 'address_hash'],
	_superusers: ['password', 'tokenKey']
};

let server: TestServer;
let a: CanteenFixture;
let b: CanteenFixture;
const pbOf = {} as Record<Role, PocketBase>;
let collections: CollectionModel[];
/** A record of canteen A in each collection, by collection name. */
const recordOfA: Record<string, string> = {};
let png: Buffer;

/** A value PocketBase accepts for a field, pointing relations at canteen A's records. */
function valueFor(collection: CollectionModel, field: CollectionField, unique: string): unknown {
	switch (field.type) {
		case 'text': {
			const pattern = String(field.pattern ?? '');
			if (pattern.includes('[0-9a-f]{64}')) return field.required ? 'a'.repeat(64) : '';
			if (pattern.includes('\\d{4}-\\d{2}-\\d{2}')) return chinaDate();
			if (pattern && !field.required) return '';
			return field.name === 'name' ? `测试${unique}` : `x${unique}`.slice(0, Number(field.max) || 15);
		}
		case 'number':
			return Math.max(Number(field.min ?? 1), 1);
		case 'bool':
			return false;
		case 'date':
			return new Date().toISOString().replace('T', ' ');
		case 'select':
			return Number(field.maxSelect) > 1 ? [field.values[0]] : field.values[0];
		case 'json':
			return {};
		case 'email':
			return `m${unique}@test.local`;
		case 'relation': {
			const target = collections.find((c) => c.id === field.collectionId)!;
			const id = recordOfA[target.name];
			return Number(field.maxSelect) > 1 ? [id] : id;
		}
		default:
			return undefined;
	}
}

let menuWeeks = 0;

/** A record body of canteen A for `collection` that its own rules and hooks accept. */
function bodyFor(collection: CollectionModel): Record<string, unknown> {
	const unique = newRecordId().slice(0, 8);
	const body: Record<string, unknown> = {};
	for (const field of collection.fields) {
		if (field.system || field.type === 'autodate' || field.type === 'file' || field.hidden) continue;
		const value = valueFor(collection, field, unique);
		if (value !== undefined) body[field.name] = value;
	}
	// What the rule book checks on shared data (its hooks run for the operator too).
	if (collection.name === 'cameras') body.rtsp_url = 'rtsp://192.168.1.64:554/ch1';
	if (collection.name === 'inspection_templates') body.items = ['地面清洁'];
	if (collection.name === 'suppliers') Object.assign(body, { credit_code: '', categories: [] });
	if (collection.name === 'group_meals') Object.assign(body, { organiser_phone: '0951-1234567', dishes: ['米饭'] });
	// One menu per canteen and week: each attempt takes a week of its own, starting on a Monday.
	if (collection.name === 'menus') Object.assign(body, { week_start: weekStartOf(addDaysTo(chinaDate(), 7 * ++menuWeeks)), days: {} });
	if (collection.name === 'staff') body.health_conditions = [];
	if (collection.type === 'auth') Object.assign(body, { password: 'password-12345', passwordConfirm: 'password-12345' });
	// An edge box's sign-in (email is a system field, left out above).
	if (collection.name === 'edges') body.email = `edge${unique}@edge.invalid`;
	return body;
}

async function seed(collection: CollectionModel): Promise<string> {
	const body = bodyFor(collection);
	try {
		return (await server.superuser.collection(collection.name).create(body)).id;
	} catch (error) {
		throw new Error(`${collection.name} ${JSON.stringify(body)}: ${JSON.stringify((error as { response?: unknown }).response)}`);
	}
}

const allowed = (status: number) => status >= 200 && status < 300;

beforeAll(async () => {
	server = await startTestServer();
	const organisation = await createOrganisation(server.superuser, { name: '某教育集团' });
	a = await createCanteenWithStaff(server, { name: 'A 食堂', staff: { 李秀英: {} }, district: DISTRICT_A, organisation: organisation.id });
	b = await createCanteenWithStaff(server, { name: 'B 食堂', staff: { 陈静: {} }, district: '640202', organisation: organisation.id });
	const kioskA = await enrolKiosk(server, a);
	const kioskB = await enrolKiosk(server, b);
	const orgAdmin = await createUser(server, { role: 'org_admin', organisations: [organisation.id] });
	const regulatorCounty = await createUser(server, { role: 'regulator', district: DISTRICT_A });
	const regulatorCity = await createUser(server, { role: 'regulator', district: '640100' });
	const regulatorOther = await createUser(server, { role: 'regulator', district: '640202' });
	// An AI camera of A presents its device token; it opens the event routes and nothing else.
	const { token: deviceToken } = await a.admin.send<{ token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: a.canteen.id, name: 'AI 盒子', kind: 'ai_camera' } });
	const aiDeviceA = client(server.server.url);
	aiDeviceA.authStore.save(deviceToken, null);
	Object.assign(pbOf, {
		anonymous: client(server.server.url),
		kioskA: kioskA.pb,
		adminA: a.admin,
		adminB: b.admin,
		kioskB: kioskB.pb,
		orgAdmin: orgAdmin.pb,
		regulatorCounty: regulatorCounty.pb,
		regulatorCity: regulatorCity.pb,
		regulatorOther: regulatorOther.pb,
		aiDeviceA
	});
	collections = await server.superuser.collections.getFullList();

	// Records of A made the way they are made in use, where there is such a way.
	recordOfA.canteens = a.canteen.id;
	recordOfA.organisations = organisation.id;
	recordOfA.users = a.admin.authStore.record!.id;
	recordOfA.devices = kioskA.enrolment.device.id;
	recordOfA.staff = a.staff['李秀英']!.id;
	png = await readFile(new URL('../../static/icon-192.png', import.meta.url));
	const digest = sha256Hex(png);
	const chain = new TestChain({ canteen: a.canteen.id, device: kioskA.enrolment.device.id });
	const check = chain.next({ id: newRecordId(), staff: a.staff['李秀英']!.id, photo_sha256: digest });
	const refused = chain.next({ id: newRecordId(), staff: a.staff['李秀英']!.id, temperature: 55 });
	await pushChecks(kioskA.pb, [check, refused]);
	recordOfA.morning_checks = check.id;
	const form = evidencePhotoForm({ canteen: a.canteen.id, device: kioskA.enrolment.device.id, record: check.id, digest, bytes: png });
	recordOfA.evidence_photos = (await kioskA.pb.collection('evidence_photos').create(form)).id;
	recordOfA.refused_submissions = (await server.superuser.collection('refused_submissions').getFirstListItem(`record_id = "${refused.id}"`)).id;
	await server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: { canteen: a.canteen.id, day: chinaDate() } });
	recordOfA.daily_digests = (await server.superuser.collection('daily_digests').getFirstListItem(`canteen = "${a.canteen.id}"`)).id;
	recordOfA.staff_changes = (await server.superuser.collection('staff_changes').getFirstListItem(`canteen = "${a.canteen.id}"`)).id;
	recordOfA._superusers = server.superuser.authStore.record!.id;

	// The rest straight from their schema, as the operator, in an order that satisfies their relations.
	for (let pass = 0; pass < 5; pass += 1) {
		for (const collection of collections) {
			if (recordOfA[collection.name] || collection.system) continue;
			const needs = collection.fields.filter((f) => f.type === 'relation' && f.required).map((f) => collections.find((c) => c.id === f.collectionId)!.name);
			if (needs.some((name) => !recordOfA[name])) continue;
			recordOfA[collection.name] = await seed(collection);
		}
	}
}, 120_000);

afterAll(async () => {
	await server?.dispose();
});

describe('the permission matrix', () => {
	it('has an expectation for every collection on the server', () => {
		expect(collections.map((c) => c.name).filter((name) => !EXPECTED[name])).toEqual([]);
	});

	it('gives each role exactly what is written down: list, view, create, update, delete', async () => {
		const wrong: string[] = [];
		for (const collection of collections) {
			const expected = EXPECTED[collection.name]!;
			const id = recordOfA[collection.name];
			if (!id && !collection.system) wrong.push(`${collection.name}: no record of canteen A could be made`);
			for (const role of ROLES) {
				const pb = pbOf[role];
				const records = pb.collection(collection.name);
				const outcomes: Record<Operation, boolean | null> = { list: null, view: null, create: null, update: null, delete: null };
				if (id) {
					const list = await records.getList(1, 200, { filter: `id = "${id}"` }).catch(() => null);
					outcomes.list = Boolean(list?.items.some((item) => item.id === id));
					outcomes.view = allowed(await statusOf(records.getOne(id)));
					const version = collection.fields.some((f) => f.name === 'version') ? (await server.superuser.collection(collection.name).getOne(id)).version : undefined;
					outcomes.update = allowed(await statusOf(records.update(id, version === undefined ? {} : { version })));
				}
				if (expected.create !== null && !collection.system) {
					const attempt = await records.create(bodyFor(collection)).then(
						(created) => created,
						() => null
					);
					outcomes.create = attempt !== null;
					if (attempt) await server.superuser.collection(collection.name).delete(attempt.id).catch(() => undefined);
				}
				if (!collection.system) {
					// Each role deletes a throwaway record of A, so that an allowed delete destroys nothing.
					const throwaway = await seed(collection).catch(() => null);
					if (throwaway) outcomes.delete = allowed(await statusOf(records.delete(throwaway)));
				} else {
					outcomes.delete = id ? allowed(await statusOf(records.delete(id))) : false;
				}
				for (const operation of Object.keys(outcomes) as Operation[]) {
					const got = outcomes[operation];
					const want = expected[operation];
					if (got === null || want === null) continue;
					if (got !== want.includes(role)) wrong.push(`${collection.name}.${operation} by ${role}: ${got ? 'allowed' : 'denied'}, expected ${want.includes(role) ? 'allowed' : 'denied'}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('lets no filter or sort on any field reach a record a role may not list, and none at all reach a secret', async () => {
		const wrong: string[] = [];
		const probe = async (collection: CollectionModel, role: Role, field: CollectionField) => {
			const id = recordOfA[collection.name]!;
			const records = pbOf[role].collection(collection.name);
			const secret = (SECRETS[collection.name] ?? []).includes(field.name) || field.hidden;
			const filtered = await records.getList(1, 50, { filter: `id = "${id}" && ${field.name} != "__never__"` }).then(
				(page) => ({ status: 200, seen: page.items.some((item) => item.id === id) }),
				(error: { status: number }) => ({ status: error.status, seen: false })
			);
			const sorted = await statusOf(records.getList(1, 50, { sort: field.name, filter: `id = "${id}"` }));
			if (secret) {
				// Refused as a whole (400 for the field, 403 for a collection closed to all), whatever the guess.
				if (![400, 403].includes(filtered.status)) wrong.push(`${collection.name}.${field.name}: a filter by ${role} answered ${filtered.status}, expected a refusal`);
				if (![400, 403].includes(sorted)) wrong.push(`${collection.name}.${field.name}: a sort by ${role} answered ${sorted}, expected a refusal`);
			} else if (filtered.seen && !EXPECTED[collection.name]!.list!.includes(role)) {
				wrong.push(`${collection.name}.${field.name}: a filter let ${role} see a record of A`);
			}
		};
		for (const collection of collections.filter((c) => recordOfA[c.name])) {
			await Promise.all(ROLES.flatMap((role) => collection.fields.map((field) => probe(collection, role, field))));
			const secrets = SECRETS[collection.name] ?? [];
			// Nor through a relation from another collection.
			for (const other of collections) {
				for (const relation of other.fields.filter((f) => f.type === 'relation' && f.collectionId === collection.id)) {
					for (const role of ROLES) {
						for (const secret of secrets) {
							const status = await statusOf(pbOf[role].collection(other.name).getList(1, 1, { filter: `${relation.name}.${secret} != ""` }));
							if (![400, 403].includes(status)) wrong.push(`${other.name}.${relation.name}.${secret}: a filter by ${role} answered ${status}, expected a refusal`);
						}
					}
				}
			}
			// And no answer carries a secret, to anyone who may read the record.
			for (const role of ROLES) {
				const seen = await pbOf[role].collection(collection.name).getOne(recordOfA[collection.name]!).catch(() => null);
				for (const secret of secrets) if (seen && secret in seen) wrong.push(`${collection.name}.${secret}: answered to ${role}`);
			}
		}
		expect(wrong).toEqual([]);
	}, 180_000);

	it('serves an evidence photo only with a file token of someone who may view its record', async () => {
		const photo = await server.superuser.collection('evidence_photos').getOne(recordOfA.evidence_photos!);
		const url = (pb: PocketBase, token: string) => pb.files.getURL(photo, photo.photo, token ? { token } : {});
		expect((await fetch(url(pbOf.anonymous, ''))).status).toBe(404);
		for (const role of ['adminA', 'kioskA'] as Role[]) {
			expect((await fetch(url(pbOf[role], await pbOf[role].files.getToken()))).status, role).toBe(200);
		}
		for (const role of ['adminB', 'kioskB'] as Role[]) {
			expect((await fetch(url(pbOf[role], await pbOf[role].files.getToken()))).status, role).toBe(404);
		}
	});
});
