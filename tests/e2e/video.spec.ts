import { expect, test, type Locator, type Page } from '@playwright/test';
import { createCanteenWithStaff, type CanteenFixture } from '../fixtures/server';
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
