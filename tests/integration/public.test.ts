// The public face of a canteen (issue 18) against the real server: what a parent's phone receives
// (counts and things, never people), the sample photos, the seals, the index, ratings and complaints
// with their limits, the complaint's alert and its public answer, the facts the managers keep, the
// platforms' JSON and the embed's framing policy. The privacy walk at the end reads every public answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import type { PublicCanteen } from '$lib/pb/public-api';
import { chinaDate, createUser, startTestServer, type TestServer } from '../fixtures/server';
import { seedPublicDay, PNG_1PX, type PublicDayFixture } from '../fixtures/public-day';

let server: TestServer;
let day: PublicDayFixture;
let regulator: PocketBase;
/** Every public answer this file received, for the privacy walk. */
const received: string[] = [];

const url = (path: string) => `${server.server.url}${path}`;
async function publicGet(path: string, init?: RequestInit) {
	const response = await fetch(url(path), init);
	const text = await response.text();
	received.push(text);
	return { response, text, json: () => JSON.parse(text) };
}
const summary = async (canteen = day.fixture.canteen.id) => (await publicGet(`/api/mingchu/public/canteens/${canteen}`)).json() as Promise<PublicCanteen>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A form token old enough to be accepted (a person takes seconds to fill in a form). */
async function openedForm(canteen = day.fixture.canteen.id) {
	const { token, wait_seconds } = (await publicGet(`/api/mingchu/public/canteens/${canteen}/form`)).json();
	await sleep(wait_seconds * 1000 + 100);
	return token as string;
}

