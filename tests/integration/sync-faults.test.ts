// Seeded fault injection: three kiosks of one canteen save checks and sync through a proxy that drops,
// duplicates and delays traffic, while PocketBase is killed mid-push and an administrator edits staff.
// After the network heals, the server must hold exactly the checks the kiosks said were saved, once
// each, and every kiosk must have converged.
//   FAULT_SEEDS=500 npm run test:faults     more seeds (CI runs 50)
//   FAULT_SEED=17 npm run test:faults       replay one seed
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, localDateOf } from '$lib/domain';
import { KitchenDb } from '$lib/db/schema';
import { staffForCheck } from '$lib/db/staff';
import { createPocketBase } from '$lib/pb/client';
import { classifyApiError } from '$lib/pb/errors';
import type { Enrolment } from '$lib/pb/kiosk-api';
import { preparePhoto, recordMorningCheck, type Photo } from '$lib/repos/morning-checks';
import { recordFoodSample } from '$lib/repos/food-samples';
import { recordWasteHandover } from '$lib/repos/waste';
import { createWasteCollector } from '../../server/provision.mjs';
import { readFile } from 'node:fs/promises';
import { SyncEngine } from '$lib/sync/engine';
import { FaultProxy, seededRandom } from '../fixtures/fault-proxy';
import { healthyCheck } from '../fixtures/morning-checks';
import { createCanteenWithStaff, enrolKiosk, startTestServer, type TestServer } from '../fixtures/server';

const SEEDS = process.env.FAULT_SEED
	? [Number(process.env.FAULT_SEED)]
	: Array.from({ length: Number(process.env.FAULT_SEEDS ?? 50) }, (_, i) => i + 1);
const OPERATIONS = Number(process.env.FAULT_OPERATIONS ?? 40);
const KIOSKS = 3;

let server: TestServer;
let evidence: Photo;

beforeAll(async () => {
	server = await startTestServer();
	evidence = await preparePhoto(new Blob([await readFile(new URL('../../static/icon-192.png', import.meta.url))], { type: 'image/png' }));
});

afterAll(async () => {
	await server?.dispose();
});

interface Kiosk {
	name: string;
	enrolment: Enrolment;
	db: KitchenDb;
	engine: SyncEngine;
	/** Ids of the checks this kiosk reported as saved. */
	saved: Set<string>;
	/** Ids of those saved with an evidence photo. */
	withPhoto: Set<string>;
	/** Ids of the food samples this kiosk reported as saved (a second ledger in the same chain). */
	samples: Set<string>;
	/** Ids of the waste hand-overs (a third ledger, each with the receiver's signature as a photo). */
	handovers: Set<string>;
}

const ignore = () => undefined;

