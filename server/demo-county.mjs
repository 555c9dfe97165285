// The demo county (issue 13): the demo school and four more canteens of a county under one regulator,
// two of them run by one school group, with five weeks of history made the way tablets make it
// (through the sync route, chained and sealed): complete days, missed ledgers, 补录, exclusions,
// out-of-range fridges let through with a reason, and the alerts, answers and cards that follow.
// Seeded (the same history every time); idempotent through the demo state file.
import { createHash, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { chinaDate, createAdministrator, createCanteen, createKiosk, createOrganisation, createStaff, createWasteCollector, enrolKiosk, signInAdministrator } from './provision.mjs';

const require = createRequire(import.meta.url);

export const DISTRICT = { code: '360102', name: '示范县' };
export const REGULATOR = { email: 'regulator@mingchu.demo', password: 'mingchu-demo-2026', name: '示范县市场监管局 李科长' };
export const GROUP_ADMIN = { email: 'group@mingchu.demo', password: 'mingchu-demo-2026', name: '示范县教育集团 王主任' };
const DAYS = 35;

const CANTEENS = [
	{ name: '示范县第二小学食堂', type: 'school', group: true, person: '周校长', phone: '0791-8800202', reliability: 0.97 },
	{ name: '示范县实验幼儿园食堂', type: 'kindergarten', group: true, person: '吴园长', phone: '0791-8800303', reliability: 0.9 },
	{ name: '示范县中心敬老院食堂', type: 'elderly_care', group: false, person: '郑院长', phone: '0791-8800404', reliability: 0.8 },
	{ name: '示范县人民医院职工食堂', type: 'hospital', group: false, person: '冯主任', phone: '0791-8800505', reliability: 0.93 }
];
const COOKS = ['孙丽', '黄强', '何敏', '马超'];

/** mulberry32: the same history on every machine. */
function seeded(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const newId = () => Array.from({ length: 15 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
/** China wall time of `day` as an ISO instant. */
const at = (day, hhmm, plusMinutes = 0) => new Date(Date.parse(`${day}T${hhmm}:00+08:00`) + plusMinutes * 60_000).toISOString();

/** A history tablet: records get its next chain place, exactly as the kiosk's repository gives it. */
class HistoryTablet {
	#domain = require('./pb_hooks/lib/domain.cjs');
	head = undefined;
	queue = [];

	constructor(pb, owner) {
		this.pb = pb;
		this.owner = owner;
	}

	add(collection, fields) {
		const record = { id: newId(), ...this.owner, ...fields };
		this.queue.push({ collection, record });
		return record;
	}

	/**
	 * The sync route keeps a stranger's pace (100 calls in 10 s from one address): like a tablet, the
	 * history waits and sends again when it is told to slow down.
	 */
	async #send(collection, batch) {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.pb.send(`/api/mingchu/sync/${collection}`, { method: 'POST', body: { records: batch, device_time: new Date().toISOString() } });
			} catch (error) {
				if (error?.status !== 429 || attempt >= 60) throw error;
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
		}
	}

	/** Sends in the order added, one ledger's run at a time (the sync route takes one ledger per call). */
	async flush() {
		let stored = 0;
		while (this.queue.length) {
			const collection = this.queue[0].collection;
			const batch = [];
			while (this.queue.length && this.queue[0].collection === collection && batch.length < 200) {
				const { record } = this.queue.shift();
				const link = { seq: (this.head?.seq ?? 0) + 1, prev_hash: this.head?.hash ?? this.#domain.CHAIN_START };
				const text = this.#domain.chainText({ collection, id: record.id, canteen: record.canteen, device: record.device, link, fields: record });
				const hash = createHash('sha256').update(text, 'utf8').digest('hex');
				this.head = { seq: link.seq, hash };
				batch.push({ ...record, ...link, hash });
			}
			const { results } = await this.#send(collection, batch);
			stored += results.filter((r) => r.status === 'stored').length;
		}
		return stored;
	}
}

/** Three weeks of one canteen's days, up to yesterday; today only what is already due by now. */
function history(tablet, { type, reliability, collector, random, staff, skipToday }) {
	const chance = (p) => random() < p;
	const today = chinaDate();
	const kept = () => chance(reliability);
	for (let back = DAYS; back >= 0; back -= 1) {
		const day = chinaDate(-back);
		const isToday = day === today;
		// 补录: written down four hours late (the county sees it in yellow).
		const entered = (event) => (chance(0.06) ? new Date(Date.parse(event) + 4 * 3600_000).toISOString() : new Date(Date.parse(event) + 60_000).toISOString());
		// Today only what is already over; the demo school's today is left to its demo tablet.
		if (isToday && skipToday) continue;
		const past = (event) => Date.parse(event) + 10 * 60_000 < Date.now();
		if (kept()) {
			for (const [index, person] of staff.entries()) {
				const checked_at = at(day, '07:05', index * 3);
				if (!past(checked_at)) continue;
				const fever = !isToday && chance(0.012);
				tablet.add('morning_checks', {
					staff: person.id,
					checked_at,
					temperature: fever ? 38.1 : 36.4 + Math.round(random() * 4) / 10,
					symptoms: [],
					hands_ok: true,
					attire_ok: true,
					jewellery_nails_ok: true,
					correction: '',
					checked_by: staff[0].name,
					entered_at: entered(checked_at)
				});
			}
		}
		for (const time of ['09:00', '15:00']) {
			const read_at = at(day, time);
			if (!past(read_at) || !kept()) continue;
			const warm = chance(0.04);
			tablet.add('cold_readings', {
				unit: '冷藏柜 1',
				kind: 'refrigerator',
				temperature_c: warm ? 9.2 : 2 + Math.round(random() * 30) / 10,
				read_at,
				read_by: staff[1].name,
				reason: warm ? '门封条老化，已调低温度并复测正常' : '',
				accepted_by: warm ? staff[0].name : '',
				entered_at: entered(read_at)
			});
		}
		const taken_at = at(day, '11:40');
		if (past(taken_at) && type !== 'restaurant' && kept()) {
			for (const dish of ['红烧肉', '清炒时蔬']) {
				tablet.add('food_samples', { meal: 'lunch', dish, weight_g: 150, taken_at, taken_by: staff[1].name, fridge: '留样柜', entered_at: entered(taken_at) });
			}
		}
		const started_at = at(day, '13:10');
		if (past(started_at) && kept()) {
			tablet.add('disinfections', {
				method: 'infrared',
				items: '餐盘、碗、筷子',
				quantity: 240,
				temperature_c: 125,
				concentration_mg_l: null,
				started_at,
				ended_at: at(day, '13:25'),
				operator: staff[2].name,
				reason: '',
				accepted_by: '',
				entered_at: entered(at(day, '13:25'))
			});
		}
		const handed_at = at(day, '14:00');
		if (past(handed_at) && kept()) {
			tablet.add('waste_handovers', {
				waste_type: 'food_waste',
				weight_kg: 20 + Math.round(random() * 200) / 10,
				collector,
				destination: '无害化处理',
				handed_at,
				handed_by: staff[2].name,
				receiver: '赵师傅',
				photo_sha256: createHash('sha256').update(`signature ${day}`).digest('hex'),
				entered_at: entered(handed_at)
			});
		}
		if ((type === 'school' || type === 'kindergarten') && past(at(day, '12:00')) && kept()) {
			tablet.add('accompanied_meals', { meal: 'lunch', companion: '值班领导', companion_role: '副校长', eaten_at: at(day, '12:00'), remarks: '饭菜温度、口味正常', recorded_by: staff[0].name, entered_at: entered(at(day, '12:00')) });
		}
		for (const [kind, time, template, items] of [
			['opening', '06:40', '开餐前自查', ['从业人员已晨检，着装整洁', '加工场所清洁，无积水、无异味', '冷藏冷冻设备温度正常']],
			['closing', '19:30', '收市后自查', ['剩余食品已覆盖并冷藏', '地面、台面、设备已清洁', '燃气、水、电已关闭']]
		]) {
			const inspected_at = at(day, time);
			if (!past(inspected_at) || !kept()) continue;
			tablet.add('self_inspections', { template, kind, results: items.map((item) => ({ item, ok: true, action: '', action_by: '' })), inspected_at, inspected_by: staff[0].name, entered_at: entered(inspected_at) });
		}
	}
}

/** Builds the county once; later starts find it in the state file. */
export async function seedCounty({ url, superuser, state, demoCanteen, demoAdmin }) {
	if (state.county) return state.county;
	const organisation = await createOrganisation(superuser, { name: '示范县教育集团' });
	await superuser.collection('canteens').update(demoCanteen, { district: DISTRICT.code, organisation: organisation.id, responsible_person: '张校长', phone: '0791-8800101' });
	const canteens = [{ id: demoCanteen, type: 'school', reliability: 0.95, admin: demoAdmin, skipToday: true }];
	for (const [index, spec] of CANTEENS.entries()) {
		const canteen = await createCanteen(superuser, {
			name: spec.name,
			type: spec.type,
			licence_number: `JY3620102000000${index + 2}`,
			address: `示范县民生路 ${index + 2} 号`,
			district: DISTRICT.code,
			organisation: spec.group ? organisation.id : '',
			responsible_person: spec.person,
			phone: spec.phone
		});
		const admin = { email: `canteen${index + 2}@mingchu.demo`, password: 'mingchu-demo-2026', name: `${spec.person}` };
		await createAdministrator(superuser, { ...admin, canteens: [canteen.id] });
		canteens.push({ id: canteen.id, type: spec.type, reliability: spec.reliability, admin });
	}
	await createAdministrator(superuser, { ...REGULATOR, role: 'regulator', district: DISTRICT.code });
	await createAdministrator(superuser, { ...GROUP_ADMIN, role: 'org_admin', organisations: [organisation.id] });

	let records = 0;
	for (const [index, canteen] of canteens.entries()) {
		const admin = await signInAdministrator({ url, ...canteen.admin });
		let staff = await admin.collection('staff').getFullList({ filter: `canteen = "${canteen.id}" && active = true && food_contact = true`, sort: 'created' });
		if (staff.length === 0) {
			for (const [n, name] of COOKS.entries()) {
				staff.push(await createStaff(admin, canteen.id, { name, role: n === 0 ? '厨师长' : '厨师', certificate_number: `健2026-1${index}${n}`, certificate_issued: chinaDate(-200 + n * 30) }));
			}
		}
		staff = staff.slice(0, 5);
		const collector = await createWasteCollector(admin, canteen.id, {
			name: '示范县绿源再生资源有限公司',
			licence_number: '餐废收运(县)2026-017',
			licence_expires: chinaDate(400),
			contract_expires: chinaDate(200),
			contact: '赵师傅',
			phone: '13800000017',
			address: '示范县城东工业园 8 号'
		});
		const { code } = await createKiosk(admin, { canteen: canteen.id, name: '历史记录平板' });
		const { pb, enrolment } = await enrolKiosk({ url, code });
		const tablet = new HistoryTablet(pb, { canteen: canteen.id, device: enrolment.device.id });
		history(tablet, { ...canteen, collector: collector.id, staff, random: seeded(1301 + index) });
		records += await tablet.flush();
	}

	// An AI box at the demo school reports a rodent in the store room; the loop's later steps follow.
	const admin = await signInAdministrator({ url, ...demoAdmin });
	const box = await admin.send('/api/mingchu/event-devices', { method: 'POST', body: { canteen: demoCanteen, name: '后厨 AI 盒子', kind: 'ai_camera' } });
	await fetch(`${url}/api/mingchu/events/ai`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${box.token}` },
		body: JSON.stringify({ kind: 'rodent', time: new Date(Date.now() - 2 * 3600_000).toISOString(), event_id: 'demo-rodent-1' })
	});
	// One exclusion answered by its manager, waiting for the county's acceptance.
	const [excluded] = await superuser.collection('alerts').getFullList({ filter: `kind = "staff.excluded"`, sort: 'raised_at' });
	if (excluded) {
		const form = new FormData();
		form.append('note', '该员工已调离接触直接入口食品岗位，康复后凭医院证明返岗');
		form.append('done_by', '食品安全管理员');
		await superuser.send(`/api/mingchu/alerts/${excluded.id}/answer`, { method: 'POST', body: form });
	}
	// Cards for what is overdue as of now.
	await superuser.send('/api/mingchu/alerts/escalate', { method: 'POST', body: {} });
	await superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: {} });
	state.county = { records, canteens: canteens.length };
	return state.county;
}
