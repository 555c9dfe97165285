// Oversight (issue 13) against the real server: who sees which canteens, the district grid a regulator
// scans, and the alert loop (raise → answer → accept/reopen → cards) with the server's clock moved by
// the test, never by waiting.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { refusal, statusOf } from '../fixtures/api';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { healthyCheck } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, createUser, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { client, createOrganisation } from '../../server/provision.mjs';

let server: TestServer;
let a: CanteenFixture;
let b: CanteenFixture;
let c: CanteenFixture;
let kiosk: KioskUploads;
let kioskPb: PocketBase;
let orgAdmin: PocketBase;
let county: PocketBase;
let otherCounty: PocketBase;

type Grid = {
	canteens: {
		id: string;
		name: string;
		ledgers: Record<string, { required: boolean; records: number; done: number; late: number; missing: number; pending: number; state: string }>;
		exceptions: Record<string, number>;
		completeness: number | null;
	}[];
};
const grid = (pb: PocketBase, query: Record<string, string>) => pb.send<Grid>('/api/mingchu/oversight/grid', { query });
const noonOf = (day: string) => new Date(`${day}T12:00:00+08:00`).toISOString();
const DAY_MS = 24 * 3600_000;

beforeAll(async () => {
	server = await startTestServer();
	const organisation = await createOrganisation(server.superuser, { name: '兴庆教育集团' });
	a = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 张伟: {}, 李秀英: {} }, district: '640104', organisation: organisation.id });
	b = await createCanteenWithStaff(server, { name: '第二幼儿园食堂', district: '640104', organisation: organisation.id });
	c = await createCanteenWithStaff(server, { name: '大武口养老院食堂', district: '640202' });
	const enrolled = await enrolKiosk(server, a);
	kioskPb = enrolled.pb;
	kiosk = new KioskUploads(enrolled.pb, { canteen: a.canteen.id, device: enrolled.enrolment.device.id });
	orgAdmin = (await createUser(server, { role: 'org_admin', organisations: [organisation.id] })).pb;
	county = (await createUser(server, { role: 'regulator', district: '640104', name: '兴庆区监管员' })).pb;
	otherCounty = (await createUser(server, { role: 'regulator', district: '640202' })).pb;
}, 60_000);

afterAll(async () => {
	await server?.dispose();
});

describe('who sees which canteens', () => {
	it('gives each role its own canteens in the grid: manager one, organisation both, regulators their district', async () => {
		const names = async (pb: PocketBase) => (await grid(pb, { from: chinaDate(), to: chinaDate() })).canteens.map((x) => x.name).sort();
		expect(await names(a.admin)).toEqual(['实验小学食堂']);
		expect(await names(orgAdmin)).toEqual(['实验小学食堂', '第二幼儿园食堂']);
		expect(await names(county)).toEqual(['实验小学食堂', '第二幼儿园食堂']);
		expect(await names(otherCounty)).toEqual(['大武口养老院食堂']);
		const city = (await createUser(server, { role: 'regulator', district: '640100' })).pb;
		expect(await names(city)).toEqual(['实验小学食堂', '第二幼儿园食堂']);
		const province = (await createUser(server, { role: 'regulator', district: '640000' })).pb;
		expect(await names(province)).toEqual(['大武口养老院食堂', '实验小学食堂', '第二幼儿园食堂'].sort());
	});

	it('lets nobody widen their own reach, and gives a regulator no canteen to write to', async () => {
		const self = a.admin.authStore.record!.id;
		for (const change of [{ role: 'regulator', district: '640000' }, { canteens: [a.canteen.id, c.canteen.id] }, { organisations: [] }, { district: '640000' }]) {
			expect([400, 403, 404]).toContain(await statusOf(a.admin.collection('users').update(self, change)));
		}
		const regulator = await createUser(server, { role: 'regulator', district: '640104', canteens: [a.canteen.id] });
		expect((await server.superuser.collection('users').getOne(regulator.id)).canteens).toEqual([]);
		const staff = await statusOf(regulator.pb.collection('staff').create({ canteen: a.canteen.id, name: '冒名', active: true }));
		expect(staff).toBe(400);
		expect(await statusOf(county.collection('staff').getFirstListItem(`canteen = "${a.canteen.id}"`))).toBe(404);
		const noDistrict = await refusal(createUser(server, { role: 'regulator' }));
		expect(noDistrict.message).toContain('6 位行政区划代码');
	});
});

