// Regulator inspections and inspector links in the browser (issue 13).
import { expect, test, type Browser } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { openAdminPage, signedInPage } from './admin';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { healthyCheck } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, createUser, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let school: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '兴庆区实验小学食堂', district: '640104', staff: { 张伟: {}, 李秀英: {} } });
	const { pb, enrolment } = await enrolKiosk(server, school);
	const kiosk = new KioskUploads(pb, { canteen: school.canteen.id, device: enrolment.device.id });
	await kiosk.upload('morning_checks', healthyCheck({ staff: school.staff['张伟']!.id, temperature: 38.4 }));
	await kiosk.upload('cold_readings', { unit: '冷藏柜 1', kind: 'refrigerator', temperature_c: 3.5, read_at: new Date().toISOString(), read_by: '李秀英', reason: '', accepted_by: '', entered_at: new Date().toISOString() });
});

test.afterEach(async () => {
	await server.dispose();
});

const signedIn = (browser: Browser, credentials: { email: string; password: string }) => signedInPage(browser, { url: server.server.url, ...credentials });

test('a regulator inspects on site: names only during the visit, the canteen told; the rectification reaches the manager', async ({ browser }) => {
	const regulator = await createUser(server, { role: 'regulator', district: '640104', name: '兴庆区监管员' });
	const county = await signedIn(browser, regulator.credentials);
	await openAdminPage(county, '监督检查');
	await county.getByRole('button', { name: '开始检查' }).click();
	await county.getByRole('button', { name: '查看人员与今日晨检（将记录在案）' }).click();
	await expect(county.getByTestId('inspection-staff')).toContainText('张伟 · 今日不得从事接触直接入口食品的工作（发热）');
	await county.getByLabel('防鼠、防蝇、防虫设施').uncheck();
	await county.getByLabel('防鼠、防蝇、防虫设施：问题说明').fill('库房门下缝隙过大');
	await county.getByLabel('检查发现').fill('库房防鼠设施不完善，其余符合要求');
	await county.getByLabel('检查结果').selectOption({ label: '限期整改' });
	await county.getByRole('button', { name: '完成检查' }).click();
	// A deadline is needed for 限期整改: the form says so and keeps what was typed.
	await expect(county.getByRole('alert')).toContainText('请补全检查结果');
	await expect(county.getByLabel('检查发现')).toHaveValue('库房防鼠设施不完善，其余符合要求');
	await county.getByRole('button', { name: '添加整改项' }).click();
	await county.getByLabel('整改内容').fill('封堵库房门缝，加装挡鼠板');
	await county.getByLabel('整改期限').fill(chinaDate(3));
	await county.getByLabel('现场照片（可多张）').setInputFiles(fileURLToPath(new URL('../../static/icon-192.png', import.meta.url)));
	await county.getByRole('button', { name: '完成检查' }).click();
	await expect(county.getByTestId('inspection-result')).toHaveText('限期整改：库房防鼠设施不完善，其余符合要求');
	await expect(county.getByTestId('inspection-staff')).toHaveCount(0);

	const manager = await signedIn(browser, school.adminCredentials);
	await openAdminPage(manager, '监督检查');
	await expect(manager.getByTestId('inspection')).toContainText('✘ 防鼠、防蝇、防虫设施：库房门下缝隙过大');
	await expect(manager.getByTestId('inspection')).toContainText(`整改：封堵库房门缝，加装挡鼠板（${chinaDate(3)} 前）`);
	await expect(manager.getByRole('img', { name: '检查现场照片' })).toBeVisible();
	await expect(manager.getByTestId('access-log')).toContainText('兴庆区监管员 · 查看人员姓名与晨检');
	await openAdminPage(manager, '预警');
	await expect(manager.getByTestId('alert').filter({ hasText: '监督检查：限期整改' })).toContainText('二类 · 限期整改');
});

test('a manager gives the parent committee a read-only link: ledgers without names, every use logged, revocable', async ({ browser }) => {
	const manager = await signedIn(browser, school.adminCredentials);
	await openAdminPage(manager, '监督检查');
	await manager.getByLabel('给谁（如 家长委员会）').fill('家长委员会');
	await manager.getByRole('button', { name: '生成只读链接' }).click();
	const address = (await manager.getByTestId('inspector-link').locator('code').textContent())!;
	expect(address).toMatch(/\/inspect\/[A-Za-z0-9]{40}$/);

	const parent = await (await browser.newContext()).newPage();
	await parent.goto(address);
	await expect(parent.getByRole('heading', { level: 1 })).toHaveText('兴庆区实验小学食堂 · 台账只读查看');
	await expect(parent.getByTestId('readonly-cold_readings')).toContainText('冷藏柜 1');
	await expect(parent.getByTestId('readonly-checks')).toContainText('检查 1 人，禁止上岗 1 人');
	await expect(parent.locator('main')).not.toContainText('张伟');

	await manager.reload();
	await expect(manager.getByTestId('access-log')).toContainText('家长委员会 · 通过只读链接查看台账');
	await expect(manager.getByTestId('inspector-link-row')).toContainText('已使用 1 次');
	await manager.getByTestId('inspector-link-row').getByRole('button', { name: '撤销' }).click();
	await expect(manager.getByTestId('inspector-link-row')).toContainText('已撤销');
	await parent.reload();
	await expect(parent.getByRole('alert')).toHaveText('链接无效、已过期或已撤销');
});

test('a manager sets the canteen’s group robot: an address inside the network is refused, keeping what was typed', async ({ browser }) => {
	const manager = await signedIn(browser, school.adminCredentials);
	await openAdminPage(manager, '设置');
	await manager.getByLabel('名称', { exact: true }).fill('食堂工作群');
	await manager.getByLabel('机器人地址（https）').fill('https://192.168.1.10/cgi-bin/webhook/send?key=abc');
	await manager.getByRole('button', { name: '添加', exact: true }).click();
	await expect(manager.getByRole('alert')).toContainText('不能指向内网地址');
	await expect(manager.getByLabel('机器人地址（https）')).toHaveValue('https://192.168.1.10/cgi-bin/webhook/send?key=abc');
	await manager.getByLabel('机器人地址（https）').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx');
	await manager.getByLabel('推送哪些预警').selectOption({ label: '一类 · 立即处置' });
	await manager.getByRole('button', { name: '添加', exact: true }).click();
	const robot = manager.getByTestId('webhook');
	await expect(robot).toContainText('食堂工作群 · https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…');
	await expect(robot).not.toContainText('693a91f6');
	await robot.getByRole('button', { name: '停止推送' }).click();
	await expect(robot).toContainText('已停止');
});
