// Regulator inspections and inspector links (issue 13) against the real server.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { refusal, statusOf } from '../fixtures/api';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { healthyCheck } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, createUser, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { client } from '../../server/provision.mjs';

let server: TestServer;
let school: CanteenFixture;
let other: CanteenFixture;
let county: PocketBase;
let otherCounty: PocketBase;
let inspection: string;

beforeAll(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '实验小学食堂', district: '640104', staff: { 张伟: {}, 李秀英: {} } });
	other = await createCanteenWithStaff(server, { name: '另一食堂', district: '640202' });
	county = (await createUser(server, { role: 'regulator', district: '640104', name: '兴庆区监管员' })).pb;
	otherCounty = (await createUser(server, { role: 'regulator', district: '640202' })).pb;
	const { pb, enrolment } = await enrolKiosk(server, school);
	const kiosk = new KioskUploads(pb, { canteen: school.canteen.id, device: enrolment.device.id });
	await kiosk.upload('morning_checks', healthyCheck({ staff: school.staff['张伟']!.id, temperature: 38.3 }));
	await kiosk.upload('cold_readings', { unit: '冷藏柜', kind: 'refrigerator', temperature_c: 4, read_at: new Date().toISOString(), read_by: '李秀英', reason: '', accepted_by: '', entered_at: new Date().toISOString() });
	await kiosk.upload('food_temperatures', { dish: '红烧肉', meal: 'lunch', kind: 'cooked', temperature_c: 78, measured_at: new Date().toISOString(), cooked_at: '', measured_by: '李秀英', reason: '', accepted_by: '', entered_at: new Date().toISOString() });
}, 60_000);

afterAll(async () => {
	await server?.dispose();
});

describe('regulator inspections', () => {
	it('is opened only by a regulator of the canteen’s district', async () => {
		expect(await statusOf(otherCounty.send('/api/mingchu/inspections', { method: 'POST', body: { canteen: school.canteen.id } }))).toBe(404);
		expect(await statusOf(school.admin.send('/api/mingchu/inspections', { method: 'POST', body: { canteen: school.canteen.id } }))).toBe(404);
		inspection = (await county.send<{ id: string }>('/api/mingchu/inspections', { method: 'POST', body: { canteen: school.canteen.id, kind: 'onsite' } })).id;
		expect((await school.admin.collection('inspections').getOne(inspection)).state).toBe('open');
	});

	it('shows the names behind today’s exclusion while open, and tells the canteen who looked', async () => {
		const seen = await county.send<{ staff: { name: string }[]; checks: { name: string; outcome: string; reasons: string[] }[] }>(`/api/mingchu/inspections/${inspection}/staff`, {});
		expect(seen.staff.map((p) => p.name).sort()).toEqual(['张伟', '李秀英'].sort());
		expect(seen.checks).toEqual([{ name: '张伟', outcome: 'excluded', reasons: ['symptom.fever'] }]);
		expect(await statusOf(otherCounty.send(`/api/mingchu/inspections/${inspection}/staff`, {}))).toBe(404);
		const log = await school.admin.collection('access_log').getFullList({ sort: 'at' });
		expect(log.map((entry) => [entry.actor_name, entry.action])).toEqual([
			['兴庆区监管员', 'inspection_opened'],
			['兴庆区监管员', 'staff_names_viewed']
		]);
		expect(await statusOf(county.collection('access_log').getOne(log[0]!.id))).toBe(404);
	});

	it('finishes with the result, photos and rectifications that enter the loop due on their day; names hide again', async () => {
		const finish = (fields: Record<string, string>, photo?: Blob) => {
			const form = new FormData();
			for (const [key, value] of Object.entries(fields)) form.append(key, value);
			if (photo) form.append('photos', photo, 'site.png');
			return county.send(`/api/mingchu/inspections/${inspection}/finish`, { method: 'POST', body: form });
		};
		const items = JSON.stringify([{ item: '冷藏设备温度', ok: true }, { item: '防鼠设施', ok: false, note: '库房门下缝隙过大' }]);
		expect((await refusal(finish({ items }))).message).toContain('请补全检查结果');
		const past = await refusal(finish({ items, result: 'rectify', rectifications: JSON.stringify([{ item: '封堵缝隙', due_on: chinaDate(-1) }]) }));
		expect(JSON.stringify(past.response)).toContain('不早于今天的期限');
		const png = await readFile(new URL('../../static/icon-192.png', import.meta.url));
		await finish({ items, findings: '库房防鼠设施不完善', result: 'rectify', rectifications: JSON.stringify([{ item: '封堵库房门缝，加装挡鼠板', due_on: chinaDate(3) }]) }, new Blob([png], { type: 'image/png' }));
		const done = await school.admin.collection('inspections').getOne(inspection);
		expect(done).toMatchObject({ state: 'finished', result: 'rectify', inspector_name: '兴庆区监管员' });
		expect(done.photos).toHaveLength(1);
		const [alert] = await school.admin.collection('alerts').getFullList({ filter: 'kind = "inspection.rectify"' });
		expect(alert).toMatchObject({ grade: 2, source: 'inspection', summary: { params: { item: '封堵库房门缝，加装挡鼠板', due_on: chinaDate(3) } } });
		// Due at the end of that day, China time.
		expect(new Date(alert!.due_at.replace(' ', 'T')).toISOString()).toBe(new Date(`${chinaDate(3)}T23:59:59+08:00`).toISOString());
		expect(await statusOf(county.collection('alerts').getOne(alert!.id))).toBe(200);
		expect(await statusOf(county.send(`/api/mingchu/inspections/${inspection}/staff`, {}))).toBe(403);
	});
});

