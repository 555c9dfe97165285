// Events from outside the kitchen tablet: what AI cameras / AI boxes and temperature-sensor gateways
// send, read into one shape. Pure: the server's event routes use it, the unit tests pin the formats.
import { AI_KINDS, type AiKind } from './alerts';

/** The fields of a Hikvision ISAPI EventNotificationAlert that matter here (XML or JSON form). */
export interface IsapiAlert {
	eventType: string;
	eventState: string;
	dateTime: string;
	channelID: string;
	channelName: string;
	ipAddress: string;
	activePostCount: string;
	eventDescription: string;
}

const ISAPI_FIELDS: (keyof IsapiAlert)[] = ['eventType', 'eventState', 'dateTime', 'channelID', 'channelName', 'ipAddress', 'activePostCount', 'eventDescription'];

/** Reads the flat fields of an <EventNotificationAlert> document; null when it is not one. */
export function parseIsapiXml(xml: string): IsapiAlert | null {
	if (!/<EventNotificationAlert[\s>]/.test(xml)) return null;
	const field = (name: string) => {
		const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
		return match ? decodeXml(match[1]!.trim()) : '';
	};
	return Object.fromEntries(ISAPI_FIELDS.map((name) => [name, field(name)])) as unknown as IsapiAlert;
}

function decodeXml(text: string): string {
	return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The JSON form newer firmware sends (same names, sometimes wrapped in EventNotificationAlert). */
export function isapiFromJson(value: unknown): IsapiAlert | null {
	if (!value || typeof value !== 'object') return null;
	const body = ('EventNotificationAlert' in value ? (value as { EventNotificationAlert: unknown }).EventNotificationAlert : value) as Record<string, unknown>;
	if (!body || typeof body !== 'object' || typeof body.eventType !== 'string') return null;
	return Object.fromEntries(ISAPI_FIELDS.map((name) => [name, body[name] === undefined || body[name] === null ? '' : String(body[name])])) as unknown as IsapiAlert;
}

/**
 * Which kitchen event a device's event type names. Vendors name their AI models differently
 * (safetyHatDetection, chefHatDetection, noMask, smokingDetection, playPhone, mouseDetection…), so the
 * type is matched by its words; motion alarms, video loss and heartbeats are not kitchen events.
 */
export function aiKindOf(eventType: string): AiKind | null {
	const type = eventType.toLowerCase().replace(/[^a-z_]/g, '');
	if (AI_KINDS.includes(type as AiKind)) return type as AiKind;
	if (/mouse|rodent|rat(detection)?$|^rat/.test(type)) return 'rodent';
	if (/fire|flame|unattended|leavepost|stove/.test(type)) return 'fire_unattended';
	if (/smok|cigar/.test(type)) return 'smoking';
	if (/phone|call/.test(type)) return 'phone';
	if (/mask/.test(type)) return 'no_mask';
	if (/hat|helmet|chefcap|nocap/.test(type)) return 'no_hat';
	return null;
}

/** The plain JSON an AI box may send instead: {kind, camera, time, event_id?, snapshot?}. */
export interface PlainAiEvent {
	kind: AiKind;
	camera: string;
	time: Date;
	eventId: string;
}

export type EventProblem = { field: string; code: 'required' | 'unknown_kind' | 'bad_time' | 'in_future' | 'too_old' | 'implausible' | 'not_json' };

const MAX_AGE_MS = 7 * 24 * 3600_000;
const MAX_AHEAD_MS = 10 * 60_000;

/** The event's time: an ISO instant no later than a few minutes from now and no older than a week. */
export function eventTimeOf(value: unknown, now: Date, field = 'time'): Date | EventProblem {
	if (value === undefined || value === null || value === '') return { field, code: 'required' };
	const time = new Date(String(value));
	if (Number.isNaN(time.getTime())) return { field, code: 'bad_time' };
	if (time.getTime() > now.getTime() + MAX_AHEAD_MS) return { field, code: 'in_future' };
	if (time.getTime() < now.getTime() - MAX_AGE_MS) return { field, code: 'too_old' };
	return time;
}

export function plainAiEventOf(value: unknown, now: Date): PlainAiEvent | EventProblem {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return { field: 'body', code: 'not_json' };
	const body = value as Record<string, unknown>;
	const kind = typeof body.kind === 'string' ? aiKindOf(body.kind) : null;
	if (!body.kind) return { field: 'kind', code: 'required' };
	if (!kind) return { field: 'kind', code: 'unknown_kind' };
	const time = eventTimeOf(body.time, now);
	if (!(time instanceof Date)) return time;
	return { kind, camera: typeof body.camera === 'string' ? body.camera.trim().slice(0, 100) : '', time, eventId: typeof body.event_id === 'string' ? body.event_id.slice(0, 100) : '' };
}

export type SensorKind = 'refrigerator' | 'freezer' | 'sample_fridge' | 'disinfection_cabinet';
const SENSOR_KINDS: SensorKind[] = ['refrigerator', 'freezer', 'sample_fridge', 'disinfection_cabinet'];

export interface SensorReading {
	sensor: string;
	unit: string;
	kind: SensorKind;
	temperature_c: number;
	read_at: Date;
}

/** What no kitchen sensor can read: a broken probe or a garbled message, refused and counted. */
export const SENSOR_RANGE_C = { min: -50, max: 150 };

export function sensorReadingOf(value: unknown, now: Date): SensorReading | EventProblem {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return { field: 'reading', code: 'not_json' };
	const body = value as Record<string, unknown>;
	const sensor = typeof body.sensor === 'string' ? body.sensor.trim() : '';
	if (!sensor) return { field: 'sensor', code: 'required' };
	const kind = body.kind as SensorKind;
	if (!SENSOR_KINDS.includes(kind)) return { field: 'kind', code: 'required' };
	const temperature = typeof body.temperature_c === 'number' ? body.temperature_c : Number.NaN;
	if (!Number.isFinite(temperature) || temperature < SENSOR_RANGE_C.min || temperature > SENSOR_RANGE_C.max) return { field: 'temperature_c', code: 'implausible' };
	const readAt = eventTimeOf(body.read_at, now, 'read_at');
	if (!(readAt instanceof Date)) return readAt;
	return { sensor: sensor.slice(0, 100), unit: typeof body.unit === 'string' ? body.unit.trim().slice(0, 100) : sensor.slice(0, 100), kind, temperature_c: temperature, read_at: readAt };
}

/** The first bytes of a JPEG or PNG; anything else is not a snapshot. */
export function imageTypeOf(bytes: ArrayLike<number>): 'image/jpeg' | 'image/png' | '' {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
	return '';
}

export const SNAPSHOT_MAX_BYTES = 2 * 1024 * 1024;
