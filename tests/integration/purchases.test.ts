// 进货查验: the server re-checks every delivery with the rule book (rules 19–22, 24) against the supplier
// it holds, whoever sends it; suppliers are shared data under the version rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientResponseError } from 'pocketbase';
import { addMonthsTo, type PurchaseLine } from '$lib/domain';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: KioskUploads;
let supplierId: string;

const supplierFields = (overrides: Record<string, unknown> = {}) => ({
	canteen: canteen.canteen.id,
	name: '示范县鲜肉配送有限公司',
	credit_code: '91360000MA00000000',
	licence_number: 'JY13601000000001',
	licence_expires: chinaDate(200),
	contact: '孙经理',
	phone: '13800000001',
	address: '示范县屠宰场路 1 号',
	categories: ['pork'],
	active: true,
	...overrides
});
const pork = (overrides: Partial<PurchaseLine> = {}): PurchaseLine => ({
	name: '猪后腿肉',
	spec: '散装',
	quantity: 20,
	unit: 'kg',
	category: 'pork',
	imported: false,
	production_date: chinaDate(),
	batch: '',
	shelf_life_days: 3,
	expiry_date: '',
	...overrides
});
const allPorkDocuments = ['supplier_licence', 'inspection_proof', 'animal_quarantine', 'meat_quality', 'asf_report'].map((kind) => ({ kind, number: `${kind}-001`, photographed: false }));
const delivery = (lines: PurchaseLine[], documents = allPorkDocuments, supplier = supplierId) => ({
	supplier,
	delivered_at: new Date().toISOString(),
	received_by: '王建国',
	lines,
	documents,
	photo_sha256: '',
	entered_at: new Date().toISOString()
});

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 王建国: {} } });
	const { pb, enrolment } = await enrolKiosk(server, canteen);
	kiosk = new KioskUploads(pb, { canteen: canteen.canteen.id, device: enrolment.device.id });
	supplierId = (await canteen.admin.collection('suppliers').create(supplierFields())).id;
});

afterAll(async () => {
	await server?.dispose();
});

describe('suppliers', () => {
	it('refuses one without a licence date or with a malformed credit code; edits follow the version rule', async () => {
		const wrong = (await canteen.admin.collection('suppliers').create(supplierFields({ licence_expires: '', credit_code: '123' })).catch((e) => e)) as ClientResponseError;
		expect(Object.keys(wrong.response.data).sort()).toEqual(['credit_code', 'licence_expires']);
		await canteen.admin.collection('suppliers').update(supplierId, { phone: '13900000001', version: 1 });
		const stale = (await canteen.admin.collection('suppliers').update(supplierId, { phone: '1', version: 1 }).catch((e) => e)) as ClientResponseError;
		expect(stale.status).toBe(409);
	});
});

describe('deliveries on the server', () => {
	it('refuses pork without the ASF report, expired goods and nitrite, each with its reason', async () => {
		const noAsf = await kiosk.upload('purchases', delivery([pork()], allPorkDocuments.filter((d) => d.kind !== 'asf_report')));
		expect(noAsf.result.status).toBe('refused');
		expect(Object.keys(noAsf.result.error!.data)).toEqual(['documents.asf_report']);
		const expired = await kiosk.upload('purchases', delivery([pork({ production_date: chinaDate(-5), shelf_life_days: 3 })]));
		expect(expired.result.error!.data['lines.0.expiry_date']!.message).toContain('不得收货');
		const nitrite = await kiosk.upload('purchases', delivery([pork({ name: '亚硝酸钠', category: 'additive' })]));
		expect(nitrite.result.error!.data['lines.0.name']!.message).toContain('亚硝酸盐禁止');
	});

	it('refuses a supplier whose licence has expired, and one of another canteen', async () => {
		const lapsed = (await canteen.admin.collection('suppliers').create(supplierFields({ name: '过期供货商', licence_expires: chinaDate(-1) }))).id;
		const refused = await kiosk.upload('purchases', delivery([pork()], allPorkDocuments, lapsed));
		expect(refused.result.error!.data.supplier!.message).toContain('许可证已于');
		const other = await createCanteenWithStaff(server, { name: '别的食堂' });
		const theirs = (await other.admin.collection('suppliers').create({ ...supplierFields(), canteen: other.canteen.id })).id;
		expect((await kiosk.upload('purchases', delivery([pork()], allPorkDocuments, theirs))).result.status).toBe('refused');
	});

	it('stores a complete delivery with its warnings, the supplier as it was, and the day it must be kept until', async () => {
		const { result } = await kiosk.upload('purchases', delivery([pork()]));
		expect(result.status).toBe('stored');
		expect(result.record).toMatchObject({
			date: chinaDate(),
			findings: [{ code: 'purchase.expiring', params: { name: '猪后腿肉', days: 3 } }],
			supplier_snapshot: { name: '示范县鲜肉配送有限公司', licence_number: 'JY13601000000001' },
			retain_until: addMonthsTo(chinaDate(3), 6)
		});
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});
});
