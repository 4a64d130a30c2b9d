<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>CashierWindow</name>
    <message>
      <source>Simulated reader</source>
      <translation>模拟读卡器</translation>
    </message>
    <message>
      <source>Card UID (hex)</source>
      <translation>卡片 UID(十六进制)</translation>
    </message>
    <message>
      <source>pos-member — cashier</source>
      <translation>会员收银台</translation>
    </message>
    <message>
      <source>Ready. Scan a product or tap a member card.</source>
      <translation>就绪。请扫商品或刷会员卡。</translation>
    </message>
    <message>
      <source>Scan or type: product barcode, member card or phone number — Enter</source>
      <translation>扫码或输入:商品条码、会员卡号或手机号 — 回车</translation>
    </message>
    <message>
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>单价</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>优惠</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Stored value</source>
      <translation>储值余额</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>To pay</source>
      <translation>应付</translation>
    </message>
    <message>
      <source>Pay  F12</source>
      <translation>收款  F12</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>帮助</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>No member</source>
      <translation>非会员</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Coupon</source>
      <translation>优惠券</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>Hold / recall</source>
      <translation>挂单/取单</translation>
    </message>
    <message>
      <source>Shift / X-Z</source>
      <translation>交班/报表</translation>
    </message>
    <message>
      <source>Count card</source>
      <translation>计次卡</translation>
    </message>
    <message>
      <source>Lock</source>
      <translation>锁屏</translation>
    </message>
    <message>
      <source>Pay</source>
      <translation>收款</translation>
    </message>
    <message>
      <source>Void line</source>
      <translation>删除商品</translation>
    </message>
    <message>
      <source>Void sale</source>
      <translation>整单作废</translation>
    </message>
    <message>
      <source>Reprint</source>
      <translation>重打小票</translation>
    </message>
    <message>
      <source>Manager</source>
      <translation>店长</translation>
    </message>
    <message>
      <source>Clear / back</source>
      <translation>清除/返回</translation>
    </message>
    <message>
      <source>Reader: —</source>
      <translation>读卡器:—</translation>
    </message>
    <message>
      <source>Printer: ready</source>
      <translation>打印机:就绪</translation>
    </message>
    <message>
      <source>Cashier: {name} ({id})</source>
      <translation>收银员:{name}({id})</translation>
    </message>
    <message>
      <source>Items: {n}</source>
      <translation>件数:{n}</translation>
    </message>
    <message>
      <source>Before discounts: {amount}</source>
      <translation>原价合计:{amount}</translation>
    </message>
    <message>
      <source>You save: {amount}</source>
      <translation>共优惠:{amount}</translation>
    </message>
    <message>
      <source>Points this sale: +{n}</source>
      <translation>本单积分:+{n}</translation>
    </message>
    <message>
      <source>Member price</source>
      <translation>会员价</translation>
    </message>
    <message>
      <source>Birthday discount</source>
      <translation>生日折扣</translation>
    </message>
    <message>
      <source>Rounding</source>
      <translation>抹零</translation>
    </message>
    <message>
      <source>Price override</source>
      <translation>改价</translation>
    </message>
    <message>
      <source>Coupon {code}</source>
      <translation>优惠券 {code}</translation>
    </message>
    <message>
      <source>Tap the card, scan it, or press F2 for a phone number</source>
      <translation>请刷卡、扫卡,或按 F2 输入手机号</translation>
    </message>
    <message>
      <source>Coupons: {list}</source>
      <translation>可用券:{list}</translation>
    </message>
    <message>
      <source>No coupons</source>
      <translation>无可用优惠券</translation>
    </message>
    <message>
      <source>Birthday month: birthday benefits apply</source>
      <translation>生日月:享生日礼遇</translation>
    </message>
    <message>
      <source>{n} points expire on {date}</source>
      <translation>{n} 积分将于 {date} 过期</translation>
    </message>
    <message>
      <source>Owes {amount} of stored value</source>
      <translation>欠储值 {amount}</translation>
    </message>
    <message>
      <source>Owes {n} points</source>
      <translation>欠积分 {n}</translation>
    </message>
    <message>
      <source>Two stores spent the same balance offline; a recharge pays it.</source>
      <translation>两家门店离线时重复使用了同一余额，充值时先抵扣欠款。</translation>
    </message>
    <message>
      <source>Member {name} ({tier}) identified.</source>
      <translation>已识别会员 {name}({tier})。</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>重量</translation>
    </message>
    <message>
      <source>Grams</source>
      <translation>克</translation>
    </message>
    <message>
      <source>“{text}” is not a whole number above zero.</source>
      <translation>“{text}”不是大于零的整数。</translation>
    </message>
    <message>
      <source>{name}  {qty}  {amount}</source>
      <translation>{name}  {qty}  {amount}</translation>
    </message>
    <message>
      <source>Finish or close the open window first (Esc).</source>
      <translation>请先完成或关闭当前窗口(Esc)。</translation>
    </message>
    <message>
      <source>Readers: {n}</source>
      <translation>读卡器:{n} 台</translation>
    </message>
    <message>
      <source>Reader: none</source>
      <translation>读卡器:无</translation>
    </message>
    <message>
      <source>● Online</source>
      <translation>● 在线</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● 离线</translation>
    </message>
    <message>
      <source>Waiting to sync: {n}</source>
      <translation>待同步:{n} 条</translation>
    </message>
    <message>
      <source>Last sync: {t}</source>
      <translation>上次同步:{t}</translation>
    </message>
    <message>
      <source>Last sync: never</source>
      <translation>上次同步:从未</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>处理中…</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <source>Scan or type into the field at the top and press Enter.</source>
      <translation>在顶部输入框扫码或输入后按回车。</translation>
    </message>
    <message>
      <source>Member: card number or phone number — Enter</source>
      <translation>会员:卡号或手机号 — 回车</translation>
    </message>
    <message>
      <source>Type the member's card or phone number and press Enter.</source>
      <translation>请输入会员卡号或手机号后按回车。</translation>
    </message>
    <message>
      <source>Choose a line first (↑/↓).</source>
      <translation>请先选择一行(↑/↓)。</translation>
    </message>
    <message>
      <source>This member has no coupon to use.</source>
      <translation>该会员没有可用的优惠券。</translation>
    </message>
    <message>
      <source>Coupon code</source>
      <translation>券号</translation>
    </message>
    <message>
      <source>Line {n} voided.</source>
      <translation>第 {n} 行已删除。</translation>
    </message>
    <message>
      <source>Void the whole sale</source>
      <translation>整单作废</translation>
    </message>
    <message>
      <source>Sale voided.</source>
      <translation>整单已作废。</translation>
    </message>
    <message>
      <source>Held: {n} (F8)</source>
      <translation>挂单:{n}(F8)</translation>
    </message>
    <message>
      <source>Holding the sale…</source>
      <translation>正在挂单…</translation>
    </message>
    <message>
      <source>Sale held ({n} waiting). F8 on an empty sale recalls it.</source>
      <translation>已挂单(共 {n} 单等待)。空单时按 F8 取单。</translation>
    </message>
    <message>
      <source>The sale is back on screen.</source>
      <translation>单据已恢复到屏幕上。</translation>
    </message>
    <message>
      <source>No sale is held.</source>
      <translation>没有挂起的单据。</translation>
    </message>
    <message>
      <source>Recalling the held sale…</source>
      <translation>正在取单…</translation>
    </message>
    <message>
      <source>Product {code} no longer exists: its line was left out.</source>
      <translation>商品 {code} 已不存在,该行未取回。</translation>
    </message>
    <message>
      <source>Coupon {codes} no longer applies and was taken off.</source>
      <translation>优惠券 {codes} 已不可用,已移除。</translation>
    </message>
    <message>
      <source>The member could not be found again: tap the card.</source>
      <translation>未能重新识别会员:请重新刷卡。</translation>
    </message>
    <message>
      <source>Sale held at {time} recalled.</source>
      <translation>已取回 {time} 的挂单。</translation>
    </message>
    <message>
      <source>Discard a held sale</source>
      <translation>删除挂单</translation>
    </message>
    <message>
      <source>Held sale discarded.</source>
      <translation>挂单已删除。</translation>
    </message>
    <message>
      <source>Unlocked.</source>
      <translation>已解锁。</translation>
    </message>
    <message>
      <source>The cart is empty.</source>
      <translation>购物车是空的。</translation>
    </message>
    <message>
      <source>Paid. Receipt {no}.</source>
      <translation>收款成功。小票号 {no}。</translation>
    </message>
    <message>
      <source>Change: {amount}</source>
      <translation>找零:{amount}</translation>
    </message>
    <message>
      <source>Printer: printing…</source>
      <translation>打印机:打印中…</translation>
    </message>
    <message>
      <source>Printer: none</source>
      <translation>打印机:未配置</translation>
    </message>
    <message>
      <source>Printer: failed — Ctrl+P reprints</source>
      <translation>打印机:失败 — Ctrl+P 重打</translation>
    </message>
    <message>
      <source>Press Ctrl+P to reprint receipt {no}.</source>
      <translation>按 Ctrl+P 重打小票 {no}。</translation>
    </message>
    <message>
      <source>No receipt to reprint.</source>
      <translation>没有可重打的小票。</translation>
    </message>
    <message>
      <source>Reprinting receipt {no}.</source>
      <translation>正在重打小票 {no}。</translation>
    </message>
    <message>
      <source>Recharge needs a member: tap or scan the card first.</source>
      <translation>充值需要会员:请先刷卡或扫卡。</translation>
    </message>
    <message>
      <source>Count cards need a member: tap or scan the card first.</source>
      <translation>计次卡需要会员:请先刷卡或扫卡。</translation>
    </message>
  </context>
  <context>
    <name>CountCardDialog</name>
    <message>
      <source>Count card</source>
      <translation>计次卡</translation>
    </message>
    <message>
      <source>Use one  Enter</source>
      <translation>核销一次  回车</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Count cards of {name}</source>
      <translation>{name} 的计次卡</translation>
    </message>
    <message>
      <source>{name}: {left} left (until {date})</source>
      <translation>{name}:剩余 {left} 次(至 {date})</translation>
    </message>
    <message>
      <source>This member has no count card with visits left.</source>
      <translation>该会员没有剩余次数的计次卡。</translation>
    </message>
    <message>
      <source>Visit recorded: {n} left.</source>
      <translation>已核销:剩余 {n} 次。</translation>
    </message>
  </context>
  <context>
    <name>CustomerDisplay</name>
    <message>
      <source>Customer display</source>
      <translation>顾客显示屏</translation>
    </message>
    <message>
      <source>Welcome</source>
      <translation>欢迎光临</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <source>You save {amount}</source>
      <translation>为您节省 {amount}</translation>
    </message>
    <message>
      <source>Welcome, {name} · {tier}</source>
      <translation>欢迎您,{name} · {tier}</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>已付</translation>
    </message>
    <message>
      <source>Thank you!</source>
      <translation>谢谢惠顾!</translation>
    </message>
    <message>
      <source>Change {amount}</source>
      <translation>找零 {amount}</translation>
    </message>
    <message>
      <source>Stored value now {amount}</source>
      <translation>储值余额 {amount}</translation>
    </message>
    <message>
      <source>Points now {n} (+{earned})</source>
      <translation>积分 {n}(+{earned})</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Something unexpected went wrong. The sale on screen is kept; try again or call the supervisor.</source>
      <translation>出现意外问题。当前单据已保留;请重试或联系主管。</translation>
    </message>
    <message>
      <source>Something went wrong.</source>
      <translation>出现问题。</translation>
    </message>
    <message>
      <source>The reader could not be used.</source>
      <translation>读卡器无法使用。</translation>
    </message>
    <message>
      <source>The reader did not finish in time: {detail}.</source>
      <translation>读卡器未能及时完成:{detail}。</translation>
    </message>
    <message>
      <source>The simulated card reader is for demos and tests; it cannot run in production.</source>
      <translation>模拟读卡器仅用于演示和测试,生产环境不能使用。</translation>
    </message>
    <message>
      <source>The serial scanner on {port} cannot be used: {detail}.</source>
      <translation>串口扫描枪 {port} 无法使用:{detail}。</translation>
    </message>
    <message>
      <source>The smart-card service (pcscd) is not running: card readers are unavailable until it starts again.</source>
      <translation>智能卡服务(pcscd)未运行:重新启动前读卡器不可用。</translation>
    </message>
    <message>
      <source>Reader {reader} was unplugged or stopped answering.</source>
      <translation>读卡器 {reader} 已拔出或无响应。</translation>
    </message>
    <message>
      <source>There is no card on reader {reader}: put the card on the reader first.</source>
      <translation>读卡器 {reader} 上没有卡:请先把卡放到读卡器上。</translation>
    </message>
    <message>
      <source>The card did not answer properly ({detail}): tap it again.</source>
      <translation>卡片响应异常({detail}):请重新刷卡。</translation>
    </message>
    <message>
      <source>The card was taken away before it was read: tap it again and hold it still.</source>
      <translation>卡片在读完前被拿开:请重新刷卡并保持不动。</translation>
    </message>
    <message>
      <source>Sync with head office failed: {detail}</source>
      <translation>与总部同步失败:{detail}</translation>
    </message>
    <message>
      <source>Enrolment failed: {detail}</source>
      <translation>终端注册失败:{detail}</translation>
    </message>
    <message>
      <source>This terminal is not enrolled with head office yet: run pos-member enrol --headoffice URL --code CODE.</source>
      <translation>本终端尚未在总部注册:请运行 pos-member enrol --headoffice URL --code CODE。</translation>
    </message>
    <message>
      <source>Head office refused the data ({status} {reason}): {detail}</source>
      <translation>总部拒绝了数据({status} {reason}):{detail}</translation>
    </message>
    <message>
      <source>Head office cannot be reached ({detail}). Keep selling: events wait on this terminal and are sent when the connection is back.</source>
      <translation>无法连接总部({detail})。可继续收银:数据保存在本机,网络恢复后自动上传。</translation>
    </message>
    <message>
      <source>Printer {printer} failed: {detail}</source>
      <translation>打印机 {printer} 故障:{detail}</translation>
    </message>
    <message>
      <source>Printer {printer} dropped the connection while printing. Reprint the receipt.</source>
      <translation>打印机 {printer} 打印中断开连接。请重打小票。</translation>
    </message>
    <message>
      <source>Printer {printer} did not answer within {seconds} seconds.</source>
      <translation>打印机 {printer} 在 {seconds} 秒内无响应。</translation>
    </message>
    <message>
      <source>Printer {printer}: the cover is open. Close it, then reprint.</source>
      <translation>打印机 {printer}:机盖打开。请合上后重打。</translation>
    </message>
    <message>
      <source>Printer {printer} is out of paper. Load a new roll, then reprint.</source>
      <translation>打印机 {printer} 缺纸。请装纸后重打。</translation>
    </message>
    <message>
      <source>Printer {printer} is offline. Check that it is switched on and not in an error state.</source>
      <translation>打印机 {printer} 离线。请检查电源和错误状态。</translation>
    </message>
    <message>
      <source>Printer {printer} cannot be reached: {detail}. Check its cable, power or address.</source>
      <translation>无法连接打印机 {printer}:{detail}。请检查线缆、电源或地址。</translation>
    </message>
    <message>
      <source>{field}: {problem}</source>
      <translation>{field}:{problem}</translation>
    </message>
    <message>
      <source>Unknown staff id or wrong PIN.</source>
      <translation>工号不存在或密码错误。</translation>
    </message>
    <message>
      <source>{action} needs a {role}'s approval.</source>
      <translation>{action} 需要{role}授权。</translation>
    </message>
    <message>
      <source>The member's payment PIN is needed for stored value over {threshold}.</source>
      <translation>储值支付超过 {threshold} 需要会员支付密码。</translation>
    </message>
    <message>
      <source>Too many wrong PINs: locked until {until}.</source>
      <translation>密码错误次数过多:锁定至 {until}。</translation>
    </message>
    <message>
      <source>Wrong PIN. {attempts_left} attempts left before the lock.</source>
      <translation>密码错误。再错 {attempts_left} 次将被锁定。</translation>
    </message>
    <message>
      <source>Choose at least one line and quantity to refund.</source>
      <translation>请至少选择一行及退货数量。</translation>
    </message>
    <message>
      <source>Line {line_no}: {requested} asked back but only {remaining} left to refund.</source>
      <translation>第 {line_no} 行:申请退 {requested},但只剩 {remaining} 可退。</translation>
    </message>
    <message>
      <source>No sale has the receipt number {receipt_no}.</source>
      <translation>没有小票号为 {receipt_no} 的销售。</translation>
    </message>
    <message>
      <source>{name}: {left} uses left, {asked} asked.</source>
      <translation>{name}:剩余 {left} 次,申请 {asked} 次。</translation>
    </message>
    <message>
      <source>This sale is already held.</source>
      <translation>该单已挂起。</translation>
    </message>
    <message>
      <source>This held sale is no longer waiting: it was already recalled or discarded.</source>
      <translation>该挂单已不在等待中:已被取回或删除。</translation>
    </message>
    <message>
      <source>{what} needs a member: tap or scan the member's card first.</source>
      <translation>{what}需要会员:请先刷卡或扫卡。</translation>
    </message>
    <message>
      <source>No product has the code {code}.</source>
      <translation>没有编码为 {code} 的商品。</translation>
    </message>
    <message>
      <source>The cart is empty.</source>
      <translation>购物车是空的。</translation>
    </message>
    <message>
      <source>Quantity {quantity} is not possible for {product}.</source>
      <translation>{product} 的数量 {quantity} 不正确。</translation>
    </message>
    <message>
      <source>Coupon {code} belongs to another member.</source>
      <translation>优惠券 {code} 属于其他会员。</translation>
    </message>
    <message>
      <source>Coupon {code} cannot be combined with other coupons in one sale.</source>
      <translation>优惠券 {code} 不能与其他券同时使用。</translation>
    </message>
    <message>
      <source>Coupon {code} needs a spend of {minimum}; this sale has {eligible} that counts.</source>
      <translation>优惠券 {code} 需满 {minimum};本单可用金额 {eligible}。</translation>
    </message>
    <message>
      <source>Coupon {code} has already been used.</source>
      <translation>优惠券 {code} 已被使用。</translation>
    </message>
    <message>
      <source>Coupon {code} is valid from {since}.</source>
      <translation>优惠券 {code} 自 {since} 起可用。</translation>
    </message>
    <message>
      <source>Coupon {code} expired on {until}.</source>
      <translation>优惠券 {code} 已于 {until} 过期。</translation>
    </message>
    <message>
      <source>Offline: this terminal may take at most {limit} of stored value and points until head office is reachable again ({used} used). Pay another way.</source>
      <translation>离线:在连上总部前,本机最多收 {limit} 的储值和积分(已用 {used})。请换其他方式支付。</translation>
    </message>
    <message>
      <source>{what} must be a positive amount, not {value}.</source>
      <translation>{what}必须是正数金额,不能是 {value}。</translation>
    </message>
    <message>
      <source>Only cash can be given back as change: {kind} pays {amount}, only {due} is due.</source>
      <translation>只有现金可以找零:{kind} 支付 {amount},但应付只有 {due}。</translation>
    </message>
    <message>
      <source>Payments add up to {paid} but {due} is due.</source>
      <translation>已付合计 {paid},应付 {due}。</translation>
    </message>
    <message>
      <source>Offline: stored value spending is limited to {limit} a day for this member ({used} used). Pay the rest another way.</source>
      <translation>离线:该会员每天最多使用储值 {limit}(已用 {used})。其余请换其他方式支付。</translation>
    </message>
    <message>
      <source>{points} points are worth {value}, more than the {limit} they may pay.</source>
      <translation>{points} 积分价值 {value},超过了可抵扣上限 {limit}。</translation>
    </message>
    <message>
      <source>Points are redeemed in steps of {unit} points.</source>
      <translation>积分须按 {unit} 的整数倍使用。</translation>
    </message>
    <message>
      <source>Not enough points: {available} available, {requested} asked.</source>
      <translation>积分不足:可用 {available},需要 {requested}。</translation>
    </message>
    <message>
      <source>Stored value too low: {balance} available, {requested} asked.</source>
      <translation>储值余额不足:可用 {balance},需要 {requested}。</translation>
    </message>
    <message>
      <source>This card cannot be used.</source>
      <translation>此卡不能使用。</translation>
    </message>
    <message>
      <source>The card was not issued: {detail}.</source>
      <translation>发卡失败:{detail}。</translation>
    </message>
    <message>
      <source>This kind of card cannot be used here: {detail}.</source>
      <translation>此类卡不能在这里使用:{detail}。</translation>
    </message>
    <message>
      <source>This card holds data in a layout this terminal does not know ({detail}).</source>
      <translation>卡内数据格式无法识别({detail})。</translation>
    </message>
    <message>
      <source>The card number stored on this card is not valid: {detail}</source>
      <translation>卡内存储的卡号无效:{detail}</translation>
    </message>
    <message>
      <source>The data on this card has been altered ({detail}): the card is refused. Call the manager.</source>
      <translation>卡内数据被篡改({detail}):拒绝使用。请联系店长。</translation>
    </message>
    <message>
      <source>This card was not issued by this programme ({detail}). Ask for the member's phone number.</source>
      <translation>此卡不是本会员体系发行的({detail})。请询问会员手机号。</translation>
    </message>
    <message>
      <source>Card {number} carries an older issuance than the one this store wrote: it may be a copy. Keep the card and call the manager.</source>
      <translation>卡 {number} 的发卡记录比本店写入的旧:可能是复制卡。请扣留此卡并联系店长。</translation>
    </message>
    <message>
      <source>A card that is {state} cannot be {action}.</source>
      <translation>状态为 {state} 的卡不能执行 {action}。</translation>
    </message>
    <message>
      <source>Card {number} has not been issued to a member yet.</source>
      <translation>卡 {number} 尚未发给会员。</translation>
    </message>
    <message>
      <source>Card {number} expired on {expired_on}.</source>
      <translation>卡 {number} 已于 {expired_on} 过期。</translation>
    </message>
    <message>
      <source>Card {number} was replaced by a new card and can no longer be used.</source>
      <translation>卡 {number} 已补办新卡,旧卡不能再用。</translation>
    </message>
    <message>
      <source>Card {number} was reported lost and is blocked. Ask for the member's phone number.</source>
      <translation>卡 {number} 已挂失冻结。请询问会员手机号。</translation>
    </message>
    <message>
      <source>The number {number} has a wrong check digit: scan again or type it carefully.</source>
      <translation>号码 {number} 校验位错误:请重新扫描或仔细输入。</translation>
    </message>
    <message>
      <source>Card {number} is not known. Check the number or register the member.</source>
      <translation>卡 {number} 不存在。请核对卡号或办理会员。</translation>
    </message>
  </context>
  <context>
    <name>HeldSalesDialog</name>
    <message>
      <source>Held sales</source>
      <translation>挂单列表</translation>
    </message>
    <message>
      <source>↑/↓ choose   Enter recall   Del discard   Esc close</source>
      <translation>↑/↓ 选择   回车 取单   Del 删除   Esc 关闭</translation>
    </message>
    <message>
      <source>Held at</source>
      <translation>挂单时间</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>Lines</source>
      <translation>行数</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Recall  Enter</source>
      <translation>取单  回车</translation>
    </message>
    <message>
      <source>Discard  Del</source>
      <translation>删除  Del</translation>
    </message>
    <message>
      <source>Close  Esc</source>
      <translation>关闭  Esc</translation>
    </message>
    <message>
      <source>No member</source>
      <translation>非会员</translation>
    </message>
    <message>
      <source>Discard held sale</source>
      <translation>删除挂单</translation>
    </message>
    <message>
      <source>Discard the sale held at {time}: {items} (lines: {lines})? It cannot be recalled afterwards.</source>
      <translation>删除 {time} 的挂单:{items}(共 {lines} 行)?删除后无法再取回。</translation>
    </message>
    <message>
      <source>Discard  Enter</source>
      <translation>删除  回车</translation>
    </message>
    <message>
      <source>Keep  Esc</source>
      <translation>保留  Esc</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Staff login</source>
      <translation>员工登录</translation>
    </message>
    <message>
      <source>Screen locked</source>
      <translation>屏幕已锁定</translation>
    </message>
    <message>
      <source>Member terminal — log in</source>
      <translation>会员收银台 — 登录</translation>
    </message>
    <message>
      <source>Staff id</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>PIN</source>
      <translation>密码</translation>
    </message>
    <message>
      <source>Log in (Enter)</source>
      <translation>登录(回车)</translation>
    </message>
    <message>
      <source>Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Members' payment PIN: 123456. Ctrl+Shift+T taps a demo card.</source>
      <translation>演示门店 — 收银员 1001,密码 1111 · 主管 2001,密码 8888 · 店长 3001,密码 9999。会员支付密码:123456。Ctrl+Shift+T 模拟刷卡。</translation>
    </message>
    <message>
      <source>Type your staff id.</source>
      <translation>请输入工号。</translation>
    </message>
    <message>
      <source>Type your PIN.</source>
      <translation>请输入密码。</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>验证中…</translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <source>Payment</source>
      <translation>收款</translation>
    </message>
    <message>
      <source>Bank card</source>
      <translation>银行卡</translation>
    </message>
    <message>
      <source>WeChat Pay</source>
      <translation>微信支付</translation>
    </message>
    <message>
      <source>Alipay</source>
      <translation>支付宝</translation>
    </message>
    <message>
      <source>UnionPay QR</source>
      <translation>云闪付</translation>
    </message>
    <message>
      <source>member types the payment PIN</source>
      <translation>请会员输入支付密码</translation>
    </message>
    <message>
      <source>To pay</source>
      <translation>应付</translation>
    </message>
    <message>
      <source>Stored value (S)</source>
      <translation>储值支付(S)</translation>
    </message>
    <message>
      <source>Points (P)</source>
      <translation>积分抵现(P)</translation>
    </message>
    <message>
      <source>Bank card / QR (B)</source>
      <translation>银行卡/扫码(B)</translation>
    </message>
    <message>
      <source>Cash received (C)</source>
      <translation>实收现金(C)</translation>
    </message>
    <message>
      <source>Member PIN</source>
      <translation>支付密码</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>找零</translation>
    </message>
    <message>
      <source>Confirm payment  Enter</source>
      <translation>确认收款  回车</translation>
    </message>
    <message>
      <source>Exact cash  F5</source>
      <translation>现金补足  F5</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Balance {amount}; PIN needed over {threshold}</source>
      <translation>余额 {amount};超过 {threshold} 需支付密码</translation>
    </message>
    <message>
      <source>{n} points available, in steps of {unit}</source>
      <translation>可用 {n} 积分,按 {unit} 的整数倍使用</translation>
    </message>
    <message>
      <source>No member: stored value and points not available</source>
      <translation>非会员:不能使用储值和积分</translation>
    </message>
    <message>
      <source>Points must be a whole number.</source>
      <translation>积分必须是整数。</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位,最多两位小数,如 12.50。</translation>
    </message>
    <message>
      <source>Still to pay: {amount}</source>
      <translation>还需支付:{amount}</translation>
    </message>
    <message>
      <source>Paying…</source>
      <translation>正在收款…</translation>
    </message>
  </context>
  <context>
    <name>RechargeDialog</name>
    <message>
      <source>Recharge stored value</source>
      <translation>储值充值</translation>
    </message>
    <message>
      <source>{name} · {tier} · balance {amount}</source>
      <translation>{name} · {tier} · 余额 {amount}</translation>
    </message>
    <message>
      <source>empty = the amount, in cash</source>
      <translation>留空 = 按充值金额收现金</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Bonus</source>
      <translation>赠送</translation>
    </message>
    <message>
      <source>Balance after</source>
      <translation>充值后余额</translation>
    </message>
    <message>
      <source>Bank card / QR</source>
      <translation>银行卡/扫码</translation>
    </message>
    <message>
      <source>Cash received</source>
      <translation>实收现金</translation>
    </message>
    <message>
      <source>Recharge  Enter</source>
      <translation>充值  回车</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位,最多两位小数,如 12.50。</translation>
    </message>
    <message>
      <source>Type the amount to recharge.</source>
      <translation>请输入充值金额。</translation>
    </message>
    <message>
      <source>Recharged. New balance {amount}.</source>
      <translation>充值成功。新余额 {amount}。</translation>
    </message>
    <message>
      <source>Change: {amount}</source>
      <translation>找零:{amount}</translation>
    </message>
  </context>
  <context>
    <name>RefundDialog</name>
    <message>
      <source>Refund</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Scan the receipt barcode or type its number</source>
      <translation>扫描小票条码或输入小票号</translation>
    </message>
    <message>
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Sold</source>
      <translation>已售</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>退回</translation>
    </message>
    <message>
      <source>Goods returned</source>
      <translation>退货金额</translation>
    </message>
    <message>
      <source>Cash back</source>
      <translation>退现金</translation>
    </message>
    <message>
      <source>Bank card / QR back</source>
      <translation>退银行卡/扫码</translation>
    </message>
    <message>
      <source>Stored value back</source>
      <translation>退储值</translation>
    </message>
    <message>
      <source>Points given back</source>
      <translation>退还积分</translation>
    </message>
    <message>
      <source>Points taken back</source>
      <translation>扣回积分</translation>
    </message>
    <message>
      <source>Everything  F3</source>
      <translation>全部退  F3</translation>
    </message>
    <message>
      <source>Refund (supervisor)  F12</source>
      <translation>退货(需主管)  F12</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Receipt {no}  {member}</source>
      <translation>小票 {no}  {member}</translation>
    </message>
    <message>
      <source>{g} g ({left} left)</source>
      <translation>{g} 克(可退 {left})</translation>
    </message>
    <message>
      <source>{n} ({left} left)</source>
      <translation>{n}(可退 {left})</translation>
    </message>
    <message>
      <source>{total} (principal {p}, bonus {b})</source>
      <translation>{total}(本金 {p},赠送 {b})</translation>
    </message>
    <message>
      <source>Points already spent: {amount} kept from the refund</source>
      <translation>已用掉的积分:从退款中扣除 {amount}</translation>
    </message>
    <message>
      <source>Refund {no} done: {amount} back.</source>
      <translation>退货 {no} 完成:退回 {amount}。</translation>
    </message>
  </context>
  <context>
    <name>ShiftDialog</name>
    <message>
      <source>Shift</source>
      <translation>班次</translation>
    </message>
    <message>
      <source>Checking the shift…</source>
      <translation>正在查询班次…</translation>
    </message>
    <message>
      <source>Opening float</source>
      <translation>备用金</translation>
    </message>
    <message>
      <source>Open shift  F5</source>
      <translation>开班  F5</translation>
    </message>
    <message>
      <source>X report  F6</source>
      <translation>X 报表  F6</translation>
    </message>
    <message>
      <source>Close shift (Z)  F7</source>
      <translation>交班(Z 报表)  F7</translation>
    </message>
    <message>
      <source>Print  Ctrl+P</source>
      <translation>打印  Ctrl+P</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Cash counted</source>
      <translation>清点现金</translation>
    </message>
    <message>
      <source>Shift {n} is open.</source>
      <translation>班次 {n} 进行中。</translation>
    </message>
    <message>
      <source>No shift is open.</source>
      <translation>当前没有开班。</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位,最多两位小数,如 12.50。</translation>
    </message>
    <message>
      <source>Shift opened.</source>
      <translation>已开班。</translation>
    </message>
    <message>
      <source>Count the cash in the drawer and type the amount.</source>
      <translation>请清点钱箱现金并输入金额。</translation>
    </message>
    <message>
      <source>Shift closed. Z report printed.</source>
      <translation>已交班,Z 报表已打印。</translation>
    </message>
    <message>
      <source>Till</source>
      <translation>收银机</translation>
    </message>
    <message>
      <source>Opened by</source>
      <translation>开班人</translation>
    </message>
    <message>
      <source>Opened at</source>
      <translation>开班时间</translation>
    </message>
    <message>
      <source>Closed at</source>
      <translation>交班时间</translation>
    </message>
    <message>
      <source>Sales</source>
      <translation>销售</translation>
    </message>
    <message>
      <source>Refunds</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Recharges</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>Cash expected in drawer</source>
      <translation>钱箱应有现金</translation>
    </message>
    <message>
      <source>Difference</source>
      <translation>差额</translation>
    </message>
    <message>
      <source>X report (shift running)</source>
      <translation>X 报表(班中)</translation>
    </message>
    <message>
      <source>Z report (shift closed)</source>
      <translation>Z 报表(交班)</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <source>Stored value</source>
      <translation>储值余额</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>Bank card / QR</source>
      <translation>银行卡/扫码</translation>
    </message>
    <message>
      <source>Report sent to the printer.</source>
      <translation>报表已发送到打印机。</translation>
    </message>
  </context>
  <context>
    <name>SupervisorDialog</name>
    <message>
      <source>Supervisor approval</source>
      <translation>主管授权</translation>
    </message>
    <message>
      <source>Approve (Enter)</source>
      <translation>授权(回车)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消(Esc)</translation>
    </message>
    <message>
      <source>Supervisor id</source>
      <translation>主管工号</translation>
    </message>
    <message>
      <source>Supervisor PIN</source>
      <translation>主管密码</translation>
    </message>
    <message>
      <source>Type the supervisor's id and PIN.</source>
      <translation>请输入主管工号和密码。</translation>
    </message>
  </context>
</TS>
