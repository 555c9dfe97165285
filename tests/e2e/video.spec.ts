import { expect, test, type Locator, type Page } from '@playwright/test';
import { createCanteenWithStaff, enrolKiosk, type CanteenFixture } from '../fixtures/server';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { newRecordId } from '../../app/lib/db/ids';
import { signInAsAdministrator } from './admin';
import { startVideoServer, type VideoServer } from '../fixtures/video';

let video: VideoServer;
let canteen: CanteenFixture;
let kitchen: { id: string };

test.beforeEach(async () => {
	video = await startVideoServer({ nvrCameras: ['kitchen', 'coldroom'] });
	canteen = await createCanteenWithStaff(video, { name: '阳光小学食堂', staff: { 李秀英: {} } });
	await video.superuser.collection('canteens').update(canteen.canteen.id, { licence_number: 'JY33010200000042', grade: 'A' });
	kitchen = await canteen.admin.collection('cameras').create({
		canteen: canteen.canteen.id,
		name: '烹饪区',
		area: 'cooking',
		rtsp_url: video.nvr.url('kitchen'),
		public: true
	});
	await canteen.admin.collection('cameras').create({
		canteen: canteen.canteen.id,
		name: '凉菜间',
		area: 'cold_room',
		rtsp_url: video.nvr.url('coldroom'),
		public: false
	});
});

test.afterEach(async () => {
	await video.dispose();
});

/** Frames advance: the video's clock moves on by at least a second. */
async function expectFramesAdvance(camera: Locator) {
	const clock = () => camera.locator('video').evaluate((element: HTMLVideoElement) => element.currentTime);
	const start = await clock();
	await expect.poll(clock, { timeout: 15_000 }).toBeGreaterThan(start + 1);
}

function openDisplay(page: Page) {
	return page.goto(`${video.server.url}/display/${canteen.canteen.id}?rotate=0`);
}

test('the dining-room display shows the canteen and plays its public camera over WebRTC', async ({ page }) => {
	await openDisplay(page);
	await expect(page.getByRole('heading', { name: '阳光小学食堂' })).toBeVisible();
	await expect(page.getByTestId('licence')).toHaveText('JY33010200000042');
	await expect(page.getByTestId('grade')).toHaveText('A');
	await expect(page.getByTestId('ledger-status')).toContainText('晨检 0/1');
	// Only the public camera is shown.
	const cameras = page.getByTestId('camera');
	await expect(cameras).toHaveCount(1);
	await expect(cameras).toHaveAttribute('data-path', `c_${kitchen.id}`);
	await expect(cameras).toHaveAttribute('data-transport', 'webrtc', { timeout: 20_000 });
	await expectFramesAdvance(cameras);
});

test('the display falls back to HLS when WebRTC is blocked', async ({ page }) => {
	await page.route('**/whep', (route) => route.abort());
	await openDisplay(page);
	const camera = page.getByTestId('camera');
	await expect(camera).toHaveAttribute('data-transport', 'hls', { timeout: 30_000 });
	await expectFramesAdvance(camera);
});

test('the display says the camera is offline while the NVR is down and plays again when it is back', async ({ page }) => {
	await openDisplay(page);
	const camera = page.getByTestId('camera');
	await expect(camera).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
	await video.nvr.stop();
	await expect(camera).not.toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
	await expect(camera.getByRole('status')).toBeVisible();
	await video.nvr.start();
	await expect(camera).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });
	await expectFramesAdvance(camera);
});

test('from a morning check, "view the kitchen at this moment" plays the cooking area’s recording of that time', async ({ page }) => {
	// Let the recording run for a while, then a check is made and uploaded.
	await page.waitForTimeout(7000);
	const { pb: kiosk } = await enrolKiosk(video, canteen);
	const chain = new TestChain({ canteen: canteen.canteen.id, device: kiosk.authStore.record!.id });
	const checkedAt = new Date();
	await pushChecks(kiosk, [chain.next({ id: newRecordId(), staff: canteen.staff['李秀英']!.id, checked_at: checkedAt.toISOString() })]);
	await page.waitForTimeout(3000);

	await signInAsAdministrator(page, { url: video.server.url, ...canteen.adminCredentials });
	await page.getByRole('link', { name: '查看当时画面' }).click();
	const player = page.getByTestId('playback-video');
	await expect(page.getByTestId('playback')).toContainText('烹饪区');
	const src = new URL((await player.getAttribute('src'))!);
	expect(src.searchParams.get('path')).toBe(`c_${kitchen.id}`);
	expect(new Date(src.searchParams.get('start')!).getTime()).toBe(checkedAt.getTime() - 5000);
	// The recording of that moment loads and plays.
	await expect.poll(() => player.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
	await expect.poll(() => player.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);
});

test('the administrator adds a camera and watches a non-public one live with their sign-in', async ({ page }) => {
	await signInAsAdministrator(page, { url: video.server.url, ...canteen.adminCredentials });
	await page.getByRole('link', { name: '摄像头' }).click();
	const form = page.getByTestId('camera-form');
	await form.getByLabel('名称').fill('洗消间');
	await form.getByLabel('区域').selectOption('dishwashing');
	// A typing mistake in the address is refused, and what was typed stays.
	await form.getByLabel(/录像机 RTSP 地址/).fill('http://wrong');
	await form.getByRole('button', { name: '添加摄像头' }).click();
	await expect(form.getByRole('alert')).toContainText('录像机地址应以 rtsp:// 或 rtsps:// 开头');
	await expect(form.getByLabel('名称')).toHaveValue('洗消间');
	await form.getByLabel(/录像机 RTSP 地址/).fill(video.nvr.url('coldroom'));
	await form.getByRole('button', { name: '添加摄像头' }).click();
	const row = page.getByTestId('camera-row').filter({ hasText: '洗消间' });
	await expect(row).toBeVisible();

	await page.getByTestId('camera-row').filter({ hasText: '凉菜间' }).getByRole('button', { name: '实时观看' }).click();
	const camera = page.getByTestId('camera');
	await expect(camera).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
	await expectFramesAdvance(camera);
});
