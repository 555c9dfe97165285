// Live changes by one topic (issue 17, section 1): the county server matches each change to the
// subscribers in memory instead of running every subscriber's API rule as a query per record. A tablet
// hears of its own canteen's checks and staff, a manager of its canteens' checks and alerts, a
// regulator of the alerts its district sees; nobody hears of another canteen, a stranger of nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { createCanteenWithStaff, createUser, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let a: CanteenFixture;
let b: CanteenFixture;
const stop = new AbortController();

interface Listener {
	events: { collection: string; canteen: string; device: string }[];
}

/** A realtime client as the SDK holds one, on fetch's stream; `token` empty for a stranger. */
async function listen(token: string, subscriptions = ['mingchu/changes']): Promise<Listener> {
	const response = await fetch(`${server.server.url}/api/realtime`, { signal: stop.signal });
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	const first = decoder.decode((await reader.read()).value);
	const clientId = /"clientId":"([^"]+)"/.exec(first)![1]!;
	const subscribed = await fetch(`${server.server.url}/api/realtime`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
		body: JSON.stringify({ clientId, subscriptions })
	});
	expect(subscribed.status).toBe(204);
	const listener: Listener = { events: [] };
	void (async () => {
		let buffer = '';
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				buffer += decoder.decode(value);
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = /^data:(.*)$/m.exec(block)?.[1];
					if (/^event:mingchu\/changes/m.test(block) && data) listener.events.push(JSON.parse(data));
				}
			}
		} catch {
			// Stopped at the end.
		}
	})();
	return listener;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 800));

let kioskA1: PocketBase;
let kioskA2: PocketBase;
let kioskB: PocketBase;
let regulator: PocketBase;

beforeAll(async () => {
	server = await startTestServer();
	a = await createCanteenWithStaff(server, { name: '甲食堂', district: '640104', staff: { 李秀英: {} } });
	b = await createCanteenWithStaff(server, { name: '乙食堂', district: '640104', staff: { 张伟: {} } });
	({ pb: kioskA1 } = await enrolKiosk(server, a));
	({ pb: kioskA2 } = await enrolKiosk(server, a));
	({ pb: kioskB } = await enrolKiosk(server, b));
	({ pb: regulator } = await createUser(server, { role: 'regulator', district: '640104' }));
});

afterAll(async () => {
	stop.abort();
	await server?.dispose();
});

describe('live changes', () => {
	it('reach the canteen’s other tablets and its managers, and nobody else', async () => {
		const [otherTablet, managerA, tabletB, managerB, regulatorListens, stranger] = await Promise.all([
			listen(kioskA2.authStore.token),
			listen(a.admin.authStore.token),
			listen(kioskB.authStore.token),
			listen(b.admin.authStore.token),
			listen(regulator.authStore.token),
			listen('')
		]);
		const device = kioskA1.authStore.record!.id;
		const chain = new TestChain({ canteen: a.canteen.id, device });
		await pushChecks(kioskA1, [chain.next({ id: newRecordId(), staff: a.staff['李秀英']!.id })]);
		await settle();
		expect(otherTablet.events).toEqual([expect.objectContaining({ collection: 'morning_checks', canteen: a.canteen.id, device })]);
		expect(managerA.events).toEqual([expect.objectContaining({ collection: 'morning_checks', canteen: a.canteen.id })]);
		// Health data: not the other canteen, not the regulator, not a stranger.
		expect(tabletB.events).toEqual([]);
		expect(managerB.events).toEqual([]);
		expect(regulatorListens.events).toEqual([]);
		expect(stranger.events).toEqual([]);
	});

	it('tell the district’s regulator of the alerts it may read (grades 1–2), the managers of all', async () => {
		const [managerA, managerB, regulatorListens] = await Promise.all([listen(a.admin.authStore.token), listen(b.admin.authStore.token), listen(regulator.authStore.token)]);
		const raise = (grade: number) =>
			server.superuser.collection('alerts').create({
				canteen: a.canteen.id,
				kind: 'cold.out_of_range',
				grade,
				source: 'sensor',
				raised_at: new Date().toISOString(),
				state: 'open',
				dedupe_key: `live-${grade}-${newRecordId()}`,
				summary: {}
			});
		await raise(3);
		await settle();
		expect(managerA.events.map((e) => e.collection)).toEqual(['alerts']);
		expect(regulatorListens.events).toEqual([]);
		await raise(2);
		await settle();
		expect(managerA.events).toHaveLength(2);
		expect(regulatorListens.events).toEqual([expect.objectContaining({ collection: 'alerts', canteen: a.canteen.id })]);
		expect(managerB.events).toEqual([]);
	});
});