describe('the district grid', () => {
	it('counts done, 补录 and missing days per ledger, and the exceptions without a name in it', async () => {
		const [twoDaysAgo, today] = [chinaDate(-2), chinaDate()];
		const reading = (read_at: string) => ({ unit: '冷藏柜', kind: 'refrigerator', temperature_c: 4, read_at, read_by: '陈静', reason: '', accepted_by: '', entered_at: new Date().toISOString() });
		expect((await kiosk.upload('cold_readings', reading(noonOf(twoDaysAgo)))).result.status).toBe('stored');
		expect((await kiosk.upload('cold_readings', reading(new Date().toISOString()))).result.status).toBe('stored');
		// One kiosk, one chain across its ledgers.
		const excluded = await kiosk.upload('morning_checks', healthyCheck({ staff: a.staff['张伟']!.id, temperature: 38.2 }));
		const fit = await kiosk.upload('morning_checks', healthyCheck({ staff: a.staff['李秀英']!.id }));
		expect([excluded.result.status, fit.result.status]).toEqual(['stored', 'stored']);

		const seen = await grid(county, { from: twoDaysAgo, to: today });
		const row = seen.canteens.find((x) => x.id === a.canteen.id)!;
		// Two days ago kept only by 补录, yesterday nothing, today in time.
		expect(row.ledgers.cold_readings).toMatchObject({ required: true, records: 2, late: 1, missing: 1, done: 1, state: 'missing' });
		expect(row.ledgers.morning_checks).toMatchObject({ done: 1, missing: 2, state: 'missing' });
		expect(row.ledgers.purchases).toMatchObject({ required: false, state: 'not_required' });
		expect(row.exceptions.excluded).toBe(1);
		const other = seen.canteens.find((x) => x.id === b.canteen.id)!;
		expect(other.ledgers.morning_checks).toMatchObject({ done: 0, missing: 2, pending: 1 });
		expect(JSON.stringify(seen)).not.toContain('张伟');
		expect(JSON.stringify(seen)).not.toContain('38.2');

		const day = await grid(a.admin, { from: today, to: today });
		expect(day.canteens[0]!.ledgers.cold_readings!.state).toBe('done');
		expect(day.canteens[0]!.ledgers.food_samples!.state).toBe('pending');
	});

	it('keeps its day summary equal to the records: a void takes a record off its day, a recount changes nothing', async () => {
		const cells = async () => (await grid(a.admin, { from: chinaDate(-2), to: chinaDate() })).canteens[0]!.ledgers;
		const before = await cells();
		const [latest] = await a.admin.collection('cold_readings').getFullList({ sort: '-read_at' });
		const voided = await kiosk.upload('voids', { ledger: 'cold_readings', record_id: latest!.id, reason: '读错了柜子', voided_by: '陈静', voided_at: new Date().toISOString() });
		expect(voided.result.status).toBe('stored');
		const after = await cells();
		expect(after.cold_readings).toMatchObject({ records: before.cold_readings!.records - 1, done: before.cold_readings!.done - 1, pending: 1 });
		await server.superuser.send('/api/mingchu/oversight/rebuild-days', { method: 'POST', body: {} });
		expect(await cells()).toEqual(after);
	});

	it('refuses a range it cannot read and a district that is not a code, in Chinese and English', async () => {
		const backwards = await refusal(grid(county, { from: chinaDate(), to: chinaDate(-3) }));
		expect(backwards.status).toBe(400);
		expect(backwards.message).toContain('请选择有效的日期范围');
		expect(backwards.message).toContain('Choose a valid date range');
		expect((await refusal(grid(county, { from: chinaDate(), district: '6401' }))).status).toBe(400);
		expect((await refusal(client(server.server.url).send('/api/mingchu/oversight/grid', { query: { from: chinaDate() } }))).status).toBe(401);
	});
});

