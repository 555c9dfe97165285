import type { Messages } from '../i18n/zh-CN';

/**
 * Every code the rule book refuses with is a key of the messages' `error` section: a code without
 * Chinese text (and so, by the Messages type, without English text) does not compile.
 */
export type ErrorCode = keyof Messages['error'];
