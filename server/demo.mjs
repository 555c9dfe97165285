// The demo canteen: a school canteen with six staff, one of whose health certificates expires in ten
// days, an administrator and a kiosk waiting to be enrolled. Idempotent: the second start reuses it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chinaDate, createAdministrator, createCanteen, createKiosk, createStaff, createWasteCollector, signInAdministrator } from './provision.mjs';
import { GROUP_ADMIN, REGULATOR, seedCounty } from './demo-county.mjs';

const ADMIN = { email: 'admin@mingchu.demo', password: 'mingchu-demo-2026', name: '张校长' };

function staffList() {
	const yearAgo = (days) => chinaDate(days - 365);
	return [
		{ name: '王建国', role: '厨师长', certificate_number: '健2026-0001', certificate_issued: yearAgo(200) },
		{ name: '李秀英', role: '厨师', certificate_number: '健2026-0002', certificate_issued: yearAgo(150) },
		// The certificate that the kiosk and the administrator must warn about.
		{ name: '张伟', role: '切配', certificate_number: '健2025-0107', certificate_issued: yearAgo(10), certificate_expires: chinaDate(10) },
		{ name: '刘芳', role: '面点师', certificate_number: '健2026-0004', certificate_issued: yearAgo(300) },
		{ name: '陈静', role: '洗消员', certificate_number: '健2026-0005', certificate_issued: yearAgo(90) },
		{ name: '赵磊', role: '仓管员', food_contact: false, certificate_number: '', certificate_issued: '' }
	];
}

/** A local date some days on (plain date arithmetic, no time zone). */
function addDays(date, days) {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of a local date's week (menus are kept by the week). */
function mondayOf(date) {
	return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** @param {{ url: string, superuser: any, stateFile: string, nvr?: { url(path: string): string } }} options */
export async function seedDemo({ url, superuser, stateFile, nvr }) {
	const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};

	if (!state.canteen) {
		const canteen = await createCanteen(superuser, {
			name: '明厨示范学校食堂',
			type: 'school',
			licence_number: 'JY36201020000001',
			address: '示范县教育路 1 号'
		});
		await createAdministrator(superuser, { ...ADMIN, canteens: [canteen.id] });
		const admin = await signInAdministrator({ url, ...ADMIN });
		for (const person of staffList()) await createStaff(admin, canteen.id, person);
		state.canteen = canteen.id;
	}

	const device = state.kiosk ? await superuser.collection('devices').getOne(state.kiosk.id).catch(() => null) : null;
	if (!device || device.enrolled_at) {
		// The previous demo code was used: make a new kiosk so that the printed link always works.
		const admin = await signInAdministrator({ url, ...ADMIN });
		const { device: created, code } = await createKiosk(admin, { canteen: state.canteen, name: `演示平板 ${chinaDate()}` });
		state.kiosk = { id: created.id, code };
	}
	if (!state.wasteCollectors) {
		// One collector in order, one whose contract runs out in three weeks (the kiosk warns).
		const admin = await signInAdministrator({ url, ...ADMIN });
		const collectors = [
			{ name: '示范县绿源再生资源有限公司', licence_number: '餐废收运(县)2026-017', licence_expires: chinaDate(400), contract_expires: chinaDate(200), contact: '赵师傅', phone: '13800000017', address: '示范县城东工业园 8 号' },
			{ name: '示范县油脂回收站', licence_number: '废油回收(县)2025-003', licence_expires: chinaDate(300), contract_expires: chinaDate(21), contact: '钱师傅', phone: '13800000003', address: '示范县环城北路 3 号' }
		];
		for (const collector of collectors) await createWasteCollector(admin, state.canteen, collector);
		state.wasteCollectors = true;
	}
	if (!state.suppliers) {
		const admin = await signInAdministrator({ url, ...ADMIN });
		await admin.collection('suppliers').create({
			canteen: state.canteen,
			name: '示范县鲜肉配送有限公司',
			credit_code: '91360000MA00000000',
			licence_number: 'JY13601000000001',
			licence_expires: chinaDate(200),
			contact: '孙经理',
			phone: '13800000001',
			address: '示范县屠宰场路 1 号',
			categories: ['pork', 'meat', 'poultry'],
			active: true
		});
		state.suppliers = true;
	}
	if (!state.additives) {
		// 添加剂备案: what the demo kitchen keeps, so that its tablet can record an additive use.
		const admin = await signInAdministrator({ url, ...ADMIN });
		for (const [name, purpose] of [['食用碱（碳酸钠）', '面食'], ['小苏打（碳酸氢钠）', '面点发酵']]) {
			await admin.collection('additives').create({ canteen: state.canteen, name, supplier: '示范县调味品批发部', purpose, storage_place: '添加剂专柜（上锁）', keeper: '王建国', active: true });
		}
		state.additives = true;
	}
	if (state.menuWeek !== mondayOf(chinaDate())) {
		// This week's 带量食谱, Monday to Friday lunch: the tablet proposes it when lunch is closed.
		const admin = await signInAdministrator({ url, ...ADMIN });
		const monday = mondayOf(chinaDate());
		const lunches = [['红烧肉', '清炒时蔬', '米饭'], ['番茄炒蛋', '土豆丝', '米饭'], ['宫保鸡丁', '炒青菜', '馒头'], ['清蒸鱼', '蒜蓉西兰花', '米饭'], ['鸡蛋面', '凉拌黄瓜', '水果']];
		const days = Object.fromEntries(lunches.map((dishes, i) => [addDays(monday, i), { lunch: dishes.map((name) => ({ name, grams: name === '米饭' ? 150 : 100 })) }]));
		await admin.collection('menus').create({ canteen: state.canteen, week_start: monday, days }).catch(() => undefined);
		state.menuWeek = monday;
	}
	if (!state.publicFace) {
		// What parents see behind the QR code (issue 18): the facts the canteen keeps, embedding allowed.
		const admin = await signInAdministrator({ url, ...ADMIN });
		await admin.send(`/api/mingchu/canteens/${state.canteen}/public`, {
			method: 'POST',
			body: {
				licence_expires: chinaDate(600),
				responsible_person: '刘明（副校长）',
				complaint_phone: '0791-88886666',
				commitment: '我校食堂严格落实食品安全校长负责制和陪餐制度，每日晨检、留样、消毒，食材来源可追溯，欢迎家长监督。',
				embed_enabled: true
			}
		});
		state.publicFace = true;
	}
	if (nvr && !state.cameras) {
		// Two cameras on the simulated NVR: the cooking area for everyone, the cold room for staff only.
		const admin = await signInAdministrator({ url, ...ADMIN });
		await superuser.collection('canteens').update(state.canteen, { grade: 'A' });
		for (const [name, area, path, isPublic] of [
			['烹饪区', 'cooking', 'kitchen', true],
			['凉菜间', 'cold_room', 'coldroom', false]
		]) {
			await admin.collection('cameras').create({ canteen: state.canteen, name, area, rtsp_url: nvr.url(path), public: isPublic });
		}
		state.cameras = true;
	}
	// Saved first: the county's history takes a while, and a half-made county is not made again.
	writeFileSync(stateFile, JSON.stringify(state, null, 2));
	const county = await seedCounty({ url, superuser, state, demoCanteen: state.canteen, demoAdmin: ADMIN });
	writeFileSync(stateFile, JSON.stringify(state, null, 2));
	return { admin: ADMIN, kioskCode: state.kiosk.code, canteen: state.canteen, regulator: REGULATOR, groupAdmin: GROUP_ADMIN, county };
}
