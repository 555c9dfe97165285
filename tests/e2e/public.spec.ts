// The public face of a canteen in Chromium (issue 18): a parent's phone opens the QR code's page, plays
// the live kitchen by tapping it, rates and complains; the manager answers the complaint from the alert
// loop and the answer shows on the page; one address is refused politely after its day's limit; an
// ordering platform's page frames the embed and plays it; the dining-room display follows the kitchen.
import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { startVideoServer, type VideoServer } from '../fixtures/video';
import { seedPublicDay, type PublicDayFixture } from '../fixtures/public-day';
import { signedInPage, openAdminPage } from './admin';

let video: VideoServer;
let day: PublicDayFixture;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test.beforeEach(async () => {
	video = await startVideoServer({ nvrCameras: ['kitchen'] });
	day = await seedPublicDay(video);
	await day.fixture.admin.collection('cameras').create({ canteen: day.fixture.canteen.id, name: '烹饪区', area: 'cooking', rtsp_url: video.nvr.url('kitchen'), public: true });
	// The camera's health check marks it online (the page offers "tap to watch" only for a live one).
	await expect.poll(async () => (await video.superuser.send('/api/mingchu/video/health', { method: 'POST' }), (await day.fixture.admin.collection('cameras').getFirstListItem('public = true')).online), { timeout: 30_000 }).toBe(true);
});

test.afterEach(async () => {
	await video.dispose();
});

const publicUrl = () => `${video.server.url}/p/${day.fixture.canteen.id}`;

/** The forms are refused when sent within seconds of opening the page (no person is that fast). */
async function openedLongEnough(page: Page) {
	await page.waitForTimeout(3500);
}

test('a parent’s phone: the page shows the day without names, plays the kitchen after a tap, takes a rating and a complaint; the manager’s public answer appears', async ({ browser }) => {
	const context = await browser.newContext(PHONE);
	const phone = await context.newPage();
	await phone.goto(publicUrl());
	await expect(phone.getByRole('heading', { name: '阳光小学食堂' })).toBeVisible();
	await expect(phone.getByTestId('grade').locator('svg')).toHaveAttribute('data-face', 'smile');
	await expect(phone.getByTestId('licence')).toContainText('JY36010200000042');
	await expect(phone.getByTestId('complaint-phone')).toHaveAttribute('href', 'tel:0791-12345678');
	const today = phone.getByTestId('today');
	await expect(today.getByTestId('morning')).toHaveText(/晨检 3 人\s*·\s*1 人暂停上岗/);
	await expect(today.getByTestId('samples')).toContainText('午餐：红烧肉、清炒时蔬');
	await expect(today.getByRole('img', { name: '红烧肉 留样照片' })).toBeVisible();
	await expect(today.getByTestId('deliveries')).toContainText('示范县鲜肉配送有限公司：蔬菜 · 票证 2 份已查验');
	await expect(today.getByTestId('cold')).toHaveText('冷藏冷冻温度 1/2 次正常');
	await expect(phone.getByTestId('safety-index')).toContainText('台账完整率');
	// No one's name is on the page.
	for (const name of ['王建国', '李秀英', '张伟']) await expect(phone.locator('body')).not.toContainText(name);
	// The kiosk's service worker is not installed on a parent's phone.
	expect(await phone.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

	// Nothing streams until the parent taps: the camera is on the first screen, and stays a poster.
	await phone.waitForTimeout(1500);
	await expect(phone.getByTestId('camera')).toHaveCount(0);
	await phone.getByRole('button', { name: /点击观看直播/ }).click();
	await expect(phone.getByTestId('camera')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });

	await openedLongEnough(phone);
	// The forms load as the parent scrolls down to them.
	await phone.getByTestId('feedback').scrollIntoViewIfNeeded();
	const rating = phone.getByTestId('rating');
	for (const aspect of ['口味', '卫生', '服务']) await rating.getByRole('group', { name: new RegExp(aspect) }).getByRole('radio', { name: '满意', exact: true }).check();
	await rating.getByLabel('意见（选填）').fill('饭菜很好吃');
	await rating.getByRole('button', { name: '提交评价' }).click();
	await expect(rating.getByRole('status')).toHaveText('谢谢您的评价！');

	const complaint = phone.getByTestId('complaint');
	await complaint.getByLabel('类别').selectOption({ label: '饭菜有异物' });
	await complaint.getByLabel('情况说明').fill('今天午餐的青菜里有一根头发');
	await complaint.getByLabel(/联系电话/).fill('138 1234');
	await complaint.getByRole('button', { name: '提交投诉' }).click();
	// A mistyped phone is named, and what was written stays.
	await expect(complaint.getByText('电话号码格式不对')).toBeVisible();
	await expect(complaint.getByLabel('情况说明')).toHaveValue('今天午餐的青菜里有一根头发');
	await complaint.getByLabel(/联系电话/).fill('13812345678');
	await complaint.getByRole('button', { name: '提交投诉' }).click();
	await expect(complaint.getByRole('status')).toContainText('投诉已提交');

	// The canteen's manager sees it as an alert with the complaint's words, and answers in public.
	const manager = await signedInPage(browser, { url: video.server.url, ...day.fixture.adminCredentials });
	await openAdminPage(manager, '预警');
	const alert = manager.getByTestId('alert').filter({ hasText: '公众投诉' });
	await expect(alert.getByTestId('complaint-text')).toContainText('今天午餐的青菜里有一根头发');
	await expect(alert.getByTestId('complaint-text')).toContainText('13812345678');
	await alert.getByLabel('整改措施').fill('已对打饭窗口员工加强帽子检查，青菜改为三遍清洗');
	await alert.getByLabel('整改人').fill('食堂主任');
	await expect(alert.getByLabel('在公示页公开这条答复')).toBeChecked();
	await alert.getByRole('button', { name: '提交整改反馈' }).click();
	await expect(alert.getByTestId('alert-state')).toHaveText('已反馈，待验收');

	await phone.reload();
	await phone.getByTestId('feedback').scrollIntoViewIfNeeded();
	const replies = phone.getByTestId('replies');
	await expect(replies.getByTestId('reply')).toContainText('已对打饭窗口员工加强帽子检查，青菜改为三遍清洗');
	await expect(replies).toContainText('饭菜有异物');
	// The sender's words and phone stay off the public page.
	await expect(phone.locator('body')).not.toContainText('一根头发');
	await expect(phone.locator('body')).not.toContainText('13812345678');
	await expect(phone.getByTestId('rating')).toContainText('1 人评价');
	await context.close();
});

