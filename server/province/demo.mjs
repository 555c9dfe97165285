// The demo's province tier: a private PostgreSQL beside the county's data directory, the reference
// ingest on PROVINCE_PORT (default 8095), and the demo county registered with it. The tokens are kept
// in the county's data directory (readable by the service alone); a restart finds them again.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { startIngest, startPostgres } from './postgres.mjs';

export const DEMO_COUNTY = { county_id: '360102', name: '示范县' };

/**
 * @param {{ dataDir: string }} options the county's (PocketBase's) data directory
 * @returns the ingest's address, the viewer token, the environment that makes PocketBase a county of it, stop()
 */
export async function startDemoProvince({ dataDir }) {
	const clusterDir = process.env.MINGCHU_PROVINCE_DATA ?? `${dataDir}-province`;
	mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
	const stateFile = `${dataDir}/province.json`;
	const state = existsSync(stateFile)
		? JSON.parse(readFileSync(stateFile, 'utf8'))
		: { admin: randomBytes(18).toString('base64url'), viewer: randomBytes(18).toString('base64url'), county: '' };
	const database = await startPostgres({ dataDir: clusterDir });
	let ingest;
	try {
		ingest = await startIngest({
			databaseUrl: database.url,
			port: Number(process.env.PROVINCE_PORT ?? 8095),
			env: { PROVINCE_ADMIN_TOKEN: state.admin, PROVINCE_VIEW_TOKEN: state.viewer }
		});
	} catch (error) {
		await database.stop();
		throw error;
	}
	const joined = !state.county;
	if (joined) {
		const response = await fetch(`${ingest.url}/v1/admin/counties`, {
			method: 'POST',
			headers: { authorization: `Bearer ${state.admin}`, 'content-type': 'application/json' },
			body: JSON.stringify(DEMO_COUNTY)
		});
		if (!response.ok) throw new Error(`the province refused the demo county: ${response.status} ${await response.text()}`);
		state.county = (await response.json()).token;
		writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
	}
	return {
		url: ingest.url,
		viewer: state.viewer,
		/** True when the county was registered by this start: what the county held before must be sent (backfill). */
		joined,
		countyEnv: { MINGCHU_PROVINCE_URL: ingest.url, MINGCHU_PROVINCE_TOKEN: state.county },
		async stop() {
			await ingest.stop();
			await database.stop();
		}
	};
}
