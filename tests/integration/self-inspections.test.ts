// 自查: checklists are shared data under the version rule; the server re-checks every round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: KioskUploads;

const round = (results: unknown[]) => ({
	template: '开餐前自查',
	kind: 'opening',
	results,
	inspected_at: new Date().toISOString(),
	inspected_by: '王建国'
});

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 王建国: {} } });
	const { pb, enrolment } = await enrolKiosk(server, canteen);
	kiosk = new KioskUploads(pb, { canteen: canteen.canteen.id, device: enrolment.device.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('self-inspection checklists', () => {
	it('refuses one without items and an edit made on an older version', async () => {
		const templates = canteen.admin.collection('inspection_templates');
		const empty = await templates.create({ canteen: canteen.canteen.id, name: '周自查', kind: 'weekly', items: [], active: true }).catch((e: ClientResponseError) => e);
		expect((empty as ClientResponseError).status).toBe(400);
		const weekly = await templates.create({ canteen: canteen.canteen.id, name: '周自查', kind: 'weekly', items: ['排水沟清理'], active: true });
		await templates.update(weekly.id, { items: ['排水沟清理', '灭蝇灯检查'], version: 1 });
		const stale = await templates.update(weekly.id, { name: '每周自查', version: 1 }).catch((e: ClientResponseError) => e);
		expect((stale as ClientResponseError).status).toBe(409);
	});
});

describe('self-inspection rounds on the server', () => {
	it('refuses a failed item without its corrective action, sent straight to the API', async () => {
		const { result } = await kiosk.upload('self_inspections', round([{ item: '防鼠设施完好', ok: false, action: '', action_by: '' }]));
		expect(result.status).toBe('refused');
		expect(result.error!.data.results!.message).toContain('“防鼠设施完好”不合格：请填写整改措施和整改人后再保存');
	});

	it('stores a round with a handled failure as a finding, and the chain verifies with the results stored as JSON', async () => {
		const { result } = await kiosk.upload(
			'self_inspections',
			round([
				{ item: '地面清洁', ok: true, action: '', action_by: '' },
				{ item: '防鼠设施完好', ok: false, action: '已更换挡鼠板', action_by: '王建国' }
			])
		);
		expect(result.status).toBe('stored');
		expect(result.record).toMatchObject({ findings: [{ code: 'inspection.failed', params: { count: 1, items: '防鼠设施完好' } }] });
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});
});
