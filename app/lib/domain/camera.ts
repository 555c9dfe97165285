/** A camera as an administrator registers it (the addresses are write-only: the server keeps them). */
export interface CameraAddresses {
	name: string;
	rtsp_url: string;
	upstream: boolean;
	upstream_url: string;
}

export interface CameraFieldError {
	field: keyof CameraAddresses;
	code: 'required' | 'rtsp_url_invalid' | 'upstream_url_invalid' | 'upstream_url_required';
}

const RTSP = /^rtsps?:\/\/[^\s/]+(\/\S*)?$/;
const UPSTREAM = /^(rtmps?|rtsps?):\/\/[^\s/]+(\/\S*)?$/;

/**
 * The NVR is reached over RTSP (MediaMTX pulls it without transcoding); the province's platform takes
 * RTMP or RTSP. Anything else is a typing mistake that would leave the camera black.
 */
export function validateCamera(input: CameraAddresses): CameraFieldError[] {
	const errors: CameraFieldError[] = [];
	if (!input.name?.trim()) errors.push({ field: 'name', code: 'required' });
	if (!RTSP.test(input.rtsp_url?.trim() ?? '')) errors.push({ field: 'rtsp_url', code: 'rtsp_url_invalid' });
	if (input.upstream && !input.upstream_url?.trim()) errors.push({ field: 'upstream_url', code: 'upstream_url_required' });
	else if (input.upstream_url?.trim() && !UPSTREAM.test(input.upstream_url.trim())) {
		errors.push({ field: 'upstream_url', code: 'upstream_url_invalid' });
	}
	return errors;
}
