// Events from outside the tablet enter the alert loop (issue 13): an AI camera posting Hikvision ISAPI
// notifications (XML and JSON, with the snapshot JPEG) or plain JSON, and a sensor gateway posting
// readings. Each device has its own revocable token; what is wrong gets a clear 4xx and creates nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { statusOf } from '../fixtures/api';
import { AiCamera, isapiMultipart, sendReadings, snapshotJpeg } from '../fixtures/ai-camera';
import { createCanteenWithStaff, createUser, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let school: CanteenFixture;
let other: CanteenFixture;
let county: PocketBase;
let camera: AiCamera;
let token: string;
let deviceId: string;

/** China time now, as an NVR stamps it. */
const nvrTime = (offsetMinutes = 0) => {
	const at = new Date(Date.now() + offsetMinutes * 60_000 + 8 * 3600_000);
	return at.toISOString().slice(0, 19) + '+08:00';
};
const alertCount = async () => (await server.superuser.collection('alerts').getList(1, 1)).totalItems;

beforeAll(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '实验小学食堂', district: '640104' });
	other = await createCanteenWithStaff(server, { name: '另一食堂', district: '640104' });
	county = (await createUser(server, { role: 'regulator', district: '640104' })).pb;
	for (const name of ['切配间', '库房']) {
		await school.admin.collection('cameras').create({ canteen: school.canteen.id, name, area: 'storage', rtsp_url: 'rtsp://192.168.1.64:554/ch1', public: false, upstream: false, on_demand: false });
	}
	const made = await school.admin.send<{ device: { id: string }; token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: school.canteen.id, name: '后厨 AI 盒子', kind: 'ai_camera', camera: '切配间' } });
	token = made.token;
	deviceId = made.device.id;
	camera = new AiCamera(server.server.url, token);
}, 60_000);

afterAll(async () => {
	await server?.dispose();
});

describe('AI camera tokens', () => {
	it('is made by the canteen’s administrator, shown once, and never readable again', async () => {
		expect(token).toMatch(/^mc_[a-z0-9]{15}_[A-Za-z0-9]{40}$/);
		const listed = await school.admin.collection('event_devices').getOne(deviceId);
		expect(listed).toMatchObject({ name: '后厨 AI 盒子', kind: 'ai_camera', active: true });
		expect(JSON.stringify(listed)).not.toContain(token.slice(-40));
		expect(listed.token_hash).toBeUndefined();
		expect(await statusOf(other.admin.collection('event_devices').getOne(deviceId))).toBe(404);
		expect(await statusOf(county.collection('event_devices').getOne(deviceId))).toBe(404);
		expect(await statusOf(other.admin.send('/api/mingchu/event-devices', { method: 'POST', body: { canteen: school.canteen.id, name: 'x', kind: 'ai_camera' } }))).toBe(404);
	});
});

