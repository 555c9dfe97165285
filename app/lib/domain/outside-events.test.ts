import { describe, expect, it } from 'vitest';
import { aiKindOf, imageTypeOf, isapiFromJson, parseIsapiXml, plainAiEventOf, sensorReadingOf } from './outside-events';

const now = new Date('2026-11-30T03:00:00Z');

describe('AI camera events', () => {
	it('reads an ISAPI EventNotificationAlert in XML, entities and all', () => {
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
<ipAddress>192.168.1.64</ipAddress><portNo>80</portNo><protocol>HTTP</protocol>
<channelID>2</channelID><dateTime>2026-11-30T10:58:01+08:00</dateTime><activePostCount>1</activePostCount>
<eventType>chefHatDetection</eventType><eventState>active</eventState><eventDescription>Hat &amp; uniform</eventDescription>
<channelName>切配间</channelName></EventNotificationAlert>`;
		expect(parseIsapiXml(xml)).toMatchObject({ eventType: 'chefHatDetection', eventState: 'active', channelID: '2', channelName: '切配间', eventDescription: 'Hat & uniform', dateTime: '2026-11-30T10:58:01+08:00' });
		expect(parseIsapiXml('<html>not an alert</html>')).toBeNull();
	});

	it('reads the JSON form, wrapped or not', () => {
		expect(isapiFromJson({ eventType: 'mouseDetection', channelID: 1, dateTime: 'x' })).toMatchObject({ eventType: 'mouseDetection', channelID: '1' });
		expect(isapiFromJson({ EventNotificationAlert: { eventType: 'smokingDetection' } })?.eventType).toBe('smokingDetection');
		expect(isapiFromJson({ kind: 'smoking' })).toBeNull();
	});

	it('names the kitchen event by the words of the vendor’s type, and ignores motion and video loss', () => {
		expect(['noHat', 'chefHatDetection', 'safetyHelmetDetection'].map(aiKindOf)).toEqual(['no_hat', 'no_hat', 'no_hat']);
		expect(['maskDetection', 'smokingDetection', 'playPhone', 'mouseDetection', 'ratDetection', 'fireUnattended', 'leavePost'].map(aiKindOf)).toEqual([
			'no_mask',
			'smoking',
			'phone',
			'rodent',
			'rodent',
			'fire_unattended',
			'fire_unattended'
		]);
		expect(['VMD', 'videoloss', 'linedetection', 'shelteralarm', 'faceCapture', 'temperatureAlarm'].map(aiKindOf)).toEqual([null, null, null, null, null, null]);
	});

	it('takes a plain JSON event and refuses an unknown kind, a missing or future time', () => {
		expect(plainAiEventOf({ kind: 'rodent', camera: '库房', time: '2026-11-30T10:00:00+08:00', event_id: 'e1' }, now)).toMatchObject({ kind: 'rodent', camera: '库房', eventId: 'e1' });
		expect(plainAiEventOf({ kind: 'dancing', time: now.toISOString() }, now)).toEqual({ field: 'kind', code: 'unknown_kind' });
		expect(plainAiEventOf({ kind: 'rodent' }, now)).toEqual({ field: 'time', code: 'required' });
		expect(plainAiEventOf({ kind: 'rodent', time: '2026-11-30T12:00:00+08:00' }, now)).toEqual({ field: 'time', code: 'in_future' });
		expect(plainAiEventOf('rodent', now)).toEqual({ field: 'body', code: 'not_json' });
	});

	it('knows a JPEG and a PNG by their first bytes only', () => {
		expect(imageTypeOf([0xff, 0xd8, 0xff, 0xe0])).toBe('image/jpeg');
		expect(imageTypeOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])).toBe('image/png');
		expect(imageTypeOf([...new TextEncoder().encode('<html>')])).toBe('');
	});
});

describe('sensor readings', () => {
	it('takes a fridge reading and refuses a probe that reads what no kitchen can', () => {
		expect(sensorReadingOf({ sensor: 'T-01', unit: '冷藏柜 1', kind: 'refrigerator', temperature_c: 3.5, read_at: now.toISOString() }, now)).toMatchObject({ sensor: 'T-01', unit: '冷藏柜 1', temperature_c: 3.5 });
		expect(sensorReadingOf({ sensor: 'T-01', kind: 'refrigerator', temperature_c: 850, read_at: now.toISOString() }, now)).toEqual({ field: 'temperature_c', code: 'implausible' });
		expect(sensorReadingOf({ sensor: 'T-01', kind: 'refrigerator', temperature_c: '4', read_at: now.toISOString() }, now)).toEqual({ field: 'temperature_c', code: 'implausible' });
		expect(sensorReadingOf({ sensor: 'T-01', kind: 'oven', temperature_c: 4, read_at: now.toISOString() }, now)).toEqual({ field: 'kind', code: 'required' });
	});
});
