// Edge mode (issue 17, section 4): two schools' video boxes (MediaMTX and the agent, no PocketBase) and
// one county server on loopback. A camera added at the county appears at its school's box only; a
// viewer the county authorises plays from the box; the box records; the LAN display keeps playing,
// and a viewer already allowed keeps watching, while the county server is stopped.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge } from '../../server/edge/agent.mjs';
import { startSimulatedNvr, videoPorts } from '../../server/video.mjs';
import { createCanteenWithStaff, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { eventually } from '../fixtures/eventually';

type Edge = Awaited<ReturnType<typeof startEdge>>;
let county: TestServer;
let nvr: Awaited<ReturnType<typeof startSimulatedNvr>>;
let nvrDir: string;
const schools: { fixture: CanteenFixture; edge: Edge; dataDir: string }[] = [];

const pathsAt = async (edge: Edge): Promise<{ name: string; ready: boolean }[]> => {
	const response = await fetch(`${edge.mediamtx.apiUrl}/v3/paths/list`, { headers: { authorization: `Basic ${Buffer.from(`pocketbase:${edge.secret}`).toString('base64')}` } });
	return (await response.json()).items;
};
const hls = (edge: Edge, camera: string, headers: Record<string, string> = {}) =>
	fetch(`${edge.mediamtx.hlsUrl}/c_${camera}/index.m3u8`, { headers, signal: AbortSignal.timeout(20_000) });

beforeAll(async () => {
	county = await startTestServer();
	nvrDir = mkdtempSync(join(tmpdir(), 'mingchu-nvr-'));
	nvr = await startSimulatedNvr({ dataDir: nvrDir, cameras: ['east-kitchen', 'east-cold', 'west-kitchen'] });
	for (const name of ['东关小学食堂', '西关小学食堂']) {
		const fixture = await createCanteenWithStaff(county, { name });
		const { code } = await fixture.admin.send('/api/mingchu/edges', { method: 'POST', body: { canteen: fixture.canteen.id, name: '视频盒' } });
		const dataDir = mkdtempSync(join(tmpdir(), 'mingchu-edge-'));
		const edge = await startEdge({ countyUrl: county.server.url, code, dataDir, lanHost: '127.0.0.1', ports: await videoPorts(), pollSeconds: 1, recordSegment: '2s' });
		schools.push({ fixture, edge, dataDir });
	}
}, 120_000);

afterAll(async () => {
	for (const school of schools) {
		await school.edge.stop().catch(() => undefined);
		rmSync(school.dataDir, { recursive: true, force: true });
	}
	await nvr?.stop().catch(() => undefined);
	rmSync(nvrDir, { recursive: true, force: true });
	await county?.dispose();
});

describe('edge mode', () => {
	it('gives the box’s sign-in nothing of the county’s records, and keeps its files private', async () => {
		const [east] = schools;
		// The box's sign-in reaches its own routes only: no ledger, no staff list.
		const { email, secret } = JSON.parse(readFileSync(join(east!.dataDir, 'edge.json'), 'utf8'));
		const signIn = await fetch(`${county.server.url}/api/collections/edges/auth-with-password`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ identity: email, password: secret })
		});
		const { token } = await signIn.json();
		for (const collection of ['staff', 'morning_checks', 'cameras', 'canteens']) {
			const list = await fetch(`${county.server.url}/api/collections/${collection}/records`, { headers: { authorization: token } });
			const body = await list.json();
			expect(list.status === 403 || body.items?.length === 0, collection).toBe(true);
		}
		// The box's files are for the agent alone.
		expect(statSync(east!.dataDir).mode & 0o077).toBe(0);
		expect(statSync(join(east!.dataDir, 'edge.json')).mode & 0o077).toBe(0);
	});

	it('pulls a camera added at the county at its own school only, and records it there', async () => {
		const [east, west] = schools;
		const camera = await east!.fixture.admin.collection('cameras').create({ canteen: east!.fixture.canteen.id, name: '操作间', area: 'cooking', rtsp_url: nvr.url('east-kitchen'), public: true });
		const staffOnly = await east!.fixture.admin.collection('cameras').create({ canteen: east!.fixture.canteen.id, name: '凉菜间', area: 'cold_room', rtsp_url: nvr.url('east-cold') });
		await eventually(() => pathsAt(east!.edge), (paths) => paths.some((p) => p.name === `c_${camera.id}` && p.ready) && paths.some((p) => p.name === `c_${staffOnly.id}` && p.ready), 30_000);
		expect((await pathsAt(west!.edge)).map((p) => p.name)).toEqual([]);
		// The box reports: the county's camera list shows it online.
		await eventually(async () => (await east!.fixture.admin.collection('cameras').getOne(camera.id)).online, Boolean, 30_000);
		// Recorded on the box (rule 34 keeps 7 days there).
		await eventually(async () => {
			const dir = join(east!.dataDir, 'mediamtx', 'recordings', `c_${camera.id}`);
			return existsSync(dir) && readdirSync(dir).length > 0;
		}, Boolean, 30_000);
		// The school's display is sent to the box on its LAN.
		const page = await (await fetch(`${county.server.url}/api/mingchu/public/canteens/${east!.fixture.canteen.id}`)).json();
		expect(page.video).toMatchObject({ host: '127.0.0.1', hls: east!.edge.ports.hls, webrtc: east!.edge.ports.webrtc });
	}, 90_000);

	it('lets a viewer the county authorises play from the box, and nobody else', async () => {
		const [east, west] = schools;
		const staffOnly = await east!.fixture.admin.collection('cameras').getFirstListItem('name = "凉菜间"');
		const allowed = await hls(east!.edge, staffOnly.id, { authorization: `Bearer ${east!.fixture.admin.authStore.token}` });
		expect(allowed.status).toBe(200);
		expect(await allowed.text()).toContain('#EXTM3U');
		expect((await hls(east!.edge, staffOnly.id)).status).toBe(401);
		expect((await hls(east!.edge, staffOnly.id, { authorization: `Bearer ${west!.fixture.admin.authStore.token}` })).status).toBe(401);
	}, 60_000);

	it('keeps the LAN display playing, and an allowed viewer watching, while the county server is stopped', async () => {
		const [east] = schools;
		const cameras = await east!.fixture.admin.collection('cameras').getFullList({ sort: 'name' });
		const display = cameras.find((c) => c.public)!;
		const staffOnly = cameras.find((c) => !c.public)!;
		await county.stop();
		try {
			await eventually(async () => east!.edge.status().countyReachable, (reachable) => reachable === false, 30_000);
			for (let i = 0; i < 3; i++) {
				const live = await hls(east!.edge, display.id);
				expect(live.status).toBe(200);
				await new Promise((resolve) => setTimeout(resolve, 1_000));
			}
			expect((await hls(east!.edge, staffOnly.id, { authorization: `Bearer ${east!.fixture.admin.authStore.token}` })).status).toBe(200);
			// Someone the county never allowed is not let in while it cannot be asked.
			expect((await hls(east!.edge, staffOnly.id, { authorization: 'Bearer not-a-token' })).status).toBe(401);
			expect((await pathsAt(east!.edge)).find((p) => p.name === `c_${display.id}`)?.ready).toBe(true);
		} finally {
			await county.restart();
		}
		await eventually(async () => east!.edge.status().countyReachable, Boolean, 30_000);
	}, 90_000);
});
