// One place where a name typed on a tablet or read from a ticket is made comparable with the rule book's
// names (issue 15): full-width letters and digits to plain ones (NFKC), the traditional forms of the
// characters those names use to simplified ones, spaces and punctuation dropped, lower case. Pure.

/** Traditional → simplified, for the characters of the names the rules match (nitrite, salts, banned dishes). */
const SIMPLIFIED: Record<string, string> = {
	亞: '亚', 鹽: '盐', 鈉: '钠', 鉀: '钾', 業: '业', 鹼: '碱', 劑: '剂',
	涼: '凉', 葷: '荤', 雞: '鸡', 鴨: '鸭', 鵝: '鹅', 豬: '猪', 腸: '肠', 腎: '肾', 魚: '鱼', 蝦: '虾', 醃: '腌', 滷: '卤', 鹵: '卤',
	鮮: '鲜', 黃: '黄', 發: '发', 馬: '马', 鈴: '铃', 樅: '枞', 見: '见', 頭: '头', 蠔: '蚝', 飯: '饭', 湯: '汤', 絲: '丝'
};

export function normaliseName(text: string): string {
	return [...text.normalize('NFKC')]
		.map((char) => SIMPLIFIED[char] ?? char)
		.join('')
		.toLowerCase()
		.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Rule 24: 亚硝酸盐 under any of its names — Chinese (simplified or traditional), English, the
 * E-numbers and INS numbers, the chemical formulas, and 工业(用)盐, the name under which it is sold by
 * mistake for salt in the poisoning cases.
 */
export function isNitriteName(name: string): boolean {
	const plain = normaliseName(name);
	// E- and INS-numbers only count on their own or with their prefix: "250克" is a weight, not E250.
	if (/^(e|ins)?2(49|50)$/.test(plain) || /(?<![a-z])(e|ins)2(49|50)(?![0-9])/.test(plain)) return true;
	return /亚硝|nitrite|nano2|kno2|工业用?盐/.test(plain);
}
