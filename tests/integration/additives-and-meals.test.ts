// Additive uses (rules 23–25) and accompanied meals (rule 33) re-checked by the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, registerAdditive, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: KioskUploads;

const use = (overrides: Record<string, unknown> = {}) => ({
	additive: '食用碱',
	batch: '20261101',
	food: '碱水面',
	amount: 12,
	unit: 'g',
	used_at: new Date().toISOString(),
	used_by: '刘芳',
	...overrides
});

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 刘芳: {} } });
	await registerAdditive(canteen, '食用碱');
	const { pb, enrolment } = await enrolKiosk(server, canteen);
	kiosk = new KioskUploads(pb, { canteen: canteen.canteen.id, device: enrolment.device.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('additive uses on the server', () => {
	it('refuses an additive that is not on the canteen’s register (添加剂备案), and nitrite on the register itself', async () => {
		const { result } = await kiosk.upload('additive_uses', use({ additive: '小苏打' }));
		expect(result.status).toBe('refused');
		expect(result.error!.data.additive!.message).toContain('“小苏打”不在本食堂的添加剂备案中');
		// Registered however it is typed.
		expect((await kiosk.upload('additive_uses', use({ additive: ' 食用 碱 ' }))).result.status).toBe('stored');
		await expect(registerAdditive(canteen, '亚硝酸钠')).rejects.toMatchObject({ response: { data: { name: { code: 'additive_nitrite_banned' } } } });
	});

	it('refuses nitrite sent straight to the API, in Chinese and English', async () => {
		const { result } = await kiosk.upload('additive_uses', use({ additive: '亚硝酸钠' }));
		expect(result.status).toBe('refused');
		expect(result.error!.data.additive!.message).toBe('亚硝酸盐禁止在餐饮服务中采购、贮存和使用 / Nitrite may not be bought, stored or used in catering');
	});

	it('refuses nitrite however it is typed: traditional characters, full-width letters, its E-number (issue 15)', async () => {
		for (const additive of ['亞硝酸鈉', 'ＮａＮＯ２', 'E250']) {
			const { result } = await kiosk.upload('additive_uses', use({ additive }));
			expect(result.status, additive).toBe('refused');
			expect(result.error!.data.additive!.message).toContain('亚硝酸盐禁止');
		}
	});

	it('refuses a record without its batch', async () => {
		const { result } = await kiosk.upload('additive_uses', use({ batch: '' }));
		expect(result.status).toBe('refused');
		expect(result.error!.data.batch).toBeDefined();
	});

	it('stores a complete record, warning while no one is responsible for additives, and not once someone is', async () => {
		const warned = await kiosk.upload('additive_uses', use());
		expect(warned.result.status).toBe('stored');
		expect(warned.result.record).toMatchObject({ findings: [{ code: 'additive.no_keeper' }], amount: 12 });
		await server.superuser.collection('canteens').update(canteen.canteen.id, { settings: { additives: { keeper: '王建国' } } });
		const kept = await kiosk.upload('additive_uses', use());
		expect(kept.result.record).toMatchObject({ findings: [] });
	});
});

describe('accompanied meals on the server', () => {
	it('stores who ate with the students at which meal, refuses one without a name, and the ledger verifies', async () => {
		const meal = { meal: 'lunch', companion: '张校长', companion_role: '校长', eaten_at: new Date().toISOString(), remarks: '饭菜温度合适，学生反映米饭偏硬', recorded_by: '张校长' };
		const stored = await kiosk.upload('accompanied_meals', meal);
		expect(stored.result.status).toBe('stored');
		expect(stored.result.record).toMatchObject({ companion: '张校长', date: chinaDate() });
		const nameless = await kiosk.upload('accompanied_meals', { ...meal, companion: '' });
		expect(nameless.result.status).toBe('refused');
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});
});