describe('ISAPI notifications', () => {
	it('turns a chef-hat alarm with its snapshot into one 三类 alert on the named camera, however often it is retried', async () => {
		const dateTime = nvrTime(-1);
		const alarm = { eventType: 'chefHatDetection', channelName: '库房', dateTime, picture: snapshotJpeg() };
		const first = await camera.isapi(alarm);
		expect(first.status).toBe(201);
		const retried = await camera.isapiWithTokenInUrl(alarm);
		expect(retried.status).toBe(200);
		expect(await retried.json()).toMatchObject({ duplicate: true });
		const alerts = await school.admin.collection('alerts').getFullList({ filter: 'kind = "ai.no_hat"', expand: 'camera' });
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ grade: 3, source: 'ai', state: 'open' });
		expect(alerts[0]!.expand?.camera?.name).toBe('库房');
		// The snapshot is kept as evidence, for those who may see the alert.
		const url = school.admin.files.getURL(alerts[0]!, alerts[0]!.snapshot, { token: await school.admin.files.getToken() });
		const served = await fetch(url);
		expect(served.status).toBe(200);
		expect(Buffer.from(await served.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
		expect((await fetch(school.admin.files.getURL(alerts[0]!, alerts[0]!.snapshot))).status).toBe(404);
	});

	it('reads the JSON form and an XML part sent bare; a rodent is 一类 and reaches the county', async () => {
		expect((await camera.isapi({ eventType: 'mouseDetection', format: 'json', dateTime: nvrTime(-2), picture: snapshotJpeg() })).status).toBe(201);
		expect((await camera.isapi({ eventType: 'smokingDetection', bareXmlPart: true, dateTime: nvrTime(-3) })).status).toBe(201);
		const [rodent] = await county.collection('alerts').getFullList({ filter: 'kind = "ai.rodent"' });
		expect(rodent).toMatchObject({ grade: 1, canteen: school.canteen.id });
		// No channel name: the device's own camera.
		expect((await school.admin.collection('alerts').getOne(rodent!.id, { expand: 'camera' })).expand?.camera?.name).toBe('切配间');
		expect((await school.admin.collection('alerts').getFullList({ filter: 'kind = "ai.smoking"' }))[0]).toMatchObject({ grade: 2 });
	});

	it('grades a kind as the operator set it, over the default', async () => {
		await server.superuser.collection('alert_grades').create({ kind: 'ai.no_mask', grade: 2, note: '本县疫情期间从严' });
		expect((await camera.isapi({ eventType: 'maskDetection', dateTime: nvrTime(-6), channelName: '切配间' })).status).toBe(201);
		const [mask] = await school.admin.collection('alerts').getFullList({ filter: 'kind = "ai.no_mask"' });
		expect(mask!.grade).toBe(2);
		expect(await statusOf(school.admin.collection('alert_grades').getFullList())).toBe(403);
	});

	it('answers a motion alarm or an event’s end 200 and raises nothing, so the device does not retry', async () => {
		const before = await alertCount();
		const motion = await camera.isapi({ eventType: 'VMD', dateTime: nvrTime() });
		expect(motion.status).toBe(200);
		expect(await motion.json()).toMatchObject({ ignored: true });
		expect((await camera.isapi({ eventType: 'chefHatDetection', eventState: 'inactive', dateTime: nvrTime() })).status).toBe(200);
		expect(await alertCount()).toBe(before);
	});
});

describe('plain JSON events', () => {
	it('takes {kind, camera, time, snapshot} with the picture as Base64', async () => {
		const response = await camera.plain({ kind: 'fire_unattended', camera: '切配间', time: new Date().toISOString(), event_id: 'box-7781', snapshot: snapshotJpeg().toString('base64') });
		expect(response.status).toBe(201);
		const [fire] = await school.admin.collection('alerts').getFullList({ filter: 'kind = "ai.fire_unattended"' });
		expect(fire).toMatchObject({ grade: 1 });
		expect(fire!.snapshot).not.toBe('');
		expect((await camera.plain({ kind: 'fire_unattended', camera: '切配间', time: new Date().toISOString(), event_id: 'box-7781' })).status).toBe(200);
	});

	it('refuses what is wrong with a clear 4xx and creates nothing', async () => {
		const before = await alertCount();
		const now = new Date().toISOString();
		const refusals: [string, Promise<Response>, number, string][] = [
			['bad token', new AiCamera(server.server.url, token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x')).plain({ kind: 'rodent', time: now }), 401, '设备令牌无效'],
			['no token', fetch(`${server.server.url}/api/mingchu/events/ai`, { method: 'POST', body: '{}' }), 401, '设备令牌无效'],
			['unknown camera', camera.plain({ kind: 'rodent', camera: '不存在的摄像头', time: now }), 400, '未知的摄像头「不存在的摄像头」'],
			['unknown kind', camera.plain({ kind: 'dancing', time: now }), 400, '无法识别的事件类型'],
			['no time', camera.plain({ kind: 'rodent' }), 400, '必填'],
			['malformed', camera.plain('{"kind": "rodent",'), 400, ''],
			['snapshot not an image', camera.plain({ kind: 'rodent', time: now, snapshot: Buffer.from('<html>hello</html>').toString('base64') }), 415, 'JPEG 或 PNG'],
			['snapshot too big', camera.isapi({ eventType: 'mouseDetection', dateTime: nvrTime(-4), picture: Buffer.concat([snapshotJpeg(), Buffer.alloc(2 * 1024 * 1024)]) }), 413, '超过 2 MB'],
			['future time', camera.isapi({ eventType: 'mouseDetection', dateTime: nvrTime(60) }), 400, '时间晚于现在']
		];
		for (const [what, request, status, message] of refusals) {
			const response = await request;
			expect(response.status, what).toBe(status);
			if (message) expect((await response.json()).message, what).toContain(message);
		}
		expect(await alertCount()).toBe(before);
		const device = await school.admin.collection('event_devices').getOne(deviceId);
		expect(device.refused).toBeGreaterThanOrEqual(7);
	});

	it('stops a revoked token at once', async () => {
		const made = await school.admin.send<{ device: { id: string }; token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: school.canteen.id, name: '旧盒子', kind: 'ai_camera' } });
		const box = new AiCamera(server.server.url, made.token);
		const { body, contentType } = isapiMultipart({ eventType: 'noMask', dateTime: nvrTime(-5), channelName: '切配间' });
		expect((await fetch(`${server.server.url}/api/mingchu/events/ai`, { method: 'POST', headers: { 'Content-Type': contentType, Authorization: `Bearer ${made.token}` }, body })).status).toBe(201);
		await school.admin.send(`/api/mingchu/event-devices/${made.device.id}/revoke`, { method: 'POST' });
		expect((await box.plain({ kind: 'no_mask', time: new Date().toISOString() })).status).toBe(401);
	});
});

