import { describe, expect, it } from 'vitest';
import golden from '../../../tests/fixtures/chain-text.golden.json';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { chainText } from './chain';
import { CHAINED_COLLECTIONS, LEDGER_DEFINITIONS, inputOf, judgeRecord, ledgerDefinition, type ChainedCollection } from './ledgers';
import type { Supplier } from './purchase';
import { DEFAULT_SETTINGS } from './settings';

describe('one definition per ledger', () => {
	it('builds the chain text of a record of every ledger exactly as before the definitions existed (old hashes hold)', () => {
		// The first twelve were produced by the hand-written field lists the definitions replaced; a ledger
		// added since is pinned when it is added (tests/fixtures/chain-text.golden.json).
		expect(Object.keys(golden.out).sort()).toEqual([...CHAINED_COLLECTIONS].sort());
		for (const collection of CHAINED_COLLECTIONS) {
			const text = chainText({
				collection,
				id: 'recordid1234567',
				canteen: 'canteen12345678',
				device: 'device123456789',
				link: { seq: 7, prev_hash: '0'.repeat(64) },
				fields: (golden.samples as Record<string, Record<string, unknown>>)[collection]!
			});
			expect(text, collection).toBe((golden.out as Record<string, string>)[collection]);
		}
	});

	it('reads "a number or nothing", instants, lists and yes/no one way, whatever the sender wrote', () => {
		const sent = { method: 'boiling', items: 7, quantity: '', temperature_c: 0, concentration_mg_l: 'strong', started_at: '2026-11-30 01:00:00.000Z', ended_at: 'yesterday' };
		const input = inputOf('disinfections', sent);
		expect(input).toMatchObject({ items: '7', quantity: null, temperature_c: 0, concentration_mg_l: null, started_at: '2026-11-30T01:00:00.000Z', ended_at: '', operator: '' });
		expect(inputOf('morning_checks', { symptoms: 'cough', hands_ok: 'true' })).toMatchObject({ symptoms: [], hands_ok: false });
	});

	it('gives the kiosk the server’s refusal of a delivery without who received it (they used to differ)', () => {
		const supplier: Supplier = { name: '绿源蔬菜', credit_code: '', licence_number: 'JY1', licence_expires: '2099-01-01', contact: '刘', phone: '', address: '城东', categories: ['vegetable'], active: true };
		const refs = { supplier };
		const delivery = {
			supplier: 'abcdefghijklmno',
			delivered_at: '2026-11-30T01:00:00.000Z',
			received_by: '  ',
			lines: [{ name: '青菜', spec: '5 kg', quantity: 2, category: 'vegetable', production_date: '2026-11-29', shelf_life_days: 3 }],
			documents: []
		};
		const judgement = judgeRecord('purchases', delivery, { settings: DEFAULT_SETTINGS, refs, photo: false });
		expect(judgement.errors).toContainEqual({ field: 'received_by', code: 'required' });
		expect(judgeRecord('purchases', { ...delivery, delivered_at: '' }, { settings: DEFAULT_SETTINGS, refs, photo: false }).errors).toEqual([{ field: 'delivered_at', code: 'required' }]);
	});

	it('files a record under the canteen’s day of its event, from the judgement both sides run', () => {
		const late = { meal: 'dinner', dish: '番茄炒蛋', weight_g: 150, taken_at: '2026-11-30T16:30:00.000Z', taken_by: '李', fridge: '留样柜' };
		// 00:30 on 1 December in China.
		expect(judgeRecord('food_samples', late, { settings: DEFAULT_SETTINGS, refs: {}, photo: false }).derived).toEqual({ date: '2026-12-01' });
	});

	it('says for every ledger when its event happened, in a field the ledger has, and which can be voided', () => {
		for (const collection of CHAINED_COLLECTIONS) {
			const definition = ledgerDefinition(collection)!;
			const names = definition.fields.map(([name]) => name);
			expect(new Set(names).size, collection).toBe(names.length);
			expect(definition.fields.find(([name]) => name === definition.eventField)?.[1], collection).toBe('instant');
		}
		const voidable = CHAINED_COLLECTIONS.filter((name: ChainedCollection) => LEDGER_DEFINITIONS[name].voidable);
		expect(voidable).not.toContain('sample_disposals');
		expect(voidable).not.toContain('voids');
		expect(judgeRecord('voids', { ledger: 'sample_disposals', record_id: 'abcdefghijklmno', reason: '错', voided_by: '王', voided_at: '2026-11-30T01:00:00Z' }, { settings: DEFAULT_SETTINGS, refs: {}, photo: false }).errors).toEqual([
			{ field: 'ledger', code: 'required' }
		]);
	});

	it('has Chinese and English text for every code a record can be refused with', () => {
		for (const [code, text] of Object.entries(zhCN.error)) {
			expect(text.trim(), code).not.toBe('');
			expect((en.error as Record<string, string>)[code]?.trim(), code).toBeTruthy();
		}
	});
});
