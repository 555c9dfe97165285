// Video at county scale (issue 17, section 3): measured bitrates against the canteen's uplink budget,
// the NVR's sub-stream forwarded instead of the main stream, and forwarding on demand that starts when
// the province asks and stops minutes after its last request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { createCanteenWithStaff, type CanteenFixture } from '../fixtures/server';
import { startVideoServer, type VideoServer } from '../fixtures/video';
import { eventually } from '../fixtures/eventually';

const PROVINCE_TOKEN = 'county-token-the-province-also-holds';
let video: VideoServer;
let canteen: CanteenFixture;

const health = (now?: Date) => video.superuser.send('/api/mingchu/video/health', { method: 'POST', body: now ? { now: now.toISOString() } : {} });
const readersOf = async (path: string): Promise<string[]> => {
	const response = await video.api(`/v3/paths/get/${path}`);
	if (!response.ok) return [];
	return ((await response.json()).readers ?? []).map((reader: { type: string }) => reader.type);
};
const watch = (camera: string, token: string) =>
	fetch(`${video.server.url}/api/mingchu/video/upstream/${camera}/watch`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
	video = await startVideoServer({ nvrCameras: ['kitchen', 'kitchen-sub', 'coldroom'], env: { MINGCHU_PROVINCE_TOKEN: PROVINCE_TOKEN } });
	canteen = await createCanteenWithStaff(video, { name: '带宽食堂' });
}, 120_000);

afterAll(async () => {
	await video?.dispose();
});

