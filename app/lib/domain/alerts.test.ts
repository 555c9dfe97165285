import { describe, expect, it } from 'vitest';
import { alertOfLedgerRecord, cardOf, dueAt, gradeOf } from './alerts';
import { cellState, completeness, requiredLedgers } from './oversight';
import { resolveSettings } from './settings';

describe('alerts', () => {
	it('grades a rodent 一类, an exclusion 二类, anything else of the rule book 三类', () => {
		expect([gradeOf('ai.rodent'), gradeOf('staff.excluded'), gradeOf('disinfection.too_cool')]).toEqual([1, 2, 3]);
		expect(gradeOf('ai.no_hat', { 'ai.no_hat': 2 })).toBe(2);
	});

	it('gives yellow once late, red five days later, nothing once closed', () => {
		const raised = new Date('2026-11-01T02:00:00Z');
		const due = dueAt(raised, 2);
		expect(due.toISOString()).toBe('2026-11-04T02:00:00.000Z');
		const at = (days: number) => new Date(due.getTime() + days * 86400_000);
		expect(cardOf({ state: 'open', due_at: due, now: at(-0.1) })).toBe('');
		expect(cardOf({ state: 'answered', due_at: due, now: at(1) })).toBe('yellow');
		expect(cardOf({ state: 'open', due_at: due.toISOString().replace('T', ' '), now: at(5.5) })).toBe('red');
		expect(cardOf({ state: 'closed', due_at: due, now: at(30) })).toBe('');
	});

	it('says why a person was excluded without who or how hot, and raises nothing for a fit one', () => {
		const findings = [
			{ code: 'symptom.fever', severity: 'exclude', params: { temperature: 38.2 } },
			{ code: 'hygiene.hands', severity: 'warn' }
		];
		expect(alertOfLedgerRecord('morning_checks', { outcome: 'excluded', findings })).toEqual({ code: 'staff.excluded', params: { reasons: 'symptom.fever' } });
		expect(alertOfLedgerRecord('morning_checks', { outcome: 'fit_with_warnings', findings })).toBeNull();
		expect(alertOfLedgerRecord('cold_readings', { findings: [{ code: 'cold.out_of_range', params: { temperature: 9, min: 0, max: 8 } }], reason: '调低', unit: '留样柜' })).toEqual({
			code: 'cold.out_of_range',
			params: { temperature: 9, min: 0, max: 8, unit: '留样柜', overridden: 1, ledger: 'cold_readings' }
		});
		expect(alertOfLedgerRecord('cold_readings', { findings: [] })).toBeNull();
	});
});

describe('the oversight grid', () => {
	it('owes samples and accompanied meals where the canteen type says so', () => {
		expect(requiredLedgers(resolveSettings({ type: 'school' }))).toContain('accompanied_meals');
		expect(requiredLedgers(resolveSettings({ type: 'restaurant' }))).not.toContain('food_samples');
		expect(requiredLedgers(resolveSettings({ type: 'school' }))).not.toContain('purchases');
	});

	it('colours a cell by its worst day and counts 补录 as kept', () => {
		const cell = (done: number, late: number, missing: number, pending = 0) => ({ required: true, records: done + late, done, late, missing, pending });
		expect([cellState(cell(3, 0, 0)), cellState(cell(2, 1, 0)), cellState(cell(2, 0, 1)), cellState(cell(0, 0, 0, 1))]).toEqual(['done', 'late', 'missing', 'pending']);
		expect(cellState({ required: false, records: 0, done: 0, late: 0, missing: 0, pending: 0 })).toBe('not_required');
		// A month with one day missed has gaps; with four, the ledger is not being kept.
		expect([cellState(cell(28, 1, 1)), cellState(cell(24, 2, 4))]).toEqual(['gaps', 'missing']);
		expect(completeness([cell(2, 1, 1), cell(4, 0, 0)])).toBe(7 / 8);
		expect(completeness([cell(0, 0, 0, 1)])).toBeNull();
	});
});
