import { addMessages, init, locale, register, _ } from 'svelte-i18n';
import { adminMessages, englishMessages } from '$lib/lazy';
import publicZh from './zh-CN.public';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'mingchu.locale';

// Chinese is bundled: the kiosk must speak it from the first frame with the network pulled (its words
// come with the kiosk's code, loadAppMessages, before the first page renders; the public page needs
// only its own). English is a module of its own, precached like the bundle (offline too), loaded when
// chosen.
addMessages('zh-CN', publicZh);
register('en', () => englishMessages().then((module) => module.default));

function storedLocale(): Locale {
	try {
		return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
	} catch {
		// No storage (Node, or the embed inside another site's frame, where the browser denies it).
		return 'zh-CN';
	}
}

// Starting in English would leave no locale set until its file has loaded (and every message failing
// meanwhile): the kiosk starts in Chinese and turns English a moment later.
init({ fallbackLocale: 'zh-CN', initialLocale: 'zh-CN' });
if (storedLocale() === 'en') void locale.set('en');

let appLoaded: Promise<void> | undefined;

/** The kiosk's and the administration's Chinese (the root layout adds them before any other page shows). */
export function loadAppMessages(): Promise<void> {
	appLoaded ??= import('./zh-CN').then(({ default: zhCN }) => addMessages('zh-CN', zhCN));
	return appLoaded;
}

let adminLoaded: Promise<void> | undefined;

/** The administration's messages, added once before its pages show (the kiosk never loads them). */
export function loadAdminMessages(): Promise<void> {
	adminLoaded ??= adminMessages().then(({ zhCN, en }) => {
		addMessages('zh-CN', zhCN);
		addMessages('en', en);
	});
	return adminLoaded;
}

export function setLocale(next: Locale) {
	try {
		localStorage.setItem(STORAGE_KEY, next);
	} catch {
		// Kept for this page only.
	}
	void locale.set(next);
}

/** Rule-book errors of a form as messages by field, for the fields to show under themselves. */
export function messagesByField(errors: { field: string; code: string }[], translate: (key: string) => string): Record<string, string> {
	return Object.fromEntries(errors.map((e) => [e.field, translate(`error.${e.code}`)]));
}

export { _, locale };