function postJson(path: string, body: object) {
	return publicGet(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function complaintForm(fields: Record<string, string>, photo?: Uint8Array) {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	if (photo) form.set('photo', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'photo.png');
	return form;
}

beforeAll(async () => {
	server = await startTestServer();
	day = await seedPublicDay(server, { district: '360102' });
	regulator = (await createUser(server, { role: 'regulator', district: '360102' })).pb;
}, 120_000);

afterAll(async () => {
	await server?.dispose();
});

describe('what the page behind the QR code shows', () => {
	it('shows the canteen’s facts and today’s records as counts and things, never people', async () => {
		const info = await summary();
		expect(info).toMatchObject({
			name: '阳光小学食堂',
			type: 'school',
			grade: 'A',
			licence_number: 'JY36010200000042',
			licence_expires: chinaDate(700),
			responsible_person: '刘主任',
			complaint_phone: '0791-12345678',
			address: '示范县学府路 1 号'
		});
		const today = info.days[0]!;
		expect(today.date).toBe(chinaDate());
		expect(info.days).toHaveLength(8);
		expect(today.morning_checks).toEqual({ checked: 3, excluded: 1 });
		expect(today.samples.lunch?.map((s) => [s.dish, s.photo])).toEqual([
			['红烧肉', true],
			['清炒时蔬', false]
		]);
		expect(today.disinfections).toBe(1);
		expect(today.waste_handovers).toBe(1);
		expect(today.cold_readings).toEqual({ readings: 2, in_range: 1 });
		expect(today.deliveries).toEqual([{ supplier: '示范县鲜肉配送有限公司', categories: ['vegetable'], documents: 2 }]);
		expect(info.ledgers.morning_checks).toEqual({ done: 3, expected: 3 });
	});

	it('serves a kept sample’s photo, and nothing for a sample without one or of another canteen', async () => {
		const [withPhoto, without] = day.samples;
		const photo = await fetch(url(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/samples/${withPhoto!.id}/photo`));
		expect(photo.status).toBe(200);
		expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PNG_1PX);
		expect((await fetch(url(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/samples/${without!.id}/photo`))).status).toBe(404);
		const other = await seedPublicDay(server, { name: '别的食堂', staffNames: ['赵六'], dishes: ['米饭'], suppliers: [] });
		expect((await fetch(url(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/samples/${other.samples[0]!.id}/photo`))).status).toBe(404);
	});

	it('shows a day’s seal once the day is sealed, the same as the server’s digest', async () => {
		expect((await summary()).days[0]!.seal).toBeNull();
		await server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: { canteen: day.fixture.canteen.id, day: chinaDate() } });
		const digest = await server.superuser.collection('daily_digests').getFirstListItem(`canteen = "${day.fixture.canteen.id}" && day = "${chinaDate()}"`);
		expect((await summary()).days[0]!.seal).toBe(String(digest.digest).slice(0, 12));
	});

	it('computes the food-safety index from its shown inputs: today alone is not a day behind the canteen', async () => {
		const info = await summary();
		// The canteen was created today: no past day owed, so no completeness and no index yet.
		expect(info.index.inputs.completeness).toBeNull();
		expect(info.index.score).toBeNull();
		// The exclusion and the fridge reading raised alerts today: they count as exceptions already.
		expect(info.index.inputs.exceptions).toBeGreaterThanOrEqual(2);
	});

	it('answers an unknown canteen with 404', async () => {
		expect((await fetch(url('/api/mingchu/public/canteens/nonexistent00000'))).status).toBe(404);
	});
});

describe('ratings and complaints', () => {
	const path = () => `/api/mingchu/public/canteens/${day.fixture.canteen.id}`;

	it('refuses a form sent as soon as it was opened, or with a forged token', async () => {
		const { token } = (await publicGet(`${path()}/form`)).json();
		const quick = await postJson(`${path()}/ratings`, { token, device: 'phone-1', taste: 3, hygiene: 3, service: 3, comment: '' });
		expect(quick.response.status).toBe(400);
		expect(quick.json().data.form.code).toBe('too_fast');
		const forged = await postJson(`${path()}/ratings`, { token: `${token}x`, device: 'phone-1', taste: 3, hygiene: 3, service: 3 });
		expect(forged.json().data.form.code).toBe('form_expired');
	});

	it('takes one rating per phone a day, says why in both languages, and counts it on the page', async () => {
		const token = await openedForm();
		const invalid = await postJson(`${path()}/ratings`, { token, device: 'phone-1', taste: 4, hygiene: 3, service: 3 });
		expect(invalid.response.status).toBe(400);
		expect(invalid.json().data.taste.message).toContain('请为这一项选择一个表情 / Choose a face for this one');
		const ok = await postJson(`${path()}/ratings`, { token, device: 'phone-1', taste: 3, hygiene: 2, service: 3, comment: '味道不错' });
		expect(ok.response.status).toBe(200);
		const again = await postJson(`${path()}/ratings`, { token, device: 'phone-1', taste: 1, hygiene: 1, service: 1 });
		expect(again.response.status).toBe(429);
		expect(again.json().message).toContain('已达上限');
		expect((await summary()).ratings).toEqual({ count: 1, taste: 3, hygiene: 2, service: 3 });
	});

	it('thanks a robot that filled the hidden field and keeps nothing', async () => {
		const token = await openedForm();
		const trapped = await postJson(`${path()}/ratings`, { token, device: 'robot', website: 'http://spam.example', taste: 3, hygiene: 3, service: 3 });
		expect(trapped.response.status).toBe(200);
		expect((await summary()).ratings.count).toBe(1);
	});

	it('turns a complaint into an alert for the managers; the regulator sees it only once it is overdue', async () => {
		const token = await openedForm();
		const sent = await publicGet(`${path()}/complaints`, {
			method: 'POST',
			body: complaintForm({ token, device: 'phone-2', category: 'foreign_matter', text: '米饭里有头发，身份证号 640104198001011234，请回电', phone: '13612345678' }, PNG_1PX)
		});
		expect(sent.response.status).toBe(200);
		const complaintId = sent.json().id as string;
		const alerts = await day.fixture.admin.collection('alerts').getFullList({ filter: `source = "complaint"` });
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ kind: 'complaint.received', grade: 3, record_collection: 'complaints', record_id: complaintId, summary: { params: { category: 'foreign_matter' } } });
		// The sender's words and phone stay with the complaint, for its managers (and regulators).
		expect(JSON.stringify(alerts[0]!.summary)).not.toContain('13612345678');
		const complaint = await day.fixture.admin.collection('complaints').getOne(complaintId);
		expect(complaint).toMatchObject({ phone: '13612345678', category: 'foreign_matter' });
		expect(complaint.photo).toBeTruthy();
		expect(complaint.device_hash).toBeUndefined();

		expect(await regulator.collection('alerts').getFullList({ filter: `source = "complaint"` })).toHaveLength(0);
		// Not answered within the week of a 三类 alert: the yellow card, and the regulator sees it.
		await server.superuser.send('/api/mingchu/alerts/escalate', { method: 'POST', body: { now: new Date(Date.now() + 8 * 86400_000).toISOString() } });
		const seen = await regulator.collection('alerts').getFullList({ filter: `source = "complaint"` });
		expect(seen.map((alert) => alert.card)).toEqual(['yellow']);
	});

	it('puts the manager’s answer on the page when they make it public, without the sender’s words', async () => {
		const [alert] = await day.fixture.admin.collection('alerts').getFullList({ filter: `source = "complaint"` });
		const form = new FormData();
		form.set('note', '已更换打饭人员帽子，加强检查');
		form.set('done_by', '食堂主任');
		form.set('public', 'true');
		await day.fixture.admin.send(`/api/mingchu/alerts/${alert!.id}/answer`, { method: 'POST', body: form });
		const info = await summary();
		expect(info.replies).toEqual([{ id: alert!.record_id, category: 'foreign_matter', date: expect.any(String), reply: '已更换打饭人员帽子，加强检查', replied_at: expect.any(String) }]);
		expect(JSON.stringify(info)).not.toContain('头发');
	});

	it('raises a complaint of illness as 二类, seen by the regulator at once', async () => {
		const token = await openedForm();
		const sent = await publicGet(`${path()}/complaints`, { method: 'POST', body: complaintForm({ token, device: 'phone-3', category: 'illness', text: '孩子午饭后腹泻呕吐', phone: '' }) });
		expect(sent.response.status).toBe(200);
		const seen = await regulator.collection('alerts').getFullList({ filter: `kind = "complaint.illness"` });
		expect(seen.map((alert) => alert.grade)).toEqual([2]);
	});

	it('refuses the same address politely once it has sent its day’s complaints, whatever phone it claims', async () => {
		const token = await openedForm();
		const statuses: number[] = [];
		let last = '';
		for (let i = 0; i < 15; i += 1) {
			const sent = await publicGet(`${path()}/complaints`, { method: 'POST', body: complaintForm({ token, device: `rotating-${i}`, category: 'other', text: `第 ${i} 条意见：饭菜偏咸` }) });
			statuses.push(sent.response.status);
			last = sent.text;
		}
		// Ten a day from one address (two were sent above): eight more, then polite refusals.
		expect(statuses.filter((s) => s === 200)).toHaveLength(8);
		expect(statuses.slice(8).every((s) => s === 429)).toBe(true);
		expect(JSON.parse(last).message).toBe(
			'今天从这部手机或网络提交的次数已达上限，谢谢您的反馈。紧急情况请拨打投诉电话。 / This phone or network has sent as much as it can today; thank you. For anything urgent, call the complaint phone.'
		);
	});

	it('refuses a complaint without a category or with a text too short, naming the field', async () => {
		const token = await openedForm();
		const sent = await publicGet(`${path()}/complaints`, { method: 'POST', body: complaintForm({ token, device: 'phone-9', category: '', text: '差' }) });
		expect(sent.response.status).toBe(400);
		expect(Object.keys(sent.json().data).sort()).toEqual(['category', 'text']);
	});

	it('keeps ratings and complaints out of reach of strangers and other canteens', async () => {
		const anonymous = await fetch(url('/api/collections/complaints/records'));
		expect((await anonymous.json()).items).toEqual([]);
		const other = await seedPublicDay(server, { name: '第三食堂', staffNames: ['孙七'], dishes: [], suppliers: [] });
		expect(await other.fixture.admin.collection('complaints').getFullList()).toEqual([]);
		expect(await other.fixture.admin.collection('public_ratings').getFullList()).toEqual([]);
		// Hashes of who sent what are hidden even from the canteen's own managers: not shown, and not
		// usable in a filter to learn them character by character.
		const [rating] = await day.fixture.admin.collection('public_ratings').getFullList();
		expect(rating!.comment).toBe('味道不错');
		expect(rating!.address_hash).toBeUndefined();
		expect(await day.fixture.admin.collection('public_ratings').getFullList({ filter: 'address_hash ~ "a"' }).catch((e) => e.status)).toBe(400);
	});
});

describe('the facts the managers keep', () => {
	const save = (pb: PocketBase, body: object) => pb.send(`/api/mingchu/canteens/${day.fixture.canteen.id}/public`, { method: 'POST', body });

	it('checks the facts on save and keeps the grade for the regulator', async () => {
		const refused = await save(day.fixture.admin, { complaint_phone: '12', licence_expires: '2026-02-30' }).catch((e) => e);
		expect(refused.status).toBe(400);
		expect(Object.keys(refused.response.data).sort()).toEqual(['complaint_phone', 'licence_expires']);
		expect(refused.response.data.complaint_phone.message).toContain('电话号码格式不对');
		const ownGrade = await save(day.fixture.admin, { grade: 'A' }).catch((e) => e);
		expect(ownGrade.status).toBe(403);
		await save(regulator, { grade: 'B' });
		expect((await summary()).grade).toBe('B');
		await save(regulator, { grade: 'A' });
	});

	it('lets ordering platforms read the facts from any origin, and frame the embed, only while embedding is on', async () => {
		const facts = await publicGet(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/facts`);
		expect(facts.response.headers.get('access-control-allow-origin')).toBe('*');
		expect(facts.json()).toMatchObject({ schema: 'mingchu.public-facts/1', name: '阳光小学食堂', grade: 'A', smiley: 'smile', embed_url: expect.stringContaining(`/embed/${day.fixture.canteen.id}`) });
		const embed = await publicGet(`/embed/${day.fixture.canteen.id}`);
		expect(embed.response.headers.get('content-security-policy')).toContain('frame-ancestors *');
		// Any other page may only be framed by the app itself.
		expect((await fetch(url(`/p/${day.fixture.canteen.id}`))).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");

		// Behind an HTTPS reverse proxy the addresses a platform copies are https.
		const proxied = await fetch(url(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/facts`), { headers: { 'x-forwarded-proto': 'https' } });
		expect((await proxied.json()).page_url).toMatch(/^https:\/\//);
		await save(day.fixture.admin, { embed_enabled: false });
		expect((await fetch(url(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/facts`))).status).toBe(404);
		expect((await fetch(url(`/embed/${day.fixture.canteen.id}`))).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
		await save(day.fixture.admin, { embed_enabled: true });
	});
});

describe('privacy', () => {
	it('never puts a name, a certificate number, a personal phone, an ID number, a device id or a camera address in a public answer', async () => {
		await server.superuser.collection('cameras').create({ canteen: day.fixture.canteen.id, name: '烹饪区', area: 'cooking', rtsp_url: 'rtsp://admin:nvr-secret@192.168.1.64:554/Streaming/Channels/101', public: true });
		// Every public door once more, now that there is a public camera, answers and ratings.
		await summary();
		await publicGet(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/facts`);
		await publicGet(`/api/mingchu/public/canteens/${day.fixture.canteen.id}/form`);
		await publicGet(`/embed/${day.fixture.canteen.id}`);
		const leaks = [...day.secrets, '13612345678', '640104198001011234', 'nvr-secret', '192.168.1.64', 'device_hash', 'address_hash'];
		expect(received.length).toBeGreaterThan(20);
		for (const text of received) {
			for (const secret of leaks) expect(text, `a public answer contains ${secret}`).not.toContain(secret);
		}
	});
});
