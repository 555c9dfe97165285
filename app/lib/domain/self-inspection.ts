// 自查 self-inspection (issue 3): checklists the canteen goes through when it opens and closes, each
// week and each month. A failed item is saved only with the corrective action and who took it.
import type { ErrorCode } from './error-codes';

export const INSPECTION_KINDS = ['opening', 'closing', 'weekly', 'monthly'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** A checklist an administrator keeps (shared data, versioned). */
export interface InspectionTemplate {
	name: string;
	kind: InspectionKind;
	items: string[];
	active: boolean;
}

/**
 * What a canteen uses until its administrator writes its own: the usual points of the opening and
 * closing rounds in the 操作规范 and local self-inspection forms.
 */
export const DEFAULT_INSPECTION_TEMPLATES: InspectionTemplate[] = [
	{
		name: '开餐前自查',
		kind: 'opening',
		active: true,
		items: ['从业人员已晨检，着装整洁', '加工场所清洁，无积水、无异味', '冷藏冷冻设备温度正常', '餐用具已清洗消毒并保洁存放', '无过期、变质或“三无”食品', '防鼠、防蝇、防虫设施完好']
	},
	{
		name: '收市后自查',
		kind: 'closing',
		active: true,
		items: ['剩余食品已覆盖并冷藏', '餐厨废弃物已清运，容器已清洁', '地面、台面、设备已清洁', '燃气、水、电已关闭', '门窗已关闭上锁']
	}
];

export interface InspectionResult {
	item: string;
	ok: boolean;
	/** For a failed item: what was done about it, and by whom. */
	action: string;
	action_by: string;
}

export interface SelfInspectionInput {
	template: string;
	kind: InspectionKind;
	results: InspectionResult[];
	inspected_at: string;
	inspected_by: string;
}

export interface InspectionError {
	field: keyof SelfInspectionInput;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

export interface InspectionFinding {
	code: 'inspection.failed';
	params: Record<string, string | number>;
}

export function validateSelfInspection({ input }: { input: SelfInspectionInput }): InspectionError[] {
	const errors: InspectionError[] = [];
	if (!input.template?.trim()) errors.push({ field: 'template', code: 'required' });
	if (!INSPECTION_KINDS.includes(input.kind)) errors.push({ field: 'kind', code: 'required' });
	if (!input.inspected_by?.trim()) errors.push({ field: 'inspected_by', code: 'required' });
	if (Number.isNaN(Date.parse(input.inspected_at))) errors.push({ field: 'inspected_at', code: 'required' });
	const results = Array.isArray(input.results) ? input.results : [];
	if (results.length === 0 || results.some((r) => typeof r?.item !== 'string' || !r.item.trim() || typeof r.ok !== 'boolean')) {
		errors.push({ field: 'results', code: 'required' });
		return errors;
	}
	for (const result of results) {
		if (!result.ok && (!result.action?.trim() || !result.action_by?.trim())) {
			errors.push({ field: 'results', code: 'inspection_action_required', params: { item: result.item } });
		}
	}
	return errors;
}

/** WARN: the failed items stay visible with the record wherever it is shown. */
export function assessSelfInspection({ input }: { input: SelfInspectionInput }): InspectionFinding[] {
	const failed = input.results.filter((r) => !r.ok);
	return failed.length > 0 ? [{ code: 'inspection.failed', params: { count: failed.length, items: failed.map((r) => r.item).join('、') } }] : [];
}

export function validateInspectionTemplate(template: InspectionTemplate): { field: keyof InspectionTemplate; code: ErrorCode }[] {
	const errors: { field: keyof InspectionTemplate; code: ErrorCode }[] = [];
	if (!template.name?.trim()) errors.push({ field: 'name', code: 'required' });
	if (!INSPECTION_KINDS.includes(template.kind)) errors.push({ field: 'kind', code: 'required' });
	if (!Array.isArray(template.items) || template.items.filter((item) => typeof item === 'string' && item.trim()).length === 0) {
		errors.push({ field: 'items', code: 'required' });
	}
	return errors;
}
