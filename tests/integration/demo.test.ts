// The demo a newcomer starts with `npm start` (issue 13): a county of five canteens with five weeks of
// history, so that the regulator's grid is filled and the alert loop is at work in the first minute.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { chinaDate, startTestServer, type TestServer } from '../fixtures/server';
import { seedDemo } from '../../server/demo.mjs';
import { signInAdministrator } from '../../server/provision.mjs';

let server: TestServer;
let regulator: PocketBase;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
const stateFile = join(mkdtempSync(join(tmpdir(), 'mingchu-demo-')), 'demo.json');

beforeAll(async () => {
	server = await startTestServer();
	seeded = await seedDemo({ url: server.server.url, superuser: server.superuser, stateFile });
	regulator = await signInAdministrator({ url: server.server.url, ...seeded.regulator });
}, 300_000);

afterAll(async () => {
	await server?.dispose();
});

describe('the demo county', () => {
	it('gives the regulator five canteens with a month kept, 补录 and gaps among them', async () => {
		const grid = await regulator.send('/api/mingchu/oversight/grid', { query: { from: chinaDate(-30), to: chinaDate(-1) } });
		expect(grid.canteens).toHaveLength(5);
		const cells = grid.canteens.flatMap((row: { ledgers: Record<string, { done: number; late: number; missing: number; required: boolean }> }) => Object.values(row.ledgers).filter((cell) => cell.required));
		const sum = (key: 'done' | 'late' | 'missing') => cells.reduce((total: number, cell: Record<string, number>) => total + cell[key]!, 0);
		expect(sum('done')).toBeGreaterThan(600);
		expect(sum('late')).toBeGreaterThan(0);
		expect(sum('missing')).toBeGreaterThan(0);
		for (const row of grid.canteens) expect(row.completeness).toBeGreaterThan(0.7);
	});

	it('has the loop at work: open alerts, one answered and waiting for the county, cards for the overdue', async () => {
		const alerts = await regulator.collection('alerts').getFullList();
		expect(alerts.some((a) => a.kind === 'ai.rodent' && a.grade === 1)).toBe(true);
		expect(alerts.some((a) => a.state === 'answered')).toBe(true);
		expect(alerts.some((a) => a.card === 'red' || a.card === 'yellow')).toBe(true);
	});

	it('gives the demo school a public page parents can read: commitment, complaint phone, an index from its month', async () => {
		const response = await fetch(`${server.server.url}/api/mingchu/public/canteens/${seeded.canteen}`);
		const info = await response.json();
		expect(info).toMatchObject({ complaint_phone: '0791-88886666', embed_enabled: true });
		expect(info.commitment).toContain('欢迎家长监督');
		// Five weeks of history behind it: the index has its completeness and a score.
		expect(info.index.inputs.completeness).toBeGreaterThan(0.7);
		expect(info.index.score).toBeGreaterThan(50);
	});

	it('prints working logins and reuses everything on the next start', async () => {
		const group = await signInAdministrator({ url: server.server.url, ...seeded.groupAdmin });
		expect((await group.collection('canteens').getFullList()).length).toBe(3);
		const again = await seedDemo({ url: server.server.url, superuser: server.superuser, stateFile });
		expect(again.county).toEqual(seeded.county);
		expect((await server.superuser.collection('canteens').getFullList()).length).toBe(5);
	});
});
