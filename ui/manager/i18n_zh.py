"""Chinese texts of manager mode, by English source text (read by ``ui.manager.i18n``)."""

from __future__ import annotations

ZH: dict[str, str] = {
    # coupons and campaigns
    "Store coupon": "店铺优惠券",
    "Coupon name": "券名称",
    "Amount off (yuan)": "减免金额（元）",
    "Minimum spend (yuan)": "最低消费（元）",
    "Valid for (days)": "有效天数",
    "type an amount such as 10 or 9.90": "请输入金额，例如 10 或 9.90",
    "Coupon campaign to a segment": "向会员分群发券",
    "Segment": "会员分群",
    "Campaign code": "活动编码",
    "Run the campaign (Enter)": "开始发券（Enter）",
    "Close (Esc)": "关闭（Esc）",
    "Issuing coupons…": "正在发券…",
    "{issued} coupons issued to the {members} members of the segment.": (
        "已向该分群的 {members} 位会员发放 {issued} 张券。"
    ),
    "Give a coupon": "赠送优惠券",
    "Member": "会员",
    "Coupon code": "券码",
    "Reason": "原因",
    "Give the coupon (Enter)": "赠送（Enter）",
    "Cancel (Esc)": "取消（Esc）",
    "Coupon {code} given.": "已赠送优惠券 {code}。",
    # cards
    "Issue a card": "发卡",
    "Member: {who}": "会员：{who}",
    "Print card face (Ctrl+P)": "打印卡面（Ctrl+P）",
    "Stock card": "库存卡号",
    "This member's card is issued. Close the dialog first.": "该会员的卡已发放，请先关闭此窗口。",
    "Issuing {card}…": "正在发放{card}…",
    "Card {number} issued.": "卡 {number} 已发放。",
    "Card fee {amount} taken.": "已收工本费 {amount}。",
    "Card face ready to print: {path}": "卡面已生成，可打印：{path}",
    "Tap an unissued IC card on the reader, or scan / type a stock card number.": (
        "请在读卡器上刷一张未发放的 IC 卡，或扫描/输入库存卡号。"
    ),
    "Stock card number — Enter": "库存卡号 — 回车",
    "Cash": "现金",
    "Bank card / QR code": "银行卡 / 扫码",
    "Card fee: {amount}": "工本费：{amount}",
    "No card fee": "免工本费",
    "This card is blank but its reader cannot write secure cards.": (
        "这是一张空白卡，但该读卡器不能写入加密卡。"
    ),
    "Writing the card… keep it on the reader.": "正在写卡…请把卡留在读卡器上。",
    "This card cannot be used: {why}": "此卡不能使用：{why}",
    "The reader gave no card identifier: tap again.": "读卡器没有读到卡号，请重新刷卡。",
    "secure IC card {uid}": "加密 IC 卡 {uid}",
    "IC card {uid}": "IC 卡 {uid}",
    "stock card {number}": "库存卡 {number}",
    "Report a card lost": "挂失",
    "e.g. lost, stolen (optional)": "例如：遗失、被盗（可不填）",
    "Block the card (Enter)": "立即挂失（Enter）",
    "The card is refused here at once, and at every store after the next sync.": (
        "挂失后本店立即拒绝此卡，下次同步后所有门店都会拒绝。"
    ),
    "Card": "卡",
    "Replace a card": "补卡",
    "Card {number} ({state}) of {name}: the new card takes over": (
        "{name} 的卡 {number}（{state}）：由新卡接替"
    ),
    "Stored value {total}: principal {principal}, bonus {bonus}. "
    "Points {points} in {lots} lots. Tier {tier}. Coupons {coupons}.": (
        "储值 {total}：本金 {principal}，赠送 {bonus}。积分 {points}，共 {lots} 批。"
        "等级 {tier}。优惠券 {coupons} 张。"
    ),
    "Expire on": "到期日",
    "never": "永久有效",
    "The card is already replaced. Close the dialog.": "已补卡，请关闭此窗口。",
    "Approve the card replacement": "批准补卡",
    "Replacing with {card}…": "正在补卡：{card}…",
    "Card {number} replaces {old}: {sv} stored value and {points} points moved.": (
        "新卡 {number} 接替 {old}：已转入储值 {sv}、积分 {points}。"
    ),
    # login
    "Manager mode — log in": "店长模式 — 登录",
    "Manager mode: a manager's staff id and PIN": "店长模式：请输入店长工号和密码",
    # window
    "pos-member — manager": "pos-member — 店长",
    "Search a member by phone, card number or name, or tap their card.": (
        "按手机号、卡号或姓名查找会员，或直接刷卡。"
    ),
    "Manager mode": "店长模式",
    "Manager: {name} ({id})": "店长：{name}（{id}）",
    "Leave manager mode (Esc)": "退出店长模式（Esc）",
    "Members (Ctrl+1)": "会员（Ctrl+1）",
    "Reports (Ctrl+2)": "报表（Ctrl+2）",
    "Phone, card number, card UID or the start of a name — Enter": (
        "手机号、卡号、卡 UID 或姓名开头 — 回车"
    ),
    "Search (Enter)": "查找（Enter）",
    "No.": "编号",
    "Name": "姓名",
    "Phone": "手机号",
    "Tier": "等级",
    "Stored value": "储值",
    "Points": "积分",
    "Cards": "会员卡",
    "F2\nRegister": "F2\n新会员",
    "F3\nIssue card": "F3\n发卡",
    "F4\nReport lost": "F4\n挂失",
    "F6\nReplace card": "F6\n补卡",
    "F8\nGive coupon": "F8\n赠券",
    "Time": "时间",
    "Ledger": "账户",
    "Principal": "本金",
    "Bonus": "赠送",
    "Stored value after": "储值余额",
    "Points after": "积分余额",
    "Receipt / note": "小票 / 说明",
    "From": "从",
    "To": "到",
    "Why": "原因",
    "Statement: every ledger entry with its reason": "对账单：每一笔流水及原因",
    "Tier history": "等级变更记录",
    "Type a phone, card number or name first.": "请先输入手机号、卡号或姓名。",
    "no card": "无卡",
    "No member found.": "没有找到会员。",
    "{n} member(s) found.": "找到 {n} 位会员。",
    "stock": "库存",
    "active": "正常",
    "lost": "已挂失",
    "replaced": "已补卡作废",
    "expired": "已过期",
    "Recharge": "充值",
    "Spent at a sale": "消费",
    "Refund": "退货退款",
    "Adjustment": "调整",
    "Moved off the old card": "旧卡转出",
    "Moved to the new card": "转入新卡",
    "Card fee": "工本费",
    "Earned": "消费得积分",
    "Redeemed": "积分抵现",
    "Taken back by a refund": "退货扣回",
    "Given back by a refund": "退货返还",
    "Expired": "过期",
    "Bonus points": "奖励积分",
    "Card replaced": "补卡",
    "Card fee (new card)": "工本费（发卡）",
    "Card fee (replacement)": "工本费（补卡）",
    "Balance confirmed by head office": "总部确认余额",
    "Sign-up": "入会",
    "Upgrade": "升级",
    "Downgrade at review": "复核降级",
    "Tier review": "等级复核",
    "No member selected.": "未选择会员。",
    "IC card": "IC 卡",
    "barcode card": "条码卡",
    "contact IC card": "接触式 IC 卡",
    "ID card": "ID 卡",
    "magnetic card": "磁条卡",
    "female": "女",
    "male": "男",
    "other": "其他",
    "Member {id}: {name}": "会员 {id}：{name}",
    "Phone {phone}   Birthday {birthday}   Gender {gender}": (
        "手机 {phone}   生日 {birthday}   性别 {gender}"
    ),
    "Tier {tier}   Joined {joined}   Consent {consent}": (
        "等级 {tier}   入会 {joined}   授权 {consent}"
    ),
    "Card {number} — {kind}, {state}, issued {issued}": (
        "卡 {number} — {kind}，{state}，发卡日 {issued}"
    ),
    "No card yet: press F3 to issue one.": "尚未发卡：按 F3 发卡。",
    "Stored value {total} (principal {principal}, bonus {bonus})   Points {points}": (
        "储值 {total}（本金 {principal}，赠送 {bonus}）   积分 {points}"
    ),
    "expires {date}": "{date} 到期",
    "This card is not issued here. Select a member and press F3 to issue it.": (
        "此卡尚未在本店发放。请选择会员后按 F3 发卡。"
    ),
    "Select a member first (search, then ↑/↓).": "请先选择会员（查找后用 ↑/↓）。",
    "Member {id} registered.": "会员 {id} 已登记。",
    "Sign-up coupon {code} given.": "已赠送入会礼券 {code}。",
    "Card saved.": "会员卡已保存。",
    "This member has no active card to block.": "该会员没有可挂失的正常卡。",
    "Card {number} is blocked. Press F6 to replace it.": "卡 {number} 已挂失。按 F6 补卡。",
    "This member has no card to replace.": "该会员没有可补的卡。",
    # edit
    "Edit member {id}": "修改会员 {id}",
    "Save (Enter)": "保存（Enter）",
    "Nothing changed.": "没有修改。",
    "F9\nEdit": "F9\n修改",
    "name": "姓名",
    "phone": "手机号",
    "birthday": "生日",
    "gender": "性别",
    "Member {id}: {fields} changed.": "会员 {id}：已修改{fields}。",
    # programme jobs
    "Programme jobs (F10)": "会员计划作业（F10）",
    "Running the tier review and points expiry…": "正在进行等级复核和积分过期处理…",
    "Points expiry": "积分过期",
    "{job}: {examined} examined, {changed} changed": "{job}：检查 {examined} 位，变更 {changed} 位",
    "(already run today)": "（今天已运行过）",
    # register
    "Register a member": "登记新会员",
    "11-digit mobile number": "11 位手机号",
    "YYYY-MM-DD (optional)": "YYYY-MM-DD（可不填）",
    "Not given": "未填写",
    "Female": "女",
    "Male": "男",
    "Other": "其他",
    "The member agrees to the store keeping and using these details": (
        "会员同意本店保存并使用以上个人信息"
    ),
    "Register (Enter)": "登记（Enter）",
    "Birthday": "生日",
    "Gender": "性别",
    "type the date as YYYY-MM-DD": "请按 YYYY-MM-DD 输入日期",
    "Registering…": "正在登记…",
    # reports
    "Show (F5)": "查询（F5）",
    "Export PDF (Ctrl+E)": "导出 PDF（Ctrl+E）",
    "Campaign to a segment (F7)": "分群发券（F7）",
    "to": "至",
    "Members": "会员总数",
    "New members": "新会员",
    "Activation rate": "激活率",
    "Churn rate": "流失率",
    "Member sales share": "会员销售占比",
    "Repurchase rate": "复购率",
    "Net sales": "净销售额",
    "Recharges (principal + bonus)": "充值（本金 + 赠送）",
    "Stored-value liability": "储值余额",
    "Points liability": "积分余额",
    "Champions": "重要价值",
    "Loyal": "忠诚",
    "New customers": "新客",
    "Potential loyalists": "潜力",
    "At risk": "流失风险",
    "Hibernating": "休眠",
    "Lost": "已流失",
    "Need attention": "需关注",
    "New": "新会员",
    "Active": "活跃",
    "Silent": "沉默",
    "Churned": "流失",
    "Card / QR": "银行卡/扫码",
    "Computing the figures…": "正在计算…",
    "Show a period first, then export it.": "请先查询一个期间，再导出。",
    "Writing the PDF…": "正在生成 PDF…",
    "PDF written: {path}": "PDF 已生成：{path}",
    "{points} ({value})": "{points}（{value}）",
    "Sales by tender (yuan)": "按支付方式的销售额（元）",
    "Sales by hour (yuan)": "按小时的销售额（元）",
    "Sales by day (yuan)": "按日的销售额（元）",
    "RFM segments (members)": "RFM 分群（人）",
    "Lifecycle stages": "生命周期阶段",
    "Programme rates (%)": "会员计划指标（%）",
    "Activation": "激活",
    "Churn": "流失",
    "Member share": "会员占比",
    "Repurchase": "复购",
    "{start} – {end}: {receipts} receipts, {refunds} refunds.": (
        "{start} – {end}：小票 {receipts} 张，退货 {refunds} 笔。"
    ),
    # events head office refused
    "Refused by head office (Ctrl+3)": "总部拒收（Ctrl+3）",
    "Events head office refused": "总部拒收的记录",
    (
        "Head office refused these events because its own books say they cannot have "
        "happened. Nothing of them was applied at head office, and this till does not "
        "send them again. Do not enter them again: call head office or IT and give them "
        "the event id."
    ): (
        "总部核对自己的账目后认为这些记录不可能发生，因此拒收。它们在总部均未入账，"
        "本机也不会再次发送。请勿重新录入：请联系总部或 IT，并告知记录编号。"
    ),
    "When": "时间",
    "Event": "记录",
    "Amount": "金额",
    "Receipt": "小票",
    "Head office's reason": "总部拒收原因",
    "Event id": "记录编号",
    "Sale": "销售",
    "Stored value adjustment": "储值调整",
    "Points adjustment": "积分调整",
    "Member registration": "会员注册",
    "Member details changed": "会员资料修改",
    "Tier change": "等级变更",
    "Card issued": "发卡",
    "Card reported lost": "挂失",
    "Card found": "卡片找回",
    "Coupon given": "发券",
    "Count card used": "次卡消费",
    "Payment PIN set": "设置支付密码",
    "Wrong payment PIN": "支付密码错误",
    "Shift closed": "交班",
    "this till could not put the event in the form head office reads": (
        "本机无法把这条记录转换成总部能读取的格式"
    ),
    "Reading…": "正在读取…",
    "{n} event(s) set aside, none of them applied.": "已搁置 {n} 条记录，均未入账。",
    (
        "Nothing refused: head office has taken every event this till sent. "
        "There is nothing to do here."
    ): ("没有被拒收的记录：本机发送的记录总部都已接收，这里无需处理。"),
    (
        "What to do: the {kind} of {at} was not applied. Call head office or IT and give "
        "them the event id {id}; they decide whether it is entered again."
    ): (
        "下一步：{at} 的{kind}未入账。请联系总部或 IT，告知记录编号 {id}，由他们决定是否重新录入。"
    ),
    # 退卡 and the cooling-off reversal (ui/manager/prepaid.py)
    "F11\n退卡 / reverse recharge": "F11\n退卡 / 撤销充值",
    "Recharge reversed (cooling-off)": "撤销充值（冷静期）",
    "Card closed (退卡)": "退卡",
    "Close a card (退卡) or reverse a recharge": "退卡或撤销充值",
    "Close a card (退卡)": "退卡",
    "Reverse a recharge": "撤销充值",
    "Preview (Enter)": "预览（Enter）",
    "Confirm": "确认",
    "The holder agrees that the ID number is kept (sealed, at least 5 years)": (
        "持卡人同意保存证件号码（加密保存，至少 5 年）"
    ),
    "needed above ¥100: the holder's account": "超过 ¥100 时必填：持卡人本人账户",
    "Holder's name (as on the ID)": "持卡人姓名（与证件一致）",
    "ID type": "证件类型",
    "ID number": "证件号码",
    "Account name": "户名",
    "Account number": "账号",
    "Bank": "开户行",
    "Recharge receipt": "充值单号",
    "Costs kept back (Jiangsu only)": "扣除合理费用（仅江苏）",
    "Card {card} of {name}: refund {refund}, bonus not refunded {kept}.": (
        "{name} 的卡 {card}：退还 {refund}，赠送余额 {kept} 不退。"
    ),
    "This card was closed already (receipt {receipt}).": "此卡已退卡（单号 {receipt}）。",
    "A recharge is not synced yet: sync first, then close the card.": (
        "有一笔充值尚未同步：请先同步，再办理退卡。"
    ),
    "Show the member the amount, then confirm.": "请向会员出示金额后再确认。",
    (
        "Recharge {receipt} of {day}: principal {principal} and bonus {bonus} come off the "
        "card; {refund} goes back ({costs} of costs kept). Last day: {last}."
    ): (
        "{day} 的充值 {receipt}：扣回本金 {principal} 和赠送 {bonus}；"
        "退还 {refund}（扣除费用 {costs}）。最后期限：{last}。"
    ),
    "Approve 退卡": "授权退卡",
    "Approve the reversal": "授权撤销充值",
    "Card closed: {refund} by {tender}, receipt {receipt}.": (
        "已退卡：以{tender}退还 {refund}，单号 {receipt}。"
    ),
    "cash": "现金",
    "bank transfer": "银行转账",
    "Recharge reversed: {refund} back, receipt {receipt}.": (
        "已撤销充值：退还 {refund}，单号 {receipt}。"
    ),
    "Promotions": "促销",
    "Promotions in force in this store": "本店正在进行的促销",
    "Code": "编码",
    "Rule": "规则",
    "Covers": "适用商品",
    "For": "适用人群",
    "Exclusive group": "互斥组",
    "items {codes}": "商品 {codes}",
    "everything": "全场",
    "categories {names}": "品类 {names}",
    "except {codes}": "除 {codes}",
    "gift {code}": "赠品 {code}",
    "; ": "；",
    ", ": "、",
    "tiers {codes}": "等级 {codes}",
    "members": "会员",
    "everyone": "所有顾客",
    "{since} to {until}": "{since} 至 {until}",
    "always": "长期",
    "Mon": "周一",
    "Tue": "周二",
    "Wed": "周三",
    "Thu": "周四",
    "Fri": "周五",
    "Sat": "周六",
    "Sun": "周日",
    "Version {version} of the programme was refused: this till does not know what it"
    " holds ({why}). Upgrade the till; until then it prices by version {kept}.": (
        "会员方案第 {version} 版已拒收：本收银机不认识其中的内容（{why}）。"
        "请升级收银程序；在此之前按第 {kept} 版计价。"
    ),
    "{n} promotion(s) in force now, programme version {version}.": (
        "当前有 {n} 项促销生效，会员方案第 {version} 版。"
    ),
    "No promotion is in force in this store now (programme version {version}).": (
        "本店当前没有生效的促销（会员方案第 {version} 版）。"
    ),
    "brands {names}": "品牌 {names}",
    "F12\nPayment PIN": "F12\n支付密码",
    "Payment PIN": "支付密码",
    "Set a first PIN": "首次设置密码",
    "Change (the member knows the old PIN)": "修改密码（会员记得原密码）",
    "Reset a forgotten PIN (check the member first)": "重置忘记的密码（先核验会员）",
    "Unlock after too many wrong PINs": "解锁（密码错误次数过多）",
    "the member types the old PIN": "会员输入原密码",
    "phone or ID number, read from the member's document": "手机号或证件号，按会员本人证件输入",
    "the member chooses 6 digits": "由会员自选 6 位数字",
    "the same 6 digits again": "再次输入相同的 6 位数字",
    (
        "6 digits; not all one digit, not a run like 123456 or 654321, not the member's "
        "birthday or the end of the phone number."
    ): (
        "6 位数字；不能全部相同，不能是 123456 或 654321 这样的连续数字，"
        "不能是会员生日或手机号末几位。"
    ),
    "State": "状态",
    "What to do": "操作",
    "Old PIN": "原密码",
    "Member check": "会员核验",
    "New PIN": "新密码",
    "New PIN again": "再次输入新密码",
    "Save  Enter": "保存  Enter",
    "Close  Esc": "关闭  Esc",
    (
        "Locked until {until} after too many wrong PINs: the member pays another way until "
        "then, or you unlock it."
    ): "密码错误次数过多，已锁定至 {until}：在此之前会员须改用其他方式支付，或由您解锁。",
    "A PIN is set.": "已设置支付密码。",
    "No PIN yet: the member sets one (typed twice).": "尚未设置支付密码：请会员设置（输入两次）。",
    "Unlock  Enter": "解锁  Enter",
    "Payment PIN set for member {id}.": "会员 {id} 的支付密码已设置。",
    "Payment PIN changed for member {id}.": "会员 {id} 的支付密码已修改。",
    "Payment PIN reset for member {id}; any lock ended.": (
        "会员 {id} 的支付密码已重置，锁定已解除。"
    ),
    "Payment PIN of member {id} unlocked.": "会员 {id} 的支付密码已解锁。",
    "Shift+F4\nUndo lost (解除挂失)": "Shift+F4\n解除挂失",
    "Ctrl+D\nDay close (日结)": "Ctrl+D\n日结",
    "This member has no card reported lost.": "该会员没有已挂失的卡。",
    "Card {number} works again.": "卡 {number} 已解除挂失，可以正常使用。",
    "Block card {number}? It is refused at once, here and at every store.": (
        "确定挂失卡 {number} 吗？本店立即停用，其他门店同步后停用。"
    ),
    "Block the card": "确认挂失",
    "Replace the card": "补卡",
    (
        "Replace card {old} with {card}? The old card stops working and its stored value "
        "and points move to the new one."
    ): "确定用 {card} 替换卡 {old} 吗？旧卡立即停用，储值和积分转入新卡。",
    "Back  Esc": "返回  Esc",
    "Undo a lost-card report": "解除挂失",
    "e.g. the member found the card (optional)": "例如：会员找回了卡（可不填）",
    (
        "Only when the member has the card in hand: it works again here at once, and at "
        "every store after the next sync."
    ): "请确认会员已拿回此卡：本店立即恢复使用，其他门店同步后恢复。",
    "Unblock the card (Enter)": "解除挂失（Enter）",
    "Unblock card {number}? It can pay and earn again at once.": (
        "确定解除卡 {number} 的挂失吗？解除后可立即消费和积分。"
    ),
    "Unblock the card": "确认解除",
    "Day close (日结)": "日结",
    "Every shift of today on this till, and the day's sums.": "本机今天的所有班次及当日合计。",
    "Shift": "班次",
    "Cashier": "收银员",
    "Sales": "销售",
    "Refunds": "退货",
    "Recharges": "充值",
    "Cash expected": "应有现金",
    "Difference": "差额",
    "Close the day and print (Enter)": "日结并打印（Enter）",
    (
        "Day {day}: {n} shifts. Sales {sales}, refunds {refunds}, recharges {recharges}. "
        "Cash expected {expected}, counted {counted}, difference {difference}."
    ): (
        "{day}：共 {n} 个班次。销售 {sales}，退货 {refunds}，充值 {recharges}。"
        "应有现金 {expected}，实点现金 {counted}，差额 {difference}。"
    ),
    "Shift {shift} is still open: the cashier closes it (handover) before the day close.": (
        "班次 {shift} 尚未交班：请收银员先交班，再做日结。"
    ),
    "Close the day on this till and print the day's report?": "确定对本机做日结并打印日结报表吗？",
    "Close the day": "确认日结",
    "Day {day} closed: the day's report is printing.": "{day} 已日结，正在打印日结报表。",
    "That was a scan, not a PIN: the member types the 6 digits.": (
        "刚才是扫码，不是密码：请会员输入 6 位数字。"
    ),
    # issue 18 (PIPL) at the till
    "Ctrl+Shift+E\nMember's data copy": "Ctrl+Shift+E\n会员数据副本",
    "Ctrl+Shift+M\nWithdraw marketing consent": "Ctrl+Shift+M\n撤回营销同意",
    "Member {id}: data copy written to {json} and {pdf}. Hand it to the member only.": (
        "会员 {id} 的数据副本已写入 {json} 和 {pdf}，请只交给会员本人。"
    ),
    "Withdraw marketing consent": "撤回营销同意",
    "Member {id} will receive no more marketing messages or campaigns from any store. Membership, balances and points stay as they are.": (  # noqa: E501
        "会员 {id} 将不再收到任何门店的营销信息和活动。会员资格、余额和积分不变。"
    ),
    "Withdraw": "撤回",
    "Member {id}: marketing consent withdrawn; head office is told at the next sync.": (
        "会员 {id} 已撤回营销同意，下次同步时通知总部。"
    ),
    "That was a scan ({code}), not something to type here: nothing was changed. Type it by hand.": (
        "刚才是扫码（{code}），这里不能扫码：没有改动。请手动输入。"
    ),
}
