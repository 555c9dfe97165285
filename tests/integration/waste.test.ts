// 餐厨废弃物: the server re-checks every hand-over (rules 26–27) against the collector it knows, and the
// collectors list is shared data under the version rule.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { DEFAULT_SETTINGS } from '$lib/domain';
import { KitchenDb } from '$lib/db/schema';
import { createPocketBase } from '$lib/pb/client';
import { preparePhoto } from '$lib/repos/ledger';
import { recordWasteHandover } from '$lib/repos/waste';
import { SyncEngine } from '$lib/sync/engine';
import { createWasteCollector } from '../../server/provision.mjs';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: KioskUploads;
let enrolment: Awaited<ReturnType<typeof enrolKiosk>>['enrolment'];

const SIGNATURE_DIGEST = 'a'.repeat(64);
const collectorFields = (overrides: Record<string, unknown> = {}) => ({
	name: '绿源再生资源公司',
	licence_number: '餐废收运 2026-017',
	licence_expires: chinaDate(300),
	contract_expires: chinaDate(200),
	contact: '赵师傅',
	phone: '13800000017',
	address: '城东工业园 8 号',
	...overrides
});
const handover = (collector: string, overrides: Record<string, unknown> = {}) => ({
	waste_type: 'food_waste',
	weight_kg: 35.5,
	collector,
	destination: '无害化处理',
	handed_at: new Date().toISOString(),
	handed_by: '李秀英',
	receiver: '赵师傅',
	photo_sha256: SIGNATURE_DIGEST,
	entered_at: new Date().toISOString(),
	...overrides
});

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 李秀英: {} } });
	const enrolled = await enrolKiosk(server, canteen);
	enrolment = enrolled.enrolment;
	kiosk = new KioskUploads(enrolled.pb, { canteen: canteen.canteen.id, device: enrolment.device.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('waste collectors (shared data)', () => {
	it('refuses a collector without a phone, in Chinese and English', async () => {
		const error = await createWasteCollector(canteen.admin, canteen.canteen.id, collectorFields({ phone: '' })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ClientResponseError);
		expect((error as ClientResponseError).response.data.phone.message).toBe('必填 / Required.');
	});

	it('refuses an edit made on an older version (409) instead of overwriting the newer one', async () => {
		const created = await createWasteCollector(canteen.admin, canteen.canteen.id, collectorFields({ name: '老城回收站' }));
		await canteen.admin.collection('waste_collectors').update(created.id, { phone: '13900000000', version: 1 });
		const stale = await canteen.admin
			.collection('waste_collectors')
			.update(created.id, { contact: '孙师傅', version: 1 })
			.catch((e: ClientResponseError) => e);
		expect((stale as ClientResponseError).status).toBe(409);
		expect((await canteen.admin.collection('waste_collectors').getOne(created.id)).phone).toBe('13900000000');
	});
});

describe('the server re-checks waste hand-overs', () => {
	it('refuses a hand-over without the receiver’s signature', async () => {
		const collector = await createWasteCollector(canteen.admin, canteen.canteen.id, collectorFields());
		const { result } = await kiosk.upload('waste_handovers', handover(collector.id, { photo_sha256: '' }));
		expect(result.status).toBe('refused');
		expect(result.error!.data.signature!.message).toContain('缺少收运人签名');
	});

	it('refuses a hand-over to a collector whose contract ended yesterday, accepts one ending today with a warning', async () => {
		const ended = await createWasteCollector(canteen.admin, canteen.canteen.id, collectorFields({ contract_expires: chinaDate(-1) }));
		const refused = await kiosk.upload('waste_handovers', handover(ended.id));
		expect(refused.result.status).toBe('refused');
		expect(refused.result.error!.data.collector!.message).toContain(`合同已于 ${chinaDate(-1)} 到期，不能交接`);

		const lastDay = await createWasteCollector(canteen.admin, canteen.canteen.id, collectorFields({ contract_expires: chinaDate() }));
		const stored = await kiosk.upload('waste_handovers', handover(lastDay.id));
		expect(stored.result.status).toBe('stored');
		expect(stored.result.record).toMatchObject({
			weight_kg: 35.5,
			findings: [{ code: 'waste.contract_expiring', params: { date: chinaDate(), days: 0 } }],
			collector_snapshot: { name: '绿源再生资源公司', licence_number: '餐废收运 2026-017' }
		});
	});

	it('refuses a collector of another canteen', async () => {
		const other = await createCanteenWithStaff(server, { name: '别的食堂' });
		const theirs = await createWasteCollector(other.admin, other.canteen.id, collectorFields());
		const { result } = await kiosk.upload('waste_handovers', handover(theirs.id));
		expect(result.status).toBe('refused');
		expect(result.error!.data.collector).toBeDefined();
	});

	it('goes up from the tablet with the drawn signature, once, and the ledger verifies', async () => {
		const collector = await createWasteCollector(canteen.admin, canteen.canteen.id, collectorFields({ name: '油脂回收站' }));
		const db = new KitchenDb('waste-kiosk');
		const second = await enrolKiosk(server, canteen);
		const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
		const saved = await recordWasteHandover({
			db,
			settings: DEFAULT_SETTINGS,
			canteen: canteen.canteen.id,
			device: second.enrolment.device.id,
			input: { ...handover(collector.id), waste_type: 'waste_oil' } as never,
			collector: { ...collector, active: true } as never,
			signature: await preparePhoto(new Blob([png], { type: 'image/png' }))
		});
		expect(saved.ok).toBe(true);
		const engine = new SyncEngine({ db, pb: createPocketBase({ baseUrl: server.server.url, authKey: 'waste' }), enrolment: second.enrolment });
		expect(await engine.sync()).toEqual({ sent: 1, refused: 0 });
		await engine.sync();
		const photos = await server.superuser.collection('evidence_photos').getFullList({ filter: `ledger = "waste_handovers"` });
		expect(photos).toHaveLength(1);
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});
});