describe('forwarding cameras within the uplink', () => {
	it('measures each camera’s bitrate and warns before continuous forwarding passes the budget', async () => {
		const kitchen = await canteen.admin.collection('cameras').create({ canteen: canteen.canteen.id, name: '烹饪区', area: 'cooking', rtsp_url: video.nvr.url('kitchen') });
		await eventually(async () => (await video.api(`/v3/paths/get/c_${kitchen.id}`)).ok && (await (await video.api(`/v3/paths/get/c_${kitchen.id}`)).json()).ready, Boolean);
		await health();
		await new Promise((resolve) => setTimeout(resolve, 6_000));
		await health();
		// The simulated NVR sends ~600 kbps.
		const measured = await canteen.admin.collection('cameras').getOne(kitchen.id);
		expect(measured.bitrate_kbps).toBeGreaterThan(150);
		expect(measured.bitrate_kbps).toBeLessThan(3000);

		// This canteen has 1 Mbps of uplink for forwarding.
		await video.superuser.collection('canteens').update(canteen.canteen.id, { settings: { video: { uplinkKbps: 1000 } } });
		await canteen.admin.collection('cameras').update(kitchen.id, { upstream: true, upstream_url: video.nvr.url('province-kitchen'), upstream_mode: 'always' });

		// A second camera forwarded all the time (not measured yet: 500 kbps assumed) would pass it: said first.
		const cold = { canteen: canteen.canteen.id, name: '凉菜间', area: 'cold_room', rtsp_url: video.nvr.url('coldroom'), upstream: true, upstream_url: video.nvr.url('province-cold'), upstream_mode: 'always' };
		const refused = await canteen.admin.collection('cameras').create(cold).catch((error: ClientResponseError) => error);
		expect(refused).toBeInstanceOf(ClientResponseError);
		const warning = (refused as ClientResponseError).response.data.upstream;
		expect(warning.code).toBe('over_budget');
		expect(warning.message).toContain('1000 kbps');
		expect(warning.message).toMatch(/超出.*\/.*over/);
		expect(await canteen.admin.collection('cameras').getFullList({ filter: `name = "凉菜间"` })).toEqual([]);

		// Confirmed, it is turned on; the page shows the plan over budget.
		const confirmed = await canteen.admin.collection('cameras').create({ ...cold, confirm_over_budget: true });
		const plan = await canteen.admin.send('/api/mingchu/video/uplink', { query: { canteen: canteen.canteen.id } });
		expect(plan).toMatchObject({ budget_kbps: 1000, fits: false });
		expect(plan.always_kbps).toBe(measured.bitrate_kbps + 500);
		expect(plan.cameras).toContainEqual(expect.objectContaining({ id: confirmed.id, measured: false, cost_kbps: 500 }));
		expect(plan.cameras).toContainEqual(expect.objectContaining({ id: kitchen.id, measured: true, cost_kbps: measured.bitrate_kbps }));
		// Another canteen's administrator learns nothing of it.
		const stranger = await createCanteenWithStaff(video, { name: '别家食堂' });
		await expect(stranger.admin.send('/api/mingchu/video/uplink', { query: { canteen: canteen.canteen.id } })).rejects.toMatchObject({ status: 404 });
		await canteen.admin.collection('cameras').update(confirmed.id, { upstream: false });
	}, 90_000);

	it('forwards the NVR’s sub-stream where one is configured, not the main stream', async () => {
		const camera = await canteen.admin.collection('cameras').create({
			canteen: canteen.canteen.id,
			name: '配餐间',
			area: 'plating',
			rtsp_url: video.nvr.url('kitchen'),
			sub_url: video.nvr.url('kitchen-sub'),
			upstream: true,
			upstream_url: video.nvr.url('province-plating'),
			upstream_mode: 'always',
			confirm_over_budget: true
		});
		expect(camera.sub_address).toBeUndefined();
		await eventually(() => video.nvr.hasStream('province-plating'), Boolean, 30_000);
		expect(await readersOf(`c_${camera.id}_sub`)).toContain('rtspSession');
		expect(await readersOf(`c_${camera.id}`)).not.toContain('rtspSession');
		// Nobody but the forwarder reads the sub-stream's path.
		const hls = await fetch(`${video.mediamtx.hlsUrl}/c_${camera.id}_sub/index.m3u8`);
		expect(hls.status).toBe(401);
		await canteen.admin.collection('cameras').update(camera.id, { upstream: false });
		await eventually(async () => !(await video.nvr.hasStream('province-plating')), Boolean, 30_000);
	}, 90_000);

	it('forwards a camera marked "province, on demand" only while the province watches', async () => {
		const camera = await canteen.admin.collection('cameras').create({
			canteen: canteen.canteen.id,
			name: '洗消间',
			area: 'dishwashing',
			rtsp_url: video.nvr.url('coldroom'),
			upstream: true,
			upstream_url: video.nvr.url('province-dish'),
			upstream_mode: 'on_demand'
		});
		// Nothing goes up while nobody watches.
		await new Promise((resolve) => setTimeout(resolve, 4_000));
		expect(await video.nvr.hasStream('province-dish')).toBe(false);

		expect((await watch(camera.id, 'a-guess')).status).toBe(401);
		const asked = await watch(camera.id, PROVINCE_TOKEN);
		expect(asked.status).toBe(200);
		const { forwarding_until, started } = (await asked.json()) as { forwarding_until: string; started: boolean };
		expect(started).toBe(true);
		await eventually(() => video.nvr.hasStream('province-dish'), Boolean, 30_000);

		// The province keeps watching: each request moves the stop on.
		const until = new Date(forwarding_until);
		await health(new Date(until.getTime() - 60_000));
		expect(await video.nvr.hasStream('province-dish')).toBe(true);
		expect((await (await watch(camera.id, PROVINCE_TOKEN)).json()).started).toBe(false);

		// Five minutes after the last request, forwarding stops.
		await health(new Date(Date.now() + 6 * 60_000));
		await eventually(async () => !(await video.nvr.hasStream('province-dish')), Boolean, 30_000);
		expect((await canteen.admin.collection('cameras').getOne(camera.id)).upstream_until).toBe('');

		// A camera forwarded all the time is not the province's to start or stop.
		const always = await canteen.admin.collection('cameras').getFirstListItem('name = "烹饪区"');
		expect((await watch(always.id, PROVINCE_TOKEN)).status).toBe(404);
	}, 120_000);
});