describe('sync under network faults and server crashes', () => {
	it.for(SEEDS)('seed %i: nothing saved is lost or duplicated, every kiosk converges, every chain verifies, every photo arrives once, samples and signed waste hand-overs too', async (seed, { onTestFailed }) => {
		onTestFailed(() => {
			console.log(`replay: FAULT_SEED=${seed} FAULT_OPERATIONS=${OPERATIONS} npm run test:faults`);
		});
		const random = seededRandom(seed);
		const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

		const canteen = await createCanteenWithStaff(server, {
			name: `故障演练食堂 ${seed}`,
			staff: { 甲: {}, 乙: {}, 丙: {}, 丁: {} }
		});
		const proxy = await FaultProxy.start({
			target: server.server.url,
			random,
			rates: { drop_request: 0.1, drop_reply: 0.1, duplicate: 0.1, delay: 0.1 }
		});

		type Saved = Pick<Kiosk, 'saved' | 'withPhoto' | 'samples' | 'handovers'>;
		const openKiosk = (name: string, enrolment: Enrolment, saved: Saved): Kiosk => {
			const db = new KitchenDb(name);
			const pb = createPocketBase({ baseUrl: proxy.url, authKey: name });
			const batchSize = 1 + Math.floor(random() * 5);
			const { saved: checks, withPhoto, samples, handovers } = saved;
			return { name, enrolment, db, saved: checks, withPhoto, samples, handovers, engine: new SyncEngine({ db, pb, enrolment, batchSize }) };
		};
		const collector = await createWasteCollector(canteen.admin, canteen.canteen.id, {
			name: '绿源再生资源公司',
			licence_number: '餐废收运 2026-017',
			licence_expires: '2099-12-31',
			contract_expires: '2099-12-31',
			contact: '赵师傅',
			phone: '13800000017'
		});
		const kiosks: Kiosk[] = [];
		for (let i = 0; i < KIOSKS; i += 1) {
			const { enrolment } = await enrolKiosk(server, canteen);
			kiosks.push(openKiosk(`faults-${seed}-${i}`, enrolment, { saved: new Set(), withPhoto: new Set(), samples: new Set(), handovers: new Set() }));
		}

		for (let operation = 0; operation < OPERATIONS; operation += 1) {
			const roll = random();
			const index = Math.floor(random() * KIOSKS);
			const kiosk = kiosks[index]!;
			if (roll < 0.04) {
				const result = await recordWasteHandover({
					db: kiosk.db,
					settings: DEFAULT_SETTINGS,
					canteen: canteen.canteen.id,
					device: kiosk.enrolment.device.id,
					input: { waste_type: 'food_waste', weight_kg: 10 + operation, collector: collector.id, destination: '无害化处理', handed_at: new Date().toISOString(), handed_by: '甲', receiver: '赵师傅' },
					collector: { ...collector, active: true },
					signature: evidence
				});
				if (result.ok) {
					kiosk.handovers.add(result.record.id);
					kiosk.withPhoto.add(result.record.id);
				}
			} else if (roll < 0.1) {
				const result = await recordFoodSample({
					db: kiosk.db,
					settings: DEFAULT_SETTINGS,
					canteen: canteen.canteen.id,
					device: kiosk.enrolment.device.id,
					input: { meal: 'lunch', dish: `菜${operation}`, weight_g: 125 + Math.floor(random() * 100), taken_at: new Date().toISOString(), taken_by: '甲', fridge: '留样柜' }
				});
				if (result.ok) kiosk.samples.add(result.record.id);
			} else if (roll < 0.45) {
				const person = pick(Object.values(canteen.staff));
				const photo = random() < 0.2 ? evidence : undefined;
				const result = await recordMorningCheck({
					photo,
					db: kiosk.db,
					settings: DEFAULT_SETTINGS,
					canteen: canteen.canteen.id,
					device: kiosk.enrolment.device.id,
					staff: { id: person.id, name: person.name, food_contact: false, certificate: {} },
					input: healthyCheck({ staff: person.id, temperature: 36 + Math.floor(random() * 12) / 10 })
				});
				if (result.ok) kiosk.saved.add(result.record.id);
				if (result.ok && photo) kiosk.withPhoto.add(result.record.id);
			} else if (roll < 0.75) {
				await kiosk.engine.sync().catch(ignore);
			} else if (roll < 0.83) {
				// The tablet is closed (maybe offline) and opened again: only IndexedDB survives.
				kiosk.db.close();
				kiosks[index] = openKiosk(kiosk.name, kiosk.enrolment, kiosk);
			} else if (roll < 0.88) {
				// PocketBase crashes in the middle of a push.
				const crashAfter = Math.floor(random() * 40);
				await Promise.all([
					kiosk.engine.sync().catch(ignore),
					new Promise((resolve) => setTimeout(resolve, crashAfter)).then(() => server.restart('SIGKILL'))
				]);
			} else {
				// Two administrators edit shared data while kiosks work: the one who read first loses, visibly.
				const person = pick(Object.values(canteen.staff));
				const { version } = await canteen.admin.collection('staff').getOne(person.id);
				const renamed = `${person.name.slice(0, 1)}${operation}`;
				await canteen.admin.collection('staff').update(person.id, { name: renamed, version });
				const late = await canteen.admin.collection('staff').update(person.id, { name: `${renamed}x`, version }).catch((e: unknown) => e);
				expect(classifyApiError(late).kind, 'an edit on an older version is refused').toBe('rejected');
				person.name = renamed;
			}
		}

		proxy.heal();
		for (const kiosk of kiosks) {
			for (let attempt = 0; attempt < 5; attempt += 1) {
				if (await kiosk.engine.sync().then(() => true, () => false)) break;
			}
		}
		// Pull again so that every kiosk has seen what the others sent last.
		for (const kiosk of kiosks) await kiosk.engine.sync();
		await proxy.close();

		const stored = await server.superuser
			.collection('morning_checks')
			.getFullList({ filter: `canteen = "${canteen.canteen.id}"`, fields: 'id,device,date' });
		const storedIds = stored.map((record) => record.id);
		const saved = kiosks.flatMap((kiosk) => [...kiosk.saved]);
		expect(new Set(storedIds).size, 'no check is stored twice').toBe(storedIds.length);
		expect(storedIds.sort(), 'the server holds exactly the checks the kiosks saved').toEqual(saved.sort());

		const samples = (
			await server.superuser.collection('food_samples').getFullList({ filter: `canteen = "${canteen.canteen.id}"`, fields: 'id' })
		).map((sample) => sample.id as string);
		expect(new Set(samples).size, 'no sample is stored twice').toBe(samples.length);
		expect(samples.sort(), 'the server holds exactly the samples the kiosks saved').toEqual(kiosks.flatMap((k) => [...k.samples]).sort());

		const handovers = (
			await server.superuser.collection('waste_handovers').getFullList({ filter: `canteen = "${canteen.canteen.id}"`, fields: 'id' })
		).map((handover) => handover.id as string);
		expect(handovers.sort(), 'the server holds exactly the hand-overs the kiosks saved, once each').toEqual(kiosks.flatMap((k) => [...k.handovers]).sort());

		const photos = await server.superuser
			.collection('evidence_photos')
			.getFullList({ filter: `canteen = "${canteen.canteen.id}"`, fields: 'record_id' });
		const photoRecords = photos.map((photo) => photo.record_id as string);
		expect(new Set(photoRecords).size, 'no photo is stored twice').toBe(photoRecords.length);
		expect(photoRecords.sort(), 'every photo taken reached the server').toEqual(kiosks.flatMap((k) => [...k.withPhoto]).sort());

		const report = await server.superuser.send('/api/mingchu/ledger/verify', {
			query: { canteen: canteen.canteen.id, from: localDateOf(new Date(), DEFAULT_SETTINGS.utcOffsetMinutes), to: localDateOf(new Date(), DEFAULT_SETTINGS.utcOffsetMinutes) }
		});
		expect(report.problems, 'every kiosk’s chain verifies').toEqual([]);

		const staffOnServer = (await canteen.admin.collection('staff').getFullList()).map((s) => s.name).sort();
		const today = localDateOf(new Date(), DEFAULT_SETTINGS.utcOffsetMinutes);
		for (const kiosk of kiosks) {
			expect(await kiosk.db.outbox.count(), `${kiosk.name} has nothing left to send`).toBe(0);
			expect(await kiosk.db.photos.where('state').notEqual('uploaded').count(), `${kiosk.name}: every photo uploaded`).toBe(0);
			const local = await kiosk.db.morning_checks.toArray();
			expect(local.filter((check) => check.sync !== 'synced'), `${kiosk.name}: every check synced`).toEqual([]);
			const localToday = local.filter((check) => check.date === today).map((check) => check.id);
			expect(localToday.sort(), `${kiosk.name} sees every kiosk's checks of today`).toEqual(
				stored.filter((record) => record.date === today).map((record) => record.id).sort()
			);
			expect((await kiosk.db.staff.toArray()).map((s) => staffForCheck(s).name).sort(), `${kiosk.name} has the current staff`).toEqual(
				staffOnServer
			);
			expect((await kiosk.db.food_samples.toArray()).map((sample) => sample.id).sort(), `${kiosk.name} sees every kiosk's samples`).toEqual(
				[...samples].sort()
			);
			kiosk.db.close();
		}
	});
});
