import { describe, expect, it } from 'vitest';
import { operationalSettingsOf, resolveSettings, settingsAfter, todayStatus, validateOperationalSettings } from '.';

const school = resolveSettings({ type: 'school' });

describe("a canteen's own settings", () => {
	it('start from the rule book and round-trip', () => {
		const current = operationalSettingsOf(school);
		expect(current).toMatchObject({ lunchEnds: '13:00', wasteBy: '20:00', additiveKeeper: '', idleLockMinutes: 5 });
		expect(operationalSettingsOf(settingsAfter('school', {}, current))).toEqual(current);
	});

	it('refuse times that are not HH:MM and an idle lock outside 1–60 minutes', () => {
		const current = operationalSettingsOf(school);
		expect(validateOperationalSettings({ ...current, lunchEnds: '1300', idleLockMinutes: 0 }).map((e) => e.field)).toEqual(['lunchEnds', 'idleLockMinutes']);
		expect(validateOperationalSettings({ ...current, wasteBy: '24:00' }).map((e) => e.code)).toEqual(['time_format']);
	});

	it('keep the thresholds and other overrides, and drop a meal the canteen does not serve from the today screen', () => {
		const overrides = { samples: { minWeightG: 150 } };
		const after = settingsAfter('school', overrides, { ...operationalSettingsOf(school), dinnerEnds: '', additiveKeeper: ' 王建国 ' });
		expect(after.samples.minWeightG).toBe(150);
		expect(after.additives.keeper).toBe('王建国');
		const due = todayStatus({ now: new Date('2026-11-22T12:00:00+08:00'), today: '2026-11-22', settings: after, staffCount: 0, checks: [], samples: [], disinfections: [] });
		expect(due.some((d) => d.meal === 'dinner')).toBe(false);
		expect(due.some((d) => d.meal === 'lunch')).toBe(true);
	});
});