describe('the alert loop', () => {
	let excludedAlert: { id: string };

	it('raises one 二类 alert for an exclusion, seen by the manager and by the county, not by another county', async () => {
		const alerts = await a.admin.collection('alerts').getFullList({ filter: `kind = "staff.excluded"` });
		expect(alerts).toHaveLength(1);
		excludedAlert = alerts[0]!;
		expect(alerts[0]).toMatchObject({ grade: 2, state: 'open', source: 'ledger', record_collection: 'morning_checks', summary: { code: 'staff.excluded', params: { reasons: 'symptom.fever' } } });
		expect(JSON.stringify(alerts[0])).not.toContain('张伟');
		expect((await county.collection('alerts').getOne(excludedAlert.id)).kind).toBe('staff.excluded');
		expect(await statusOf(otherCounty.collection('alerts').getOne(excludedAlert.id))).toBe(404);

		// A retried upload of the same check is a duplicate and raises nothing new.
		const check = await server.superuser.collection('morning_checks').getOne(alerts[0]!.record_id);
		const retry = await kioskPb.send<{ results: { status: string }[] }>('/api/mingchu/sync/morning_checks', { method: 'POST', body: { records: [check] } });
		expect(retry.results[0]!.status).toBe('duplicate');
		expect(await a.admin.collection('alerts').getFullList({ filter: `record_id = "${check.id}"` })).toHaveLength(1);

		const warm = await kiosk.upload('cold_readings', { unit: '留样柜', kind: 'sample_fridge', temperature_c: 9, read_at: new Date().toISOString(), read_by: '陈静', reason: '已调低温度', accepted_by: '王建国' });
		expect(warm.result.status).toBe('stored');
		expect((await a.admin.collection('alerts').getFullList({ filter: `record_id = "${warm.record.id}"` })).map((x) => x.kind)).toEqual(['cold.out_of_range']);
	});

	it('takes the manager answer with a photo, leaves 二类 to the regulator, who reopens or accepts', async () => {
		const answer = (pb: PocketBase, fields: Record<string, string>, photo?: Blob) => {
			const form = new FormData();
			for (const [key, value] of Object.entries(fields)) form.append(key, value);
			if (photo) form.append('photo', photo, 'rectified.png');
			return pb.send(`/api/mingchu/alerts/${excludedAlert.id}/answer`, { method: 'POST', body: form });
		};
		const incomplete = await refusal(answer(a.admin, { note: '' }));
		expect(incomplete.message).toContain('请补全整改反馈');
		const fake = await refusal(answer(a.admin, { note: '已调岗', done_by: '王建国' }, new Blob(['not an image'], { type: 'image/png' })));
		expect(fake.message).toContain('JPEG/PNG');
		expect((await refusal(answer(otherCounty, { note: 'x', done_by: 'x' }))).status).toBe(404);

		const png = await readFile(new URL('../../static/icon-192.png', import.meta.url));
		await answer(a.admin, { note: '张伟已调离接触直接入口食品岗位，待康复后凭证明返岗', done_by: '王建国' }, new Blob([png], { type: 'image/png' }));
		const review = (pb: PocketBase, body: Record<string, string>) => pb.send(`/api/mingchu/alerts/${excludedAlert.id}/review`, { method: 'POST', body });
		const byManager = await refusal(review(a.admin, { decision: 'accept' }));
		expect(byManager.status).toBe(403);
		expect(byManager.message).toContain('由监管部门验收');
		expect((await refusal(review(otherCounty, { decision: 'accept' }))).status).toBe(404);
		expect((await refusal(review(county, { decision: 'reopen' }))).message).toContain('退回时请说明原因');
		await review(county, { decision: 'reopen', note: '请补充返岗证明' });
		expect((await a.admin.collection('alerts').getOne(excludedAlert.id)).state).toBe('open');
		await answer(a.admin, { note: '已补充医院证明', done_by: '王建国' });
		await review(county, { decision: 'accept', note: '同意' });

		const steps = await a.admin.collection('alert_steps').getFullList({ filter: `alert = "${excludedAlert.id}"`, sort: 'at,created' });
		expect(steps.map((s) => s.action)).toEqual(['raised', 'answered', 'reopened', 'answered', 'accepted']);
		expect(steps[1]).toMatchObject({ done_by: '王建国', by_name: expect.stringContaining('管理员') });
		expect(steps[1]!.photo).not.toBe('');
		expect(steps[4]!.by_name).toBe('兴庆区监管员');
		expect((await a.admin.collection('alerts').getOne(excludedAlert.id)).state).toBe('closed');
	});

	it('gives an alert still open after its due time a yellow card, five days later a red one, and counts it', async () => {
		const [warm] = await a.admin.collection('alerts').getFullList({ filter: `kind = "cold.out_of_range"` });
		const due = Date.parse(warm!.due_at.replace(' ', 'T'));
		const escalate = (at: number) => server.superuser.send('/api/mingchu/alerts/escalate', { method: 'POST', body: { now: new Date(at).toISOString() } });
		await escalate(due - 60_000);
		expect((await a.admin.collection('alerts').getOne(warm!.id)).card).toBe('');
		await escalate(due + DAY_MS);
		expect((await a.admin.collection('alerts').getOne(warm!.id)).card).toBe('yellow');
		await escalate(due + 6 * DAY_MS);
		expect((await a.admin.collection('alerts').getOne(warm!.id)).card).toBe('red');
		// The closed exclusion earns nothing, however late the clock.
		expect((await a.admin.collection('alerts').getOne(excludedAlert.id)).card).toBe('');
		const steps = await a.admin.collection('alert_steps').getFullList({ filter: `alert = "${warm!.id}"`, sort: 'at' });
		expect(steps.map((s) => s.action)).toEqual(['raised', 'yellow_card', 'red_card']);
		const row = (await grid(county, { from: chinaDate(), to: chinaDate() })).canteens.find((x) => x.id === a.canteen.id)!;
		expect(row.exceptions).toMatchObject({ red_cards: 1, open_alerts: 1, cold_out_of_range: 1, overrides: 1 });
	});

	it('keeps 三类 with the canteen: the regulator does not see it, the manager closes it', async () => {
		const refused = await kiosk.upload('morning_checks', healthyCheck({ staff: a.staff['李秀英']!.id, temperature: 55 }));
		expect(refused.result.status).toBe('refused');
		const [routine] = await a.admin.collection('alerts').getFullList({ filter: `kind = "ledger.refused"` });
		expect(routine).toMatchObject({ grade: 3, summary: { params: { ledger: 'morning_checks' } } });
		expect(await statusOf(county.collection('alerts').getOne(routine!.id))).toBe(404);
		const form = new FormData();
		form.append('note', '已提醒晨检员核对体温计');
		form.append('done_by', '王建国');
		await a.admin.send(`/api/mingchu/alerts/${routine!.id}/answer`, { method: 'POST', body: form });
		await orgAdmin.send(`/api/mingchu/alerts/${routine!.id}/review`, { method: 'POST', body: { decision: 'accept' } });
		expect((await a.admin.collection('alerts').getOne(routine!.id)).state).toBe('closed');
	});
});
