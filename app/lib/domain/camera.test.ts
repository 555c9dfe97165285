import { describe, expect, it } from 'vitest';
import { uplinkBudgetKbps, uplinkPlan, validateCamera, type UplinkCamera } from './camera';
import { DEFAULT_SETTINGS } from './settings';

const camera = { name: '烹饪区', rtsp_url: 'rtsp://admin:pw@192.168.1.64:554/Streaming/Channels/101', upstream: false, upstream_url: '' };

describe('registering a camera', () => {
	it('accepts an NVR channel over RTSP or RTSPS', () => {
		expect(validateCamera(camera)).toEqual([]);
		expect(validateCamera({ ...camera, rtsp_url: 'rtsps://nvr.local/ch1' })).toEqual([]);
	});

	it('refuses an address that is not RTSP, or has spaces', () => {
		for (const rtsp_url of ['http://192.168.1.64/ch1', '192.168.1.64:554', 'rtsp://nvr local/ch1', '']) {
			expect(validateCamera({ ...camera, rtsp_url }), rtsp_url).toEqual([{ field: 'rtsp_url', code: 'rtsp_url_invalid' }]);
		}
	});

	it('needs the province’s address, RTMP or RTSP, when the camera is forwarded', () => {
		expect(validateCamera({ ...camera, upstream: true })).toEqual([{ field: 'upstream_url', code: 'upstream_url_required' }]);
		expect(validateCamera({ ...camera, upstream: true, upstream_url: 'rtmp://platform.gov.cn/live/key123' })).toEqual([]);
		expect(validateCamera({ ...camera, upstream: true, upstream_url: 'https://platform.gov.cn' })).toEqual([
			{ field: 'upstream_url', code: 'upstream_url_invalid' }
		]);
	});

	it('needs a name', () => {
		expect(validateCamera({ ...camera, name: ' ' })).toEqual([{ field: 'name', code: 'required' }]);
	});
});

describe('the uplink budget for forwarding', () => {
	const camera = (overrides: Partial<UplinkCamera> & { id: string }): UplinkCamera => ({
		name: overrides.id,
		upstream: true,
		upstream_mode: 'always',
		has_sub: false,
		bitrate_kbps: 0,
		sub_bitrate_kbps: 0,
		...overrides
	});

	it('gives 0.5 Mbps a camera unless the canteen states its uplink', () => {
		expect(uplinkBudgetKbps(DEFAULT_SETTINGS, 4)).toBe(2000);
		expect(uplinkBudgetKbps({ ...DEFAULT_SETTINGS, video: { ...DEFAULT_SETTINGS.video, uplinkKbps: 1200 } }, 4)).toBe(1200);
	});

	it('counts the stream that goes up: the measured sub-stream where there is one, 500 kbps while unmeasured', () => {
		const plan = uplinkPlan(DEFAULT_SETTINGS, [
			camera({ id: 'main', bitrate_kbps: 2100 }),
			camera({ id: 'sub', has_sub: true, bitrate_kbps: 4000, sub_bitrate_kbps: 380 }),
			camera({ id: 'new' }),
			camera({ id: 'asked', upstream_mode: 'on_demand', bitrate_kbps: 900 }),
			camera({ id: 'local', upstream: false, bitrate_kbps: 3000 })
		]);
		expect(plan.cameras.map((c) => [c.id, c.stream, c.cost_kbps, c.measured])).toEqual([
			['main', 'main', 2100, true],
			['sub', 'sub', 380, true],
			['new', 'main', 500, false],
			['asked', 'main', 900, true],
			['local', 'main', 3000, true]
		]);
		// On-demand cameras cost only while watched: not in what is forwarded all the time.
		expect(plan).toMatchObject({ budget_kbps: 2500, always_kbps: 2980, all_marked_kbps: 3880, fits: false });
	});
});
