import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../fixtures/api';
import type PocketBase from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let other: CanteenFixture;
let kiosk: PocketBase;
let chain: TestChain;

function check(overrides: Record<string, unknown> = {}) {
	return chain.next({ id: newRecordId(), staff: canteen.staff['李秀英']!.id, ...overrides });
}

/** Sends one check and returns the server's answer for it. */
async function upload(record: unknown, pb = kiosk) {
	const [result] = await pushChecks(pb, [record]);
	return result!;
}

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, {
		staff: { 李秀英: {}, 张伟: { certificate_expires: chinaDate(-1) }, 赵磊: { role: '仓管员', food_contact: false, certificate_number: '', certificate_issued: '' } }
	});
	other = await createCanteenWithStaff(server, { name: '别的食堂', staff: { 陈静: {} } });
	({ pb: kiosk } = await enrolKiosk(server, canteen));
	chain = new TestChain({ canteen: canteen.canteen.id, device: kiosk.authStore.record!.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('the server re-checks every morning check', () => {
	it('refuses 55 °C with a field error in Chinese and English, and keeps the refusal for the administrator', async () => {
		const record = check({ temperature: 55 });
		const result = await upload(record);
		expect(result.status).toBe('refused');
		expect(result.error!.data.temperature!.code).toBe('temperature_out_of_range');
		expect(result.error!.data.temperature!.message).toContain('体温 55 ℃ 超出可测范围（34–42.5 ℃）');
		expect(result.error!.data.temperature!.message).toContain('outside the measurable range');
		expect(await kiosk.collection('morning_checks').getFullList({ filter: `id = "${record.id}"` })).toEqual([]);
		const kept = await canteen.admin.collection('refused_submissions').getFirstListItem(`record_id = "${record.id}"`);
		expect(kept).toMatchObject({ seq: record.seq, hash: record.hash, payload: { temperature: 55 } });
	});

	it('refuses a staff member of another canteen, or one that does not exist', async () => {
		for (const staff of [other.staff['陈静']!.id, 'nosuchstaff0000']) {
			const result = await upload(check({ staff }));
			expect(result.error!.data.staff!.code).toBe('staff_not_found');
			expect(result.error!.data.staff!.message).toContain('员工不存在或不属于本食堂');
		}
	});

	it('refuses a failed hygiene item without the correction made', async () => {
		const result = await upload(check({ attire_ok: false }));
		expect(result.error!.data.correction!.code).toBe('correction_required');
	});

	it('stores its own verdict, whatever the kiosk claimed', async () => {
		const result = await upload(check({ temperature: 38.2, outcome: 'fit', findings: [], staff_name: '冒名', date: '2001-01-01' }));
		expect(result.status).toBe('stored');
		expect(result.record).toMatchObject({ outcome: 'excluded', staff_name: '李秀英', date: chinaDate() });
		expect(result.record!.findings).toEqual([{ code: 'symptom.fever', severity: 'exclude', params: { temperature: 38.2 } }]);
	});

	it('excludes a food handler whose certificate has expired', async () => {
		const result = await upload(check({ staff: canteen.staff['张伟']!.id }));
		expect(result.record).toMatchObject({ outcome: 'excluded', findings: [expect.objectContaining({ code: 'certificate.expired' })] });
	});

	it('lets a storekeeper with a fever work, warned, and raises no exclusion (rule 8: food-contact posts)', async () => {
		const result = await upload(check({ staff: canteen.staff['赵磊']!.id, temperature: 38.4 }));
		expect(result.record).toMatchObject({ outcome: 'fit_with_warnings' });
		expect(result.record!.findings).toEqual([
			{ code: 'symptom.fever', severity: 'warn', params: { temperature: 38.4 } },
			{ code: 'post.not_food_contact', severity: 'warn' }
		]);
	});

	it('refuses a health certificate dated after today, in Chinese and English (issue 15)', async () => {
		const future = await refusal(canteen.admin.collection('staff').create({ canteen: canteen.canteen.id, name: '孙丽', active: true, food_contact: true, certificate_number: '健2026-0311', certificate_issued: chinaDate(1) }));
		expect(future.response.data.certificate_issued.message).toContain('发证日期不能晚于今天');
		expect(future.response.data.certificate_issued.message).toContain('cannot be after today');
	});
});

describe('the kiosk sync route', () => {
	it('stores each record once, answers a retry as a duplicate, and refuses one without blocking the rest', async () => {
		const first = check();
		const refused = check({ temperature: 55 });
		const last = check({ staff: canteen.staff['张伟']!.id });
		const results = await pushChecks(kiosk, [first, refused, last]);
		expect(results.map((r) => [r.id, r.status])).toEqual([
			[first.id, 'stored'],
			[refused.id, 'refused'],
			[last.id, 'stored']
		]);
		expect(results[1]!.error!.data.temperature!.message).toContain('体温 55 ℃ 超出可测范围');

		const retried = await pushChecks(kiosk, [first, refused, last]);
		expect(retried.map((r) => r.status)).toEqual(['duplicate', 'refused', 'duplicate']);
		expect(retried[1]!.error!.data.temperature!.message).toContain('体温 55 ℃ 超出可测范围');
		const stored = await kiosk.collection('morning_checks').getFullList({ filter: `id = "${first.id}" || id = "${refused.id}" || id = "${last.id}"` });
		expect(stored.map((r) => r.id).sort()).toEqual([first.id, last.id].sort());
		expect(await canteen.admin.collection('refused_submissions').getFullList({ filter: `record_id = "${refused.id}"` })).toHaveLength(1);
	});

	it('refuses a different record sent under an id already stored, instead of calling it a duplicate', async () => {
		const first = check();
		await upload(first);
		const reuse = check({ id: first.id, temperature: 36.8 });
		const result = await upload(reuse);
		expect(result.status).toBe('refused');
		expect(result.error!.data.id!.code).toBe('id_reused');
		expect(result.error!.data.id!.message).toContain('记录编号已被本平板的另一条内容不同的记录使用');
	});

	it('refuses a record made for another canteen or tablet: the hash was made over other values', async () => {
		const forged = new TestChain({ canteen: other.canteen.id, device: 'someotherdevice' }).next({
			id: newRecordId(),
			staff: canteen.staff['李秀英']!.id
		});
		const result = await upload(forged);
		expect(result.status).toBe('refused');
		expect(result.error!.data.hash!.code).toBe('hash_mismatch');
		expect(await kiosk.collection('morning_checks').getFullList({ filter: `id = "${forged.id}"` })).toEqual([]);
	});

	it('refuses a record changed after the kiosk hashed it, and one without a chain place', async () => {
		const altered = { ...check(), temperature: 36.9 };
		expect((await upload(altered)).error!.data.hash!.code).toBe('hash_mismatch');
		const { seq: _seq, hash: _hash, prev_hash: _prev, ...unchained } = check();
		expect((await upload(unchained)).error!.data.seq!.code).toBe('chain_missing');
	});

	it('refuses another tablet reusing an id, and anyone not signed in as a kiosk', async () => {
		const record = check();
		await upload(record);
		const { pb: second } = await enrolKiosk(server, canteen);
		const secondChain = new TestChain({ canteen: canteen.canteen.id, device: second.authStore.record!.id });
		const result = await upload(secondChain.next({ ...record, id: record.id }), second);
		expect(result.status).toBe('refused');
		expect(result.error!.data.id!.code).toBe('not_this_device');
		expect((await refusal(pushChecks(canteen.admin, [check()]))).status).toBe(403);
	});
});
