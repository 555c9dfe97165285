import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { weekStartOf } from '$lib/domain';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

// Rule 32 on the server: whoever saves a school's menu, a banned dish is refused and named.
let server: TestServer;
let school: CanteenFixture;
let kiosk: PocketBase;
const week = weekStartOf(chinaDate());

beforeAll(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 陈静: {} } });
	({ pb: kiosk } = await enrolKiosk(server, school));
});

afterAll(async () => {
	await server?.dispose();
});

describe('weekly menus (带量食谱, rule 32)', () => {
	it('refuses a banned dish on a school menu in Chinese and English, and keeps a clean one for the tablets', async () => {
		const days = { [week]: { lunch: [{ name: '红烧肉', grams: 100 }, { name: '鮮黃花菜炒蛋', grams: 80 }] } };
		const refused = await school.admin
			.collection('menus')
			.create({ canteen: school.canteen.id, week_start: week, days })
			.catch((error) => error.response);
		expect(refused.data[`days.${week}.lunch.1`].message).toContain('鮮黃花菜炒蛋：学校、幼儿园食堂不得加工鲜黄花菜');
		expect(refused.data[`days.${week}.lunch.1`].message).toContain('fresh day-lily');

		const saved = await school.admin.collection('menus').create({ canteen: school.canteen.id, week_start: week, days: { [week]: { lunch: [{ name: '红烧肉', grams: 100 }, { name: '番茄炒蛋', grams: 80 }] } } });
		expect(saved.version).toBe(1);
		const pulled = await kiosk.collection('menus').getFullList();
		expect(pulled.map((menu) => menu.days[week].lunch.map((dish: { name: string }) => dish.name))).toEqual([['红烧肉', '番茄炒蛋']]);
	});

	it('refuses the same dish on an edit too, and an edit made on an older version', async () => {
		const [menu] = await school.admin.collection('menus').getFullList();
		const banned = await school.admin
			.collection('menus')
			.update(menu!.id, { version: menu!.version, days: { [week]: { dinner: [{ name: '凉拌猪耳', grams: 50 }] } } })
			.catch((error) => error.response);
		expect(banned.data[`days.${week}.dinner.0`].code).toBe('menu_banned_cold_meat');
		const stale = await school.admin
			.collection('menus')
			.update(menu!.id, { version: 0, days: {} })
			.catch((error) => error.status);
		expect(stale).toBe(409);
	});

	it('lets a restaurant put the same dish on its menu', async () => {
		await server.superuser.collection('canteens').update(school.canteen.id, { type: 'restaurant' });
		const next = weekStartOf(chinaDate(7));
		const saved = await school.admin.collection('menus').create({ canteen: school.canteen.id, week_start: next, days: { [next]: { lunch: [{ name: '凉拌猪耳', grams: 50 }] } } });
		expect(saved.id).toBeTruthy();
		await server.superuser.collection('canteens').update(school.canteen.id, { type: 'school' });
	});
});
