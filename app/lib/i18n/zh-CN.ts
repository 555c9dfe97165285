// zh-CN is the source language: every key exists here first; en.ts must have the same keys.
const zhCN = {
	app: {
		name: '明厨',
		tagline: '互联网+明厨亮灶 · 食品安全台账',
		kitchen: '后厨平板',
		admin: '管理端',
		language: 'English'
	},
	enrol: {
		title: '绑定本平板',
		intro: '请输入管理员提供的一次性绑定码（也可扫描二维码打开链接）。',
		code: '绑定码',
		submit: '绑定',
		working: '正在绑定…',
		needs_network: '首次绑定需要连接服务器；绑定后可长期离线使用。',
		invalid_code: '绑定码无效或已过期，请向管理员重新获取。'
	},
	kitchen: {
		today: '今日',
		morning_check: '晨检',
		due: '待晨检',
		done: '已晨检',
		checker: '检查人',
		choose_checker: '请选择检查人',
		change_checker: '更换',
		no_staff: '还没有员工信息。请连接网络同步，或请管理员添加员工。',
		food_contact: '接触直接入口食品',
		not_food_contact: '不接触食品',
		rejected_title: '服务器拒收的记录',
		rejected_hint: '这些记录仍保存在本机。请修改后重新提交，或作废。'
	},
	check: {
		title: '{name} 的晨检',
		temperature: '体温 (℃)',
		other_temperature: '其他读数',
		symptoms: '症状询问',
		symptoms_none: '无以下症状',
		hygiene: '个人卫生',
		ok: '合格',
		not_ok: '不合格',
		correction: '当场纠正措施',
		correction_hint: '例如：已摘除戒指并重新洗手',
		save: '保存',
		save_fit: '全部正常，保存',
		cancel: '返回',
		saved: '已保存',
		result: '晨检结果',
		back_to_list: '返回名单',
		fix_and_resend: '修改后重新提交',
		void: '作废',
		void_reason: '作废原因',
		void_confirm: '确认作废',
		voided: '已作废'
	},
	symptom: {
		fever: '发热',
		diarrhoea: '腹泻',
		vomiting: '呕吐',
		throat_inflammation: '咽部炎症',
		skin_wound: '手部皮肤伤口或感染',
		jaundice: '黄疸'
	},
	hygiene: {
		hands: '双手清洁',
		attire: '工作衣帽整洁，头发不外露',
		jewellery_nails: '未佩戴饰物，未留长指甲、未涂指甲油'
	},
	outcome: {
		fit: '可以上岗',
		fit_with_warnings: '可以上岗（有提醒）',
		excluded: '今日不得从事接触直接入口食品的工作'
	},
	finding: {
		'symptom.fever': '发热：体温 {temperature} ℃',
		'symptom.diarrhoea': '腹泻',
		'symptom.vomiting': '呕吐',
		'symptom.throat_inflammation': '咽部炎症',
		'symptom.skin_wound': '手部皮肤伤口或感染',
		'symptom.jaundice': '黄疸',
		'hygiene.hands': '双手不清洁（已纠正）',
		'hygiene.attire': '衣帽不合格（已纠正）',
		'hygiene.jewellery_nails': '饰物或指甲不合格（已纠正）',
		'certificate.missing': '没有健康证',
		'certificate.expired': '健康证已于 {date} 过期',
		'certificate.expiring': '健康证将于 {date} 到期（还剩 {days} 天）'
	},
	error: {
		required: '必填',
		temperature_out_of_range: '体温 {temperature} ℃ 超出可测范围（{min}–{max} ℃），请重新测量',
		unknown_symptom: '症状不在可选范围内',
		correction_required: '个人卫生不合格时，必须填写当场纠正措施',
		staff_not_found: '员工不存在或不属于本食堂',
		wrong_date: '记录日期与检查时间不符',
		not_this_device: '记录不属于本平板',
		rejected: '服务器拒收',
		offline: '无法连接服务器，记录已保存在本机，联网后自动上传',
		auth: '登录已失效，请重新登录',
		forbidden: '没有权限',
		device_revoked: '本平板已被停用或需要重新绑定，请联系管理员。记录仍保存在本机。',
		server: '服务器错误，请稍后再试'
	},
	sync: {
		synced: '已同步',
		waiting: '{count} 条待上传',
		rejected: '{count} 条被拒收',
		offline: '离线',
		last: '上次同步 {time}',
		never: '尚未同步',
		storage_low: '本机存储空间只剩 {free} MB：请尽快联网上传记录，不要清除浏览器数据'
	},
	admin: {
		login: '管理员登录',
		email: '邮箱',
		password: '密码',
		sign_in: '登录',
		sign_out: '退出',
		canteen: '食堂',
		today_checks: '今日晨检',
		checked: '已检 {done} / {total} 人',
		excluded: '不得上岗',
		none_excluded: '今日无人被禁止上岗',
		no_checks: '今日尚无晨检记录',
		expiring: '30 天内到期或已过期的健康证',
		none_expiring: '没有即将到期的健康证',
		staff: '员工',
		time: '时间',
		temperature: '体温',
		outcome: '结果',
		reasons: '原因',
		checker: '检查人',
		kiosks: '后厨平板',
		new_kiosk: '新增平板',
		kiosk_name: '平板名称',
		create_kiosk: '生成绑定码',
		enrol_code: '一次性绑定码（24 小时内有效）：{code}',
		enrolled: '已绑定',
		not_enrolled: '未绑定',
		refresh: '刷新',
		certificate_until: '有效期至 {date}'
	}
};

export default zhCN;
export type Messages = typeof zhCN;
