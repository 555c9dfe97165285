import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings, assessSelfInspection, chainText, todayStatus, validateInspectionTemplate, validateSelfInspection, type SelfInspectionInput } from '.';

const round = (results: SelfInspectionInput['results']): SelfInspectionInput => ({
	template: '开餐前自查',
	kind: 'opening',
	results,
	inspected_at: '2026-11-22T00:30:00.000Z',
	inspected_by: '王建国'
});
const ok = (item: string) => ({ item, ok: true, action: '', action_by: '' });

describe('self-inspection', () => {
	it('saves a round where everything passed, without findings', () => {
		const input = round([ok('地面清洁'), ok('冷藏温度正常')]);
		expect(validateSelfInspection({ input })).toEqual([]);
		expect(assessSelfInspection({ input })).toEqual([]);
	});

	it('blocks a failed item without the corrective action and who took it, and keeps it visible once given', () => {
		const failed = { item: '防鼠设施完好', ok: false, action: '', action_by: '' };
		expect(validateSelfInspection({ input: round([ok('地面清洁'), failed]) })).toEqual([
			{ field: 'results', code: 'inspection_action_required', params: { item: '防鼠设施完好' } }
		]);
		const handled = round([ok('地面清洁'), { ...failed, action: '已更换挡鼠板', action_by: '王建国' }]);
		expect(validateSelfInspection({ input: handled })).toEqual([]);
		expect(assessSelfInspection({ input: handled })).toEqual([{ code: 'inspection.failed', params: { count: 1, items: '防鼠设施完好' } }]);
	});

	it('refuses a round without items', () => {
		expect(validateSelfInspection({ input: round([]) }).map((e) => e.field)).toEqual(['results']);
	});

	it('asks a template for a name and at least one item', () => {
		expect(validateInspectionTemplate({ name: '周自查', kind: 'weekly', items: [' '], active: true })).toEqual([{ field: 'items', code: 'required' }]);
	});

	it('hashes the results the same whatever order their keys come back in', () => {
		const base = { collection: 'self_inspections' as const, id: 'x', canteen: 'c', device: 'd', link: { seq: 1, prev_hash: '0' } };
		const a = chainText({ ...base, fields: { results: [{ item: 'a', ok: true, action: '', action_by: '' }] } });
		const b = chainText({ ...base, fields: { results: [{ action_by: '', action: '', ok: true, item: 'a' }] } });
		expect(a).toBe(b);
	});

	it('puts the opening round due by 10:00 and the closing round by 21:00 on the today screen', () => {
		const now = new Date('2026-11-22T10:01:00+08:00');
		const due = todayStatus({ now, today: '2026-11-22', settings, staffCount: 0, checks: [], samples: [], disinfections: [], inspections: [] });
		expect(due.filter((d) => d.ledger === 'self_inspections').map((d) => [d.round, d.state])).toEqual([
			['opening', 'overdue'],
			['closing', 'due']
		]);
	});
});
