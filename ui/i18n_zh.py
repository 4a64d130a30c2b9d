# ruff: noqa: E501 - keys are the English source texts, verbatim
"""Simplified Chinese for the cashier screens: the translation memory behind the .ts file.

``python -m ui.i18n_update`` fills new messages of
``resources/i18n/pos_member_zh_CN.ts`` from this table; translations edited
in Qt Linguist stay as they are. Keys are the English source texts
(placeholders in braces must be kept).
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # --- sale screen ---
    "#": "#",
    "Item": "商品",
    "Qty": "数量",
    "Price": "单价",
    "Discounts": "优惠",
    "Amount": "金额",
    "Stored value": "储值余额",
    "Points": "积分",
    "To pay": "应付",
    "Pay  F12": "收款  F12",
    "Pay": "收款",
    "Manager": "店长",
    "Shift {n}": "班次 {n}",
    "No open shift (F9)": "未开班（F9）",
    "Help": "帮助",
    "Member": "会员",
    "No member": "非会员",
    "Owes {amount} of stored value": "欠储值 {amount}",
    "Owes {n} points": "欠积分 {n}",
    "Two stores spent the same balance offline; a recharge pays it.": "两家门店离线时重复使用了同一余额，充值时先抵扣欠款。",
    "Quantity": "数量",
    "Coupon": "优惠券",
    "Refund": "退货",
    "Recharge": "充值",
    "Hold / recall": "挂单/取单",
    "Shift / X-Z": "交班/报表",
    "Count card": "计次卡",
    "Lock": "锁屏",
    "Void line": "删除商品",
    "Void sale": "整单作废",
    "Reprint": "重打小票",
    "Clear / back": "清除/返回",
    "pos-member — cashier": "会员收银台",
    "Scan or type: product barcode, member card or phone number — Enter": (
        "扫码或输入：商品条码、会员卡号或手机号 — 回车"
    ),
    "Member: card number or phone number — Enter": "会员：卡号或手机号 — 回车",
    "Cashier: {name} ({id})": "收银员：{name}（{id}）",
    "Ready. Scan a product or tap a member card.": "就绪。请扫商品或刷会员卡。",
    "Items: {n}": "件数：{n}",
    "Before discounts: {amount}": "原价合计：{amount}",
    "You save: {amount}": "共优惠：{amount}",
    "Points this sale: +{n}": "本单积分：+{n}",
    "Tap the card, scan it, or press F2 for a phone number": "请刷卡、扫卡，或按 F2 输入手机号",
    "Coupons: {list}": "可用券：{list}",
    "No coupons": "无可用优惠券",
    "Birthday month: birthday benefits apply": "生日月：享生日礼遇",
    "{n} points expire on {date}": "{n} 积分将于 {date} 过期",
    "Member {name} ({tier}) identified.": "已识别会员 {name}（{tier}）。",
    "{name}  {qty}  {amount}": "{name}  {qty}  {amount}",
    "Member price": "会员价",
    "Birthday discount": "生日折扣",
    "Rounding": "抹零",
    "Price override": "改价",
    "Coupon {code}": "优惠券 {code}",
    "Readers: {n}": "读卡器：{n} 台",
    "Reader: none": "读卡器：无",
    "Reader: —": "读卡器：—",
    "Printer: ready": "打印机：就绪",
    "Printer: none": "打印机：未配置",
    "Printer: printing…": "打印机：打印中…",
    "Printer: failed — Ctrl+P reprints": "打印机：失败 — Ctrl+P 重打",
    "Press Ctrl+P to reprint receipt {no}.": "按 Ctrl+P 重打小票 {no}。",
    "No receipt to reprint.": "没有可重打的小票。",
    "Reprinting receipt {no}.": "正在重打小票 {no}。",
    "● Online": "● 在线",
    "● Offline": "● 离线",
    "Waiting to sync: {n}": "待同步：{n} 条",
    "Last sync: {t}": "上次同步：{t}",
    "Last sync: never": "上次同步：从未",
    "Working…": "处理中…",
    "Keys": "快捷键",
    "Scan or type into the field at the top and press Enter.": "在顶部输入框扫码或输入后按回车。",
    "Type the member's card or phone number and press Enter.": "请输入会员卡号或手机号后按回车。",
    "Choose a line first (↑/↓).": "请先选择一行（↑/↓）。",
    "Weight": "重量",
    "Grams": "克",
    "“{text}” is not a whole number above zero.": "“{text}”不是大于零的整数。",
    "This member has no coupon to use.": "该会员没有可用的优惠券。",
    "Coupon code": "券号",
    "Line {n} voided.": "第 {n} 行已删除。",
    "Void the whole sale": "整单作废",
    "Sale voided.": "整单已作废。",
    "No sale is held.": "没有挂起的单据。",
    # --- held sales (挂单/取单) ---
    "Held: {n} (F8)": "挂单：{n}（F8）",
    "Holding the sale…": "正在挂单…",
    "Sale held ({n} waiting). F8 on an empty sale recalls it.": (
        "已挂单（共 {n} 单等待）。空单时按 F8 取单。"
    ),
    "The sale is back on screen.": "单据已恢复到屏幕上。",
    "Recalling the held sale…": "正在取单…",
    "Product {code} no longer exists: its line was left out.": "商品 {code} 已不存在，该行未取回。",
    "Coupon {codes} no longer applies and was taken off.": "优惠券 {codes} 已不可用，已移除。",
    "The member could not be found again: tap the card.": "未能重新识别会员：请重新刷卡。",
    "Sale held at {time} recalled.": "已取回 {time} 的挂单。",
    "Discard a held sale": "删除挂单",
    "Held sale discarded.": "挂单已删除。",
    "Held sales": "挂单列表",
    "↑/↓ choose   Enter recall   Del discard   Esc close": "↑/↓ 选择   回车 取单   Del 删除   Esc 关闭",
    "Held at": "挂单时间",
    "Lines": "行数",
    "Items": "商品",
    "Recall  Enter": "取单  回车",
    "Discard  Del": "删除  Del",
    "Close  Esc": "关闭  Esc",
    "Discard held sale": "删除挂单",
    "Discard the sale held at {time}: {items} (lines: {lines})? It cannot be recalled afterwards.": (
        "删除 {time} 的挂单：{items}（共 {lines} 行）？删除后无法再取回。"
    ),
    "Discard  Enter": "删除  回车",
    "Keep  Esc": "保留  Esc",
    "The cart is empty.": "购物车是空的。",
    "Paid. Receipt {no}.": "收款成功。小票号 {no}。",
    "Change: {amount}": "找零：{amount}",
    "Recharge needs a member: tap or scan the card first.": "充值需要会员：请先刷卡或扫卡。",
    "Count cards need a member: tap or scan the card first.": "计次卡需要会员：请先刷卡或扫卡。",
    "Unlocked.": "已解锁。",
    "Finish or close the open window first (Esc).": "请先完成或关闭当前窗口（Esc）。",
    "Simulated reader": "模拟读卡器",
    "Card UID (hex)": "卡片 UID（十六进制）",
    # --- login and approval ---
    "Staff login": "员工登录",
    "Screen locked": "屏幕已锁定",
    "Member terminal — log in": "会员收银台 — 登录",
    "Staff id": "工号",
    "PIN": "密码",
    "Log in (Enter)": "登录（回车）",
    "Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Members' payment PIN: 123456. Ctrl+Shift+T taps a demo card.": "演示门店 — 收银员 1001，密码 1111 · 主管 2001，密码 8888 · 店长 3001，密码 9999。会员支付密码：123456。Ctrl+Shift+T 模拟刷卡。",
    "Type your staff id.": "请输入工号。",
    "Type your PIN.": "请输入密码。",
    "Checking…": "验证中…",
    "Supervisor approval": "主管授权",
    "Approve (Enter)": "授权（回车）",
    "Cancel (Esc)": "取消（Esc）",
    "Supervisor id": "主管工号",
    "Supervisor PIN": "主管密码",
    "Type the supervisor's id and PIN.": "请输入主管工号和密码。",
    # --- payment ---
    "Payment": "收款",
    "member types the payment PIN": "请会员输入支付密码",
    "Stored value (S)": "储值支付（S）",
    "Points (P)": "积分抵现（P）",
    "Bank card / QR (B)": "银行卡/扫码（B）",
    "Bank card": "银行卡",
    "WeChat Pay": "微信支付",
    "Alipay": "支付宝",
    "UnionPay QR": "云闪付",
    "Cash received (C)": "实收现金（C）",
    "Member PIN": "支付密码",
    "Change": "找零",
    "Confirm payment  Enter": "确认收款  回车",
    "Exact cash  F5": "现金补足  F5",
    "Back  Esc": "返回  Esc",
    "Balance {amount}; PIN needed over {threshold}": "余额 {amount}；超过 {threshold} 需支付密码",
    "{n} points available, in steps of {unit}": "可用 {n} 积分，按 {unit} 的整数倍使用",
    "No member: stored value and points not available": "非会员：不能使用储值和积分",
    "Points must be a whole number.": "积分必须是整数。",
    "Amounts are yuan with at most two decimals, like 12.50.": "金额以元为单位，最多两位小数，如 12.50。",
    "Still to pay: {amount}": "还需支付：{amount}",
    "Paying…": "正在收款…",
    # --- refund ---
    "Scan the receipt barcode or type its number": "扫描小票条码或输入小票号",
    "Sold": "已售",
    "Back": "退回",
    "Goods returned": "退货金额",
    "Cash back": "退现金",
    "Bank card / QR back": "退银行卡/扫码",
    "Stored value back": "退储值",
    "Points given back": "退还积分",
    "Points taken back": "扣回积分",
    "Everything  F3": "全部退  F3",
    "Refund (supervisor)  F12": "退货（需主管）  F12",
    "Receipt {no}  {member}": "小票 {no}  {member}",
    "{g} g ({left} left)": "{g} 克（可退 {left}）",
    "{n} ({left} left)": "{n}（可退 {left}）",
    "{total} (principal {p}, bonus {b})": "{total}（本金 {p}，赠送 {b}）",
    "Points already spent: {amount} kept from the refund": "已用掉的积分：从退款中扣除 {amount}",
    "Refund {no} done: {amount} back.": "退货 {no} 完成：退回 {amount}。",
    # --- recharge and count cards ---
    "Recharge stored value": "储值充值",
    "{name} · {tier} · balance {amount}": "{name} · {tier} · 余额 {amount}",
    "empty = the amount, in cash": "留空 = 按充值金额收现金",
    "Bonus": "赠送",
    "Balance after": "充值后余额",
    "Bank card / QR": "银行卡/扫码",
    "Cash received": "实收现金",
    "Recharge  Enter": "充值  回车",
    "Type the amount to recharge.": "请输入充值金额。",
    "Recharged. New balance {amount}.": "充值成功。新余额 {amount}。",
    "Use one  Enter": "核销一次  回车",
    "Count cards of {name}": "{name} 的计次卡",
    "{name}: {left} left (until {date})": "{name}：剩余 {left} 次（至 {date}）",
    "This member has no count card with visits left.": "该会员没有剩余次数的计次卡。",
    "Visit recorded: {n} left.": "已核销：剩余 {n} 次。",
    # --- shift ---
    "Shift": "班次",
    "Checking the shift…": "正在查询班次…",
    "Opening float": "备用金",
    "Cash counted": "清点现金",
    "Open shift  F5": "开班  F5",
    "X report  F6": "X 报表  F6",
    "Close shift (Z)  F7": "交班（Z 报表）  F7",
    "Print  Ctrl+P": "打印  Ctrl+P",
    "Shift {n} is open.": "班次 {n} 进行中。",
    "No shift is open.": "当前没有开班。",
    "Shift opened.": "已开班。",
    "Count the cash in the drawer and type the amount.": "请清点钱箱现金并输入金额。",
    "Shift closed. Z report printed.": "已交班，Z 报表已打印。",
    "X report (shift running)": "X 报表（班中）",
    "Z report (shift closed)": "Z 报表（交班）",
    "Till": "收银机",
    "Opened by": "开班人",
    "Opened at": "开班时间",
    "Closed at": "交班时间",
    "Sales": "销售",
    "Refunds": "退货",
    "Recharges": "充值",
    "Cash expected in drawer": "钱箱应有现金",
    "Difference": "差额",
    "Cash": "现金",
    "Report sent to the printer.": "报表已发送到打印机。",
    # --- customer display ---
    "Customer display": "顾客显示屏",
    "Welcome": "欢迎光临",
    "Total": "合计",
    "Paid": "已付",
    "You save {amount}": "为您节省 {amount}",
    "Welcome, {name} · {tier}": "欢迎您，{name} · {tier}",
    "Thank you!": "谢谢惠顾！",
    "Change {amount}": "找零 {amount}",
    "Stored value now {amount}": "储值余额 {amount}",
    "Points now {n} (+{earned})": "积分 {n}（+{earned}）",
    # --- errors (context Errors: the core's message templates) ---
    "Something unexpected went wrong. The sale on screen is kept; try again or call the supervisor.": (
        "出现意外问题。当前单据已保留；请重试或联系主管。"
    ),
    "Something went wrong.": "出现问题。",
    "The reader could not be used.": "读卡器无法使用。",
    "The reader did not finish in time: {detail}.": "读卡器未能及时完成：{detail}。",
    "The simulated card reader is for demos and tests; it cannot run in production.": (
        "模拟读卡器仅用于演示和测试，生产环境不能使用。"
    ),
    "The serial scanner on {port} cannot be used: {detail}.": "串口扫描枪 {port} 无法使用：{detail}。",
    "The smart-card service (pcscd) is not running: card readers are unavailable until it starts again.": (
        "智能卡服务（pcscd）未运行：重新启动前读卡器不可用。"
    ),
    "Reader {reader} was unplugged or stopped answering.": "读卡器 {reader} 已拔出或无响应。",
    "There is no card on reader {reader}: put the card on the reader first.": (
        "读卡器 {reader} 上没有卡：请先把卡放到读卡器上。"
    ),
    "The card did not answer properly ({detail}): tap it again.": "卡片响应异常（{detail}）：请重新刷卡。",
    "The card was taken away before it was read: tap it again and hold it still.": (
        "卡片在读完前被拿开：请重新刷卡并保持不动。"
    ),
    "Sync with head office failed: {detail}": "与总部同步失败：{detail}",
    "Enrolment failed: {detail}": "终端注册失败：{detail}",
    "This terminal is not enrolled with head office yet: run pos-member enrol --headoffice URL --code CODE.": (
        "本终端尚未在总部注册：请运行 pos-member enrol --headoffice URL --code CODE。"
    ),
    "Head office refused the data ({status} {reason}): {detail}": "总部拒绝了数据（{status} {reason}）：{detail}",
    "Head office cannot be reached ({detail}). Keep selling: events wait on this terminal and are sent when the connection is back.": (
        "无法连接总部（{detail}）。可继续收银：数据保存在本机，网络恢复后自动上传。"
    ),
    "Printer {printer} failed: {detail}": "打印机 {printer} 故障：{detail}",
    "Printer {printer} dropped the connection while printing. Reprint the receipt.": (
        "打印机 {printer} 打印中断开连接。请重打小票。"
    ),
    "Printer {printer} did not answer within {seconds} seconds.": "打印机 {printer} 在 {seconds} 秒内无响应。",
    "Printer {printer}: the cover is open. Close it, then reprint.": "打印机 {printer}：机盖打开。请合上后重打。",
    "Printer {printer} is out of paper. Load a new roll, then reprint.": "打印机 {printer} 缺纸。请装纸后重打。",
    "Printer {printer} is offline. Check that it is switched on and not in an error state.": (
        "打印机 {printer} 离线。请检查电源和错误状态。"
    ),
    "Printer {printer} cannot be reached: {detail}. Check its cable, power or address.": (
        "无法连接打印机 {printer}：{detail}。请检查线缆、电源或地址。"
    ),
    "{field}: {problem}": "{field}：{problem}",
    # --- the core's phrases (context Errors): an error's field and problem, action and role
    # names, tender and card-state words, statement notes, scan and card refusals. Collected
    # from the source by ui.i18n_update.core_words; data inside them stays as it is.
    # ValidationError fields
    "name": "姓名",
    "birthday": "生日",
    "gender": "性别",
    "consent": "数据使用授权",
    "consent version": "授权协议版本",
    "phone": "手机号",
    "search": "查询",
    "limit": "条数",
    "member": "会员",
    "member id": "会员编号",
    "programme rules": "会员规则",
    "payment PIN": "支付密码",
    "staff id": "工号",
    "role": "角色",
    "card number": "卡号",
    "card UID": "卡片序列号",
    "card": "会员卡",
    "card fee": "工本费",
    "coupon": "优惠券",
    "coupons": "优惠券",
    "coupon code": "券码",
    "campaign code": "活动编码",
    "count card": "计次卡",
    "void": "删除商品",
    "reason": "原因",
    "amount": "金额",
    "recharge": "充值",
    "shift": "班次",
    "receipt number": "小票号",
    "line": "商品行",
    "analytics": "会员分析",
    "segment": "会员分群",
    "period": "统计期间",
    "store": "本机数据库",
    "printer '{url}'": "打印机 “{url}”",
    "--db": "参数 --db",
    "--printer": "参数 --printer",
    "--single": "参数 --single",
    "--tier": "参数 --tier",
    # ValidationError problems
    "the member's name is needed": "请填写会员姓名",
    "at most {n} characters": "最多 {n} 个字",
    "a name has no digits": "姓名里不能有数字",
    "a date is expected": "请填写日期",
    "cannot be in the future": "不能晚于今天",
    "{date} is too long ago": "{date} 太早了，请核对",
    "'{gender}' is not female, male or other": "“{gender}” 不是女、男或其他",
    "1 to 16 characters expected": "应为 1 到 16 个字符",
    "the member must agree to the use of their data before registering": (
        "会员须先同意数据使用条款才能办理"
    ),
    "{phone} already belongs to a member": "{phone} 已被其他会员使用",
    "'{phone}' is not a mobile number": "“{phone}” 不是有效的手机号码",
    "type a phone, card number or name": "请输入手机号、卡号或姓名",
    "1 to {max} expected": "应为 1 到 {max}",
    "nothing to change": "没有需要修改的内容",
    "version {version} is not newer than the installed {newest}": (
        "版本 {version} 不比已安装的版本 {newest} 新"
    ),
    "none loaded yet: sync with head office first": "尚未下发：请先与总部同步",
    "none in force on {today}: check the till's date, or sync with head office": (
        "{today} 没有生效的版本：请检查收银机日期，或与总部同步"
    ),
    "the dates of a version are YYYY-MM-DD": "版本的日期格式应为 YYYY-MM-DD",
    "version {version} uses what this till does not know: upgrade the till ({detail})": (
        "版本 {version} 含有本收银程序不认识的内容：请升级收银程序（{detail}）"
    ),
    "the version ends before it starts ({until} < {since})": (
        "版本的结束日期早于开始日期（{until} < {since}）"
    ),
    "this member has not set one yet: set it first or pay another way": (
        "该会员还没有设置支付密码：请先设置，或换其他方式支付"
    ),
    "4 to 8 digits expected": "应为 4 到 8 位数字",
    "letters and digits, at most 16": "只能用字母和数字，最多 16 位",
    "{staff_id} already exists": "工号 {staff_id} 已存在",
    "'{role}' is not a staff role": "“{role}” 不是员工角色",
    "{length} digits starting with {prefix} expected": "应为以 {prefix} 开头的 {length} 位数字",
    "this terminal's card numbers start at serial {base}, which does not fit the programme's {length}-digit numbers: ask head office": (
        "本机卡号段从序号 {base} 开始，超出了会员规则的 {length} 位卡号：请联系总部"
    ),
    "this terminal has used its block of card numbers: sync with head office": (
        "本机的卡号段已用完：请与总部同步"
    ),
    "this terminal has used its block of member ids: sync with head office": (
        "本机的会员编号段已用完：请与总部同步"
    ),
    "4, 7 or 10 bytes of hex expected": "应为 4、7 或 10 字节的十六进制数",
    "tap the card on the reader first": "请先在读卡器上刷卡",
    "the secure card was not written": "加密卡没有写入成功",
    "the card's secure sector did not verify: issue it again": "卡片加密扇区校验失败：请重新发卡",
    "scan the card's barcode first": "请先扫描卡上的条码",
    "the card fee is {fee}: choose how it is paid": "工本费为 {fee}：请选择支付方式",
    "this card is already registered: use a new card": "这张卡已被登记：请换一张新卡",
    "card {number} is already {state}": "卡 {number} 当前状态：{state}",
    "the member already has card {number}: report it lost and replace it instead": (
        "该会员已有卡 {number}：请先挂失，再补卡"
    ),
    "type or scan the card number": "请输入或扫描卡号",
    "this card was never issued": "这张卡从未发放",
    "nothing was scanned": "没有扫到内容",
    "a secure card read must carry a member-card number": "加密卡的读取结果必须带有会员卡号",
    "{code} is not known": "{code} 不存在",
    "plan {plan} is not offered": "没有 {plan} 这种计次卡",
    "there is no count card {id}": "没有编号为 {id} 的计次卡",
    "{name} expired on {date}": "{name} 已于 {date} 过期",
    "a count card from this sale has been used and cannot be refunded": (
        "本单的计次卡已使用，不能退货"
    ),
    "letters, digits and '-', at most 24 characters": "只能用字母、数字和“-”，最多 24 个字符",
    "it must be valid for at least one day": "有效期至少一天",
    "an amount-off coupon needs a value": "代金券需要填写金额",
    "{code} is already used": "{code} 已被使用",
    "{code} is already a campaign for another segment": "{code} 已用于另一个会员分群的活动",
    "choose the lines to void": "请选择要删除的商品行",
    "say why the balance is corrected": "请说明调整余额的原因",
    "{delta} is not a possible adjustment": "{delta} 不是有效的调整数",
    "nothing to adjust": "没有需要调整的金额",
    "{amount} is more than this approver may approve": "超出此审批人可批准的额度（{amount}）",
    "pay a recharge with cash, card or QR code": "充值请用现金、银行卡或扫码支付",
    "a shift is already open on this till": "本机已有进行中的班次",
    "no shift is open on this till": "本机没有进行中的班次",
    "'{number}' is not a receipt number": "“{number}” 不是小票号",
    "must not be negative": "不能为负数",
    "the same coupon twice": "同一张优惠券用了两次",
    "the sale has no line {line_no}": "这笔销售没有第 {line_no} 行",
    "0 < new days and 0 < silent days < churn days expected": (
        "应满足：新会员天数 > 0，且 0 < 沉默天数 < 流失天数"
    ),
    "the RFM window must be positive": "会员价值分析的统计天数必须大于 0",
    "'{segment}' is not a segment or a lifecycle stage": "“{segment}” 不是会员分群或生命周期阶段",
    "the end is before the start": "结束日期早于开始日期",
    "the first day is after the last day": "开始日期晚于结束日期",
    "the terminal database is not open": "本机数据库没有打开",
    "no terminal database at {path}": "{path} 没有本机数据库",
    "no printer is configured": "没有设置打印机",
    "give exactly one card number": "请只给一个卡号",
    "unknown tier '{tier}' (one of {codes})": "没有等级 “{tier}”（可用：{codes}）",
    # a printer address (printer URL) that cannot be used
    "columns and timeout must be numbers": "列数和超时时间必须是数字",
    "columns must be 32 (58 mm), 42, 48 (80 mm) or 64": "列数必须是 32（58 毫米）、42、48（80 毫米）或 64",
    "expected tcp://HOST:PORT": "格式应为 tcp://主机:端口",
    "the port must be a number": "端口必须是数字",
    "expected usb://VENDOR:PRODUCT in hex, e.g. usb://0416:5011": (
        "格式应为 usb://厂商号:产品号(十六进制),例如 usb://0416:5011"
    ),
    "expected serial:///dev/ttyUSB0": "格式应为 serial:///dev/ttyUSB0",
    "baudrate must be a number": "波特率必须是数字",
    "expected file:///dev/usb/lp0 or file:///path/to/spool": (
        "格式应为 file:///dev/usb/lp0 或 file:///打印目录"
    ),
    "paper must be 80mm, 58mm or a4": "纸张必须是 80mm、58mm 或 a4",
    "expected pdf:///directory": "格式应为 pdf:///目录",
    "expected cups://QUEUE?dir=/directory/for/pdfs": "格式应为 cups://打印队列?dir=/存放PDF的目录",
    "unknown kind of printer; use one of {schemes}": "不认识的打印机类型；请使用：{schemes}",
    # who may do what ("{action} needs a {role}'s approval.")
    "cashier": "收银员",
    "supervisor": "主管",
    "manager": "店长",
    "Void": "删除商品",
    "Manual adjustment": "手工调整余额",
    "Card replacement": "补卡",
    "Adding staff": "添加员工",
    "Editing a member": "修改会员资料",
    "Unblocking a card": "解除挂失",
    "Rewriting a secure card": "重写加密卡",
    "Giving a coupon": "赠送优惠券",
    "Running a campaign": "发起发券活动",
    "Manager mode": "进入店长模式",
    "Running the programme jobs": "运行等级评定和积分过期",
    # what needs a member or a positive amount
    "Paying with points": "积分抵扣",
    "Paying with stored value": "储值支付",
    "Selling a count card": "售卖计次卡",
    "Stored value payment": "储值支付金额",
    "Uses": "使用次数",
    "Counted cash": "清点现金",
    # tenders, quantities, card states and actions inside sentences
    "cash": "现金",
    "stored value": "储值",
    "points": "积分",
    "card or QR payment": "银行卡/扫码",
    "{kind}": "{kind}",
    "line {line_no}": "第 {line_no} 行",
    "{grams} g": "{grams} 克",
    "no weight": "未称重",
    "{n} uses": "{n} 次",
    "not issued yet": "未发放",
    "active": "正常使用",
    "lost": "已挂失",
    "replaced by a new card": "已补卡作废",
    "expired": "已过期",
    "{state}": "{state}",
    "issued": "发卡",
    "reported lost": "挂失",
    "unblocked": "解除挂失",
    "replaced": "补卡",
    "marked expired": "设为过期",
    "renewed": "续期",
    "{action}": "{action}",
    # a member's statement
    "card {old} replaced by {new}: {total} stored value ({principal} principal, {bonus} bonus), {points} points in {lots} lots, {coupons} coupons, tier {tier}": (
        "卡 {old} 换为 {new}：储值 {total}（本金 {principal}，赠送 {bonus}），"
        "积分 {points}（{lots} 批），优惠券 {coupons} 张，等级 {tier}"
    ),
    "{amount} paid by {tender}": "{amount} {tender}支付",
    "confirmed balance from head office": "总部确认的余额",
    "opening balance": "期初余额",
    # scans the till cannot use
    "This code means nothing to this till: scan it again.": "本机无法识别这个编码：请重新扫描。",
    "Nothing was read.": "没有读到内容。",
    "'{text}' is not a mobile number or a code this till knows.": (
        "“{text}” 不是手机号，也不是本机认识的编码。"
    ),
    "'{text}' holds characters no barcode or card number has.": (
        "“{text}” 含有条码和卡号里不会有的字符。"
    ),
    "The magnetic stripe was not read completely: swipe again.": "磁条没有读完整：请重新刷卡。",
    "{family} {code} has a wrong check digit: scan it again.": "{family} {code} 校验位错误：请重新扫描。",
    "EAN-8": "8 位商品条码",
    "UPC-A": "12 位商品条码",
    "EAN-13": "13 位商品条码",
    "{code} is too large for an ID card number.": "{code} 超出了感应卡卡号的范围。",
    "{code} is not a mobile number (11 digits starting 13-19).": (
        "{code} 不是手机号码（手机号为 11 位，以 13 至 19 开头）。"
    ),
    "{n} digits is not the length of any code this till knows.": "本机不认识长度为 {n} 位的编码。",
    # card readers, secure cards, scanners
    "The card reader had an internal error.": "读卡器内部出错。",
    "the card's sector holds no member data": "卡片扇区里没有会员数据",
    "format version {version} is unknown": "数据格式版本 {version} 无法识别",
    "the sector's MAC does not match its content": "扇区校验码与内容不符",
    "the card number in the sector is not digits": "扇区里的卡号不是数字",
    "blank card, card of another system, or a copy of its UID": (
        "空白卡、其他系统的卡，或复制了卡片序列号的卡"
    ),
    "the sector cannot be read ({error})": "扇区无法读取（{error}）",
    "sector {sector} is locked with keys of another system; use a blank card": (
        "扇区 {sector} 已被其他系统的密钥锁定；请用空白卡"
    ),
    "this card was not issued by this programme": "这张卡不是本会员体系发行的",
    "secure mode needs Mifare Classic 1K": "加密模式需要 M1 卡",
    "secure mode needs a Mifare Classic 1K card": "加密模式需要 M1 卡",
    "the card refused a write ({error})": "卡片拒绝写入（{error}）",
    "the card does not answer the reader": "卡片不响应读卡器",
    "the reader cannot read this card's UID": "读卡器读不出这张卡的序列号",
    "no answer within {seconds} s": "{seconds} 秒内无响应",
    "the port cannot be opened (is the scanner plugged in?)": "串口无法打开（扫描枪插好了吗？）",
    "the scanner was unplugged or stopped answering": "扫描枪已拔出或无响应",
    # printers (and what the C library says about a connection)
    "The printer failed unexpectedly; the receipt waits in the reprint queue.": (
        "打印机意外出错；小票已放入重打队列。"
    ),
    "connection refused": "连接被拒绝",
    "no such USB device is connected": "没有连接这个 USB 设备",
    "libusb is missing (Debian package libusb-1.0-0)": "缺少 libusb（Debian 软件包 libusb-1.0-0）",
    "cannot open {path}": "无法打开 {path}",
    "{path} does not exist": "{path} 不存在",
    "cannot write {path}: {error}": "无法写入 {path}：{error}",
    "the lp command is missing (Debian package cups-client)": "缺少 lp 命令（Debian 软件包 cups-client）",
    "lp exit {status}": "lp 命令出错（退出码 {status}）",
    "no receipt printer is configured": "没有设置小票打印机",
    "No route to host": "无法到达主机",
    "Network is unreachable": "网络不可达",
    "Connection timed out": "连接超时",
    "Host is down": "主机已关机",
    "Name or service not known": "无法解析主机名",
    "Temporary failure in name resolution": "域名解析暂时失败",
    "No such file or directory": "文件或目录不存在",
    "No such device": "设备不存在",
    "Permission denied": "没有权限",
    "Device or resource busy": "设备忙",
    # head office
    "garbled answer": "总部返回的数据不完整",
    "garbled page": "总部返回的页面不完整",
    "HTTP {status}": "服务器错误 {status}",
    "this till has no head-office credentials: enrol it again": "本机没有总部登记凭证：请重新登记本机",
    "this till's head-office credentials are damaged: enrol it again": "本机的总部登记凭证已损坏：请重新登记本机",
    "head office no longer accepts this till's credentials (was it enrolled again on another PC?): enrol it again": "总部不再接受本机的登记凭证（是否已在另一台电脑上重新登记？）：请重新登记本机",
    "the enrolment code is unknown or already used": "登记码不存在或已被使用",
    "the enrolment code has expired: ask head office for a new one": "登记码已过期：请向总部索取新的登记码",
    "an event names another store or till than this one": "有一条记录属于其他门店或其他收银机",
    "a member registered here has an id outside this till's block": "本机登记的会员编号超出了本机分配的号段",
    "head office does not know a member these events name": "总部还没有这些记录中的某位会员",
    "an event was sent before with other content": "有一条记录以前已上传过，但内容不同",
    "a value is out of the range head office accepts": "有数值超出了总部接受的范围",
    "head office did not accept this till's sync position": "总部不接受本机的同步位置",
    "an event id was used before by another till": "该事件编号已被另一台收银机使用",
    "head office does not know this kind of event": "总部不认识这类事件",
    "head office could not read what this till sent": "总部无法读取本机发送的数据",
    "head office already has a sale under this sale's id": "总部已有使用此销售编号的销售",
    "head office already has a sale under this receipt number": "总部已有使用此小票号的销售",
    "head office does not have the sale this refund names": "总部没有此退货所指的原销售",
    "the refund's member is not the member of the sale": "退货的会员与原销售的会员不同",
    "the refund gives back more than the sale took": "退货退还的超过了原销售所收",
    "the refund names a line the sale does not have": "退货指向原销售中没有的商品行",
    "head office does not know the staff member who approved this": "总部不认识批准此操作的员工",
    "the staff member who approved this may not approve it": "批准此操作的员工无权批准",
    "the adjustment is beyond what its approver may approve": "调整超出了审批人可批准的额度",
    "the expiry names points head office does not know": "过期记录指向总部不知道的积分",
    "the expiry takes points that have not expired": "过期记录扣除了尚未过期的积分",
    "the expiry takes more points than are left": "过期记录扣除的积分多于剩余积分",
    "timeout": "超时",
    "ConnectError": "连接失败",
    "ConnectTimeout": "连接超时",
    "ReadTimeout": "等待应答超时",
    "WriteTimeout": "发送超时",
    "PoolTimeout": "连接繁忙超时",
    "ReadError": "接收数据失败",
    "WriteError": "发送数据失败",
    "CloseError": "关闭连接失败",
    "RemoteProtocolError": "总部应答格式错误",
    "LocalProtocolError": "本机请求格式错误",
    "ProxyError": "代理服务器出错",
    "UnsupportedProtocol": "总部地址的协议不支持",
    # rewriting a secure card (services.cards.rewrite_secure_card)
    "a newer issuance of this card exists already: write the card again": (
        "这张卡已有更新的发卡记录：请重新写卡"
    ),
    "only a secure-mode card can be rewritten": "只有加密模式的卡才能重写",
    "only an active card can be written again": "只有正常使用的卡才能重写",
    "this is not the member's card: put the member's own card on the reader": (
        "这不是该会员的卡：请把会员本人的卡放到读卡器上"
    ),
    "Unknown staff id or wrong PIN.": "工号不存在或密码错误。",
    "{action} needs a {role}'s approval.": "{action}需要{role}授权。",
    "The member's payment PIN is needed for stored value over {threshold}.": (
        "储值支付超过 {threshold} 需要会员支付密码。"
    ),
    "Too many wrong PINs: locked until {until}.": "密码错误次数过多：锁定至 {until}。",
    "Wrong PIN. {attempts_left} attempts left before the lock.": "密码错误。再错 {attempts_left} 次将被锁定。",
    "Choose at least one line and quantity to refund.": "请至少选择一行及退货数量。",
    "Line {line_no}: {requested} asked back but only {remaining} left to refund.": (
        "第 {line_no} 行：申请退 {requested}，但只剩 {remaining} 可退。"
    ),
    "No sale has the receipt number {receipt_no}.": "没有小票号为 {receipt_no} 的销售。",
    "No sale of this till has the receipt number {receipt_no}. If it is a receipt "
    "of another store, head office must be reachable to refund it ({detail}): "
    "try again when the connection is back.": (
        "本机没有小票号为 {receipt_no} 的销售。如果是其他门店的小票，须连上总部才能退货"
        "（{detail}）：请在网络恢复后重试。"
    ),
    "Product {product_code} of receipt {receipt_no} is not in this till's catalogue: "
    "sync with head office and try again.": (
        "小票 {receipt_no} 的商品 {product_code} 不在本机商品目录中：请与总部同步后重试。"
    ),
    "{name}: {left} uses left, {asked} asked.": "{name}：剩余 {left} 次，申请 {asked} 次。",
    "{what} needs a member: tap or scan the member's card first.": "{what}需要会员：请先刷卡或扫卡。",
    "No product has the code {code}.": "没有编码为 {code} 的商品。",
    "Quantity {quantity} is not possible for {product}.": "{product} 的数量不对：{quantity}。",
    "Coupon {code} belongs to another member.": "优惠券 {code} 属于其他会员。",
    "Coupon {code} cannot be combined with other coupons in one sale.": "优惠券 {code} 不能与其他券同时使用。",
    "Coupon {code} needs a spend of {minimum}; this sale has {eligible} that counts.": (
        "优惠券 {code} 需满 {minimum}；本单可用金额 {eligible}。"
    ),
    "Coupon {code} has already been used.": "优惠券 {code} 已被使用。",
    "Coupon {code} is valid from {since}.": "优惠券 {code} 自 {since} 起可用。",
    "Coupon {code} expired on {until}.": "优惠券 {code} 已于 {until} 过期。",
    "Offline: this terminal may take at most {limit} of stored value and points a business day while head office cannot be reached ({used} used today). Pay another way.": (
        "离线：连不上总部时，本机每个营业日最多收 {limit} 的储值和积分（今日已用 {used}）。请换其他方式支付。"
    ),
    "{what} must be a positive amount, not {value}.": "{what}必须是正数金额，不能是 {value}。",
    # input bounds (issue 14)
    "{amount} is more than one adjustment may move ({limit})": "{amount} 超过单次调整上限（{limit}）",
    "6 digits expected": "应为 6 位数字",
    "one digit six times is too easy to guess: choose another": "六位相同数字太容易被猜到，请换一个",
    "digits in a row (such as 123456) are too easy to guess: choose another": "连续数字（如 123456）太容易被猜到，请换一个",
    "the member's birthday is too easy to guess: choose another": "会员生日太容易被猜到，请换一个",
    "the end of the member's phone number is too easy to guess: choose another": "手机号后几位太容易被猜到，请换一个",
    "contains an invisible control or direction character ({char}): type it again without it": (
        "含有看不见的控制字符或文字方向字符（{char}）：请去掉后重新输入"
    ),
    "is empty or only spaces: type it": "为空或只有空格：请输入内容",
    "text is expected": "应为文字",
    "Cash {tendered} is more than {due} due plus the most change the till gives ({limit}). Check the amount typed.": (
        "现金 {tendered} 超过应收现金 {due} 加本机最多找零（{limit}）。请核对输入的金额。"
    ),
    "A recharge is at least {minimum} and at most {maximum}, not {amount}. Enter an amount in that range.": (
        "充值金额须在 {minimum} 至 {maximum} 之间，不能是 {amount}。请输入此范围内的金额。"
    ),
    "{product}: the weight must be whole grams, not {grams}. Weigh the item again.": (
        "{product}：重量须为整克数，不能是 {grams}。请重新称重。"
    ),
    "{product}: a price override may only lower the price of {price}, not set {override}. Enter a lower price.": (
        "{product}：改价只能低于原价 {price}，不能改为 {override}。请输入更低的价格。"
    ),
    "{product}: a {role} may lower the price by at most {percent}% (to {lowest}), not to {override}. Ask a manager to approve it.": (
        "{product}：{role}最多可降价 {percent}%（至 {lowest}），不能改为 {override}。请店长授权。"
    ),
    "Only cash can be given back as change: {kind} pays {amount}, only {due} is due.": (
        "只有现金可以找零：{kind} 支付 {amount}，但应付只有 {due}。"
    ),
    "Payments add up to {paid} but {due} is due.": "已付合计 {paid}，应付 {due}。",
    "The database {path} cannot be used.": "数据库 {path} 无法使用。",
    "The database {path} is missing. Restore it from the backup, or enrol this till again.": "数据库 {path} 不见了。请用备份恢复，或重新注册本收银机。",
    "The database {path} is missing, but its journal {journal} is still there: sales not yet sent may be in it. Do not delete anything; restore the database from the backup, or enrol this till again.": "数据库 {path} 不见了，但它的日志文件 {journal} 还在，其中可能有尚未上传的销售。请不要删除任何文件；请用备份恢复数据库，或重新注册本收银机。",
    "The database {path} is empty (0 bytes). Restore it from the backup, or enrol this till again.": "数据库 {path} 是空文件（0 字节）。请用备份恢复，或重新注册本收银机。",
    "The file {path} is not a pos-member database (it holds something else, or is damaged). Restore it from the backup, or enrol this till again.": "文件 {path} 不是 pos-member 数据库（里面是别的内容，或已损坏）。请用备份恢复，或重新注册本收银机。",
    "The database {path} is damaged. Keep the file for support; restore it from the backup, or enrol this till again.": "数据库 {path} 已损坏。请保留该文件以便技术支持查看；请用备份恢复，或重新注册本收银机。",
    "The database {path} was written by a newer version of pos-member. Update the app on this PC; do not use an older one with it.": "数据库 {path} 由更新版本的 pos-member 写入。请升级本电脑上的软件，不要用旧版本打开它。",
    "The database {path} cannot be written: the file or its folder is read-only. Ask the person who manages this PC to give this user permission to write both.": "数据库 {path} 无法写入：文件或其所在文件夹是只读的。请联系本电脑的管理员，给当前用户这两者的写入权限。",
    "The database {path} is locked by another program. Close the other program using it (another pos-member window, a backup or a viewer), then try again: nothing was lost.": "数据库 {path} 被其他程序锁定。请关闭正在使用它的程序（另一个 pos-member 窗口、备份或查看工具）后重试，数据没有丢失。",
    "The disk of the database {path} is full. Free space on it, then try again: what was saved before is kept.": "数据库 {path} 所在的磁盘已满。请清理磁盘空间后重试，之前保存的数据都还在。",
    "Only {free_mb} MB are free on the disk holding {path}. Free space soon: the till cannot record sales once the disk is full.": "存放 {path} 的磁盘只剩 {free_mb} MB。请尽快清理空间：磁盘满了以后收银机将无法记录销售。",
    "in use by this till": "（本收银机所用）",
    "The PC's date and time are wrong: correct them.": "电脑的日期和时间不对，请校正。",
    "The PC's clock is {days} d {hours} h {minutes} min ahead of head office's: the till uses head office's time. Correct the PC's date and time.": (
        "电脑时钟比总部快 {days} 天 {hours} 小时 {minutes} 分钟，收银机改用总部时间。请校正电脑的日期和时间。"
    ),
    "The PC's clock is {days} d {hours} h {minutes} min behind head office's: the till uses head office's time. Correct the PC's date and time.": (
        "电脑时钟比总部慢 {days} 天 {hours} 小时 {minutes} 分钟，收银机改用总部时间。请校正电脑的日期和时间。"
    ),
    "This shift opened at {opened}, later than the PC's time now ({now}): correct the PC's date and time, then close the shift.": (
        "本班次开班时间为 {opened}，晚于电脑当前时间（{now}）。请先校正电脑的日期和时间，再交班。"
    ),
    "Offline: stored value spending is limited to {limit} a day for this member ({used} used). Pay the rest another way.": (
        "离线：该会员每天最多使用储值 {limit}（已用 {used}）。其余请换其他方式支付。"
    ),
    "{points} points are worth {value}, more than the {limit} they may pay.": (
        "{points} 积分价值 {value}，超过了可抵扣上限 {limit}。"
    ),
    "Points are redeemed in steps of {unit} points.": "积分须按 {unit} 的整数倍使用。",
    "Not enough points: {available} available, {requested} asked.": "积分不足：可用 {available}，需要 {requested}。",
    "Head office says this member has only {available} of stored value and {points} points free now ({requested} and {requested_points} points asked); another store may be spending the same balance. Pay the rest another way.": (
        "总部确认该会员目前只有储值 {available}、积分 {points} 可用（本次需要 {requested}、积分 {requested_points}），"
        "可能有其他门店正在使用同一余额。其余请换其他方式支付。"
    ),
    "Stored value too low: {balance} available, {requested} asked.": "储值余额不足：可用 {balance}，需要 {requested}。",
    "This card cannot be used.": "此卡不能使用。",
    "The card was not issued: {detail}.": "发卡失败：{detail}。",
    "This kind of card cannot be used here: {detail}.": "此类卡不能在这里使用：{detail}。",
    "This card holds data in a layout this terminal does not know ({detail}).": (
        "卡内数据格式无法识别（{detail}）。"
    ),
    "The card number stored on this card is not valid: {detail}": "卡内存储的卡号无效：{detail}",
    "The data on this card has been altered ({detail}): the card is refused. Call the manager.": (
        "卡内数据被篡改（{detail}）：拒绝使用。请联系店长。"
    ),
    "This card was not issued by this programme ({detail}). Ask for the member's phone number.": (
        "此卡不是本会员体系发行的（{detail}）。请询问会员手机号。"
    ),
    "A card that is {state} cannot be {action}.": "{state}的卡不能{action}。",
    "Card {number} has not been issued to a member yet.": "卡 {number} 尚未发给会员。",
    "Card {number} expired on {expired_on}.": "卡 {number} 已于 {expired_on} 过期。",
    "Card {number} was replaced by a new card and can no longer be used.": "卡 {number} 已补办新卡，旧卡不能再用。",
    "Card {number} was reported lost and is blocked. Ask for the member's phone number.": (
        "卡 {number} 已挂失冻结。请询问会员手机号。"
    ),
    "The number {number} has a wrong check digit: scan again or type it carefully.": (
        "号码 {number} 校验位错误：请重新扫描或仔细输入。"
    ),
    "Card {number} carries an older issuance than the one this store wrote: it may be a copy. Keep the card and call the manager.": (
        "卡 {number} 的发卡记录比本店写入的旧：可能是复制卡。请扣留此卡并联系店长。"
    ),
    "Card {number} belongs to another member, not to the member of this sale: identify the member again with their own card.": (
        "卡 {number} 属于另一位会员，不是本单的会员：请用会员本人的卡重新识别。"
    ),
    "This held sale is no longer waiting: it was already recalled or discarded.": (
        "该挂单已不在等待中：已被取回或删除。"
    ),
    "This sale is already held.": "该单已挂起。",
    # (the held-sales service's ValidationError field and problem phrases)
    "sale": "单据",
    "held sale": "挂单",
    "the sale id is not a UUID": "单据编号格式不正确",
    "this sale is already paid": "该单已收款",
    "too many lines to hold": "行数过多，无法挂单",
    "too many coupons to hold": "优惠券过多，无法挂单",
    "a line has no product code": "有一行没有商品编码",
    "a weighed line has no weight": "有称重商品没有重量",
    "a quantity is not between 1 and 999": "数量不在 1 到 999 之间",
    "Card {number} is not known. Check the number or register the member.": (
        "卡 {number} 不存在。请核对卡号或办理会员。"
    ),
    # --- fitting the counter's screen, scans kept out of fields, the member sale in few keys ---
    "That was a scan ({code}), not a number: nothing was changed. Type the number, or press Esc and scan on the sale.": "刚才是扫码（{code}），不是数字：没有改动。请输入数字，或按 Esc 回到销售界面再扫码。",
    "Paid {amount}": "已收 {amount}",
    "Receipt {no}": "小票 {no}",
    "Stored value (S) · all F2": "储值（S）· 全额 F2",
    "Member PIN (M)": "支付密码（M）",
    "All stored value  F2": "储值全付  F2",
    "That was a scan ({code}), not an amount or a PIN: nothing was typed. Finish the payment, or press Esc and scan on the sale.": "刚才是扫码（{code}），不是金额或密码：没有输入任何内容。请完成收款，或按 Esc 回到销售界面再扫码。",
    "The member types the payment PIN, then Enter.": "请会员输入支付密码，然后按 Enter。",
    "Still to pay {amount}: type the cash received (F5: exact), then Enter.": "还需支付 {amount}：请输入实收现金（F5 补足），然后按 Enter。",
    "Complete: Enter pays.": "金额已够：按 Enter 收款。",
    # --- shifts: the float at login, the drawer counted by note, the Z report asked for ---
    "Count the drawer: how many of each": "清点钱箱：每种面额各有几张（枚）",
    "That was a scan ({code}), not an amount: nothing was typed.": "刚才是扫码（{code}），不是金额：没有输入任何内容。",
    "Expected in the drawer": "钱箱应有",
    "Counted": "实点",
    "No shift is open. Put the opening float in the drawer, type how much it is and press Enter.": "尚未开班。请把备用金放入钱箱，输入金额后按 Enter。",
    "Shift {n} opened with a float of {amount}.": "第 {n} 班已开班，备用金 {amount}。",
    "{amount} short": "短款 {amount}",
    "{amount} over": "长款 {amount}",
    "{amount}: the drawer is right": "{amount}：账实相符",
    "Count the cash in the drawer: how many of each note and coin.": "请清点钱箱现金：输入每种纸币和硬币的数量。",
    "Close the shift": "交班",
    "Close shift {n} and take the Z report? It cannot be undone.\n\nExpected in the drawer: {expected}\nCounted: {counted}\nDifference: {difference}": "确定交班（第 {n} 班）并打印 Z 报表吗？交班后不能撤销。\n\n钱箱应有：{expected}\n实点：{counted}\n差额：{difference}",
    "Close and print  Enter": "交班并打印  Enter",
    "No shift is open on this till: open the shift with its opening float first.": "本机尚未开班：请先开班并输入备用金。",
    "cash count": "现金清点",
    "{value} is not a note or coin the till counts": "{value} 不是收银机清点的纸币或硬币面额",
    "Number of notes or coins": "纸币或硬币的数量",
    "Balance {amount}; the member's PIN is needed": "余额 {amount}；需会员支付密码",
    "Shift {n} is closed. The next shift opens with its float (F5).": "第 {n} 班已交班。下一班开班时输入备用金（F5）。",
    "Pay  Enter": "确认收款  回车",
    "That was a scan, not a PIN: the supervisor types the PIN.": "刚才是扫码，不是密码：请主管输入密码。",
    # --- prepaid cards (单用途商业预付卡: docs/prepaid.md) ---
    "This card may hold at most {cap}: it can take at most {room} more. Recharge less, or use another card in the member's name.": (
        "本卡最多只能存 {cap}，本卡最多还能充 {room}。请少充一些，或使用会员名下的另一张卡。"
    ),
    "Giving {amount} back to stored value would pass the card's cap of {cap} (at most {room} fits): refund to another card in the member's name, or after the member has spent some of the balance.": (
        "退回储值 {amount} 将超过本卡上限 {cap}（最多还能退 {room}）：请退到会员名下的另一张卡，或待会员消费部分余额后再退。"
    ),
    "A purchase of {amount} at once by a {buyer} cannot be paid in cash (the law asks for a bank transfer from {limit}): take a bank transfer.": (
        "{buyer}一次购卡 {amount} 不能用现金支付（{limit} 起须银行转账）：请改用银行转账。"
    ),
    "A bank transfer needs its record: the payer's and payee's account names and numbers. Enter them, then try again.": (
        "银行转账须登记：付款方和收款方的户名与账号。请填写后重试。"
    ),
    "退卡 pays into an account in the holder's own name ({holder})， not {name}： ask for an account in the holder's name.": (
        "退卡款只能转入持卡人本人（{holder}）名下的账户，不能转入 {name}：请提供持卡人本人的账户。"
    ),
    "This card holds {balance}： above {limit} 退卡 is paid by bank transfer to the holder's account, not in cash. Enter the holder's account.": (
        "本卡余额 {balance}：超过 {limit} 的退卡须转账至持卡人账户，不能退现金。请填写持卡人账户。"
    ),
    "The card holds no stored value to refund: nothing to close.": "本卡没有可退的储值余额，无需退卡。",
    "This card has a recharge head office has not received yet: sync first (or wait until the till is online), then close the card.": (
        "本卡有一笔充值尚未同步到总部：请先同步（或等待本机联网）后再办理退卡。"
    ),
    "This programme's region has no cooling-off refund: a recharge cannot be reversed. Close the card （退卡） instead.": (
        "本方案所在地区没有冷静期退款规定，不能撤销充值。请改为办理退卡。"
    ),
    "The cooling-off window of the recharge of {recharged_on} ended on {last_day}： it can no longer be reversed. Close the card （退卡） instead.": (
        "{recharged_on} 的充值冷静期已于 {last_day} 结束，不能再撤销。请改为办理退卡。"
    ),
    "The card was used after the recharge of {recharged_on}： only an unused recharge is reversed in full. Close the card （退卡） instead.": (
        "{recharged_on} 充值后本卡已有消费：只有未使用的充值才能全额撤销。请改为办理退卡。"
    ),
    "Receipt {receipt_no} is not a recharge of this till: check the receipt number.": (
        "单号 {receipt_no} 不是本机的充值单：请核对单号。"
    ),
    "Costs may be kept back only where the region's rule allows it (Jiangsu), and at most the recharge's {principal}: enter 0 or a smaller amount.": (
        "只有地区规定允许（江苏）时才能扣除合理费用，且不超过充值本金 {principal}：请输入 0 或更小的金额。"
    ),
    "The law asks for the buyer's real name and ID for this card: enter the name, the ID type and number, then try again.": (
        "按规定本卡须登记购卡人实名信息：请填写姓名、证件类型和号码后重试。"
    ),
    "The ID number {masked} is not valid for {id_type}: check it against the document.": (
        "证件号码 {masked} 不是有效的{id_type}号码：请对照证件核对。"
    ),
    "This member's stored value was closed （退卡） on {closed_on}： it takes no more money. Pay or refund another way.": (
        "该会员的储值已于 {closed_on} 退卡，不能再存入。请用其他方式支付或退款。"
    ),
    "The ID's name ({name}) is not the card holder's ({holder})： 退卡 is done for the holder, with the holder's ID.": (
        "证件姓名（{name}）与持卡人（{holder}）不符：退卡须由持卡人凭本人证件办理。"
    ),
    "Keeping an ID number needs the person's separate consent (sensitive personal information): ask for it and tick the consent box.": (
        "保存证件号码须本人单独同意（敏感个人信息）：请征得同意并勾选同意框。"
    ),
    "resident ID card": "居民身份证",
    "passport": "护照",
    "Hong Kong / Macao permit": "港澳居民来往内地通行证",
    "Taiwan permit": "台湾居民来往大陆通行证",
    "foreign permanent residence card": "外国人永久居留身份证",
    "other document": "其他证件",
    "person": "个人",
    "company": "单位",
    "Paid in {paid}, bonus given {bonus}, balance {balance}: spent {spent}.": (
        "已充本金 {paid}，赠送 {bonus}，余额 {balance}：已消费 {spent}。"
    ),
    "Spent counted against the principal at {paid} ÷ ({paid} + {bonus})： {spent} × {paid} ÷ {whole} = {from_principal} （法释〔2025〕4号）.": (
        "已消费按 {paid} ÷（{paid} + {bonus}）计入本金：{spent} × {paid} ÷ {whole} = {from_principal}（法释〔2025〕4号）。"
    ),
    "Refunded {paid} − {from_principal} = {refund}; the bonus left, {forfeited}, is not refunded.": (
        "退还 {paid} − {from_principal} = {refund}；剩余赠送金额 {forfeited} 不予退还。"
    ),
    "Paid in cash (a balance of at most {limit}).": "以现金退还（余额不超过 {limit}）。",
    "Paid by bank transfer to the holder's account (cash only up to {limit}).": (
        "转账至持卡人账户（现金仅限 {limit} 以内）。"
    ),
    "Recharge reversal": "撤销充值",
    "Card closure （退卡）": "退卡",
    "account name": "户名",
    "account number": "账号",
    "8 to 32 digits expected, as on the bank card": "应为 8 至 32 位数字，与银行卡一致",
    # --- recharge under the prepaid-card law ---
    "a person": "个人",
    "a company": "单位",
    "Amount (A)": "金额（A）",
    "Bought by (Y)": "购卡方（Y）",
    "Paid by bank transfer (T)": "银行转账付款（T）",
    "Buyer's real name (the prepaid-card law asks for it)": "购卡人实名登记（预付卡规定要求）",
    "an agent buys for the card's holder": "代理人代持卡人购买",
    "The buyer agrees that the ID number is kept (sealed, at least 5 years) (K)": "购卡人同意保存证件号码（加密保存，至少5年）（K）",
    "Name on the ID (N)": "姓名，与证件一致（N）",
    "Company (O)": "单位名称（O）",
    "ID type (I)": "证件类型（I）",
    "ID number (D)": "证件号码（D）",
    "Contact phone (P)": "联系电话（P）",
    "Bank transfer": "银行转账",
    "Payer's name (R)": "付款户名（R）",
    "Payer's account (U)": "付款账号（U）",
    "Payee's name (E)": "收款户名（E）",
    "Payee's account (M)": "收款账号（M）",
    "Payer's bank (J)": "付款银行（J）",
    "That was a scan ({code}), not an amount, an ID or an account number: nothing was typed. Type it by hand.": "刚才是扫码（{code}），不是金额、证件号或账号：未输入任何内容。请手动输入。",
    # --- backups (pos-member backup / restore, the status bar) ---
    "The backup could not be made.": "备份未能完成。",
    "There is no database at {path} to back up: check the till's database path.": "{path} 没有可备份的数据库：请检查本收银机的数据库路径。",
    "The backup folder {path} cannot be written ({why}): plug in the backup disk or choose another folder.": "备份文件夹 {path} 无法写入（{why}）：请插上备份盘，或换一个文件夹。",
    "The backup could not be written to {path} ({why}): free some space on the backup disk or choose another folder.": "备份未能写入 {path}（{why}）：请清理备份盘空间，或换一个文件夹。",
    "The copy of the database did not check clean ({first}), so it was not kept: run pos-member check-db on the till's database.": "数据库副本未通过检查（{first}），未予保留：请对本收银机的数据库运行 pos-member check-db。",
    "{path} has no readable manifest beside it: choose a copy made by pos-member backup.": "{path} 旁没有可读的清单文件：请选择由 pos-member backup 生成的副本。",
    "{path} is not the copy its manifest describes (changed or cut off): choose an older copy.": "{path} 与其清单不符（已被改动或不完整）：请选择更早的副本。",
    "{path} does not check clean ({first}): choose an older copy.": "{path} 未通过检查（{first}）：请选择更早的副本。",
    "Head office could not be asked for this till's last receipt number: connect the till and try again, or give --receipt-gap N to move the receipt numbers on by N.": "无法向总部查询本收银机的最后小票号：请连上网络后重试，或用 --receipt-gap N 将小票号向后跳过 N 个。",
    "This till has no backup yet: close the shift, or run pos-member backup.": "本收银机还没有备份：请交班，或运行 pos-member backup。",
    "The last backup is {hours} hours old: check the backup disk.": "最近一次备份已是 {hours} 小时前：请检查备份盘。",
    # --- one app per till ---
    "Cashier app": "收银程序",
    "The cashier app is already open on this till: it is in front now.": "本收银机上的收银程序已经打开：已切换到它的窗口。",
    "The database {path} is already in use by another copy of the cashier app (on this PC or another): close that copy first. Two tills never share one database.": "数据库 {path} 正被另一个收银程序（本机或其他电脑上）使用：请先关闭那个程序。两台收银机不能共用一个数据库。",
    "Electronic member card": "电子会员卡",
    "This member code cannot be used: ask the member to refresh it.": "这个会员码不能使用：请会员刷新会员码。",
    "This is not a complete member code: ask the member to refresh it and scan again.": "这不是完整的会员码：请会员刷新会员码后重新扫描。",
    "This member code belongs to another chain's programme; it cannot be used here.": "这是其他连锁品牌的会员码，本店不能使用。",
    "This member code has expired (an old screenshot?): ask the member to refresh it.": "会员码已过期（可能是旧截图）：请会员刷新会员码。",
    "This member code is dated ahead of the till's clock: ask the member to check the phone's time and refresh the code.": "会员码的时间比收银机时钟快：请会员检查手机时间后刷新会员码。",
    "This phone is not known to this till yet: wait for the till to sync, or identify the member by card or phone number.": "本机还不认识这部手机：请等收银机同步后再试，或用会员卡、手机号识别会员。",
    "This phone was removed from the member's account (lost phone?): the member must sign in again on the member page, or use a card.": "这部手机已从会员账户中移除（手机丢失？）：请会员在会员页面重新登录，或使用会员卡。",
    "This member code does not verify (altered or forged): it cannot be used.": "会员码校验失败（被改动或伪造）：不能使用。",
    "This member code was scanned here before: ask the member to refresh it.": "这个会员码已在本机扫过：请会员刷新会员码。",
    "Promotions: {names}": "促销：{names}",
    ", ": "、",
    "{amount} more for {reward}": "再买{amount} 享{reward}",
    "This member has no payment PIN yet: the member sets one now (typed twice), or pays another way.": "该会员尚未设置支付密码：请会员现在设置（输入两次），或改用其他方式支付。",
    "the two entries differ: the member types the same 6 digits twice": "两次输入不一致：请会员两次输入相同的 6 位数字",
    "this member has one already: type it, change it, or a manager resets it": "该会员已设置支付密码：请输入密码、修改密码，或由店长重置",
    "member check": "会员核验",
    "neither the member's phone nor an ID number on record: check the document": "与会员登记的手机号或证件号都不符：请核对证件",
    "Resetting a payment PIN": "重置支付密码",
    "Unlocking a payment PIN": "解锁支付密码",
    "Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Every demo member's payment PIN: 246810. Ctrl+Shift+T taps a demo card.": "演示门店 — 收银员 1001，密码 1111 · 主管 2001，密码 8888 · 店长 3001，密码 9999。所有演示会员的支付密码：246810。Ctrl+Shift+T 模拟刷卡。",
    "the same 6 digits again": "再次输入相同的 6 位数字",
    "Repeat new PIN (R)": "再次输入新密码（R）",
    "The member's payment PIN is locked until {until} (too many wrong PINs): stored value cannot pay now. Pay another way: bank card or QR (B) or cash (C). A manager can unlock it.": "会员支付密码已锁定至 {until}（密码错误次数过多）：现在不能用储值支付。请改用其他方式支付：银行卡或扫码（B），或现金（C）。店长可以解锁。",
    "New PIN (M)": "新支付密码（M）",
    "the member chooses 6 digits": "由会员自选 6 位数字",
    "The member types the same 6 digits again in R.": "请会员在 R 再次输入相同的 6 位数字。",
    "Payment PIN set. Paying…": "支付密码已设置，正在支付…",
    "Setting the payment PIN…": "正在设置支付密码…",
    "No payment PIN yet: the member chooses 6 digits in M, then again in R.": "尚无支付密码：请会员在 M 输入自选的 6 位数字，再在 R 输入一次。",
    "PIN locked until {until}. Pay another way: bank card or QR (B), cash (C).": "支付密码已锁定至 {until}。请改用其他方式支付：银行卡或扫码（B）、现金（C）。",
    "This member has no payment PIN yet: the member chooses 6 digits in M and types them again in R, or pays another way.": "该会员尚未设置支付密码：请会员在 M 输入自选的 6 位数字，在 R 再输入一次；或改用其他方式支付。",
    "{n} digits is not the length of any code this till knows: scan the item again, or type its product code, the member's card number or an 11-digit phone number.": "本机不认识长度为 {n} 位的编码：请重新扫描商品，或输入商品编码、会员卡号或 11 位手机号。",
    "No member has the phone number {phone}. Check it with the customer, or press Ctrl+N to register it.": "没有会员使用手机号 {phone}。请与顾客核对号码，或按 Ctrl+N 用此手机号注册新会员。",
    "Quantity {quantity} is not possible for {product}: type a whole number from 1 to 999.": "{product} 的数量 {quantity} 不对：数量最多 999，请输入 1 到 999 的整数。",
    "“{text}” is not a whole number above zero: type the number again (F4).": "“{text}”不是大于零的整数：请重新输入（F4）。",
    "Quantity {text} is too many: at most {limit} on one line. Type a smaller number (F4), or scan the rest on a new line.": "数量 {text} 太多：每行数量最多 {limit}。请输入较小的数量（F4），或把其余的另起一行扫描。",
    "A sale is open": "有未结账的交易",
    "A sale is still open: {lines} lines, {amount}. {what} Hold it (F8 recalls it later), or go back to the sale?": "还有一笔交易未结账：{lines} 行，{amount}。{what}要挂单（稍后按 F8 取单），还是回到这笔交易？",
    "Hold the sale  Enter": "挂单  Enter",
    "Back to the sale  Esc": "回到交易  Esc",
    "The sale is still open. Pay it (F12) or hold it (F8).": "交易仍未结账。请收款（F12）或挂单（F8）。",
    "The sale is still on screen: pay it or hold it.": "交易仍在屏幕上：请收款或挂单。",
    "Locking the till leaves the counter to another login.": "锁屏后其他收银员可以登录本机。",
    "Closing the window would lose it.": "直接关闭窗口会丢失这笔交易。",
    "Hand back {cash} in cash.": "请退给顾客现金 {cash}。",
    "{amount} goes back to the bank card / QR payment.": "{amount} 原路退回银行卡／扫码支付。",
    "{amount} goes back to the member's stored value.": "{amount} 退回会员储值。",
    "Refund goods of {goods}? {hand_back}": "确定退货，商品金额 {goods}？{hand_back}",
    "Refund  Enter": "退货  Enter",
    "New member": "新会员",
    "Open drawer": "开钱箱",
    "Member: card number, phone number or its last 4 digits — Enter": "会员：卡号、手机号或手机号后 4 位 — Enter",
    "Type the member's card number, phone number or the phone's last 4 digits and press Enter.": "请输入会员卡号、手机号或手机号后 4 位，然后按 Enter。",
    "Open the cash drawer": "打开钱箱",
    "Change for the float": "换零钱",
    "Reason": "原因",
    "Open  Enter": "打开  Enter",
    "Every opening without a sale is recorded with your name and the reason.": "无交易开钱箱会记录您的姓名和原因。",
    "Type why the drawer opens (e.g. change for the float).": "请输入开钱箱的原因（例如：换零钱）。",
    "Cash drawer opened; the opening is recorded.": "钱箱已打开，已记录本次开箱。",
    "The opening is recorded; open the drawer with its key if it must open.": "已记录本次开箱；如必须打开，请用钥匙开钱箱。",
    "No receipt printer is set up, and the drawer opens through it: open the drawer with its key, or ask the manager to set up the printer.": "未设置小票打印机，钱箱需经打印机打开：请用钥匙开钱箱，或请店长设置打印机。",
    "this printer drives no cash drawer": "此打印机不能驱动钱箱",
    "type the last 4 digits of the phone, e.g. 5678": "请输入手机号后 4 位，例如 5678",
    "the programme needs the birthday": "会员方案要求填写生日",
    "the programme needs the gender": "会员方案要求填写性别",
    "No member's phone ends in {tail}. Ask for the whole phone number, or press Ctrl+N to register the customer.": "没有会员的手机号以 {tail} 结尾。请询问完整手机号，或按 Ctrl+N 注册新会员。",
    "Member {name} registered ({phone}) and on this sale.": "会员 {name}（{phone}）已注册，并已加入本单。",
    "Phone ending {tail}": "手机尾号 {tail}",
    "Ask the customer which one is them: ↑/↓ choose, Enter take, Esc back.": "请向顾客确认是哪一位：↑/↓ 选择，Enter 确定，Esc 返回。",
    "More members share this ending than are listed: if none is them, type the whole phone number.": "使用此尾号的会员多于列表所示：如都不是，请输入完整手机号。",
    "Take  Enter": "确定  Enter",
    "Register a member": "注册会员",
    "11-digit mobile number": "11 位手机号",
    "YYYY-MM-DD": "年-月-日（如 1990-05-17）",
    "The customer agrees that the store keeps their name, phone and purchases for the member programme (Alt+C)": "顾客同意本店为会员服务保存其姓名、手机号和消费记录（Alt+C）",
    " (optional)": "（选填）",
    "Phone": "手机号",
    "Name": "姓名",
    "Birthday": "生日",
    "Register  Enter": "注册  Enter",
    "Fields marked * are needed. Read the consent to the customer.": "带 * 的为必填项。请向顾客说明授权内容。",
    "Type the customer's mobile number.": "请输入顾客的手机号。",
    "Type the customer's name: the programme needs it.": "请输入顾客姓名：会员方案要求填写。",
    "“{text}” is not a date: type it as 1990-05-17.": "“{text}”不是日期：请按 1990-05-17 的格式输入。",
    "Type the customer's birthday: the programme needs it.": "请输入顾客生日：会员方案要求填写。",
    "Ask the customer to agree to the use of their data (Alt+C): without it the member cannot be registered.": "请先征得顾客同意使用其个人信息（Alt+C）：未经同意不能注册会员。",
    "Packages": "充值套餐",
    "Deposit {deposit}, get {bonus}": "充{deposit}送{bonus}",
    "Change price": "改价",
    "Change the price": "改价",
    "Line {n}: {name}, now {price} each": "第 {n} 行：{name}，现单价 {price}",
    "e.g. damaged packaging": "例如：包装破损",
    "That was a scan ({code}), not a price: type the price.": "刚才是扫码（{code}），不是价格：请输入价格。",
    "New unit price": "新单价",
    "Reason (printed on the receipt)": "原因（打印在小票上）",
    "Change  Enter": "改价  Enter",
    "A lower price needs a supervisor's PIN and a reason.": "改低价格需要主管密码和原因。",
    "“{text}” is not a price: type it as 12.50.": "“{text}”不是价格：请按 12.50 的格式输入。",
    "Type the new unit price.": "请输入新单价。",
    "Type the reason: it is printed on the receipt.": "请输入原因：原因会打印在小票上。",
    "Line {n} now {price} each ({reason}).": "第 {n} 行单价已改为 {price}（{reason}）。",
    "Change the price of line {n}": "第 {n} 行改价",
    "Choose the line first (↑/↓), then press Ctrl+G.": "请先选择商品行（↑/↓），再按 Ctrl+G。",
    "Shift {shift} of cashier {cashier} is still open: the cashier closes it (handover) first, then close the day.": "收银员 {cashier} 的班次 {shift} 尚未交班：请收银员先交班，再做日结。",
    "No shift was closed on this till on {day}: there is nothing to close.": "本机 {day} 没有已交班的班次，无需日结。",
    "Closing the day": "日结",
    "Sale discount": "整单折扣",
    "Discount the whole sale": "整单折扣",
    "The sale now comes to {total}.": "本单现合计 {total}。",
    "e.g. regular customer": "例如：老顾客",
    "Rate in 折 (9.5 = pay 95%)": "折扣（折，9.5 即付 95%）",
    "Or amount off": "或减免金额",
    "Discount  Enter": "打折  Enter",
    "A discount on the sale needs a supervisor's PIN and a reason.": "整单折扣需要主管密码和原因。",
    "Type either a rate in 折 or an amount off (one of them).": "请输入折扣（折）或减免金额（二选一）。",
    "“{text}” is not a rate: type it in 折 as 9.5 (0 to 9.99).": "“{text}”不是折扣：请按 9.5 的格式输入折数（0 至 9.99）。",
    "“{text}” is not an amount: type it as 5.00.": "“{text}”不是金额：请按 5.00 的格式输入。",
    "The whole sale discounted ({reason}).": "已整单折扣（{reason}）。",
    "Scan the goods first, then press Ctrl+K.": "请先扫描商品，再按 Ctrl+K。",
    "Whole-sale discount": "整单折扣",
    "A {role} may take at most {percent}% off this sale ({most}), not {discount}. Ask a manager to approve it.": "{role}最多可对本单优惠 {percent}%（{most}），不能优惠 {discount}。请店长审批。",
    "{discount} off is more than the goods that take discounts come to ({eligible}). Enter a smaller discount.": "减免 {discount} 超过可打折商品的金额（{eligible}）：请输入较小的减免金额。",
    "Refund without a receipt": "无单退货",
    "Scan or type the product code": "扫描或输入商品编码",
    "Shelf price": "货架价",
    "e.g. the customer lost the receipt": "例如：顾客小票遗失",
    "Refund in cash (supervisor)  F12": "现金退款（需主管）  F12",
    "Scan each item that comes back (type the quantity first). It is refunded at today's shelf price, in cash, with a supervisor's PIN.": "请逐件扫描退回的商品（先输入数量）。按今日货架价以现金退款，需主管密码。",
    "{total} to hand back (at most {limit} without a receipt).": "应退 {total}（无单退货最多 {limit}）。",
    "Scan the goods that come back first.": "请先扫描退回的商品。",
    "Refund {no} done: hand back {amount} in cash.": "退货 {no} 已完成：请退给顾客现金 {amount}。",
    "No receipt  F4": "无单退货  F4",
    "A refund without a receipt gives back at most {limit}; these goods come to {total}. Find the receipt, or return fewer goods.": "无单退货最多退 {limit}；这些商品共 {total}。请找到小票，或少退一些商品。",
    "weighed goods are refunded only with their receipt": "称重商品须凭小票退货",
    "type why the goods come back": "请输入退货原因",
    "at most 64 characters": "最多 64 个字符",
    "a refund without a receipt must be cash back for named goods, with no member": "无单退货只能对列明的商品退现金，且不关联会员",
    "Its price changes and sale discount were taken off: whoever approved them may no longer approve. Ctrl+G / Ctrl+K to apply them again.": "其改价和整单折扣已取消：原审批人已无审批权限。可按 Ctrl+G / Ctrl+K 重新申请。",
    "Remove the price change  Ctrl+G": "取消改价  Ctrl+G",
    "This line's price was changed ({reason}). Ctrl+G again takes the change off; or type another price (a supervisor's PIN and a reason).": "本行已改价（{reason}）。再按 Ctrl+G 取消改价；或输入新价格（需主管密码和原因）。",
    "Line {n} is back at its shelf price ({reason} taken off).": "第 {n} 行已恢复货架价（已取消：{reason}）。",
    "Remove the discount  Ctrl+K": "取消折扣  Ctrl+K",
    "The sale has a discount ({reason}). Ctrl+K again takes it off; or type another one (a supervisor's PIN and a reason).": "本单已有整单折扣（{reason}）。再按 Ctrl+K 取消折扣；或输入新的折扣（需主管密码和原因）。",
    "The discount on the sale is taken off ({reason}).": "已取消整单折扣（{reason}）。",
    "Change price (Ctrl+G twice on a changed line: take the change off)": "改价（在已改价的行上连按两次 Ctrl+G：取消改价）",
    "Sale discount (Ctrl+K twice: take the discount off)": "整单折扣（连按两次 Ctrl+K：取消折扣）",
    "a price override has no reason": "有改价没有原因",
    "the sale discount is incomplete": "整单折扣不完整",
    "{label} ({reason})": "{label}（{reason}）",
    "Paid. Receipt {no}. Change: {amount}": "收款成功。小票号 {no}。找零：{amount}",
    "That was a scan ({code}), not a discount: type it.": "刚才是扫码（{code}），不是折扣：请输入折扣。",
    "That was a scan ({code}), not a quantity: type how many come back.": "刚才是扫码（{code}），不是数量：请输入退回的数量。",
    "That was a scan ({code}), not a quantity: scan the goods into the code field.": "刚才是扫码（{code}），不是数量：请把商品扫入商品编码框。",
    "empty: all in cash": "留空：全收现金",
    # --- first run (ui/first_run.py, pos_member/first_run.py) ---
    "Set up this till": "设置本收银机",
    "Which till is this PC? Asked once; the choice is kept.": "这台电脑是哪种收银机？只问这一次，选择会被记住。",
    "Alt+1  Demo store: try the app with sample data": "Alt+1  演示门店：用示例数据试用",
    "Alt+2  A single store on its own (no head office)": "Alt+2  单店独立使用（不连总部）",
    "Alt+3  A till of a chain: enrol with head office": "Alt+3  连锁门店收银机：向总部注册",
    "A demo store with members, cards, goods and staff, for training and trying the app. Nothing is sent anywhere. The login shows the demo staff's PINs.": "演示门店含会员、会员卡、商品和员工，用于培训和试用。数据不会发往任何地方。登录界面会显示演示员工的密码。",
    "Store id": "门店编号",
    "Terminal id": "终端编号",
    "Scan": "扫码",
    "Scan the QR code on head office's Terminals page here": "在此扫描总部“终端”页面上的二维码",
    "Head office": "总部地址",
    "One-time code": "一次性注册码",
    "First manager (logs in to this till)": "首位店长（用于登录本收银机）",
    "PIN (4 to 8 digits)": "密码（4 至 8 位数字）",
    "PIN again": "再次输入密码",
    "Start (Enter)": "开始（Enter）",
    "Quit (Esc)": "退出（Esc）",
    "Asking head office…": "正在联系总部…",
    "Setting up…": "正在设置…",
    "Scanned: head office {url}, terminal {terminal}.": "已扫码：总部 {url}，终端 {terminal}。",
    "This till could not be set up.": "本收银机未能设置完成。",
    "“{url}” is not a head-office address. Type it as head office's Terminals page shows it, for example https://hq.example.com:8600, or scan its QR code.": "“{url}”不是总部地址。请按总部“终端”页面所示输入，例如 https://hq.example.com:8600，或扫描其二维码。",
    "Head office does not answer at {url}. Check the address and this PC's network, then press Start again; or set the till up as a single store for now.": "总部地址 {url} 没有应答。请检查地址和本机网络，然后再按“开始”；也可以先按单店独立使用来设置。",
    "Something answers at {url}, but not head office (HTTP {status}). Check the address and its port on head office's Terminals page.": "{url} 有应答，但不是总部（HTTP {status}）。请对照总部“终端”页面检查地址和端口。",
    "Head office refused the code for terminal {terminal}: it is mistyped, used already, expired, or made for another terminal id. Check the terminal id, or ask head office for a new one-time code (console: Terminals) and type or scan it.": "总部拒绝了终端 {terminal} 的注册码：可能输错、已用过、已过期，或属于另一个终端编号。请核对终端编号，或请总部重新生成一次性注册码（管理台：终端），再输入或扫码。",
    "A till database is already at {path}. Start the app with --db {path} to use it, or move it away to set this PC up afresh.": "{path} 已有收银数据库。要使用它，请以 --db {path} 启动；要重新设置本机，请先把它移走。",
    "This scan is not head office's enrolment QR code. Scan the code on head office's Terminals page, or type the address, the code and the terminal id.": "扫到的不是总部的注册二维码。请扫描总部“终端”页面上的二维码，或手动输入地址、注册码和终端编号。",
    "The two PINs differ. Type the manager's PIN again, twice.": "两次输入的密码不一致。请重新输入店长密码两次。",
    "terminal id": "终端编号",
    "1 to 8 letters or digits, e.g. T01": "1 至 8 位字母或数字，例如 T01",
    "store id": "门店编号",
    "1 to 16 letters or digits, e.g. S001": "1 至 16 位字母或数字，例如 S001",
    "one-time code": "一次性注册码",
    "the letters and digits head office gave, e.g. K7QM2XH9TA": "总部给出的字母和数字，例如 K7QM2XH9TA",
    "Every recharge needs a supervisor's approval": "每笔充值都需主管授权",
    "Over {amount} needs a supervisor's approval": "超过 {amount} 需主管授权",
    # --- anonymous cards (不记名卡, ui.anonymous_cards) ---
    "Anonymous card": "不记名卡",
    "Sell anonymous cards (不记名卡)": "售不记名卡",
    "Sell  Enter": "售卡  Enter",
    "No member: each card holds its own balance, at most {cap} (bonus included), valid until {expiry}.": "无需会员：每张卡各有余额，最多 {cap}（含赠送），有效期至 {expiry}。",
    "Paid with the buyer's PIN. The buyer's real name is recorded from a purchase of {bulk} at once.": "凭购卡人设的密码消费。一次购卡满 {bulk} 须登记购卡人实名。",
    "No member: each card holds its own balance.": "无需会员：每张卡各有余额。",
    "6 digits, typed by the buyer": "6 位数字，由购卡人输入",
    "Cards (Q)": "张数（Q）",
    "Card PIN (W)": "卡密码（W）",
    "PIN again (X)": "再输一次（X）",
    "{amount} on each card": "每张 {amount}",
    "{count} × {each} = {total}": "{count} × {each} = {total}",
    "Type the amount to put on each card.": "请输入每张卡的金额。",
    "Sold {count} anonymous cards ({numbers}), valid until {expiry}.": "已售不记名卡 {count} 张（{numbers}），有效期至 {expiry}。",
    "cards": "卡",
    "1 to {n} cards in one sale": "一次售卡 1 至 {n} 张",
    "scan {n} cards, one for each card sold": "请扫描 {n} 张卡，每售一张扫一张",
    "the amount on each card must be above 0": "每张卡的金额须大于 0",
    # issue 18 (PIPL) at the till
    "This member's membership was closed: card {number} can no longer be used. Sell without a member, or the customer may register again.": "该会员已注销：卡 {number} 不能再使用。请按非会员结账，或请顾客重新登记。",
    "Exporting a member's data": "导出会员数据",
    "Recording a consent": "登记同意",
    "consent purpose": "同意事项",
    "'{purpose}' cannot be withdrawn here": "“{purpose}”不能在此撤回",
    # 积分兑换 (issue 16)
    "Not enough points: {missing} more are needed.": "积分不足：还差 {missing} 分",
    "{product} is not a gift at that rate now. Choose the gift again from the list.": "{product} 现在不能按此方式兑换，请从列表中重新选择礼品。",
    "{product} is out of stock: no gift left to give. Offer another gift.": "{product} 已无库存，请换一种礼品。",
    "Taking a gift for points": "积分兑换",
    "Gift for points": "积分兑换",
    "Gift for points (积分兑换): the gifts the member's points can take": "积分兑换：会员积分可兑换的礼品",
    "{points} points": "{points} 分",
    "Gifts for points": "积分兑换礼品",
    "↑/↓ choose   Enter take the gift   Esc close": "↑/↓ 选择   Enter 兑换   Esc 关闭",
    "Gift": "礼品",
    "Left": "剩余",
    "Identify the member first (F2), then press Ctrl+J for a gift.": "请先识别会员（F2），再按 Ctrl+J 兑换礼品。",
    "No gifts for points are on offer now.": "目前没有可兑换的礼品。",
    "The gifts are out of stock: no gift left to give.": "礼品已无库存，暂不能兑换。",
    "The members' full names and phones in this copy are sealed with the till's data key, and the key at {key} is not that one: give the backup passphrase (POS_MEMBER_BACKUP_PASSPHRASE) so the key saved with the copy is put back, or copy the till's own data.key to {key}. To restore anyway, give --without-key: the till then sells but shows masked names only.": "此副本中会员的完整姓名和手机号由本机数据密钥加密，而 {key} 处的密钥不是这一把：请提供备份口令（POS_MEMBER_BACKUP_PASSPHRASE），以恢复随副本保存的密钥；或把本机原来的 data.key 复制到 {key}。如仍要恢复，请加 --without-key：收银机照常销售，但只显示脱敏姓名。",
    "The backup passphrase does not open the data key saved with {path}: give the passphrase that was set when the copy was taken.": "备份口令打不开随 {path} 保存的数据密钥：请提供备份时设置的口令。",
    # issue 17: a refund past the cap goes to a card in the member's name
    "Card {card} is not another usable named card in the member's name: choose one of the member's other cards the refund offers, or refund to the member's own card.": (
        "卡 {card} 不是会员名下另一张可用的记名卡：请选择退款提供的会员名下其他卡，或退回会员本卡。"
    ),
    "The refund fits the member's own card: goods bought with stored value go back to the same card. Refund without choosing another card.": (
        "本卡放得下这笔退款：用储值购买的商品须退回原卡。请不选其他卡直接退款。"
    ),
    "To &card": "退至卡（&C）",
    "{card} (room {room})": "{card}（还能存 {room}）",
    "{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more): it goes to another card in the member's name. Choose it with Alt+C.": (
        "退回储值 {amount} 超过本卡上限（上限 {cap}，最多还能存 {room}）：退到会员名下的另一张卡。请按 Alt+C 选择。"
    ),
    "{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more), and the member has no other named card in their name that takes it. Issue a second card in the member's name at the manager window, then refund again; or refund after the member has spent some of the balance.": (
        "退回储值 {amount} 超过本卡上限（上限 {cap}，最多还能存 {room}），会员名下也没有其他放得下的记名卡。请在店长窗口为会员办理第二张记名卡后再退款，或待会员消费部分余额后再退。"
    ),
    "{amount} goes back to the stored value of card {card}.": "{amount} 退回卡 {card} 的储值。",
}
