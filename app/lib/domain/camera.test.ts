import { describe, expect, it } from 'vitest';
import { validateCamera } from './camera';

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
