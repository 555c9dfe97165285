import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { chinaDate, createCanteenWithStaff, createUser, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

// 聚餐登记 on the server: checked whoever saves it, read by the district's regulators and nobody else's.
let server: TestServer;
let canteen: CanteenFixture;
let regulator: PocketBase;
let otherRegulator: PocketBase;

const gathering = (overrides: Record<string, unknown> = {}) => ({
	canteen: canteen.canteen.id,
	date: chinaDate(3),
	meal: 'dinner',
	headcount: 180,
	occasion: '升学宴',
	organiser: '张先生',
	organiser_phone: '13800000000',
	dishes: ['红烧肉', '清蒸鱼'],
	chef: '王建国',
	samples_kept: true,
	...overrides
});

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '和平饭店', staff: { 陈静: {} }, district: '640104' });
	await server.superuser.collection('canteens').update(canteen.canteen.id, { type: 'restaurant' });
	regulator = (await createUser(server, { role: 'regulator', district: '640104' })).pb;
	otherRegulator = (await createUser(server, { role: 'regulator', district: '640202' })).pb;
});

afterAll(async () => {
	await server?.dispose();
});

describe('group-meal registrations (聚餐登记)', () => {
	it('refuses one after the fact or over 100 diners without samples, in Chinese and English', async () => {
		const past = await canteen.admin.collection('group_meals').create(gathering({ date: chinaDate(-1) })).catch((error) => error.response);
		expect(past.data.date.message).toContain('聚餐须提前登记');
		expect(past.data.date.message).toContain('registered beforehand');
		const unsampled = await canteen.admin.collection('group_meals').create(gathering({ samples_kept: false })).catch((error) => error.response);
		expect(unsampled.data.samples_kept.code).toBe('group_meal_samples_required');
	});

	it('keeps who registered it, and shows it to the district’s regulator but not another district’s', async () => {
		const saved = await canteen.admin.collection('group_meals').create(gathering({ registered_by: '冒名' }));
		expect(saved.registered_by).not.toBe('冒名');
		expect((await regulator.collection('group_meals').getFullList()).map((g) => g.occasion)).toEqual(['升学宴']);
		expect(await otherRegulator.collection('group_meals').getFullList()).toEqual([]);
		await expect(regulator.collection('group_meals').create(gathering())).rejects.toMatchObject({ status: 400 });
	});
});
