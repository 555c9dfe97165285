import { addMessages, init, locale, _ } from 'svelte-i18n';
import zhCN from './zh-CN';
import en from './en';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'mingchu.locale';

// Messages are bundled, not fetched: the kiosk must speak Chinese with the network pulled.
addMessages('zh-CN', zhCN);
addMessages('en', en);

function storedLocale(): Locale {
	const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
	return stored === 'en' ? 'en' : 'zh-CN';
}

init({ fallbackLocale: 'zh-CN', initialLocale: storedLocale() });

export function setLocale(next: Locale) {
	localStorage.setItem(STORAGE_KEY, next);
	void locale.set(next);
}

/** Rule-book errors of a form as messages by field, for the fields to show under themselves. */
export function messagesByField(errors: { field: string; code: string }[], translate: (key: string) => string): Record<string, string> {
	return Object.fromEntries(errors.map((e) => [e.field, translate(`error.${e.code}`)]));
}

export { _, locale };
