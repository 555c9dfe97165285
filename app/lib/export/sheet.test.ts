import { describe, expect, it } from 'vitest';
import { csvOf } from './sheet';

describe('CSV', () => {
	it('quotes commas, quotes and line breaks, and keeps a formula-looking cell as text', () => {
		expect(csvOf([['品名', '数量'], ['大米, 东北', 25], ['说 "好"', '=1+1'], ['两行\n文字', -3]])).toBe('品名,数量\r\n"大米, 东北",25\r\n"说 ""好""",\'=1+1\r\n"两行\n文字",-3\r\n');
	});
});