describe('inspector links', () => {
	it('lets someone without an account read the range’s ledgers without health data, logs each use, and stops when revoked or expired', async () => {
		const made = await school.admin.send<{ id: string; token: string }>('/api/mingchu/inspector-links', { method: 'POST', body: { canteen: school.canteen.id, from: chinaDate(-7), to: chinaDate(), days: 7, label: '家长委员会' } });
		expect(await statusOf(other.admin.send('/api/mingchu/inspector-links', { method: 'POST', body: { canteen: school.canteen.id, from: chinaDate(-7), to: chinaDate(), days: 7 } }))).toBe(404);
		const anonymous = client(server.server.url);
		const seen = await anonymous.send(`/api/mingchu/inspect/${made.token}`, {});
		expect(seen.canteen.name).toBe('实验小学食堂');
		expect(seen.ledgers.cold_readings).toHaveLength(1);
		expect(seen.ledgers.cold_readings[0]).toMatchObject({ unit: '冷藏柜', temperature_c: 4 });
		expect(seen.ledgers.food_temperatures.map((r: { dish: string }) => r.dish)).toEqual(['红烧肉']);
		expect(seen.morning_checks).toEqual([{ date: chinaDate(), checked: 1, excluded: 1 }]);
		expect(JSON.stringify(seen)).not.toContain('张伟');
		expect((await school.admin.collection('inspector_links').getOne(made.id)).uses).toBe(1);
		const log = await school.admin.collection('access_log').getFullList({ filter: 'actor_kind = "inspector_link"' });
		expect(log.map((entry) => [entry.actor_name, entry.action])).toEqual([['家长委员会', 'link_used']]);

		expect(await statusOf(anonymous.send(`/api/mingchu/inspect/${made.token.slice(0, -1)}${made.token.endsWith('x') ? 'y' : 'x'}`, {}))).toBe(404);
		expect(await statusOf(other.admin.send(`/api/mingchu/inspector-links/${made.id}/revoke`, { method: 'POST' }))).toBe(404);
		await school.admin.send(`/api/mingchu/inspector-links/${made.id}/revoke`, { method: 'POST' });
		expect((await refusal(anonymous.send(`/api/mingchu/inspect/${made.token}`, {}))).message).toContain('链接无效、已过期或已撤销');

		const second = await school.admin.send<{ id: string; token: string }>('/api/mingchu/inspector-links', { method: 'POST', body: { canteen: school.canteen.id, from: chinaDate(-1), to: chinaDate(), days: 1 } });
		await server.superuser.collection('inspector_links').update(second.id, { expires_at: new Date(Date.now() - 1000).toISOString().replace('T', ' ') });
		expect(await statusOf(anonymous.send(`/api/mingchu/inspect/${second.token}`, {}))).toBe(404);
	});
});