test('a camera the parent scrolls to starts by itself; scrolled away, it stops', async ({ browser }) => {
	// Three public cameras: on a phone the third is below the first screen.
	for (const [name, area] of [
		['配餐间', 'plating'],
		['洗消间', 'dishwashing']
	]) {
		await day.fixture.admin.collection('cameras').create({ canteen: day.fixture.canteen.id, name, area, rtsp_url: video.nvr.url('kitchen'), public: true });
	}
	await expect.poll(async () => (await video.superuser.send('/api/mingchu/video/health', { method: 'POST' }), (await day.fixture.admin.collection('cameras').getFullList({ filter: 'online = true' })).length), { timeout: 30_000 }).toBe(3);
	const context = await browser.newContext(PHONE);
	const phone = await context.newPage();
	await phone.goto(publicUrl());
	const slots = phone.locator('.live .slot');
	await expect(slots).toHaveCount(3);
	await phone.waitForTimeout(1500);
	await expect(phone.getByTestId('camera')).toHaveCount(0);
	// The parent scrolls down to the third camera: it plays without a tap; the two above stay posters.
	await phone.evaluate(() => window.scrollBy(0, 400));
	await expect(slots.nth(2).getByTestId('camera')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
	await expect(phone.getByTestId('camera')).toHaveCount(1);
	// Scrolled far past it, it stops (no stream paid for while out of sight).
	await phone.getByTestId('feedback').scrollIntoViewIfNeeded();
	await expect(slots.nth(2).getByTestId('camera')).toHaveCount(0);
	await context.close();
});

test('the same address sending fifty complaints is refused politely after its day’s ten', async ({ browser }) => {
	const context = await browser.newContext(PHONE);
	const phone = await context.newPage();
	await phone.goto(publicUrl());
	await phone.getByTestId('feedback').scrollIntoViewIfNeeded();
	await expect(phone.getByTestId('complaint')).toBeVisible();
	// Fifty sends from this address, each claiming to be another phone (with a form opened long enough).
	const statuses = await phone.evaluate(async (canteen) => {
		const { token, wait_seconds } = await (await fetch(`/api/mingchu/public/canteens/${canteen}/form`)).json();
		await new Promise((resolve) => setTimeout(resolve, wait_seconds * 1000 + 200));
		const results: number[] = [];
		for (let i = 0; i < 50; i += 1) {
			const form = new FormData();
			Object.entries({ token, device: `spoofed-${i}`, category: 'other', text: `第 ${i} 条：菜太咸了` }).forEach(([key, value]) => form.set(key, value));
			results.push((await fetch(`/api/mingchu/public/canteens/${canteen}/complaints`, { method: 'POST', body: form })).status);
		}
		return results;
	}, day.fixture.canteen.id);
	expect(statuses.filter((status) => status === 200)).toHaveLength(10);
	expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
	// The parent at that address is told why, and keeps what they wrote.
	const complaint = phone.getByTestId('complaint');
	await complaint.getByLabel('类别').selectOption({ label: '服务态度' });
	await complaint.getByLabel('情况说明').fill('打饭阿姨态度不好');
	await complaint.getByRole('button', { name: '提交投诉' }).click();
	await expect(complaint.getByRole('alert')).toHaveText('今天从这部手机或网络提交的次数已达上限，谢谢您的反馈。紧急情况请拨打投诉电话。');
	await expect(complaint.getByLabel('情况说明')).toHaveValue('打饭阿姨态度不好');
	await context.close();
});

test('an ordering platform’s page on another origin frames the embed and plays the kitchen', async ({ page }) => {
	// The platform's page is served from "localhost", the canteen's server is "127.0.0.1": two origins.
	const embedUrl = `${video.server.url}/embed/${day.fixture.canteen.id}`;
	const platform: Server = createServer((_, response) => {
		response.setHeader('content-type', 'text/html; charset=utf-8');
		response.end(`<!doctype html><title>外卖平台</title><h1>店铺</h1><iframe src="${embedUrl}" width="400" height="320" allow="autoplay"></iframe>`);
	});
	await new Promise<void>((resolve) => platform.listen(0, 'localhost', resolve));
	try {
		const port = (platform.address() as { port: number }).port;
		await page.goto(`http://localhost:${port}/`);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByTestId('badge')).toHaveText('明厨亮灶');
		await expect(frame.getByTestId('grade')).toContainText('A');
		await frame.getByRole('button', { name: /点击观看直播/ }).click();
		await expect(frame.getByTestId('camera')).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
		// Only the camera, the grade and the badge: none of the day's records.
		await expect(frame.getByTestId('today')).toHaveCount(0);
	} finally {
		platform.close();
	}
});

