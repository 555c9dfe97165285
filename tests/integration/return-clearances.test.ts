import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { healthyCheck } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

// Rules 7–8 and 13 through the sync route: an illness keeps a food handler out on the following days
// until a cleared-to-return entry, whatever they answer at the next check.
let server: TestServer;
let canteen: CanteenFixture;
let kiosk: PocketBase;
let uploads: KioskUploads;

const HOUR = 3_600_000;
/** An instant `hours` before now: the tests move through days without depending on the time of day. */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

async function check(staff: string, at: string, overrides: Record<string, unknown> = {}) {
	return (await uploads.upload('morning_checks', { ...healthyCheck({ staff, checked_at: at }), ...overrides })).result;
}

async function clearance(staff: string, at: string, overrides: Record<string, unknown> = {}) {
	return (await uploads.upload('return_clearances', { staff, cleared_at: at, cleared_by: '王建国', basis: '医院诊断证明：已痊愈', ...overrides })).result;
}

/** An edit of a person as an administrator or a tablet makes it: on the version it was read at. */
async function editStaff(pb: PocketBase, id: string, changes: Record<string, unknown>) {
	const { version } = await canteen.admin.collection('staff').getOne(id);
	return pb.collection('staff').update(id, { ...changes, version });
}

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, {
		staff: { 李秀英: {}, 周敏: {}, 赵磊: { role: '仓管员', food_contact: false, certificate_number: '', certificate_issued: '' } }
	});
	({ pb: kiosk } = await enrolKiosk(server, canteen));
	uploads = new KioskUploads(kiosk, { canteen: canteen.canteen.id, device: kiosk.authStore.record!.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('cleared to return (rules 7–8, 13)', () => {
	it('keeps a cook with diarrhoea out the next day until a clearance with its basis, then lets them work', async () => {
		const cook = canteen.staff['李秀英']!.id;
		const fellIll = ago(50);
		const ill = await check(cook, fellIll, { symptoms: ['diarrhoea'] });
		expect(ill.record).toMatchObject({ outcome: 'excluded' });
		const staff = await canteen.admin.collection('staff').getOne(cook);
		expect(Date.parse(staff.excluded_since.replace(' ', 'T'))).toBe(Date.parse(fellIll));

		// The next day, healthy by every answer: still out.
		const nextDay = await check(cook, ago(26));
		expect(nextDay.record).toMatchObject({ outcome: 'excluded' });
		expect(nextDay.record!.findings).toEqual([{ code: 'return.not_cleared', severity: 'exclude', params: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } }]);

		const withoutBasis = await clearance(cook, ago(25), { basis: ' ' });
		expect(withoutBasis.status).toBe('refused');
		expect(withoutBasis.error!.data.basis!.message).toContain('请填写复岗依据');
		expect(withoutBasis.error!.data.basis!.message).toContain('doctor’s certificate');

		const cleared = await clearance(cook, ago(24));
		expect(cleared.status).toBe('stored');
		expect(cleared.record).toMatchObject({ staff_name: '李秀英' });
		expect((await canteen.admin.collection('staff').getOne(cook)).excluded_since).toBe('');

		expect((await check(cook, ago(1))).record).toMatchObject({ outcome: 'fit', findings: [] });
	});

	it('does not put someone out again for an older check that arrives after their clearance (a tablet offline for days)', async () => {
		const cook = canteen.staff['周敏']!.id;
		const { pb: latePb } = await enrolKiosk(server, canteen);
		const lateTablet = new KioskUploads(latePb, { canteen: canteen.canteen.id, device: latePb.authStore.record!.id });
		await check(cook, ago(60), { symptoms: ['throat_inflammation'] });
		expect((await clearance(cook, ago(59))).status).toBe('stored');
		// The other tablet's check of the same morning reaches the server only now.
		const late = (await lateTablet.upload('morning_checks', { ...healthyCheck({ staff: cook, checked_at: ago(60.5) }), symptoms: ['diarrhoea'] })).result;
		expect(late.record).toMatchObject({ outcome: 'excluded' });
		expect((await canteen.admin.collection('staff').getOne(cook)).excluded_since).toBe('');
	});

	it('refuses a clearance for someone who is not out', async () => {
		const result = await clearance(canteen.staff['周敏']!.id, ago(1));
		expect(result.status).toBe('refused');
		expect(result.error!.data.staff!.code).toBe('return_not_out');
	});

	it('lets a storekeeper with a cut work, warned, and does not put them out (rule 8 bars food-contact posts)', async () => {
		const storekeeper = canteen.staff['赵磊']!.id;
		const cut = await check(storekeeper, ago(30), { symptoms: ['skin_wound'] });
		expect(cut.record).toMatchObject({ outcome: 'fit_with_warnings' });
		expect((await canteen.admin.collection('staff').getOne(storekeeper)).excluded_since).toBe('');
		expect((await check(storekeeper, ago(2))).record).toMatchObject({ outcome: 'fit' });
	});

	it('bars a food handler with a listed disease, reported at the check or on the health record, until cleared', async () => {
		const cook = canteen.staff['周敏']!.id;
		const reported = await check(cook, ago(40), { symptoms: ['hepatitis_a_e'] });
		expect(reported.record).toMatchObject({ outcome: 'excluded' });
		expect(reported.record!.findings).toContainEqual({ code: 'disease.hepatitis_a_e', severity: 'exclude' });
		expect((await clearance(cook, ago(39))).status).toBe('stored');

		// The health record says so: barred at every check, whatever is answered.
		await editStaff(canteen.admin, cook, { health_conditions: ['pulmonary_tuberculosis'] });
		const barred = await check(cook, ago(20));
		expect(barred.record!.findings).toEqual([{ code: 'disease.pulmonary_tuberculosis', severity: 'exclude' }]);
		expect((await clearance(cook, ago(19))).status).toBe('stored');
		expect((await canteen.admin.collection('staff').getOne(cook)).health_conditions).toEqual([]);
		expect((await check(cook, ago(3))).record).toMatchObject({ outcome: 'fit' });
	});

	it('refuses a disease not on the list, and never takes "out since" from a request', async () => {
		const cook = canteen.staff['周敏']!.id;
		await expect(editStaff(canteen.admin, cook, { health_conditions: ['hepatitis_b'] })).rejects.toMatchObject({
			response: { data: { health_conditions: { code: 'unknown_disease' } } }
		});
		await check(cook, ago(2), { temperature: 38.6 });
		const staff = await canteen.admin.collection('staff').getOne(cook);
		expect(staff.excluded_since).not.toBe('');
		// The oversight grid counts who is out, without a name.
		const grid = await canteen.admin.send('/api/mingchu/oversight/grid', { query: { from: chinaDate() } });
		const row = grid.canteens.find((c: { id: string }) => c.id === canteen.canteen.id);
		expect(row.exceptions.staff_out).toBe(1);
		expect(JSON.stringify(row)).not.toContain('周敏');
		// An administrator cannot wave someone back without the entry, nor a tablet either.
		for (const pb of [canteen.admin, kiosk]) {
			await editStaff(pb, cook, { excluded_since: '' });
			expect((await canteen.admin.collection('staff').getOne(cook)).excluded_since).toBe(staff.excluded_since);
		}
	});
});