describe('temperature sensors', () => {
	let gateway: string;

	it('keeps readings marked as a sensor’s, raises one alert per sensor out of range, refuses and counts the impossible', async () => {
		const made = await school.admin.send<{ device: { id: string }; token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: school.canteen.id, name: '冷链网关', kind: 'sensor_gateway' } });
		gateway = made.token;
		// An AI camera's token is not a gateway's.
		expect((await sendReadings(server.server.url, token, [{ sensor: 'T1', kind: 'refrigerator', temperature_c: 4, read_at: new Date().toISOString() }])).status).toBe(401);
		const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
		const response = await sendReadings(server.server.url, gateway, [
			{ sensor: 'T1', unit: '冷藏柜 1', kind: 'refrigerator', temperature_c: 4.2, read_at: at(20) },
			{ sensor: 'T2', unit: '留样柜', kind: 'sample_fridge', temperature_c: 11.5, read_at: at(20) },
			{ sensor: 'T2', unit: '留样柜', kind: 'sample_fridge', temperature_c: 12.1, read_at: at(10) },
			{ sensor: 'T3', unit: '冷冻柜', kind: 'freezer', temperature_c: 999, read_at: at(10) }
		]);
		expect(response.status).toBe(200);
		const answer = await response.json();
		expect(answer).toMatchObject({ stored: 3, refused: 1 });
		expect(answer.results[3]).toMatchObject({ status: 'refused', field: 'temperature_c', error: expect.stringContaining('读数超出可能范围') });
		const readings = await school.admin.collection('sensor_readings').getFullList({ sort: 'read_at' });
		expect(readings.map((r) => [r.sensor, r.temperature_c])).toEqual([
			['T1', 4.2],
			['T2', 11.5],
			['T2', 12.1]
		]);
		const alerts = await school.admin.collection('alerts').getFullList({ filter: 'kind = "sensor.out_of_range"' });
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ grade: 2, source: 'sensor', summary: { params: { sensor: 'T2', unit: '留样柜', temperature: 11.5 } } });
		expect((await county.collection('sensor_readings').getFullList()).length).toBe(3);
		const device = (await school.admin.collection('event_devices').getFullList({ filter: 'kind = "sensor_gateway"' }))[0]!;
		expect(device.refused).toBe(1);
		// A gateway's retry stores nothing twice.
		const again = await (await sendReadings(server.server.url, gateway, [{ sensor: 'T1', unit: '冷藏柜 1', kind: 'refrigerator', temperature_c: 4.2, read_at: readings[0]!.read_at.replace(' ', 'T') }])).json();
		expect(again.results[0].status).toBe('duplicate');
	});

	it('raises a 三类 alert for a sensor that stopped reporting, once a day', async () => {
		const later = new Date(Date.now() + 2 * 3600_000).toISOString();
		const first = await server.superuser.send('/api/mingchu/events/silent-sensors', { method: 'POST', body: { now: later } });
		expect(first).toMatchObject({ sensors: 2, raised: 2 });
		const again = await server.superuser.send('/api/mingchu/events/silent-sensors', { method: 'POST', body: { now: later } });
		expect(again.raised).toBe(0);
		const silent = await school.admin.collection('alerts').getFullList({ filter: 'kind = "sensor.silent"' });
		expect(silent.map((a) => a.summary.params.sensor).sort()).toEqual(['T1', 'T2']);
		expect(silent[0]!.grade).toBe(3);
	});
});
