// 餐厨废弃物 kitchen waste (../shared/rules.md section 6, rules 26–28): handed over only to a licensed
// collector with a contract, every hand-over written down with the receiver's signature.
import type { ErrorCode } from './error-codes';
import { expiryStatus, type CertificateStatus } from './health-certificate';
import { isLocalDate, type LocalDate } from './dates';
import type { CanteenSettings } from './settings';

export const WASTE_TYPES = ['food_waste', 'waste_oil', 'other'] as const;
export type WasteType = (typeof WASTE_TYPES)[number];

/** A licensed collector the canteen has a contract with (shared data, edited by administrators). */
export interface WasteCollector {
	name: string;
	licence_number: string;
	/** Last day the collector's licence is valid. */
	licence_expires: LocalDate | '';
	/** Last day of the canteen's contract with them. */
	contract_expires: LocalDate | '';
	contact: string;
	phone: string;
	address: string;
	active: boolean;
}

/** What the kitchen enters at a hand-over; the signature is the receiver's, drawn on the tablet. */
export interface WasteHandoverInput {
	waste_type: WasteType;
	weight_kg: number | null;
	/** The collector's record id. */
	collector: string;
	/** What the waste will be used for or how it is processed (the ledger's 用途 column). */
	destination: string;
	handed_at: string;
	handed_by: string;
	/** Who took it, for the collector. */
	receiver: string;
}

export interface WasteError {
	field: keyof WasteHandoverInput | 'signature' | keyof WasteCollector;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

export interface WasteFinding {
	code: 'waste.licence_expiring' | 'waste.contract_expiring';
	params: Record<string, string | number>;
}

export interface CollectorDocuments {
	licence: CertificateStatus;
	contract: CertificateStatus;
}

/** Rule 27: the licence (with its number) and the contract, each valid through its last day. */
export function collectorDocuments({ collector, today, settings }: { collector: WasteCollector; today: LocalDate; settings: CanteenSettings }): CollectorDocuments {
	const warnDays = settings.waste.documentWarnDays;
	const licence = collector.licence_number?.trim() ? expiryStatus({ validUntil: collector.licence_expires || undefined, today, warnDays }) : { state: 'missing' as const };
	return { licence, contract: expiryStatus({ validUntil: collector.contract_expires || undefined, today, warnDays }) };
}

/** Rule 27 WARN: the licence or contract ends within the warning period. */
export function assessWasteHandover({ collector, today, settings }: { collector: WasteCollector; today: LocalDate; settings: CanteenSettings }): WasteFinding[] {
	const { licence, contract } = collectorDocuments({ collector, today, settings });
	const findings: WasteFinding[] = [];
	if (licence.state === 'expiring') findings.push({ code: 'waste.licence_expiring', params: { date: licence.validUntil!, days: licence.daysLeft! } });
	if (contract.state === 'expiring') findings.push({ code: 'waste.contract_expiring', params: { date: contract.validUntil!, days: contract.daysLeft! } });
	return findings;
}

/**
 * Rule 26 BLOCK: time, type, quantity, collector, its contact and the receiver's signature must all be
 * there. Rule 27 BLOCK: no hand-over to a collector without a licence and contract in date.
 */
export function validateWasteHandover({
	input,
	collector,
	signed,
	today,
	settings
}: {
	input: WasteHandoverInput;
	collector: WasteCollector | undefined;
	signed: boolean;
	today: LocalDate;
	settings: CanteenSettings;
}): WasteError[] {
	const errors: WasteError[] = [];
	if (!WASTE_TYPES.includes(input.waste_type)) errors.push({ field: 'waste_type', code: 'required' });
	if (input.weight_kg === null || !Number.isFinite(input.weight_kg) || input.weight_kg <= 0) errors.push({ field: 'weight_kg', code: 'required' });
	else if (input.weight_kg > 5000) errors.push({ field: 'weight_kg', code: 'waste_weight_implausible' });
	if (Number.isNaN(Date.parse(input.handed_at))) errors.push({ field: 'handed_at', code: 'required' });
	if (!input.handed_by?.trim()) errors.push({ field: 'handed_by', code: 'required' });
	if (!input.receiver?.trim()) errors.push({ field: 'receiver', code: 'required' });
	if (!signed) errors.push({ field: 'signature', code: 'waste_signature_required' });
	if (!collector) {
		errors.push({ field: 'collector', code: 'required' });
		return errors;
	}
	if (!collector.contact?.trim() || !collector.phone?.trim()) errors.push({ field: 'collector', code: 'waste_collector_contact_missing' });
	const { licence, contract } = collectorDocuments({ collector, today, settings });
	if (licence.state === 'missing' || licence.state === 'expired') {
		errors.push({ field: 'collector', code: `waste_licence_${licence.state}`, params: { name: collector.name, date: licence.validUntil ?? '' } });
	}
	if (contract.state === 'missing' || contract.state === 'expired') {
		errors.push({ field: 'collector', code: `waste_contract_${contract.state}`, params: { name: collector.name, date: contract.validUntil ?? '' } });
	}
	return errors;
}

/** What an administrator must fill in for a collector (the documents' dates may be in the past: then it is blocked). */
export function validateWasteCollector(collector: WasteCollector): WasteError[] {
	const errors: WasteError[] = [];
	for (const field of ['name', 'licence_number', 'contact', 'phone'] as const) {
		if (!collector[field]?.trim()) errors.push({ field, code: 'required' });
	}
	for (const field of ['licence_expires', 'contract_expires'] as const) {
		if (!isLocalDate(collector[field])) errors.push({ field, code: 'required' });
	}
	return errors;
}
