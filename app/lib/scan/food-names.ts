// Goods names as a canteen receives them, for correcting a name that OCR misread by a character or two
// ("大自菜" → "大白菜"). The canteen's own past deliveries come first; this list covers the first
// delivery of a kind. Common goods of school and care-home canteens (vegetables, meat, eggs, grain and
// oil, seasonings, dry goods); a name not here is simply not corrected.
export const FOOD_NAMES = `
大白菜 小白菜 娃娃菜 白菜 青菜 上海青 油麦菜 生菜 菠菜 芹菜 西芹 韭菜 韭黄 蒜苗 蒜薹 香菜 茼蒿 空心菜 苋菜 芥蓝 菜心 西兰花
花菜 花椰菜 包菜 卷心菜 紫甘蓝 莴笋 黄瓜 西红柿 番茄 茄子 青椒 红椒 尖椒 辣椒 彩椒 土豆 马铃薯 红薯 紫薯 山药 芋头 莲藕 胡萝卜
白萝卜 萝卜 洋葱 大葱 小葱 葱 生姜 姜 大蒜 蒜头 冬瓜 南瓜 丝瓜 苦瓜 西葫芦 豆角 四季豆 豇豆 荷兰豆 毛豆 青豆 玉米 甜玉米 蘑菇
香菇 平菇 金针菇 杏鲍菇 木耳 黑木耳 银耳 海带 紫菜 豆芽 绿豆芽 黄豆芽 豆腐 嫩豆腐 老豆腐 豆腐干 豆干 腐竹 千张 油豆腐 面筋
猪肉 猪后腿肉 猪前腿肉 猪里脊 里脊肉 五花肉 猪排骨 排骨 猪蹄 猪肝 猪肉馅 牛肉 牛腩 牛腱 牛排 羊肉 羊排 鸡肉 鸡胸肉 鸡腿 鸡腿肉 鸡翅
鸡翅中 鸡爪 整鸡 鸭肉 鸭腿 鸭胸 鱼 草鱼 鲫鱼 鲤鱼 鲢鱼 带鱼 黄花鱼 鲈鱼 鳕鱼 龙利鱼 巴沙鱼 虾 基围虾 虾仁 鱿鱼 火腿肠 香肠 腊肉 培根
鸡蛋 鸭蛋 鹌鹑蛋 咸鸭蛋 皮蛋 牛奶 纯牛奶 酸奶 豆浆 奶粉
大米 粳米 籼米 糯米 小米 黑米 面粉 高筋面粉 低筋面粉 挂面 面条 切面 馒头 花卷 包子 饺子 速冻饺子 汤圆 米粉 粉丝 粉条 燕麦片 玉米面
大豆油 花生油 菜籽油 玉米油 调和油 食用油 橄榄油 芝麻油 香油 猪油 食盐 盐 白砂糖 绵白糖 冰糖 红糖 生抽 生抽酱油 老抽 酱油 香醋 陈醋 米醋
白醋 料酒 蚝油 鸡精 味精 淀粉 玉米淀粉 豆瓣酱 黄豆酱 甜面酱 番茄酱 辣椒酱 花椒 八角 桂皮 香叶 胡椒粉 五香粉 孜然 芝麻 花生米 红枣 枸杞
绿豆 红豆 黄豆 黑豆 核桃 葡萄干 苹果 香蕉 橙子 梨 西瓜 葡萄 桔子 柚子 猕猴桃 火龙果 哈密瓜 菠萝 草莓 桃子
`
	.split(/\s+/)
	.filter(Boolean);

function editDistance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const current = [i];
		for (let j = 1; j <= y.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
		previous = current;
	}
	return previous[y.length]!;
}

/**
 * How many characters of a name of this length OCR may have got wrong for it to be corrected: one in a
 * short name (two would turn a correctly read 冻鸡腿, not on the list, into 鸡腿肉), two in a long one.
 */
const allowed = (length: number) => (length <= 4 ? 1 : 2);

/**
 * The name `read` was meant to be: itself when it is a name the canteen or the list knows, else the
 * one known name nearest to it when it is near enough and no other is as near (the canteen's own past
 * deliveries win over the list); undefined when nothing is near, or two names are equally near.
 */
export function correctedName(read: string, known: readonly string[]): string | undefined {
	if (!/[\u4e00-\u9fff]/.test(read) || known.includes(read) || FOOD_NAMES.includes(read)) return undefined;
	for (const names of [known, FOOD_NAMES]) {
		let best: { name: string; distance: number } | undefined;
		let tie = false;
		for (const name of names) {
			// Same length only: a shorter known name inside a longer reading is another product ("鸡腿" in "鸡腿肉").
			if ([...name].length !== [...read].length) continue;
			const distance = editDistance(read, name);
			if (distance > allowed([...read].length)) continue;
			if (!best || distance < best.distance) {
				best = { name, distance };
				tie = false;
			} else if (distance === best.distance && name !== best.name) tie = true;
		}
		if (best && !tie) return best.name;
		if (best) return undefined;
	}
	return undefined;
}