test('the dining-room display shows the day’s records without names and follows the kitchen', async ({ page }) => {
	await page.goto(`${video.server.url}/display/${day.fixture.canteen.id}?rotate=0&panels=0&refresh=5`);
	await expect(page.getByTestId('panel-samples')).toContainText('午餐：红烧肉、清炒时蔬');
	await expect(page.getByTestId('panel-fridge')).toContainText('1 次超出范围');
	await expect(page.getByTestId('panel-deliveries')).toContainText('示范县鲜肉配送有限公司');
	await expect(page.getByTestId('panel-morning')).toContainText('1 人暂停上岗');
	await expect(page.locator('body')).not.toContainText('李秀英');
	// The kitchen keeps one more sample: the screen shows it on its next refresh.
	await day.kiosk.upload('food_samples', { meal: 'lunch', dish: '番茄炒蛋', weight_g: 150, taken_at: new Date().toISOString(), taken_by: '李秀英', fridge: '留样柜', photo_sha256: '', entered_at: new Date().toISOString() });
	await expect(page.getByTestId('panel-samples')).toContainText('番茄炒蛋', { timeout: 15_000 });
});

test('the manager keeps the public facts (a mistyped phone is named and nothing typed is lost) and prints the poster with the page’s QR code', async ({ browser }) => {
	const manager = await signedInPage(browser, { url: video.server.url, ...day.fixture.adminCredentials });
	await openAdminPage(manager, '公示');
	const form = manager.getByTestId('public-facts-form');
	await expect(form.getByLabel('食品经营许可证编号')).toHaveValue('JY36010200000042');
	await form.getByLabel('投诉电话（公开）').fill('0791-1234');
	await form.getByLabel('食品安全承诺（公开）').fill('每日晨检、留样、消毒，欢迎家长随时监督。');
	await form.getByRole('button', { name: '保存公示信息' }).click();
	await expect(form.getByRole('alert')).toContainText('电话号码格式不对');
	await expect(form.getByLabel('食品安全承诺（公开）')).toHaveValue('每日晨检、留样、消毒，欢迎家长随时监督。');
	await form.getByLabel('投诉电话（公开）').fill('12345');
	await form.getByRole('button', { name: '保存公示信息' }).click();
	await expect(manager.getByText('已保存')).toBeVisible();
	await expect(manager.getByTestId('embed-snippet')).toContainText(`/embed/${day.fixture.canteen.id}`);

	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(publicUrl());
	await expect(phone.getByTestId('complaint-phone')).toHaveText('12345');
	await expect(phone.getByText('每日晨检、留样、消毒，欢迎家长随时监督。')).toBeVisible();

	await manager.getByRole('link', { name: '打印公示海报和餐桌卡' }).click();
	const poster = manager.getByTestId('poster');
	await expect(poster.getByRole('heading', { name: '阳光小学食堂' })).toBeVisible();
	await expect(poster.getByTestId('poster-qr')).toHaveAttribute('alt', `${video.server.url}/p/${day.fixture.canteen.id}`);
	await expect(poster.getByTestId('poster-qr')).toHaveAttribute('src', /^data:image\/png;base64,/);
	await expect(manager.getByTestId('table-card')).toContainText('扫码看后厨');
});
