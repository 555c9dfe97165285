import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from './settings';

describe('canteen settings', () => {
	it('uses the rule-book defaults when a canteen overrides nothing', () => {
		expect(resolveSettings({ type: 'elderly_care' })).toEqual(DEFAULT_SETTINGS);
	});

	it('asks schools and kindergartens for an accompanied meal at every meal, not other canteens', () => {
		expect(resolveSettings({ type: 'school' })).toEqual({ ...DEFAULT_SETTINGS, accompaniedMeals: { required: true } });
		expect(resolveSettings({ type: 'kindergarten' }).accompaniedMeals.required).toBe(true);
		expect(resolveSettings({ type: 'elderly_care' }).accompaniedMeals.required).toBe(false);
	});

	it('ignores keys it does not know and values of the wrong shape', () => {
		const settings = resolveSettings({
			type: 'restaurant',
			overrides: { morningCheck: { feverThresholdC: 37.5, unknownRule: 1 }, nonsense: true, utcOffsetMinutes: null }
		});
		expect(settings.morningCheck.feverThresholdC).toBe(37.5);
		expect(settings).not.toHaveProperty('nonsense');
		expect(settings.morningCheck).not.toHaveProperty('unknownRule');
		expect(settings.utcOffsetMinutes).toBe(480);
	});

	it('does not change the defaults when a canteen overrides them', () => {
		resolveSettings({ type: 'school', overrides: { morningCheck: { plausibleTemperatureC: { max: 38 } } } });
		expect(DEFAULT_SETTINGS.morningCheck.plausibleTemperatureC.max).toBe(42.5);
	});
});
