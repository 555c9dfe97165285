// Alerts pushed to group robots (issue 13): a canteen's robot and a district's, the WeCom/DingTalk text
// format, retries with back-off when the robot refuses, every delivery visible to the canteen's managers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../fixtures/api';
import { AiCamera } from '../fixtures/ai-camera';
import { Robot } from '../fixtures/robot';
import { createCanteenWithStaff, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let school: CanteenFixture;
let canteenRobot: Robot;
let districtRobot: Robot;
let camera: AiCamera;

const deliver = (now = new Date()) => server.superuser.send<{ sent: number; retried: number; dead: number }>('/api/mingchu/webhooks/deliver', { method: 'POST', body: { now: now.toISOString() } });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

beforeAll(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '实验小学食堂', district: '640104' });
	canteenRobot = await Robot.start();
	districtRobot = await Robot.start();
	// Loopback robots are the operator's to set; a manager may only point at https outside.
	await server.superuser.send('/api/mingchu/webhooks', { method: 'POST', body: { canteen: school.canteen.id, url: canteenRobot.url, label: '食堂群', max_grade: 3 } });
	await server.superuser.send('/api/mingchu/webhooks', { method: 'POST', body: { district: '640100', url: districtRobot.url, label: '市局值班群', max_grade: 1 } });
	const made = await school.admin.send<{ token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: school.canteen.id, name: 'AI 盒子', kind: 'ai_camera' } });
	camera = new AiCamera(server.server.url, made.token);
}, 60_000);

afterAll(async () => {
	await server?.dispose();
	await canteenRobot?.close();
	await districtRobot?.close();
});

describe('webhooks', () => {
	it('keeps the robot’s key out of every answer and refuses an address inside the network from a manager', async () => {
		const [hook] = await school.admin.collection('webhooks').getFullList();
		expect(hook!.url).toBeUndefined();
		expect(hook!.url_hint).toContain('key=…');
		expect(JSON.stringify(hook)).not.toContain('test-robot-key-0001');
		const inside = await refusal(school.admin.send('/api/mingchu/webhooks', { method: 'POST', body: { canteen: school.canteen.id, url: 'https://192.168.1.10/hook' } }));
		expect(inside.message).toContain('不能指向内网地址');
		const plain = await refusal(school.admin.send('/api/mingchu/webhooks', { method: 'POST', body: { canteen: school.canteen.id, url: canteenRobot.url } }));
		expect(plain.message).toContain('须为 https 地址');
		expect((await refusal(school.admin.send('/api/mingchu/webhooks', { method: 'POST', body: { district: '640104', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' } }))).status).toBe(403);
	});

	it('pushes a 一类 alert to the canteen’s robot and the city’s, a 三类 only to the canteen’s, in the robots’ text format', async () => {
		expect((await camera.plain({ kind: 'rodent', time: new Date().toISOString() })).status).toBe(201);
		expect((await camera.plain({ kind: 'no_hat', time: new Date().toISOString() })).status).toBe(201);
		expect(await deliver()).toMatchObject({ sent: 3, retried: 0 });
		expect(canteenRobot.messages).toHaveLength(2);
		expect(districtRobot.messages).toHaveLength(1);
		const [message] = districtRobot.messages;
		expect(message!.msgtype).toBe('text');
		expect(message!.text.content).toContain('【明厨预警】实验小学食堂');
		expect(message!.text.content).toContain('AI 识别：老鼠 · 一类 · 立即处置');
		expect(canteenRobot.messages.map((m) => m.text.content).join()).toContain('AI 识别：未戴工作帽');
	});

	it('retries a refused push with back-off, and shows the canteen’s managers each delivery', async () => {
		canteenRobot.failures = 2;
		expect((await camera.plain({ kind: 'phone', time: new Date().toISOString() })).status).toBe(201);
		expect(await deliver()).toMatchObject({ sent: 0, retried: 1 });
		// Not due again until a minute later, then two minutes after that.
		expect(await deliver(minutes(0.5))).toMatchObject({ sent: 0, retried: 0 });
		expect(await deliver(minutes(1.1))).toMatchObject({ retried: 1 });
		expect(await deliver(minutes(2))).toMatchObject({ sent: 0, retried: 0 });
		expect(await deliver(minutes(3.2))).toMatchObject({ sent: 1 });
		expect(canteenRobot.messages.at(-1)!.text.content).toContain('AI 识别：玩手机');
		const deliveries = await school.admin.collection('webhook_deliveries').getFullList({ sort: '-created', expand: 'alert' });
		const phone = deliveries.find((d) => d.expand?.alert?.kind === 'ai.phone')!;
		expect(phone).toMatchObject({ status: 'sent', attempts: 3, last_error: '' });
		// The district robot wants 一类 only: nothing was queued for it.
		expect(deliveries.filter((d) => d.expand?.alert?.kind === 'ai.phone')).toHaveLength(1);
	});

	it('stops pushing to a robot its canteen’s manager switched off; another canteen’s manager cannot', async () => {
		const [hook] = await school.admin.collection('webhooks').getFullList();
		const other = await createCanteenWithStaff(server, { name: '另一食堂', district: '640104' });
		expect((await refusal(other.admin.send(`/api/mingchu/webhooks/${hook!.id}/deactivate`, { method: 'POST' }))).status).toBe(404);
		await school.admin.send(`/api/mingchu/webhooks/${hook!.id}/deactivate`, { method: 'POST' });
		const before = canteenRobot.messages.length;
		expect((await camera.plain({ kind: 'no_mask', time: new Date().toISOString() })).status).toBe(201);
		await deliver(minutes(10));
		expect(canteenRobot.messages).toHaveLength(before);
	});
});
