import { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { classifyApiError } from './errors';

const answer = (status: number, message = '') => new ClientResponseError({ status, response: { message, data: {} } });

describe('API errors', () => {
	it('are tried again later, not set aside, when the server is busy, full or not ready for them', () => {
		// 429: rate limit; 425: a photo that overtook its record; 507: the server's disk is full.
		for (const status of [429, 425, 500, 503, 507]) expect(classifyApiError(answer(status)).kind, String(status)).toBe('server');
	});

	it('are refusals of what was sent when the server says so (400, 409)', () => {
		expect(classifyApiError(answer(400, '必填')).kind).toBe('rejected');
		expect(classifyApiError(answer(409)).kind).toBe('rejected');
	});

	it('are "offline" when nothing answered, a request that timed out included', () => {
		expect(classifyApiError(new ClientResponseError({ status: 0 })).kind).toBe('offline');
		expect(classifyApiError(new TypeError('Failed to fetch')).kind).toBe('offline');
	});
});
