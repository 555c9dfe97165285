// Starts Mingchu: PocketBase serving the API and the built app on one origin.
//   node server/start.mjs [--demo]
// Environment: MINGCHU_HTTP (host:port, default 127.0.0.1:8090), MINGCHU_DATA (data directory,
// default server/pb_data), POCKETBASE_BIN (a prebuilt PocketBase).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { root, startPocketBase, upsertSuperuser } from './pocketbase.mjs';
import { signInSuperuser } from './provision.mjs';
import { seedDemo } from './demo.mjs';

const demo = process.argv.includes('--demo');
const [host, port] = (process.env.MINGCHU_HTTP ?? '127.0.0.1:8090').split(':');
const dataDir = process.env.MINGCHU_DATA ?? `${root}server/pb_data`;
mkdirSync(dataDir, { recursive: true });

// The superuser of a demo install gets a generated password, kept in the data directory.
const credentialsFile = `${dataDir}/superuser.json`;
if (!existsSync(credentialsFile)) {
	writeFileSync(
		credentialsFile,
		JSON.stringify({ email: 'operator@mingchu.local', password: randomBytes(10).toString('hex') }),
		{ mode: 0o600 }
	);
}
const superuserCredentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
await upsertSuperuser({ dataDir, ...superuserCredentials });

const server = await startPocketBase({ dataDir, host, port: Number(port), log: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		await server.stop();
		process.exit(0);
	});
}

const base = host === '0.0.0.0' ? `http://127.0.0.1:${port}` : server.url;
const lines = [
	'',
	'明厨 Mingchu is running / 已启动',
	`  Kitchen tablet 后厨平板:   ${base}/kitchen`,
	`  Administration 管理端:     ${base}/admin`,
	`  PocketBase dashboard:      ${base}/_/   (${superuserCredentials.email} / ${superuserCredentials.password})`
];
if (demo) {
	const superuser = await signInSuperuser({ url: server.url, ...superuserCredentials });
	const seeded = await seedDemo({ url: server.url, superuser, stateFile: `${dataDir}/demo.json` });
	lines.push(
		`  Demo kiosk 演示平板:        ${base}/kitchen?enrol=${seeded.kioskCode}   (enrolment code 绑定码 ${seeded.kioskCode})`,
		`  Demo admin 演示管理员:      ${seeded.admin.email} / ${seeded.admin.password}`
	);
}
lines.push('  Stop with Ctrl+C / 按 Ctrl+C 停止', '');
console.log(lines.join('\n'));
