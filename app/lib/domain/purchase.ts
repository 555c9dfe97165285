// 进货查验 / 索证索票 purchase inspection (../shared/rules.md section 5, rules 19–22 and 24; issue 4):
// what a delivery must carry and when it must be refused. Pure: the kiosk and the hooks share it.
import type { ErrorCode } from './error-codes';
import { expiryStatus, type CertificateStatus } from './health-certificate';
import { addDaysTo, addMonthsTo, addYearsTo, daysBetween, isLocalDate, type LocalDate } from './dates';
import { isNitrite } from './additive';

export const PURCHASE_CATEGORIES = ['pork', 'meat', 'poultry', 'aquatic', 'dairy', 'vegetable', 'grain_oil', 'condiment', 'additive', 'other'] as const;
export type PurchaseCategory = (typeof PURCHASE_CATEGORIES)[number];

export const DOCUMENT_KINDS = [
	'supplier_licence',
	'inspection_proof',
	'animal_quarantine',
	'meat_quality',
	'asf_report',
	'entry_inspection'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A supplier the canteen buys from (shared data, edited by administrators). */
export interface Supplier {
	name: string;
	/** 统一社会信用代码: 18 characters. */
	credit_code: string;
	licence_number: string;
	licence_expires: LocalDate | '';
	contact: string;
	phone: string;
	address: string;
	categories: PurchaseCategory[];
	active: boolean;
}

/** One line of a delivery: what came in and how long it keeps. */
export interface PurchaseLine {
	name: string;
	/** 规格, e.g. 5kg/袋. */
	spec: string;
	quantity: number | null;
	unit: string;
	category: PurchaseCategory;
	imported: boolean;
	production_date: LocalDate | '';
	batch: string;
	/** 保质期 in days, or the expiry date printed on the package. */
	shelf_life_days: number | null;
	expiry_date: LocalDate | '';
	/** The product barcode on the package (EAN-13 and the like), when the goods carry one. */
	barcode?: string;
}

/** A line with nothing filled in yet. */
export function emptyPurchaseLine(): PurchaseLine {
	return { name: '', spec: '', quantity: null, unit: '', category: 'other', imported: false, production_date: '', batch: '', shelf_life_days: null, expiry_date: '' };
}

/**
 * The line proposed for goods whose barcode was scanned: what a product keeps from one delivery to the
 * next (name, specification, unit, category, imported, shelf life) comes from the last line with that
 * barcode; quantity, dates and batch belong to this delivery and stay for the cook to fill in.
 */
export function lineForBarcode(barcode: string, last: PurchaseLine | undefined): PurchaseLine {
	const line = { ...emptyPurchaseLine(), barcode };
	if (!last) return line;
	const { name, spec, unit, category, imported, shelf_life_days } = last;
	return { ...line, name, spec, unit, category, imported, shelf_life_days };
}

/** A document that came with the goods: its number and/or a photo of it. */
export interface PurchaseDocument {
	kind: DocumentKind;
	number: string;
	photographed: boolean;
}

export interface PurchaseError {
	field: string;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

export interface PurchaseFinding {
	code: 'purchase.expiring' | 'purchase.supplier_licence_expiring';
	params: Record<string, string | number>;
}

/**
 * Rule 20 and section 5: the documents each category needs. Every delivery: the supplier's licence and
 * proof the goods passed inspection. Meat and poultry: the animal quarantine certificate; pork also the
 * meat quality certificate and the African swine fever report. Imported food: the entry inspection and
 * quarantine certificate.
 */
export function requiredDocuments({ category, imported }: { category: PurchaseCategory; imported: boolean }): DocumentKind[] {
	const kinds: DocumentKind[] = ['supplier_licence', 'inspection_proof'];
	if (category === 'pork' || category === 'meat' || category === 'poultry') kinds.push('animal_quarantine');
	if (category === 'pork') kinds.push('meat_quality', 'asf_report');
	if (imported) kinds.push('entry_inspection');
	return kinds;
}

/** The last day a line may be used: the printed expiry, or production date + shelf life. */
export function expiryOf(line: Pick<PurchaseLine, 'expiry_date' | 'production_date' | 'shelf_life_days'>): LocalDate | undefined {
	if (isLocalDate(line.expiry_date)) return line.expiry_date;
	if (isLocalDate(line.production_date) && line.shelf_life_days !== null && Number.isFinite(line.shelf_life_days)) {
		return addDaysTo(line.production_date, line.shelf_life_days);
	}
	return undefined;
}

/** Rule 22: a purchase record is kept until 6 months after its lines' shelf life ends, 2 years for a line without one. */
export function retentionUntil({ lines, receivedOn }: { lines: PurchaseLine[]; receivedOn: LocalDate }): LocalDate {
	// The record lasts as long as its longest-kept line.
	const dates = lines.map((line) => {
		const expiry = expiryOf(line);
		return expiry ? addMonthsTo(expiry, 6) : addYearsTo(receivedOn, 2);
	});
	return dates.length > 0 ? dates.sort().at(-1)! : addYearsTo(receivedOn, 2);
}

export function supplierLicence({ supplier, today, warnDays }: { supplier: Supplier; today: LocalDate; warnDays: number }): CertificateStatus {
	return supplier.licence_number?.trim() ? expiryStatus({ validUntil: supplier.licence_expires || undefined, today, warnDays }) : { state: 'missing' };
}

/**
 * BLOCK: rule 19 (every field of the record), rule 21 (expired on the day it arrives), rule 24 (nitrite),
 * rule 20 (the documents of each category, by number or photo), and a supplier whose licence is missing
 * or expired.
 */
export function validatePurchase({
	supplier,
	lines,
	documents,
	receivedOn,
	warnDays
}: {
	supplier: Supplier | undefined;
	lines: PurchaseLine[];
	documents: PurchaseDocument[];
	receivedOn: LocalDate;
	warnDays: number;
}): PurchaseError[] {
	const errors: PurchaseError[] = [];
	if (!supplier) errors.push({ field: 'supplier', code: 'required' });
	else {
		for (const field of ['name', 'address', 'contact'] as const) {
			if (!supplier[field]?.trim()) errors.push({ field: 'supplier', code: 'purchase_supplier_incomplete', params: { field } });
		}
		const licence = supplierLicence({ supplier, today: receivedOn, warnDays });
		if (licence.state === 'missing' || licence.state === 'expired') {
			errors.push({ field: 'supplier', code: `purchase_supplier_licence_${licence.state}`, params: { name: supplier.name, date: licence.validUntil ?? '' } });
		}
	}
	if (!isLocalDate(receivedOn)) errors.push({ field: 'received_on', code: 'required' });
	if (lines.length === 0) errors.push({ field: 'lines', code: 'required' });
	lines.forEach((line, index) => {
		const at = `lines.${index}`;
		if (!line.name?.trim()) errors.push({ field: `${at}.name`, code: 'required' });
		if (!line.spec?.trim()) errors.push({ field: `${at}.spec`, code: 'required' });
		if (line.quantity === null || !Number.isFinite(line.quantity) || line.quantity <= 0) errors.push({ field: `${at}.quantity`, code: 'required' });
		if (!isLocalDate(line.production_date) && !line.batch?.trim()) errors.push({ field: `${at}.production_date`, code: 'purchase_date_or_batch' });
		const expiry = expiryOf(line);
		if (!expiry) errors.push({ field: `${at}.shelf_life_days`, code: 'purchase_shelf_life_required' });
		else if (isLocalDate(receivedOn) && daysBetween(receivedOn, expiry) < 0) {
			errors.push({ field: `${at}.expiry_date`, code: 'purchase_expired', params: { name: line.name, date: expiry } });
		}
		if (isNitrite(line.name ?? '')) errors.push({ field: `${at}.name`, code: 'additive_nitrite_banned' });
	});
	const have = new Set(documents.filter((d) => d.number.trim() || d.photographed).map((d) => d.kind));
	const needed = new Set(lines.flatMap((line) => requiredDocuments(line)));
	for (const kind of DOCUMENT_KINDS) {
		if (needed.has(kind) && !have.has(kind)) errors.push({ field: `documents.${kind}`, code: 'purchase_document_missing', params: { kind } });
	}
	return errors;
}

/** WARN: goods expiring within `expiryWarnDays` of arrival, a supplier licence ending within `warnDays`. */
export function assessPurchase({
	supplier,
	lines,
	receivedOn,
	expiryWarnDays,
	warnDays
}: {
	supplier: Supplier;
	lines: PurchaseLine[];
	receivedOn: LocalDate;
	expiryWarnDays: number;
	warnDays: number;
}): PurchaseFinding[] {
	const findings: PurchaseFinding[] = [];
	for (const line of lines) {
		const expiry = expiryOf(line);
		if (expiry && daysBetween(receivedOn, expiry) >= 0 && daysBetween(receivedOn, expiry) <= expiryWarnDays) {
			findings.push({ code: 'purchase.expiring', params: { name: line.name, date: expiry, days: daysBetween(receivedOn, expiry) } });
		}
	}
	const licence = supplierLicence({ supplier, today: receivedOn, warnDays });
	if (licence.state === 'expiring') findings.push({ code: 'purchase.supplier_licence_expiring', params: { name: supplier.name, date: licence.validUntil!, days: licence.daysLeft! } });
	return findings;
}

/** What the kiosk records at the door: the delivery as checked, with who received it and when. */
export interface PurchaseInput {
	/** The supplier's record id. */
	supplier: string;
	/** When the delivery arrived (not `received_at`, which every ledger keeps for the server's arrival). */
	delivered_at: string;
	received_by: string;
	lines: PurchaseLine[];
	documents: PurchaseDocument[];
}

/** A supplier as an administrator enters it (licence dates may be past: receiving is then blocked). */
export function validateSupplier(supplier: Supplier): PurchaseError[] {
	const errors: PurchaseError[] = [];
	for (const field of ['name', 'licence_number', 'contact', 'phone', 'address'] as const) {
		if (!supplier[field]?.trim()) errors.push({ field, code: 'required' });
	}
	if (supplier.credit_code && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(supplier.credit_code)) errors.push({ field: 'credit_code', code: 'purchase_credit_code' });
	if (!isLocalDate(supplier.licence_expires)) errors.push({ field: 'licence_expires', code: 'required' });
	return errors;
}
