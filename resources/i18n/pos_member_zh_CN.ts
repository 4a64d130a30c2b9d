<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>ActionBar</name>
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
      <source>Anonymous card</source>
      <translation>不记名卡</translation>
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
      <source>New member</source>
      <translation>新会员</translation>
    </message>
    <message>
      <source>Open drawer</source>
      <translation>开钱箱</translation>
    </message>
    <message>
      <source>Change price</source>
      <translation>改价</translation>
    </message>
    <message>
      <source>Sale discount</source>
      <translation>整单折扣</translation>
    </message>
    <message>
      <source>Gift for points</source>
      <translation>积分兑换</translation>
    </message>
    <message>
      <source>Clear / back</source>
      <translation>清除/返回</translation>
    </message>
    <message>
      <source>Change price (Ctrl+G twice on a changed line: take the change off)</source>
      <translation>改价（在已改价的行上连按两次 Ctrl+G：取消改价）</translation>
    </message>
    <message>
      <source>Sale discount (Ctrl+K twice: take the discount off)</source>
      <translation>整单折扣（连按两次 Ctrl+K：取消折扣）</translation>
    </message>
    <message>
      <source>Gift for points (积分兑换): the gifts the member's points can take</source>
      <translation>积分兑换：会员积分可兑换的礼品</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <source>Scan or type into the field at the top and press Enter.</source>
      <translation>在顶部输入框扫码或输入后按回车。</translation>
    </message>
  </context>
  <context>
    <name>AnonymousCardsDialog</name>
    <message>
      <source>Sell anonymous cards (不记名卡)</source>
      <translation>售不记名卡</translation>
    </message>
    <message>
      <source>Sell  Enter</source>
      <translation>售卡  Enter</translation>
    </message>
    <message>
      <source>No member: each card holds its own balance.</source>
      <translation>无需会员：每张卡各有余额。</translation>
    </message>
    <message>
      <source>6 digits, typed by the buyer</source>
      <translation>6 位数字，由购卡人输入</translation>
    </message>
    <message>
      <source>Cards (Q)</source>
      <translation>张数（Q）</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <source>Card PIN (W)</source>
      <translation>卡密码（W）</translation>
    </message>
    <message>
      <source>PIN again (X)</source>
      <translation>再输一次（X）</translation>
    </message>
    <message>
      <source>No member: each card holds its own balance, at most {cap} (bonus included), valid until {expiry}.</source>
      <translation>无需会员：每张卡各有余额，最多 {cap}（含赠送），有效期至 {expiry}。</translation>
    </message>
    <message>
      <source>Paid with the buyer's PIN. The buyer's real name is recorded from a purchase of {bulk} at once.</source>
      <translation>凭购卡人设的密码消费。一次购卡满 {bulk} 须登记购卡人实名。</translation>
    </message>
    <message>
      <source>{amount} on each card</source>
      <translation>每张 {amount}</translation>
    </message>
    <message>
      <source>{count} × {each} = {total}</source>
      <translation>{count} × {each} = {total}</translation>
    </message>
    <message>
      <source>Type the amount to put on each card.</source>
      <translation>请输入每张卡的金额。</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位，最多两位小数，如 12.50。</translation>
    </message>
    <message>
      <source>Sold {count} anonymous cards ({numbers}), valid until {expiry}.</source>
      <translation>已售不记名卡 {count} 张（{numbers}），有效期至 {expiry}。</translation>
    </message>
    <message>
      <source>Change: {amount}</source>
      <translation>找零：{amount}</translation>
    </message>
  </context>
  <context>
    <name>BusyItem</name>
    <message>
      <source>Working…</source>
      <translation>处理中…</translation>
    </message>
  </context>
  <context>
    <name>CartTable</name>
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
      <source>Sale discount</source>
      <translation>整单折扣</translation>
    </message>
    <message>
      <source>Coupon {code}</source>
      <translation>优惠券 {code}</translation>
    </message>
    <message>
      <source>{label} ({reason})</source>
      <translation>{label}（{reason}）</translation>
    </message>
  </context>
  <context>
    <name>CashierApp</name>
    <message>
      <source>Cashier app</source>
      <translation>收银程序</translation>
    </message>
    <message>
      <source>The cashier app is already open on this till: it is in front now.</source>
      <translation>本收银机上的收银程序已经打开：已切换到它的窗口。</translation>
    </message>
  </context>
  <context>
    <name>CashierWindow</name>
    <message>
      <source>Simulated reader</source>
      <translation>模拟读卡器</translation>
    </message>
    <message>
      <source>Card UID (hex)</source>
      <translation>卡片 UID（十六进制）</translation>
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
      <source>Cashier: {name} ({id})</source>
      <translation>收银员：{name}（{id}）</translation>
    </message>
    <message>
      <source>Scan or type: product barcode, member card or phone number — Enter</source>
      <translation>扫码或输入：商品条码、会员卡号或手机号 — 回车</translation>
    </message>
    <message>
      <source>Member: card number, phone number or its last 4 digits — Enter</source>
      <translation>会员：卡号、手机号或手机号后 4 位 — Enter</translation>
    </message>
    <message>
      <source>Type the member's card number, phone number or the phone's last 4 digits and press Enter.</source>
      <translation>请输入会员卡号、手机号或手机号后 4 位，然后按 Enter。</translation>
    </message>
    <message>
      <source>Unlocked.</source>
      <translation>已解锁。</translation>
    </message>
    <message>
      <source>Locking the till leaves the counter to another login.</source>
      <translation>锁屏后其他收银员可以登录本机。</translation>
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
      <source>Paid. Receipt {no}. Change: {amount}</source>
      <translation>收款成功。小票号 {no}。找零：{amount}</translation>
    </message>
    <message>
      <source>Recharge needs a member: tap or scan the card first.</source>
      <translation>充值需要会员：请先刷卡或扫卡。</translation>
    </message>
    <message>
      <source>Count cards need a member: tap or scan the card first.</source>
      <translation>计次卡需要会员：请先刷卡或扫卡。</translation>
    </message>
    <message>
      <source>Closing the window would lose it.</source>
      <translation>直接关闭窗口会丢失这笔交易。</translation>
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
      <translation>{name}：剩余 {left} 次（至 {date}）</translation>
    </message>
    <message>
      <source>This member has no count card with visits left.</source>
      <translation>该会员没有剩余次数的计次卡。</translation>
    </message>
    <message>
      <source>Visit recorded: {n} left.</source>
      <translation>已核销：剩余 {n} 次。</translation>
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
      <translation>欢迎您，{name} · {tier}</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>已付</translation>
    </message>
    <message>
      <source>Thank you!</source>
      <translation>谢谢惠顾！</translation>
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
      <translation>积分 {n}（+{earned}）</translation>
    </message>
  </context>
  <context>
    <name>DrawerDialog</name>
    <message>
      <source>Open the cash drawer</source>
      <translation>打开钱箱</translation>
    </message>
    <message>
      <source>Change for the float</source>
      <translation>换零钱</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Open  Enter</source>
      <translation>打开  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Every opening without a sale is recorded with your name and the reason.</source>
      <translation>无交易开钱箱会记录您的姓名和原因。</translation>
    </message>
    <message>
      <source>Type why the drawer opens (e.g. change for the float).</source>
      <translation>请输入开钱箱的原因（例如：换零钱）。</translation>
    </message>
    <message>
      <source>Cash drawer opened; the opening is recorded.</source>
      <translation>钱箱已打开，已记录本次开箱。</translation>
    </message>
    <message>
      <source>The opening is recorded; open the drawer with its key if it must open.</source>
      <translation>已记录本次开箱；如必须打开，请用钥匙开钱箱。</translation>
    </message>
    <message>
      <source>No receipt printer is set up, and the drawer opens through it: open the drawer with its key, or ask the manager to set up the printer.</source>
      <translation>未设置小票打印机，钱箱需经打印机打开：请用钥匙开钱箱，或请店长设置打印机。</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Something unexpected went wrong. The sale on screen is kept; try again or call the supervisor.</source>
      <translation>出现意外问题。当前单据已保留；请重试或联系主管。</translation>
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
      <translation>读卡器未能及时完成：{detail}。</translation>
    </message>
    <message>
      <source>The simulated card reader is for demos and tests; it cannot run in production.</source>
      <translation>模拟读卡器仅用于演示和测试，生产环境不能使用。</translation>
    </message>
    <message>
      <source>The serial scanner on {port} cannot be used: {detail}.</source>
      <translation>串口扫描枪 {port} 无法使用：{detail}。</translation>
    </message>
    <message>
      <source>The smart-card service (pcscd) is not running: card readers are unavailable until it starts again.</source>
      <translation>智能卡服务（pcscd）未运行：重新启动前读卡器不可用。</translation>
    </message>
    <message>
      <source>The card reader had an internal error.</source>
      <translation>读卡器内部出错。</translation>
    </message>
    <message>
      <source>Reader {reader} was unplugged or stopped answering.</source>
      <translation>读卡器 {reader} 已拔出或无响应。</translation>
    </message>
    <message>
      <source>There is no card on reader {reader}: put the card on the reader first.</source>
      <translation>读卡器 {reader} 上没有卡：请先把卡放到读卡器上。</translation>
    </message>
    <message>
      <source>The card did not answer properly ({detail}): tap it again.</source>
      <translation>卡片响应异常（{detail}）：请重新刷卡。</translation>
    </message>
    <message>
      <source>The card was taken away before it was read: tap it again and hold it still.</source>
      <translation>卡片在读完前被拿开：请重新刷卡并保持不动。</translation>
    </message>
    <message>
      <source>The backup could not be made.</source>
      <translation>备份未能完成。</translation>
    </message>
    <message>
      <source>The last backup is {hours} hours old: check the backup disk.</source>
      <translation>最近一次备份已是 {hours} 小时前：请检查备份盘。</translation>
    </message>
    <message>
      <source>This till has no backup yet: close the shift, or run pos-member backup.</source>
      <translation>本收银机还没有备份：请交班，或运行 pos-member backup。</translation>
    </message>
    <message>
      <source>The backup passphrase does not open the data key saved with {path}: give the passphrase that was set when the copy was taken.</source>
      <translation>备份口令打不开随 {path} 保存的数据密钥：请提供备份时设置的口令。</translation>
    </message>
    <message>
      <source>The members' full names and phones in this copy are sealed with the till's data key, and the key at {key} is not that one: give the backup passphrase (POS_MEMBER_BACKUP_PASSPHRASE) so the key saved with the copy is put back, or copy the till's own data.key to {key}. To restore anyway, give --without-key: the till then sells but shows masked names only.</source>
      <translation>此副本中会员的完整姓名和手机号由本机数据密钥加密，而 {key} 处的密钥不是这一把：请提供备份口令（POS_MEMBER_BACKUP_PASSPHRASE），以恢复随副本保存的密钥；或把本机原来的 data.key 复制到 {key}。如仍要恢复，请加 --without-key：收银机照常销售，但只显示脱敏姓名。</translation>
    </message>
    <message>
      <source>Head office could not be asked for this till's last receipt number: connect the till and try again, or give --receipt-gap N to move the receipt numbers on by N.</source>
      <translation>无法向总部查询本收银机的最后小票号：请连上网络后重试，或用 --receipt-gap N 将小票号向后跳过 N 个。</translation>
    </message>
    <message>
      <source>{path} does not check clean ({first}): choose an older copy.</source>
      <translation>{path} 未通过检查（{first}）：请选择更早的副本。</translation>
    </message>
    <message>
      <source>{path} is not the copy its manifest describes (changed or cut off): choose an older copy.</source>
      <translation>{path} 与其清单不符（已被改动或不完整）：请选择更早的副本。</translation>
    </message>
    <message>
      <source>{path} has no readable manifest beside it: choose a copy made by pos-member backup.</source>
      <translation>{path} 旁没有可读的清单文件：请选择由 pos-member backup 生成的副本。</translation>
    </message>
    <message>
      <source>The copy of the database did not check clean ({first}), so it was not kept: run pos-member check-db on the till's database.</source>
      <translation>数据库副本未通过检查（{first}），未予保留：请对本收银机的数据库运行 pos-member check-db。</translation>
    </message>
    <message>
      <source>The backup could not be written to {path} ({why}): free some space on the backup disk or choose another folder.</source>
      <translation>备份未能写入 {path}（{why}）：请清理备份盘空间，或换一个文件夹。</translation>
    </message>
    <message>
      <source>The backup folder {path} cannot be written ({why}): plug in the backup disk or choose another folder.</source>
      <translation>备份文件夹 {path} 无法写入（{why}）：请插上备份盘，或换一个文件夹。</translation>
    </message>
    <message>
      <source>There is no database at {path} to back up: check the till's database path.</source>
      <translation>{path} 没有可备份的数据库：请检查本收银机的数据库路径。</translation>
    </message>
    <message>
      <source>This till could not be set up.</source>
      <translation>本收银机未能设置完成。</translation>
    </message>
    <message>
      <source>The two PINs differ. Type the manager's PIN again, twice.</source>
      <translation>两次输入的密码不一致。请重新输入店长密码两次。</translation>
    </message>
    <message>
      <source>This scan is not head office's enrolment QR code. Scan the code on head office's Terminals page, or type the address, the code and the terminal id.</source>
      <translation>扫到的不是总部的注册二维码。请扫描总部“终端”页面上的二维码，或手动输入地址、注册码和终端编号。</translation>
    </message>
    <message>
      <source>A till database is already at {path}. Start the app with --db {path} to use it, or move it away to set this PC up afresh.</source>
      <translation>{path} 已有收银数据库。要使用它，请以 --db {path} 启动；要重新设置本机，请先把它移走。</translation>
    </message>
    <message>
      <source>Head office refused the code for terminal {terminal}: it is mistyped, used already, expired, or made for another terminal id. Check the terminal id, or ask head office for a new one-time code (console: Terminals) and type or scan it.</source>
      <translation>总部拒绝了终端 {terminal} 的注册码：可能输错、已用过、已过期，或属于另一个终端编号。请核对终端编号，或请总部重新生成一次性注册码（管理台：终端），再输入或扫码。</translation>
    </message>
    <message>
      <source>Something answers at {url}, but not head office (HTTP {status}). Check the address and its port on head office's Terminals page.</source>
      <translation>{url} 有应答，但不是总部（HTTP {status}）。请对照总部“终端”页面检查地址和端口。</translation>
    </message>
    <message>
      <source>Head office does not answer at {url}. Check the address and this PC's network, then press Start again; or set the till up as a single store for now.</source>
      <translation>总部地址 {url} 没有应答。请检查地址和本机网络，然后再按“开始”；也可以先按单店独立使用来设置。</translation>
    </message>
    <message>
      <source>“{url}” is not a head-office address. Type it as head office's Terminals page shows it, for example https://hq.example.com:8600, or scan its QR code.</source>
      <translation>“{url}”不是总部地址。请按总部“终端”页面所示输入，例如 https://hq.example.com:8600，或扫描其二维码。</translation>
    </message>
    <message>
      <source>No shift was closed on this till on {day}: there is nothing to close.</source>
      <translation>本机 {day} 没有已交班的班次，无需日结。</translation>
    </message>
    <message>
      <source>Shift {shift} of cashier {cashier} is still open: the cashier closes it (handover) first, then close the day.</source>
      <translation>收银员 {cashier} 的班次 {shift} 尚未交班：请收银员先交班，再做日结。</translation>
    </message>
    <message>
      <source>This code means nothing to this till: scan it again.</source>
      <translation>本机无法识别这个编码：请重新扫描。</translation>
    </message>
    <message>
      <source>{n} digits is not the length of any code this till knows: scan the item again, or type its product code, the member's card number or an 11-digit phone number.</source>
      <translation>本机不认识长度为 {n} 位的编码：请重新扫描商品，或输入商品编码、会员卡号或 11 位手机号。</translation>
    </message>
    <message>
      <source>{code} is not a mobile number (11 digits starting 13-19).</source>
      <translation>{code} 不是手机号码（手机号为 11 位，以 13 至 19 开头）。</translation>
    </message>
    <message>
      <source>{code} is too large for an ID card number.</source>
      <translation>{code} 超出了感应卡卡号的范围。</translation>
    </message>
    <message>
      <source>{family} {code} has a wrong check digit: scan it again.</source>
      <translation>{family} {code} 校验位错误：请重新扫描。</translation>
    </message>
    <message>
      <source>The magnetic stripe was not read completely: swipe again.</source>
      <translation>磁条没有读完整：请重新刷卡。</translation>
    </message>
    <message>
      <source>'{text}' holds characters no barcode or card number has.</source>
      <translation>“{text}” 含有条码和卡号里不会有的字符。</translation>
    </message>
    <message>
      <source>'{text}' is not a mobile number or a code this till knows.</source>
      <translation>“{text}” 不是手机号，也不是本机认识的编码。</translation>
    </message>
    <message>
      <source>Nothing was read.</source>
      <translation>没有读到内容。</translation>
    </message>
    <message>
      <source>This member code cannot be used: ask the member to refresh it.</source>
      <translation>这个会员码不能使用：请会员刷新会员码。</translation>
    </message>
    <message>
      <source>This member code was scanned here before: ask the member to refresh it.</source>
      <translation>这个会员码已在本机扫过：请会员刷新会员码。</translation>
    </message>
    <message>
      <source>This member code does not verify (altered or forged): it cannot be used.</source>
      <translation>会员码校验失败（被改动或伪造）：不能使用。</translation>
    </message>
    <message>
      <source>This phone was removed from the member's account (lost phone?): the member must sign in again on the member page, or use a card.</source>
      <translation>这部手机已从会员账户中移除（手机丢失？）：请会员在会员页面重新登录，或使用会员卡。</translation>
    </message>
    <message>
      <source>This phone is not known to this till yet: wait for the till to sync, or identify the member by card or phone number.</source>
      <translation>本机还不认识这部手机：请等收银机同步后再试，或用会员卡、手机号识别会员。</translation>
    </message>
    <message>
      <source>This member code is dated ahead of the till's clock: ask the member to check the phone's time and refresh the code.</source>
      <translation>会员码的时间比收银机时钟快：请会员检查手机时间后刷新会员码。</translation>
    </message>
    <message>
      <source>This member code has expired (an old screenshot?): ask the member to refresh it.</source>
      <translation>会员码已过期（可能是旧截图）：请会员刷新会员码。</translation>
    </message>
    <message>
      <source>This member code belongs to another chain's programme; it cannot be used here.</source>
      <translation>这是其他连锁品牌的会员码，本店不能使用。</translation>
    </message>
    <message>
      <source>This is not a complete member code: ask the member to refresh it and scan again.</source>
      <translation>这不是完整的会员码：请会员刷新会员码后重新扫描。</translation>
    </message>
    <message>
      <source>Sync with head office failed: {detail}</source>
      <translation>与总部同步失败：{detail}</translation>
    </message>
    <message>
      <source>Enrolment failed: {detail}</source>
      <translation>终端注册失败：{detail}</translation>
    </message>
    <message>
      <source>This terminal is not enrolled with head office yet: run pos-member enrol --headoffice URL --code CODE.</source>
      <translation>本终端尚未在总部注册：请运行 pos-member enrol --headoffice URL --code CODE。</translation>
    </message>
    <message>
      <source>Head office refused the data ({status} {reason}): {detail}</source>
      <translation>总部拒绝了数据（{status} {reason}）：{detail}</translation>
    </message>
    <message>
      <source>Head office cannot be reached ({detail}). Keep selling: events wait on this terminal and are sent when the connection is back.</source>
      <translation>无法连接总部（{detail}）。可继续收银：数据保存在本机，网络恢复后自动上传。</translation>
    </message>
    <message>
      <source>Printer {printer} failed: {detail}</source>
      <translation>打印机 {printer} 故障：{detail}</translation>
    </message>
    <message>
      <source>The printer failed unexpectedly; the receipt waits in the reprint queue.</source>
      <translation>打印机意外出错；小票已放入重打队列。</translation>
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
      <translation>打印机 {printer}：机盖打开。请合上后重打。</translation>
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
      <translation>无法连接打印机 {printer}：{detail}。请检查线缆、电源或地址。</translation>
    </message>
    <message>
      <source>{field}: {problem}</source>
      <translation>{field}：{problem}</translation>
    </message>
    <message>
      <source>The database {path} cannot be used.</source>
      <translation>数据库 {path} 无法使用。</translation>
    </message>
    <message>
      <source>Only {free_mb} MB are free on the disk holding {path}. Free space soon: the till cannot record sales once the disk is full.</source>
      <translation>存放 {path} 的磁盘只剩 {free_mb} MB。请尽快清理空间：磁盘满了以后收银机将无法记录销售。</translation>
    </message>
    <message>
      <source>The disk of the database {path} is full. Free space on it, then try again: what was saved before is kept.</source>
      <translation>数据库 {path} 所在的磁盘已满。请清理磁盘空间后重试，之前保存的数据都还在。</translation>
    </message>
    <message>
      <source>The database {path} is locked by another program. Close the other program using it (another pos-member window, a backup or a viewer), then try again: nothing was lost.</source>
      <translation>数据库 {path} 被其他程序锁定。请关闭正在使用它的程序（另一个 pos-member 窗口、备份或查看工具）后重试，数据没有丢失。</translation>
    </message>
    <message>
      <source>The database {path} cannot be written: the file or its folder is read-only. Ask the person who manages this PC to give this user permission to write both.</source>
      <translation>数据库 {path} 无法写入：文件或其所在文件夹是只读的。请联系本电脑的管理员，给当前用户这两者的写入权限。</translation>
    </message>
    <message>
      <source>The database {path} was written by a newer version of pos-member. Update the app on this PC; do not use an older one with it.</source>
      <translation>数据库 {path} 由更新版本的 pos-member 写入。请升级本电脑上的软件，不要用旧版本打开它。</translation>
    </message>
    <message>
      <source>The database {path} is damaged. Keep the file for support; restore it from the backup, or enrol this till again.</source>
      <translation>数据库 {path} 已损坏。请保留该文件以便技术支持查看；请用备份恢复，或重新注册本收银机。</translation>
    </message>
    <message>
      <source>The file {path} is not a pos-member database (it holds something else, or is damaged). Restore it from the backup, or enrol this till again.</source>
      <translation>文件 {path} 不是 pos-member 数据库（里面是别的内容，或已损坏）。请用备份恢复，或重新注册本收银机。</translation>
    </message>
    <message>
      <source>The database {path} is empty (0 bytes). Restore it from the backup, or enrol this till again.</source>
      <translation>数据库 {path} 是空文件（0 字节）。请用备份恢复，或重新注册本收银机。</translation>
    </message>
    <message>
      <source>The database {path} is missing. Restore it from the backup, or enrol this till again.</source>
      <translation>数据库 {path} 不见了。请用备份恢复，或重新注册本收银机。</translation>
    </message>
    <message>
      <source>The database {path} is missing, but its journal {journal} is still there: sales not yet sent may be in it. Do not delete anything; restore the database from the backup, or enrol this till again.</source>
      <translation>数据库 {path} 不见了，但它的日志文件 {journal} 还在，其中可能有尚未上传的销售。请不要删除任何文件；请用备份恢复数据库，或重新注册本收银机。</translation>
    </message>
    <message>
      <source>The database {path} is already in use by another copy of the cashier app (on this PC or another): close that copy first. Two tills never share one database.</source>
      <translation>数据库 {path} 正被另一个收银程序（本机或其他电脑上）使用：请先关闭那个程序。两台收银机不能共用一个数据库。</translation>
    </message>
    <message>
      <source>No shift is open on this till: open the shift with its opening float first.</source>
      <translation>本机尚未开班：请先开班并输入备用金。</translation>
    </message>
    <message>
      <source>The PC's date and time are wrong: correct them.</source>
      <translation>电脑的日期和时间不对，请校正。</translation>
    </message>
    <message>
      <source>This shift opened at {opened}, later than the PC's time now ({now}): correct the PC's date and time, then close the shift.</source>
      <translation>本班次开班时间为 {opened}，晚于电脑当前时间（{now}）。请先校正电脑的日期和时间，再交班。</translation>
    </message>
    <message>
      <source>The PC's clock is {days} d {hours} h {minutes} min behind head office's: the till uses head office's time. Correct the PC's date and time.</source>
      <translation>电脑时钟比总部慢 {days} 天 {hours} 小时 {minutes} 分钟，收银机改用总部时间。请校正电脑的日期和时间。</translation>
    </message>
    <message>
      <source>The PC's clock is {days} d {hours} h {minutes} min ahead of head office's: the till uses head office's time. Correct the PC's date and time.</source>
      <translation>电脑时钟比总部快 {days} 天 {hours} 小时 {minutes} 分钟，收银机改用总部时间。请校正电脑的日期和时间。</translation>
    </message>
    <message>
      <source>Unknown staff id or wrong PIN.</source>
      <translation>工号不存在或密码错误。</translation>
    </message>
    <message>
      <source>{action} needs a {role}'s approval.</source>
      <translation>{action}需要{role}授权。</translation>
    </message>
    <message>
      <source>The member's payment PIN is needed for stored value over {threshold}.</source>
      <translation>储值支付超过 {threshold} 需要会员支付密码。</translation>
    </message>
    <message>
      <source>This member has no payment PIN yet: the member sets one now (typed twice), or pays another way.</source>
      <translation>该会员尚未设置支付密码：请会员现在设置（输入两次），或改用其他方式支付。</translation>
    </message>
    <message>
      <source>Too many wrong PINs: locked until {until}.</source>
      <translation>密码错误次数过多：锁定至 {until}。</translation>
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
      <translation>第 {line_no} 行：申请退 {requested}，但只剩 {remaining} 可退。</translation>
    </message>
    <message>
      <source>Product {product_code} of receipt {receipt_no} is not in this till's catalogue: sync with head office and try again.</source>
      <translation>小票 {receipt_no} 的商品 {product_code} 不在本机商品目录中：请与总部同步后重试。</translation>
    </message>
    <message>
      <source>No sale of this till has the receipt number {receipt_no}. If it is a receipt of another store, head office must be reachable to refund it ({detail}): try again when the connection is back.</source>
      <translation>本机没有小票号为 {receipt_no} 的销售。如果是其他门店的小票，须连上总部才能退货（{detail}）：请在网络恢复后重试。</translation>
    </message>
    <message>
      <source>No sale has the receipt number {receipt_no}.</source>
      <translation>没有小票号为 {receipt_no} 的销售。</translation>
    </message>
    <message>
      <source>A refund without a receipt gives back at most {limit}; these goods come to {total}. Find the receipt, or return fewer goods.</source>
      <translation>无单退货最多退 {limit}；这些商品共 {total}。请找到小票，或少退一些商品。</translation>
    </message>
    <message>
      <source>{name}: {left} uses left, {asked} asked.</source>
      <translation>{name}：剩余 {left} 次，申请 {asked} 次。</translation>
    </message>
    <message>
      <source>This sale is already held.</source>
      <translation>该单已挂起。</translation>
    </message>
    <message>
      <source>This held sale is no longer waiting: it was already recalled or discarded.</source>
      <translation>该挂单已不在等待中：已被取回或删除。</translation>
    </message>
    <message>
      <source>{what} needs a member: tap or scan the member's card first.</source>
      <translation>{what}需要会员：请先刷卡或扫卡。</translation>
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
      <source>{discount} off is more than the goods that take discounts come to ({eligible}). Enter a smaller discount.</source>
      <translation>减免 {discount} 超过可打折商品的金额（{eligible}）：请输入较小的减免金额。</translation>
    </message>
    <message>
      <source>A {role} may take at most {percent}% off this sale ({most}), not {discount}. Ask a manager to approve it.</source>
      <translation>{role}最多可对本单优惠 {percent}%（{most}），不能优惠 {discount}。请店长审批。</translation>
    </message>
    <message>
      <source>{product}: a {role} may lower the price by at most {percent}% (to {lowest}), not to {override}. Ask a manager to approve it.</source>
      <translation>{product}：{role}最多可降价 {percent}%（至 {lowest}），不能改为 {override}。请店长授权。</translation>
    </message>
    <message>
      <source>{product}: a price override may only lower the price of {price}, not set {override}. Enter a lower price.</source>
      <translation>{product}：改价只能低于原价 {price}，不能改为 {override}。请输入更低的价格。</translation>
    </message>
    <message>
      <source>Quantity {quantity} is not possible for {product}: type a whole number from 1 to 999.</source>
      <translation>{product} 的数量 {quantity} 不对：数量最多 999，请输入 1 到 999 的整数。</translation>
    </message>
    <message>
      <source>{product}: the weight must be whole grams, not {grams}. Weigh the item again.</source>
      <translation>{product}：重量须为整克数，不能是 {grams}。请重新称重。</translation>
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
      <translation>优惠券 {code} 需满 {minimum}；本单可用金额 {eligible}。</translation>
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
      <source>Keeping an ID number needs the person's separate consent (sensitive personal information): ask for it and tick the consent box.</source>
      <translation>保存证件号码须本人单独同意（敏感个人信息）：请征得同意并勾选同意框。</translation>
    </message>
    <message>
      <source>The ID's name ({name}) is not the card holder's ({holder}): 退卡 is done for the holder, with the holder's ID.</source>
      <translation>证件姓名（{name}）与持卡人（{holder}）不符：退卡须由持卡人凭本人证件办理。</translation>
    </message>
    <message>
      <source>This member's stored value was closed (退卡) on {closed_on}: it takes no more money. Pay or refund another way.</source>
      <translation>该会员的储值已于 {closed_on} 退卡，不能再存入。请用其他方式支付或退款。</translation>
    </message>
    <message>
      <source>The ID number {masked} is not valid for {id_type}: check it against the document.</source>
      <translation>证件号码 {masked} 不是有效的{id_type}号码：请对照证件核对。</translation>
    </message>
    <message>
      <source>The law asks for the buyer's real name and ID for this card: enter the name, the ID type and number, then try again.</source>
      <translation>按规定本卡须登记购卡人实名信息：请填写姓名、证件类型和号码后重试。</translation>
    </message>
    <message>
      <source>Costs may be kept back only where the region's rule allows it (Jiangsu), and at most the recharge's {principal}: enter 0 or a smaller amount.</source>
      <translation>只有地区规定允许（江苏）时才能扣除合理费用，且不超过充值本金 {principal}：请输入 0 或更小的金额。</translation>
    </message>
    <message>
      <source>Receipt {receipt_no} is not a recharge of this till: check the receipt number.</source>
      <translation>单号 {receipt_no} 不是本机的充值单：请核对单号。</translation>
    </message>
    <message>
      <source>The card was used after the recharge of {recharged_on}: only an unused recharge is reversed in full. Close the card (退卡) instead.</source>
      <translation>{recharged_on} 充值后本卡已有消费：只有未使用的充值才能全额撤销。请改为办理退卡。</translation>
    </message>
    <message>
      <source>The cooling-off window of the recharge of {recharged_on} ended on {last_day}: it can no longer be reversed. Close the card (退卡) instead.</source>
      <translation>{recharged_on} 的充值冷静期已于 {last_day} 结束，不能再撤销。请改为办理退卡。</translation>
    </message>
    <message>
      <source>This programme's region has no cooling-off refund: a recharge cannot be reversed. Close the card (退卡) instead.</source>
      <translation>本方案所在地区没有冷静期退款规定，不能撤销充值。请改为办理退卡。</translation>
    </message>
    <message>
      <source>This card has a recharge head office has not received yet: sync first (or wait until the till is online), then close the card.</source>
      <translation>本卡有一笔充值尚未同步到总部：请先同步（或等待本机联网）后再办理退卡。</translation>
    </message>
    <message>
      <source>The card holds no stored value to refund: nothing to close.</source>
      <translation>本卡没有可退的储值余额，无需退卡。</translation>
    </message>
    <message>
      <source>This card holds {balance}: above {limit} 退卡 is paid by bank transfer to the holder's account, not in cash. Enter the holder's account.</source>
      <translation>本卡余额 {balance}：超过 {limit} 的退卡须转账至持卡人账户，不能退现金。请填写持卡人账户。</translation>
    </message>
    <message>
      <source>退卡 pays into an account in the holder's own name ({holder}), not {name}: ask for an account in the holder's name.</source>
      <translation>退卡款只能转入持卡人本人（{holder}）名下的账户，不能转入 {name}：请提供持卡人本人的账户。</translation>
    </message>
    <message>
      <source>A bank transfer needs its record: the payer's and payee's account names and numbers. Enter them, then try again.</source>
      <translation>银行转账须登记：付款方和收款方的户名与账号。请填写后重试。</translation>
    </message>
    <message>
      <source>A purchase of {amount} at once by a {buyer} cannot be paid in cash (the law asks for a bank transfer from {limit}): take a bank transfer.</source>
      <translation>{buyer}一次购卡 {amount} 不能用现金支付（{limit} 起须银行转账）：请改用银行转账。</translation>
    </message>
    <message>
      <source>The refund fits the member's own card: goods bought with stored value go back to the same card. Refund without choosing another card.</source>
      <translation>本卡放得下这笔退款：用储值购买的商品须退回原卡。请不选其他卡直接退款。</translation>
    </message>
    <message>
      <source>Card {card} is not another usable named card in the member's name: choose one of the member's other cards the refund offers, or refund to the member's own card.</source>
      <translation>卡 {card} 不是会员名下另一张可用的记名卡：请选择退款提供的会员名下其他卡，或退回会员本卡。</translation>
    </message>
    <message>
      <source>Giving {amount} back to stored value would pass the card's cap of {cap} (at most {room} fits): refund to another card in the member's name, or after the member has spent some of the balance.</source>
      <translation>退回储值 {amount} 将超过本卡上限 {cap}（最多还能退 {room}）：请退到会员名下的另一张卡，或待会员消费部分余额后再退。</translation>
    </message>
    <message>
      <source>This card may hold at most {cap}: it can take at most {room} more. Recharge less, or use another card in the member's name.</source>
      <translation>本卡最多只能存 {cap}，本卡最多还能充 {room}。请少充一些，或使用会员名下的另一张卡。</translation>
    </message>
    <message>
      <source>Offline: this terminal may take at most {limit} of stored value and points a business day while head office cannot be reached ({used} used today). Pay another way.</source>
      <translation>离线：连不上总部时，本机每个营业日最多收 {limit} 的储值和积分（今日已用 {used}）。请换其他方式支付。</translation>
    </message>
    <message>
      <source>A recharge is at least {minimum} and at most {maximum}, not {amount}. Enter an amount in that range.</source>
      <translation>充值金额须在 {minimum} 至 {maximum} 之间，不能是 {amount}。请输入此范围内的金额。</translation>
    </message>
    <message>
      <source>Cash {tendered} is more than {due} due plus the most change the till gives ({limit}). Check the amount typed.</source>
      <translation>现金 {tendered} 超过应收现金 {due} 加本机最多找零（{limit}）。请核对输入的金额。</translation>
    </message>
    <message>
      <source>{what} must be a positive amount, not {value}.</source>
      <translation>{what}必须是正数金额，不能是 {value}。</translation>
    </message>
    <message>
      <source>Only cash can be given back as change: {kind} pays {amount}, only {due} is due.</source>
      <translation>只有现金可以找零：{kind} 支付 {amount}，但应付只有 {due}。</translation>
    </message>
    <message>
      <source>Payments add up to {paid} but {due} is due.</source>
      <translation>已付合计 {paid}，应付 {due}。</translation>
    </message>
    <message>
      <source>Offline: stored value spending is limited to {limit} a day for this member ({used} used). Pay the rest another way.</source>
      <translation>离线：该会员每天最多使用储值 {limit}（已用 {used}）。其余请换其他方式支付。</translation>
    </message>
    <message>
      <source>Head office says this member has only {available} of stored value and {points} points free now ({requested} and {requested_points} points asked); another store may be spending the same balance. Pay the rest another way.</source>
      <translation>总部确认该会员目前只有储值 {available}、积分 {points} 可用（本次需要 {requested}、积分 {requested_points}），可能有其他门店正在使用同一余额。其余请换其他方式支付。</translation>
    </message>
    <message>
      <source>{points} points are worth {value}, more than the {limit} they may pay.</source>
      <translation>{points} 积分价值 {value}，超过了可抵扣上限 {limit}。</translation>
    </message>
    <message>
      <source>Points are redeemed in steps of {unit} points.</source>
      <translation>积分须按 {unit} 的整数倍使用。</translation>
    </message>
    <message>
      <source>{product} is out of stock: no gift left to give. Offer another gift.</source>
      <translation>{product} 已无库存，请换一种礼品。</translation>
    </message>
    <message>
      <source>{product} is not a gift at that rate now. Choose the gift again from the list.</source>
      <translation>{product} 现在不能按此方式兑换，请从列表中重新选择礼品。</translation>
    </message>
    <message>
      <source>Not enough points: {available} available, {requested} asked.</source>
      <translation>积分不足：可用 {available}，需要 {requested}。</translation>
    </message>
    <message>
      <source>Not enough points: {missing} more are needed.</source>
      <translation>积分不足：还差 {missing} 分</translation>
    </message>
    <message>
      <source>Stored value too low: {balance} available, {requested} asked.</source>
      <translation>储值余额不足：可用 {balance}，需要 {requested}。</translation>
    </message>
    <message>
      <source>This card cannot be used.</source>
      <translation>此卡不能使用。</translation>
    </message>
    <message>
      <source>The card was not issued: {detail}.</source>
      <translation>发卡失败：{detail}。</translation>
    </message>
    <message>
      <source>This kind of card cannot be used here: {detail}.</source>
      <translation>此类卡不能在这里使用：{detail}。</translation>
    </message>
    <message>
      <source>This card holds data in a layout this terminal does not know ({detail}).</source>
      <translation>卡内数据格式无法识别（{detail}）。</translation>
    </message>
    <message>
      <source>The card number stored on this card is not valid: {detail}</source>
      <translation>卡内存储的卡号无效：{detail}</translation>
    </message>
    <message>
      <source>The data on this card has been altered ({detail}): the card is refused. Call the manager.</source>
      <translation>卡内数据被篡改（{detail}）：拒绝使用。请联系店长。</translation>
    </message>
    <message>
      <source>This card was not issued by this programme ({detail}). Ask for the member's phone number.</source>
      <translation>此卡不是本会员体系发行的（{detail}）。请询问会员手机号。</translation>
    </message>
    <message>
      <source>Card {number} belongs to another member, not to the member of this sale: identify the member again with their own card.</source>
      <translation>卡 {number} 属于另一位会员，不是本单的会员：请用会员本人的卡重新识别。</translation>
    </message>
    <message>
      <source>Card {number} carries an older issuance than the one this store wrote: it may be a copy. Keep the card and call the manager.</source>
      <translation>卡 {number} 的发卡记录比本店写入的旧：可能是复制卡。请扣留此卡并联系店长。</translation>
    </message>
    <message>
      <source>A card that is {state} cannot be {action}.</source>
      <translation>{state}的卡不能{action}。</translation>
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
      <translation>卡 {number} 已补办新卡，旧卡不能再用。</translation>
    </message>
    <message>
      <source>Card {number} was reported lost and is blocked. Ask for the member's phone number.</source>
      <translation>卡 {number} 已挂失冻结。请询问会员手机号。</translation>
    </message>
    <message>
      <source>The number {number} has a wrong check digit: scan again or type it carefully.</source>
      <translation>号码 {number} 校验位错误：请重新扫描或仔细输入。</translation>
    </message>
    <message>
      <source>This member's membership was closed: card {number} can no longer be used. Sell without a member, or the customer may register again.</source>
      <translation>该会员已注销：卡 {number} 不能再使用。请按非会员结账，或请顾客重新登记。</translation>
    </message>
    <message>
      <source>Card {number} is not known. Check the number or register the member.</source>
      <translation>卡 {number} 不存在。请核对卡号或办理会员。</translation>
    </message>
    <message>
      <source>No member has the phone number {phone}. Check it with the customer, or press Ctrl+N to register it.</source>
      <translation>没有会员使用手机号 {phone}。请与顾客核对号码，或按 Ctrl+N 用此手机号注册新会员。</translation>
    </message>
    <message>
      <source>card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <source>{length} digits starting with {prefix} expected</source>
      <translation>应为以 {prefix} 开头的 {length} 位数字</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>手机号</translation>
    </message>
    <message>
      <source>'{phone}' is not a mobile number</source>
      <translation>“{phone}” 不是有效的手机号码</translation>
    </message>
    <message>
      <source>not issued yet</source>
      <translation>未发放</translation>
    </message>
    <message>
      <source>active</source>
      <translation>正常使用</translation>
    </message>
    <message>
      <source>lost</source>
      <translation>已挂失</translation>
    </message>
    <message>
      <source>replaced by a new card</source>
      <translation>已补卡作废</translation>
    </message>
    <message>
      <source>expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <source>issued</source>
      <translation>发卡</translation>
    </message>
    <message>
      <source>reported lost</source>
      <translation>挂失</translation>
    </message>
    <message>
      <source>unblocked</source>
      <translation>解除挂失</translation>
    </message>
    <message>
      <source>replaced</source>
      <translation>补卡</translation>
    </message>
    <message>
      <source>marked expired</source>
      <translation>设为过期</translation>
    </message>
    <message>
      <source>renewed</source>
      <translation>续期</translation>
    </message>
    <message>
      <source>{state}</source>
      <translation>{state}</translation>
    </message>
    <message>
      <source>{action}</source>
      <translation>{action}</translation>
    </message>
    <message>
      <source>no weight</source>
      <translation>未称重</translation>
    </message>
    <message>
      <source>{grams} g</source>
      <translation>{grams} 克</translation>
    </message>
    <message>
      <source>Price override</source>
      <translation>改价</translation>
    </message>
    <message>
      <source>EAN-8</source>
      <translation>8 位商品条码</translation>
    </message>
    <message>
      <source>UPC-A</source>
      <translation>12 位商品条码</translation>
    </message>
    <message>
      <source>EAN-13</source>
      <translation>13 位商品条码</translation>
    </message>
    <message>
      <source>card UID</source>
      <translation>卡片序列号</translation>
    </message>
    <message>
      <source>4, 7 or 10 bytes of hex expected</source>
      <translation>应为 4、7 或 10 字节的十六进制数</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>Stored value payment</source>
      <translation>储值支付金额</translation>
    </message>
    <message>
      <source>Uses</source>
      <translation>使用次数</translation>
    </message>
    <message>
      <source>{n} uses</source>
      <translation>{n} 次</translation>
    </message>
    <message>
      <source>payment PIN</source>
      <translation>支付密码</translation>
    </message>
    <message>
      <source>the two entries differ: the member types the same 6 digits twice</source>
      <translation>两次输入不一致：请会员两次输入相同的 6 位数字</translation>
    </message>
    <message>
      <source>6 digits expected</source>
      <translation>应为 6 位数字</translation>
    </message>
    <message>
      <source>one digit six times is too easy to guess: choose another</source>
      <translation>六位相同数字太容易被猜到，请换一个</translation>
    </message>
    <message>
      <source>digits in a row (such as 123456) are too easy to guess: choose another</source>
      <translation>连续数字（如 123456）太容易被猜到，请换一个</translation>
    </message>
    <message>
      <source>the member's birthday is too easy to guess: choose another</source>
      <translation>会员生日太容易被猜到，请换一个</translation>
    </message>
    <message>
      <source>the end of the member's phone number is too easy to guess: choose another</source>
      <translation>手机号后几位太容易被猜到，请换一个</translation>
    </message>
    <message>
      <source>resident ID card</source>
      <translation>居民身份证</translation>
    </message>
    <message>
      <source>passport</source>
      <translation>护照</translation>
    </message>
    <message>
      <source>Hong Kong / Macao permit</source>
      <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
      <source>Taiwan permit</source>
      <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
      <source>foreign permanent residence card</source>
      <translation>外国人永久居留身份证</translation>
    </message>
    <message>
      <source>other document</source>
      <translation>其他证件</translation>
    </message>
    <message>
      <source>person</source>
      <translation>个人</translation>
    </message>
    <message>
      <source>company</source>
      <translation>单位</translation>
    </message>
    <message>
      <source>Paid in {paid}, bonus given {bonus}, balance {balance}: spent {spent}.</source>
      <translation>已充本金 {paid}，赠送 {bonus}，余额 {balance}：已消费 {spent}。</translation>
    </message>
    <message>
      <source>Spent counted against the principal at {paid} ÷ ({paid} + {bonus}): {spent} × {paid} ÷ {whole} = {from_principal} (法释〔2025〕4号).</source>
      <translation>已消费按 {paid} ÷（{paid} + {bonus}）计入本金：{spent} × {paid} ÷ {whole} = {from_principal}（法释〔2025〕4号）。</translation>
    </message>
    <message>
      <source>Refunded {paid} − {from_principal} = {refund}; the bonus left, {forfeited}, is not refunded.</source>
      <translation>退还 {paid} − {from_principal} = {refund}；剩余赠送金额 {forfeited} 不予退还。</translation>
    </message>
    <message>
      <source>Paid in cash (a balance of at most {limit}).</source>
      <translation>以现金退还（余额不超过 {limit}）。</translation>
    </message>
    <message>
      <source>Paid by bank transfer to the holder's account (cash only up to {limit}).</source>
      <translation>转账至持卡人账户（现金仅限 {limit} 以内）。</translation>
    </message>
    <message>
      <source>Taking a gift for points</source>
      <translation>积分兑换</translation>
    </message>
    <message>
      <source>Whole-sale discount</source>
      <translation>整单折扣</translation>
    </message>
    <message>
      <source>points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>must not be negative</source>
      <translation>不能为负数</translation>
    </message>
    <message>
      <source>Paying with points</source>
      <translation>积分抵扣</translation>
    </message>
    <message>
      <source>coupons</source>
      <translation>优惠券</translation>
    </message>
    <message>
      <source>the same coupon twice</source>
      <translation>同一张优惠券用了两次</translation>
    </message>
    <message>
      <source>line</source>
      <translation>商品行</translation>
    </message>
    <message>
      <source>the sale has no line {line_no}</source>
      <translation>这笔销售没有第 {line_no} 行</translation>
    </message>
    <message>
      <source>line {line_no}</source>
      <translation>第 {line_no} 行</translation>
    </message>
    <message>
      <source>cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <source>stored value</source>
      <translation>储值</translation>
    </message>
    <message>
      <source>card or QR payment</source>
      <translation>银行卡/扫码</translation>
    </message>
    <message>
      <source>{kind}</source>
      <translation>{kind}</translation>
    </message>
    <message>
      <source>Paying with stored value</source>
      <translation>储值支付</translation>
    </message>
    <message>
      <source>text is expected</source>
      <translation>应为文字</translation>
    </message>
    <message>
      <source>contains an invisible control or direction character ({char}): type it again without it</source>
      <translation>含有看不见的控制字符或文字方向字符（{char}）：请去掉后重新输入</translation>
    </message>
    <message>
      <source>is empty or only spaces: type it</source>
      <translation>为空或只有空格：请输入内容</translation>
    </message>
    <message>
      <source>at most {n} characters</source>
      <translation>最多 {n} 个字</translation>
    </message>
    <message>
      <source>terminal id</source>
      <translation>终端编号</translation>
    </message>
    <message>
      <source>1 to 8 letters or digits, e.g. T01</source>
      <translation>1 至 8 位字母或数字，例如 T01</translation>
    </message>
    <message>
      <source>store id</source>
      <translation>门店编号</translation>
    </message>
    <message>
      <source>1 to 16 letters or digits, e.g. S001</source>
      <translation>1 至 16 位字母或数字，例如 S001</translation>
    </message>
    <message>
      <source>one-time code</source>
      <translation>一次性注册码</translation>
    </message>
    <message>
      <source>the letters and digits head office gave, e.g. K7QM2XH9TA</source>
      <translation>总部给出的字母和数字，例如 K7QM2XH9TA</translation>
    </message>
    <message>
      <source>staff id</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>letters and digits, at most 16</source>
      <translation>只能用字母和数字，最多 16 位</translation>
    </message>
    <message>
      <source>name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>receipt number</source>
      <translation>小票号</translation>
    </message>
    <message>
      <source>'{number}' is not a receipt number</source>
      <translation>“{number}” 不是小票号</translation>
    </message>
    <message>
      <source>this printer drives no cash drawer</source>
      <translation>此打印机不能驱动钱箱</translation>
    </message>
    <message>
      <source>analytics</source>
      <translation>会员分析</translation>
    </message>
    <message>
      <source>0 &lt; new days and 0 &lt; silent days &lt; churn days expected</source>
      <translation>应满足：新会员天数 &gt; 0，且 0 &lt; 沉默天数 &lt; 流失天数</translation>
    </message>
    <message>
      <source>the RFM window must be positive</source>
      <translation>会员价值分析的统计天数必须大于 0</translation>
    </message>
    <message>
      <source>segment</source>
      <translation>会员分群</translation>
    </message>
    <message>
      <source>'{segment}' is not a segment or a lifecycle stage</source>
      <translation>“{segment}” 不是会员分群或生命周期阶段</translation>
    </message>
    <message>
      <source>period</source>
      <translation>统计期间</translation>
    </message>
    <message>
      <source>the end is before the start</source>
      <translation>结束日期早于开始日期</translation>
    </message>
    <message>
      <source>void</source>
      <translation>删除商品</translation>
    </message>
    <message>
      <source>choose the lines to void</source>
      <translation>请选择要删除的商品行</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>{amount} is more than this approver may approve</source>
      <translation>超出此审批人可批准的额度（{amount}）</translation>
    </message>
    <message>
      <source>say why the balance is corrected</source>
      <translation>请说明调整余额的原因</translation>
    </message>
    <message>
      <source>{delta} is not a possible adjustment</source>
      <translation>{delta} 不是有效的调整数</translation>
    </message>
    <message>
      <source>nothing to adjust</source>
      <translation>没有需要调整的金额</translation>
    </message>
    <message>
      <source>{amount} is more than one adjustment may move ({limit})</source>
      <translation>{amount} 超过单次调整上限（{limit}）</translation>
    </message>
    <message>
      <source>cards</source>
      <translation>卡</translation>
    </message>
    <message>
      <source>1 to {n} cards in one sale</source>
      <translation>一次售卡 1 至 {n} 张</translation>
    </message>
    <message>
      <source>scan {n} cards, one for each card sold</source>
      <translation>请扫描 {n} 张卡，每售一张扫一张</translation>
    </message>
    <message>
      <source>the amount on each card must be above 0</source>
      <translation>每张卡的金额须大于 0</translation>
    </message>
    <message>
      <source>PIN</source>
      <translation>密码</translation>
    </message>
    <message>
      <source>4 to 8 digits expected</source>
      <translation>应为 4 到 8 位数字</translation>
    </message>
    <message>
      <source>supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Void</source>
      <translation>删除商品</translation>
    </message>
    <message>
      <source>Manual adjustment</source>
      <translation>手工调整余额</translation>
    </message>
    <message>
      <source>Card replacement</source>
      <translation>补卡</translation>
    </message>
    <message>
      <source>Recharge reversal</source>
      <translation>撤销充值</translation>
    </message>
    <message>
      <source>Card closure (退卡)</source>
      <translation>退卡</translation>
    </message>
    <message>
      <source>Refund without a receipt</source>
      <translation>无单退货</translation>
    </message>
    <message>
      <source>Adding staff</source>
      <translation>添加员工</translation>
    </message>
    <message>
      <source>manager</source>
      <translation>店长</translation>
    </message>
    <message>
      <source>{staff_id} already exists</source>
      <translation>工号 {staff_id} 已存在</translation>
    </message>
    <message>
      <source>campaign code</source>
      <translation>活动编码</translation>
    </message>
    <message>
      <source>letters, digits and '-', at most 24 characters</source>
      <translation>只能用字母、数字和“-”，最多 24 个字符</translation>
    </message>
    <message>
      <source>coupon</source>
      <translation>优惠券</translation>
    </message>
    <message>
      <source>it must be valid for at least one day</source>
      <translation>有效期至少一天</translation>
    </message>
    <message>
      <source>an amount-off coupon needs a value</source>
      <translation>代金券需要填写金额</translation>
    </message>
    <message>
      <source>Giving a coupon</source>
      <translation>赠送优惠券</translation>
    </message>
    <message>
      <source>coupon code</source>
      <translation>券码</translation>
    </message>
    <message>
      <source>{code} is already used</source>
      <translation>{code} 已被使用</translation>
    </message>
    <message>
      <source>{code} is already a campaign for another segment</source>
      <translation>{code} 已用于另一个会员分群的活动</translation>
    </message>
    <message>
      <source>Running a campaign</source>
      <translation>发起发券活动</translation>
    </message>
    <message>
      <source>this terminal's card numbers start at serial {base}, which does not fit the programme's {length}-digit numbers: ask head office</source>
      <translation>本机卡号段从序号 {base} 开始，超出了会员规则的 {length} 位卡号：请联系总部</translation>
    </message>
    <message>
      <source>this terminal has used its block of card numbers: sync with head office</source>
      <translation>本机的卡号段已用完：请与总部同步</translation>
    </message>
    <message>
      <source>card</source>
      <translation>会员卡</translation>
    </message>
    <message>
      <source>tap the card on the reader first</source>
      <translation>请先在读卡器上刷卡</translation>
    </message>
    <message>
      <source>the secure card was not written</source>
      <translation>加密卡没有写入成功</translation>
    </message>
    <message>
      <source>the card's secure sector did not verify: issue it again</source>
      <translation>卡片加密扇区校验失败：请重新发卡</translation>
    </message>
    <message>
      <source>scan the card's barcode first</source>
      <translation>请先扫描卡上的条码</translation>
    </message>
    <message>
      <source>card fee</source>
      <translation>工本费</translation>
    </message>
    <message>
      <source>the card fee is {fee}: choose how it is paid</source>
      <translation>工本费为 {fee}：请选择支付方式</translation>
    </message>
    <message>
      <source>this card is already registered: use a new card</source>
      <translation>这张卡已被登记：请换一张新卡</translation>
    </message>
    <message>
      <source>card {number} is already {state}</source>
      <translation>卡 {number} 当前状态：{state}</translation>
    </message>
    <message>
      <source>a newer issuance of this card exists already: write the card again</source>
      <translation>这张卡已有更新的发卡记录：请重新写卡</translation>
    </message>
    <message>
      <source>the member already has card {number}: report it lost and replace it instead</source>
      <translation>该会员已有卡 {number}：请先挂失，再补卡</translation>
    </message>
    <message>
      <source>Rewriting a secure card</source>
      <translation>重写加密卡</translation>
    </message>
    <message>
      <source>only a secure-mode card can be rewritten</source>
      <translation>只有加密模式的卡才能重写</translation>
    </message>
    <message>
      <source>only an active card can be written again</source>
      <translation>只有正常使用的卡才能重写</translation>
    </message>
    <message>
      <source>this is not the member's card: put the member's own card on the reader</source>
      <translation>这不是该会员的卡：请把会员本人的卡放到读卡器上</translation>
    </message>
    <message>
      <source>type or scan the card number</source>
      <translation>请输入或扫描卡号</translation>
    </message>
    <message>
      <source>Unblocking a card</source>
      <translation>解除挂失</translation>
    </message>
    <message>
      <source>this card was never issued</source>
      <translation>这张卡从未发放</translation>
    </message>
    <message>
      <source>{code} is not known</source>
      <translation>{code} 不存在</translation>
    </message>
    <message>
      <source>Selling a count card</source>
      <translation>售卖计次卡</translation>
    </message>
    <message>
      <source>count card</source>
      <translation>计次卡</translation>
    </message>
    <message>
      <source>plan {plan} is not offered</source>
      <translation>没有 {plan} 这种计次卡</translation>
    </message>
    <message>
      <source>role</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>'{role}' is not a staff role</source>
      <translation>“{role}” 不是员工角色</translation>
    </message>
    <message>
      <source>cashier</source>
      <translation>收银员</translation>
    </message>
    <message>
      <source>programme rules</source>
      <translation>会员规则</translation>
    </message>
    <message>
      <source>version {version} uses what this till does not know: upgrade the till ({detail})</source>
      <translation>版本 {version} 含有本收银程序不认识的内容：请升级收银程序（{detail}）</translation>
    </message>
    <message>
      <source>none loaded yet: sync with head office first</source>
      <translation>尚未下发：请先与总部同步</translation>
    </message>
    <message>
      <source>none in force on {today}: check the till's date, or sync with head office</source>
      <translation>{today} 没有生效的版本：请检查收银机日期，或与总部同步</translation>
    </message>
    <message>
      <source>there is no count card {id}</source>
      <translation>没有编号为 {id} 的计次卡</translation>
    </message>
    <message>
      <source>{name} expired on {date}</source>
      <translation>{name} 已于 {date} 过期</translation>
    </message>
    <message>
      <source>sale</source>
      <translation>单据</translation>
    </message>
    <message>
      <source>the sale id is not a UUID</source>
      <translation>单据编号格式不正确</translation>
    </message>
    <message>
      <source>held sale</source>
      <translation>挂单</translation>
    </message>
    <message>
      <source>too many lines to hold</source>
      <translation>行数过多，无法挂单</translation>
    </message>
    <message>
      <source>too many coupons to hold</source>
      <translation>优惠券过多，无法挂单</translation>
    </message>
    <message>
      <source>a line has no product code</source>
      <translation>有一行没有商品编码</translation>
    </message>
    <message>
      <source>a weighed line has no weight</source>
      <translation>有称重商品没有重量</translation>
    </message>
    <message>
      <source>a quantity is not between 1 and 999</source>
      <translation>数量不在 1 到 999 之间</translation>
    </message>
    <message>
      <source>a price override has no reason</source>
      <translation>有改价没有原因</translation>
    </message>
    <message>
      <source>the sale discount is incomplete</source>
      <translation>整单折扣不完整</translation>
    </message>
    <message>
      <source>this sale is already paid</source>
      <translation>该单已收款</translation>
    </message>
    <message>
      <source>nothing was scanned</source>
      <translation>没有扫到内容</translation>
    </message>
    <message>
      <source>a secure card read must carry a member-card number</source>
      <translation>加密卡的读取结果必须带有会员卡号</translation>
    </message>
    <message>
      <source>type the last 4 digits of the phone, e.g. 5678</source>
      <translation>请输入手机号后 4 位，例如 5678</translation>
    </message>
    <message>
      <source>this member has one already: type it, change it, or a manager resets it</source>
      <translation>该会员已设置支付密码：请输入密码、修改密码，或由店长重置</translation>
    </message>
    <message>
      <source>member check</source>
      <translation>会员核验</translation>
    </message>
    <message>
      <source>neither the member's phone nor an ID number on record: check the document</source>
      <translation>与会员登记的手机号或证件号都不符：请核对证件</translation>
    </message>
    <message>
      <source>Resetting a payment PIN</source>
      <translation>重置支付密码</translation>
    </message>
    <message>
      <source>Unlocking a payment PIN</source>
      <translation>解锁支付密码</translation>
    </message>
    <message>
      <source>the member's name is needed</source>
      <translation>请填写会员姓名</translation>
    </message>
    <message>
      <source>a name has no digits</source>
      <translation>姓名里不能有数字</translation>
    </message>
    <message>
      <source>birthday</source>
      <translation>生日</translation>
    </message>
    <message>
      <source>a date is expected</source>
      <translation>请填写日期</translation>
    </message>
    <message>
      <source>cannot be in the future</source>
      <translation>不能晚于今天</translation>
    </message>
    <message>
      <source>{date} is too long ago</source>
      <translation>{date} 太早了，请核对</translation>
    </message>
    <message>
      <source>gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <source>'{gender}' is not female, male or other</source>
      <translation>“{gender}” 不是女、男或其他</translation>
    </message>
    <message>
      <source>the programme needs the birthday</source>
      <translation>会员方案要求填写生日</translation>
    </message>
    <message>
      <source>the programme needs the gender</source>
      <translation>会员方案要求填写性别</translation>
    </message>
    <message>
      <source>consent version</source>
      <translation>授权协议版本</translation>
    </message>
    <message>
      <source>1 to 16 characters expected</source>
      <translation>应为 1 到 16 个字符</translation>
    </message>
    <message>
      <source>consent</source>
      <translation>数据使用授权</translation>
    </message>
    <message>
      <source>the member must agree to the use of their data before registering</source>
      <translation>会员须先同意数据使用条款才能办理</translation>
    </message>
    <message>
      <source>{phone} already belongs to a member</source>
      <translation>{phone} 已被其他会员使用</translation>
    </message>
    <message>
      <source>search</source>
      <translation>查询</translation>
    </message>
    <message>
      <source>type a phone, card number or name</source>
      <translation>请输入手机号、卡号或姓名</translation>
    </message>
    <message>
      <source>limit</source>
      <translation>条数</translation>
    </message>
    <message>
      <source>1 to {max} expected</source>
      <translation>应为 1 到 {max}</translation>
    </message>
    <message>
      <source>Editing a member</source>
      <translation>修改会员资料</translation>
    </message>
    <message>
      <source>member</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>nothing to change</source>
      <translation>没有需要修改的内容</translation>
    </message>
    <message>
      <source>card {old} replaced by {new}: {total} stored value ({principal} principal, {bonus} bonus), {points} points in {lots} lots, {coupons} coupons, tier {tier}</source>
      <translation>卡 {old} 换为 {new}：储值 {total}（本金 {principal}，赠送 {bonus}），积分 {points}（{lots} 批），优惠券 {coupons} 张，等级 {tier}</translation>
    </message>
    <message>
      <source>{amount} paid by {tender}</source>
      <translation>{amount} {tender}支付</translation>
    </message>
    <message>
      <source>confirmed balance from head office</source>
      <translation>总部确认的余额</translation>
    </message>
    <message>
      <source>opening balance</source>
      <translation>期初余额</translation>
    </message>
    <message>
      <source>weighed goods are refunded only with their receipt</source>
      <translation>称重商品须凭小票退货</translation>
    </message>
    <message>
      <source>type why the goods come back</source>
      <translation>请输入退货原因</translation>
    </message>
    <message>
      <source>at most 64 characters</source>
      <translation>最多 64 个字符</translation>
    </message>
    <message>
      <source>account name</source>
      <translation>户名</translation>
    </message>
    <message>
      <source>account number</source>
      <translation>账号</translation>
    </message>
    <message>
      <source>8 to 32 digits expected, as on the bank card</source>
      <translation>应为 8 至 32 位数字，与银行卡一致</translation>
    </message>
    <message>
      <source>Exporting a member's data</source>
      <translation>导出会员数据</translation>
    </message>
    <message>
      <source>Recording a consent</source>
      <translation>登记同意</translation>
    </message>
    <message>
      <source>consent purpose</source>
      <translation>同意事项</translation>
    </message>
    <message>
      <source>'{purpose}' cannot be withdrawn here</source>
      <translation>“{purpose}”不能在此撤回</translation>
    </message>
    <message>
      <source>version {version} is not newer than the installed {newest}</source>
      <translation>版本 {version} 不比已安装的版本 {newest} 新</translation>
    </message>
    <message>
      <source>the dates of a version are YYYY-MM-DD</source>
      <translation>版本的日期格式应为 YYYY-MM-DD</translation>
    </message>
    <message>
      <source>the version ends before it starts ({until} &lt; {since})</source>
      <translation>版本的结束日期早于开始日期（{until} &lt; {since}）</translation>
    </message>
    <message>
      <source>a count card from this sale has been used and cannot be refunded</source>
      <translation>本单的计次卡已使用，不能退货</translation>
    </message>
    <message>
      <source>Number of notes or coins</source>
      <translation>纸币或硬币的数量</translation>
    </message>
    <message>
      <source>cash count</source>
      <translation>现金清点</translation>
    </message>
    <message>
      <source>{value} is not a note or coin the till counts</source>
      <translation>{value} 不是收银机清点的纸币或硬币面额</translation>
    </message>
    <message>
      <source>Opening float</source>
      <translation>备用金</translation>
    </message>
    <message>
      <source>shift</source>
      <translation>班次</translation>
    </message>
    <message>
      <source>a shift is already open on this till</source>
      <translation>本机已有进行中的班次</translation>
    </message>
    <message>
      <source>no shift is open on this till</source>
      <translation>本机没有进行中的班次</translation>
    </message>
    <message>
      <source>Counted cash</source>
      <translation>清点现金</translation>
    </message>
    <message>
      <source>Closing the day</source>
      <translation>日结</translation>
    </message>
    <message>
      <source>recharge</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>pay a recharge with cash, card or QR code</source>
      <translation>充值请用现金、银行卡或扫码支付</translation>
    </message>
    <message>
      <source>in use by this till</source>
      <translation>（本收银机所用）</translation>
    </message>
    <message>
      <source>member id</source>
      <translation>会员编号</translation>
    </message>
    <message>
      <source>this terminal has used its block of member ids: sync with head office</source>
      <translation>本机的会员编号段已用完：请与总部同步</translation>
    </message>
    <message>
      <source>this till has no head-office credentials: enrol it again</source>
      <translation>本机没有总部登记凭证：请重新登记本机</translation>
    </message>
    <message>
      <source>this till's head-office credentials are damaged: enrol it again</source>
      <translation>本机的总部登记凭证已损坏：请重新登记本机</translation>
    </message>
    <message>
      <source>head office no longer accepts this till's credentials (was it enrolled again on another PC?): enrol it again</source>
      <translation>总部不再接受本机的登记凭证（是否已在另一台电脑上重新登记？）：请重新登记本机</translation>
    </message>
    <message>
      <source>the enrolment code is unknown or already used</source>
      <translation>登记码不存在或已被使用</translation>
    </message>
    <message>
      <source>the enrolment code has expired: ask head office for a new one</source>
      <translation>登记码已过期：请向总部索取新的登记码</translation>
    </message>
    <message>
      <source>an event names another store or till than this one</source>
      <translation>有一条记录属于其他门店或其他收银机</translation>
    </message>
    <message>
      <source>a member registered here has an id outside this till's block</source>
      <translation>本机登记的会员编号超出了本机分配的号段</translation>
    </message>
    <message>
      <source>head office does not know a member these events name</source>
      <translation>总部还没有这些记录中的某位会员</translation>
    </message>
    <message>
      <source>an event was sent before with other content</source>
      <translation>有一条记录以前已上传过，但内容不同</translation>
    </message>
    <message>
      <source>a value is out of the range head office accepts</source>
      <translation>有数值超出了总部接受的范围</translation>
    </message>
    <message>
      <source>head office did not accept this till's sync position</source>
      <translation>总部不接受本机的同步位置</translation>
    </message>
    <message>
      <source>an event id was used before by another till</source>
      <translation>该事件编号已被另一台收银机使用</translation>
    </message>
    <message>
      <source>head office does not know this kind of event</source>
      <translation>总部不认识这类事件</translation>
    </message>
    <message>
      <source>head office could not read what this till sent</source>
      <translation>总部无法读取本机发送的数据</translation>
    </message>
    <message>
      <source>head office already has a sale under this sale's id</source>
      <translation>总部已有使用此销售编号的销售</translation>
    </message>
    <message>
      <source>head office already has a sale under this receipt number</source>
      <translation>总部已有使用此小票号的销售</translation>
    </message>
    <message>
      <source>head office does not have the sale this refund names</source>
      <translation>总部没有此退货所指的原销售</translation>
    </message>
    <message>
      <source>the refund's member is not the member of the sale</source>
      <translation>退货的会员与原销售的会员不同</translation>
    </message>
    <message>
      <source>the refund gives back more than the sale took</source>
      <translation>退货退还的超过了原销售所收</translation>
    </message>
    <message>
      <source>the refund names a line the sale does not have</source>
      <translation>退货指向原销售中没有的商品行</translation>
    </message>
    <message>
      <source>a refund without a receipt must be cash back for named goods, with no member</source>
      <translation>无单退货只能对列明的商品退现金，且不关联会员</translation>
    </message>
    <message>
      <source>head office does not know the staff member who approved this</source>
      <translation>总部不认识批准此操作的员工</translation>
    </message>
    <message>
      <source>the staff member who approved this may not approve it</source>
      <translation>批准此操作的员工无权批准</translation>
    </message>
    <message>
      <source>the adjustment is beyond what its approver may approve</source>
      <translation>调整超出了审批人可批准的额度</translation>
    </message>
    <message>
      <source>the expiry names points head office does not know</source>
      <translation>过期记录指向总部不知道的积分</translation>
    </message>
    <message>
      <source>the expiry takes points that have not expired</source>
      <translation>过期记录扣除了尚未过期的积分</translation>
    </message>
    <message>
      <source>the expiry takes more points than are left</source>
      <translation>过期记录扣除的积分多于剩余积分</translation>
    </message>
    <message>
      <source>HTTP {status}</source>
      <translation>服务器错误 {status}</translation>
    </message>
    <message>
      <source>garbled answer</source>
      <translation>总部返回的数据不完整</translation>
    </message>
    <message>
      <source>garbled page</source>
      <translation>总部返回的页面不完整</translation>
    </message>
    <message>
      <source>secure mode needs a Mifare Classic 1K card</source>
      <translation>加密模式需要 M1 卡</translation>
    </message>
    <message>
      <source>the card refused a write ({error})</source>
      <translation>卡片拒绝写入（{error}）</translation>
    </message>
    <message>
      <source>no answer within {seconds} s</source>
      <translation>{seconds} 秒内无响应</translation>
    </message>
    <message>
      <source>the card does not answer the reader</source>
      <translation>卡片不响应读卡器</translation>
    </message>
    <message>
      <source>the reader cannot read this card's UID</source>
      <translation>读卡器读不出这张卡的序列号</translation>
    </message>
    <message>
      <source>secure mode needs Mifare Classic 1K</source>
      <translation>加密模式需要 M1 卡</translation>
    </message>
    <message>
      <source>No route to host</source>
      <translation>无法到达主机</translation>
    </message>
    <message>
      <source>Network is unreachable</source>
      <translation>网络不可达</translation>
    </message>
    <message>
      <source>Connection timed out</source>
      <translation>连接超时</translation>
    </message>
    <message>
      <source>Host is down</source>
      <translation>主机已关机</translation>
    </message>
    <message>
      <source>Name or service not known</source>
      <translation>无法解析主机名</translation>
    </message>
    <message>
      <source>Temporary failure in name resolution</source>
      <translation>域名解析暂时失败</translation>
    </message>
    <message>
      <source>No such file or directory</source>
      <translation>文件或目录不存在</translation>
    </message>
    <message>
      <source>No such device</source>
      <translation>设备不存在</translation>
    </message>
    <message>
      <source>Permission denied</source>
      <translation>没有权限</translation>
    </message>
    <message>
      <source>Device or resource busy</source>
      <translation>设备忙</translation>
    </message>
    <message>
      <source>connection refused</source>
      <translation>连接被拒绝</translation>
    </message>
    <message>
      <source>cannot open {path}</source>
      <translation>无法打开 {path}</translation>
    </message>
    <message>
      <source>libusb is missing (Debian package libusb-1.0-0)</source>
      <translation>缺少 libusb（Debian 软件包 libusb-1.0-0）</translation>
    </message>
    <message>
      <source>no such USB device is connected</source>
      <translation>没有连接这个 USB 设备</translation>
    </message>
    <message>
      <source>{path} does not exist</source>
      <translation>{path} 不存在</translation>
    </message>
    <message>
      <source>printer '{url}'</source>
      <translation>打印机 “{url}”</translation>
    </message>
    <message>
      <source>columns and timeout must be numbers</source>
      <translation>列数和超时时间必须是数字</translation>
    </message>
    <message>
      <source>columns must be 32 (58 mm), 42, 48 (80 mm) or 64</source>
      <translation>列数必须是 32（58 毫米）、42、48（80 毫米）或 64</translation>
    </message>
    <message>
      <source>expected tcp://HOST:PORT</source>
      <translation>格式应为 tcp://主机:端口</translation>
    </message>
    <message>
      <source>the port must be a number</source>
      <translation>端口必须是数字</translation>
    </message>
    <message>
      <source>expected usb://VENDOR:PRODUCT in hex, e.g. usb://0416:5011</source>
      <translation>格式应为 usb://厂商号:产品号(十六进制),例如 usb://0416:5011</translation>
    </message>
    <message>
      <source>expected serial:///dev/ttyUSB0</source>
      <translation>格式应为 serial:///dev/ttyUSB0</translation>
    </message>
    <message>
      <source>baudrate must be a number</source>
      <translation>波特率必须是数字</translation>
    </message>
    <message>
      <source>expected file:///dev/usb/lp0 or file:///path/to/spool</source>
      <translation>格式应为 file:///dev/usb/lp0 或 file:///打印目录</translation>
    </message>
    <message>
      <source>paper must be 80mm, 58mm or a4</source>
      <translation>纸张必须是 80mm、58mm 或 a4</translation>
    </message>
    <message>
      <source>expected pdf:///directory</source>
      <translation>格式应为 pdf:///目录</translation>
    </message>
    <message>
      <source>expected cups://QUEUE?dir=/directory/for/pdfs</source>
      <translation>格式应为 cups://打印队列?dir=/存放PDF的目录</translation>
    </message>
    <message>
      <source>unknown kind of printer; use one of {schemes}</source>
      <translation>不认识的打印机类型；请使用：{schemes}</translation>
    </message>
    <message>
      <source>cannot write {path}: {error}</source>
      <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
      <source>the lp command is missing (Debian package cups-client)</source>
      <translation>缺少 lp 命令（Debian 软件包 cups-client）</translation>
    </message>
    <message>
      <source>lp exit {status}</source>
      <translation>lp 命令出错（退出码 {status}）</translation>
    </message>
    <message>
      <source>the card's sector holds no member data</source>
      <translation>卡片扇区里没有会员数据</translation>
    </message>
    <message>
      <source>format version {version} is unknown</source>
      <translation>数据格式版本 {version} 无法识别</translation>
    </message>
    <message>
      <source>the sector's MAC does not match its content</source>
      <translation>扇区校验码与内容不符</translation>
    </message>
    <message>
      <source>the card number in the sector is not digits</source>
      <translation>扇区里的卡号不是数字</translation>
    </message>
    <message>
      <source>blank card, card of another system, or a copy of its UID</source>
      <translation>空白卡、其他系统的卡，或复制了卡片序列号的卡</translation>
    </message>
    <message>
      <source>the sector cannot be read ({error})</source>
      <translation>扇区无法读取（{error}）</translation>
    </message>
    <message>
      <source>sector {sector} is locked with keys of another system; use a blank card</source>
      <translation>扇区 {sector} 已被其他系统的密钥锁定；请用空白卡</translation>
    </message>
    <message>
      <source>this card was not issued by this programme</source>
      <translation>这张卡不是本会员体系发行的</translation>
    </message>
    <message>
      <source>the port cannot be opened (is the scanner plugged in?)</source>
      <translation>串口无法打开（扫描枪插好了吗？）</translation>
    </message>
    <message>
      <source>the scanner was unplugged or stopped answering</source>
      <translation>扫描枪已拔出或无响应</translation>
    </message>
    <message>
      <source>store</source>
      <translation>本机数据库</translation>
    </message>
    <message>
      <source>the terminal database is not open</source>
      <translation>本机数据库没有打开</translation>
    </message>
    <message>
      <source>no receipt printer is configured</source>
      <translation>没有设置小票打印机</translation>
    </message>
    <message>
      <source>ConnectError</source>
      <translation>连接失败</translation>
    </message>
    <message>
      <source>ConnectTimeout</source>
      <translation>连接超时</translation>
    </message>
    <message>
      <source>ReadTimeout</source>
      <translation>等待应答超时</translation>
    </message>
    <message>
      <source>WriteTimeout</source>
      <translation>发送超时</translation>
    </message>
    <message>
      <source>PoolTimeout</source>
      <translation>连接繁忙超时</translation>
    </message>
    <message>
      <source>ReadError</source>
      <translation>接收数据失败</translation>
    </message>
    <message>
      <source>WriteError</source>
      <translation>发送数据失败</translation>
    </message>
    <message>
      <source>CloseError</source>
      <translation>关闭连接失败</translation>
    </message>
    <message>
      <source>RemoteProtocolError</source>
      <translation>总部应答格式错误</translation>
    </message>
    <message>
      <source>LocalProtocolError</source>
      <translation>本机请求格式错误</translation>
    </message>
    <message>
      <source>ProxyError</source>
      <translation>代理服务器出错</translation>
    </message>
    <message>
      <source>UnsupportedProtocol</source>
      <translation>总部地址的协议不支持</translation>
    </message>
    <message>
      <source>Manager mode</source>
      <translation>进入店长模式</translation>
    </message>
    <message>
      <source>Running the programme jobs</source>
      <translation>运行等级评定和积分过期</translation>
    </message>
    <message>
      <source>the first day is after the last day</source>
      <translation>开始日期晚于结束日期</translation>
    </message>
    <message>
      <source>timeout</source>
      <translation>超时</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <source>Set up this till</source>
      <translation>设置本收银机</translation>
    </message>
    <message>
      <source>Which till is this PC? Asked once; the choice is kept.</source>
      <translation>这台电脑是哪种收银机？只问这一次，选择会被记住。</translation>
    </message>
    <message>
      <source>Alt+1  Demo store: try the app with sample data</source>
      <translation>Alt+1  演示门店：用示例数据试用</translation>
    </message>
    <message>
      <source>Alt+2  A single store on its own (no head office)</source>
      <translation>Alt+2  单店独立使用（不连总部）</translation>
    </message>
    <message>
      <source>Alt+3  A till of a chain: enrol with head office</source>
      <translation>Alt+3  连锁门店收银机：向总部注册</translation>
    </message>
    <message>
      <source>Start (Enter)</source>
      <translation>开始（Enter）</translation>
    </message>
    <message>
      <source>Quit (Esc)</source>
      <translation>退出（Esc）</translation>
    </message>
    <message>
      <source>A demo store with members, cards, goods and staff, for training and trying the app. Nothing is sent anywhere. The login shows the demo staff's PINs.</source>
      <translation>演示门店含会员、会员卡、商品和员工，用于培训和试用。数据不会发往任何地方。登录界面会显示演示员工的密码。</translation>
    </message>
    <message>
      <source>Store id</source>
      <translation>门店编号</translation>
    </message>
    <message>
      <source>Terminal id</source>
      <translation>终端编号</translation>
    </message>
    <message>
      <source>Scan the QR code on head office's Terminals page here</source>
      <translation>在此扫描总部“终端”页面上的二维码</translation>
    </message>
    <message>
      <source>Scan</source>
      <translation>扫码</translation>
    </message>
    <message>
      <source>Head office</source>
      <translation>总部地址</translation>
    </message>
    <message>
      <source>One-time code</source>
      <translation>一次性注册码</translation>
    </message>
    <message>
      <source>Scanned: head office {url}, terminal {terminal}.</source>
      <translation>已扫码：总部 {url}，终端 {terminal}。</translation>
    </message>
    <message>
      <source>Asking head office…</source>
      <translation>正在联系总部…</translation>
    </message>
    <message>
      <source>Setting up…</source>
      <translation>正在设置…</translation>
    </message>
  </context>
  <context>
    <name>GiftDialog</name>
    <message>
      <source>{points} points</source>
      <translation>{points} 分</translation>
    </message>
    <message>
      <source>Gifts for points</source>
      <translation>积分兑换礼品</translation>
    </message>
    <message>
      <source>↑/↓ choose   Enter take the gift   Esc close</source>
      <translation>↑/↓ 选择   Enter 兑换   Esc 关闭</translation>
    </message>
    <message>
      <source>Gift</source>
      <translation>礼品</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>单价</translation>
    </message>
    <message>
      <source>Left</source>
      <translation>剩余</translation>
    </message>
    <message>
      <source>Take  Enter</source>
      <translation>确定  Enter</translation>
    </message>
    <message>
      <source>Close  Esc</source>
      <translation>关闭  Esc</translation>
    </message>
    <message>
      <source>Identify the member first (F2), then press Ctrl+J for a gift.</source>
      <translation>请先识别会员（F2），再按 Ctrl+J 兑换礼品。</translation>
    </message>
    <message>
      <source>No gifts for points are on offer now.</source>
      <translation>目前没有可兑换的礼品。</translation>
    </message>
    <message>
      <source>The gifts are out of stock: no gift left to give.</source>
      <translation>礼品已无库存，暂不能兑换。</translation>
    </message>
    <message>
      <source>Not enough points: {missing} more are needed.</source>
      <translation>积分不足：还差 {missing} 分</translation>
    </message>
  </context>
  <context>
    <name>HeldItem</name>
    <message>
      <source>Held: {n} (F8)</source>
      <translation>挂单：{n}（F8）</translation>
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
      <source>Amount</source>
      <translation>金额</translation>
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
      <translation>删除 {time} 的挂单：{items}（共 {lines} 行）？删除后无法再取回。</translation>
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
    <name>HeldSalesFlow</name>
    <message>
      <source>Holding the sale…</source>
      <translation>正在挂单…</translation>
    </message>
    <message>
      <source>Sale held ({n} waiting). F8 on an empty sale recalls it.</source>
      <translation>已挂单（共 {n} 单等待）。空单时按 F8 取单。</translation>
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
      <translation>商品 {code} 已不存在，该行未取回。</translation>
    </message>
    <message>
      <source>Coupon {codes} no longer applies and was taken off.</source>
      <translation>优惠券 {codes} 已不可用，已移除。</translation>
    </message>
    <message>
      <source>The member could not be found again: tap the card.</source>
      <translation>未能重新识别会员：请重新刷卡。</translation>
    </message>
    <message>
      <source>Its price changes and sale discount were taken off: whoever approved them may no longer approve. Ctrl+G / Ctrl+K to apply them again.</source>
      <translation>其改价和整单折扣已取消：原审批人已无审批权限。可按 Ctrl+G / Ctrl+K 重新申请。</translation>
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
  </context>
  <context>
    <name>LastSyncItem</name>
    <message>
      <source>Last sync: {t}</source>
      <translation>上次同步：{t}</translation>
    </message>
    <message>
      <source>Last sync: never</source>
      <translation>上次同步：从未</translation>
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
      <translation>登录（回车）</translation>
    </message>
    <message>
      <source>Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Every demo member's payment PIN: 246810. Ctrl+Shift+T taps a demo card.</source>
      <translation>演示门店 — 收银员 1001，密码 1111 · 主管 2001，密码 8888 · 店长 3001，密码 9999。所有演示会员的支付密码：246810。Ctrl+Shift+T 模拟刷卡。</translation>
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
    <name>ManagerFields</name>
    <message>
      <source>First manager (logs in to this till)</source>
      <translation>首位店长（用于登录本收银机）</translation>
    </message>
    <message>
      <source>Staff id</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>PIN (4 to 8 digits)</source>
      <translation>密码（4 至 8 位数字）</translation>
    </message>
    <message>
      <source>PIN again</source>
      <translation>再次输入密码</translation>
    </message>
  </context>
  <context>
    <name>MemberLookupFlow</name>
    <message>
      <source>No member's phone ends in {tail}. Ask for the whole phone number, or press Ctrl+N to register the customer.</source>
      <translation>没有会员的手机号以 {tail} 结尾。请询问完整手机号，或按 Ctrl+N 注册新会员。</translation>
    </message>
    <message>
      <source>Member {name} registered ({phone}) and on this sale.</source>
      <translation>会员 {name}（{phone}）已注册，并已加入本单。</translation>
    </message>
  </context>
  <context>
    <name>MemberPanel</name>
    <message>
      <source>Stored value</source>
      <translation>储值余额</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>No member</source>
      <translation>非会员</translation>
    </message>
    <message>
      <source>Tap the card, scan it, or press F2 for a phone number</source>
      <translation>请刷卡、扫卡，或按 F2 输入手机号</translation>
    </message>
    <message>
      <source>Electronic member card</source>
      <translation>电子会员卡</translation>
    </message>
    <message>
      <source>Coupons: {list}</source>
      <translation>可用券：{list}</translation>
    </message>
    <message>
      <source>No coupons</source>
      <translation>无可用优惠券</translation>
    </message>
    <message>
      <source>Birthday month: birthday benefits apply</source>
      <translation>生日月：享生日礼遇</translation>
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
  </context>
  <context>
    <name>NoReceiptRefundDialog</name>
    <message>
      <source>Refund without a receipt</source>
      <translation>无单退货</translation>
    </message>
    <message>
      <source>Scan or type the product code</source>
      <translation>扫描或输入商品编码</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a quantity: scan the goods into the code field.</source>
      <translation>刚才是扫码（{code}），不是数量：请把商品扫入商品编码框。</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Shelf price</source>
      <translation>货架价</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>e.g. the customer lost the receipt</source>
      <translation>例如：顾客小票遗失</translation>
    </message>
    <message>
      <source>Cash back</source>
      <translation>退现金</translation>
    </message>
    <message>
      <source>Reason (printed on the receipt)</source>
      <translation>原因（打印在小票上）</translation>
    </message>
    <message>
      <source>Refund in cash (supervisor)  F12</source>
      <translation>现金退款（需主管）  F12</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Scan each item that comes back (type the quantity first). It is refunded at today's shelf price, in cash, with a supervisor's PIN.</source>
      <translation>请逐件扫描退回的商品（先输入数量）。按今日货架价以现金退款，需主管密码。</translation>
    </message>
    <message>
      <source>{total} to hand back (at most {limit} without a receipt).</source>
      <translation>应退 {total}（无单退货最多 {limit}）。</translation>
    </message>
    <message>
      <source>Scan the goods that come back first.</source>
      <translation>请先扫描退回的商品。</translation>
    </message>
    <message>
      <source>Type the reason: it is printed on the receipt.</source>
      <translation>请输入原因：原因会打印在小票上。</translation>
    </message>
    <message>
      <source>Refund {no} done: hand back {amount} in cash.</source>
      <translation>退货 {no} 已完成：请退给顾客现金 {amount}。</translation>
    </message>
  </context>
  <context>
    <name>OnlineItem</name>
    <message>
      <source>● Online</source>
      <translation>● 在线</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● 离线</translation>
    </message>
  </context>
  <context>
    <name>OpenSaleGuard</name>
    <message>
      <source>A sale is open</source>
      <translation>有未结账的交易</translation>
    </message>
    <message>
      <source>A sale is still open: {lines} lines, {amount}. {what} Hold it (F8 recalls it later), or go back to the sale?</source>
      <translation>还有一笔交易未结账：{lines} 行，{amount}。{what}要挂单（稍后按 F8 取单），还是回到这笔交易？</translation>
    </message>
    <message>
      <source>Hold the sale  Enter</source>
      <translation>挂单  Enter</translation>
    </message>
    <message>
      <source>Back to the sale  Esc</source>
      <translation>回到交易  Esc</translation>
    </message>
    <message>
      <source>The sale is still open. Pay it (F12) or hold it (F8).</source>
      <translation>交易仍未结账。请收款（F12）或挂单（F8）。</translation>
    </message>
    <message>
      <source>Holding the sale…</source>
      <translation>正在挂单…</translation>
    </message>
    <message>
      <source>Sale held ({n} waiting). F8 on an empty sale recalls it.</source>
      <translation>已挂单（共 {n} 单等待）。空单时按 F8 取单。</translation>
    </message>
    <message>
      <source>The sale is still on screen: pay it or hold it.</source>
      <translation>交易仍在屏幕上：请收款或挂单。</translation>
    </message>
  </context>
  <context>
    <name>PackageKeys</name>
    <message>
      <source>Packages</source>
      <translation>充值套餐</translation>
    </message>
    <message>
      <source>Deposit {deposit}, get {bonus}</source>
      <translation>充{deposit}送{bonus}</translation>
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
      <source>the same 6 digits again</source>
      <translation>再次输入相同的 6 位数字</translation>
    </message>
    <message>
      <source>To pay</source>
      <translation>应付</translation>
    </message>
    <message>
      <source>Stored value (S) · all F2</source>
      <translation>储值（S）· 全额 F2</translation>
    </message>
    <message>
      <source>Points (P)</source>
      <translation>积分抵现（P）</translation>
    </message>
    <message>
      <source>Bank card / QR (B)</source>
      <translation>银行卡/扫码（B）</translation>
    </message>
    <message>
      <source>Cash received (C)</source>
      <translation>实收现金（C）</translation>
    </message>
    <message>
      <source>Member PIN (M)</source>
      <translation>支付密码（M）</translation>
    </message>
    <message>
      <source>Repeat new PIN (R)</source>
      <translation>再次输入新密码（R）</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>找零</translation>
    </message>
    <message>
      <source>Pay  Enter</source>
      <translation>确认收款  回车</translation>
    </message>
    <message>
      <source>Exact cash  F5</source>
      <translation>现金补足  F5</translation>
    </message>
    <message>
      <source>All stored value  F2</source>
      <translation>储值全付  F2</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Balance {amount}; PIN needed over {threshold}</source>
      <translation>余额 {amount}；超过 {threshold} 需支付密码</translation>
    </message>
    <message>
      <source>Balance {amount}; the member's PIN is needed</source>
      <translation>余额 {amount}；需会员支付密码</translation>
    </message>
    <message>
      <source>{n} points available, in steps of {unit}</source>
      <translation>可用 {n} 积分，按 {unit} 的整数倍使用</translation>
    </message>
    <message>
      <source>No member: stored value and points not available</source>
      <translation>非会员：不能使用储值和积分</translation>
    </message>
    <message>
      <source>PIN locked until {until}. Pay another way: bank card or QR (B), cash (C).</source>
      <translation>支付密码已锁定至 {until}。请改用其他方式支付：银行卡或扫码（B）、现金（C）。</translation>
    </message>
    <message>
      <source>The member's payment PIN is locked until {until} (too many wrong PINs): stored value cannot pay now. Pay another way: bank card or QR (B) or cash (C). A manager can unlock it.</source>
      <translation>会员支付密码已锁定至 {until}（密码错误次数过多）：现在不能用储值支付。请改用其他方式支付：银行卡或扫码（B），或现金（C）。店长可以解锁。</translation>
    </message>
    <message>
      <source>New PIN (M)</source>
      <translation>新支付密码（M）</translation>
    </message>
    <message>
      <source>the member chooses 6 digits</source>
      <translation>由会员自选 6 位数字</translation>
    </message>
    <message>
      <source>This member has no payment PIN yet: the member chooses 6 digits in M and types them again in R, or pays another way.</source>
      <translation>该会员尚未设置支付密码：请会员在 M 输入自选的 6 位数字，在 R 再输入一次；或改用其他方式支付。</translation>
    </message>
    <message>
      <source>Points must be a whole number.</source>
      <translation>积分必须是整数。</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位，最多两位小数，如 12.50。</translation>
    </message>
    <message>
      <source>Still to pay: {amount}</source>
      <translation>还需支付：{amount}</translation>
    </message>
    <message>
      <source>The member types the same 6 digits again in R.</source>
      <translation>请会员在 R 再次输入相同的 6 位数字。</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not an amount or a PIN: nothing was typed. Finish the payment, or press Esc and scan on the sale.</source>
      <translation>刚才是扫码（{code}），不是金额或密码：没有输入任何内容。请完成收款，或按 Esc 回到销售界面再扫码。</translation>
    </message>
    <message>
      <source>Paying…</source>
      <translation>正在收款…</translation>
    </message>
    <message>
      <source>Payment PIN set. Paying…</source>
      <translation>支付密码已设置，正在支付…</translation>
    </message>
    <message>
      <source>Setting the payment PIN…</source>
      <translation>正在设置支付密码…</translation>
    </message>
    <message>
      <source>No payment PIN yet: the member chooses 6 digits in M, then again in R.</source>
      <translation>尚无支付密码：请会员在 M 输入自选的 6 位数字，再在 R 输入一次。</translation>
    </message>
    <message>
      <source>The member types the payment PIN, then Enter.</source>
      <translation>请会员输入支付密码，然后按 Enter。</translation>
    </message>
    <message>
      <source>Still to pay {amount}: type the cash received (F5: exact), then Enter.</source>
      <translation>还需支付 {amount}：请输入实收现金（F5 补足），然后按 Enter。</translation>
    </message>
    <message>
      <source>Complete: Enter pays.</source>
      <translation>金额已够：按 Enter 收款。</translation>
    </message>
  </context>
  <context>
    <name>PhonePickDialog</name>
    <message>
      <source>Phone ending {tail}</source>
      <translation>手机尾号 {tail}</translation>
    </message>
    <message>
      <source>Ask the customer which one is them: ↑/↓ choose, Enter take, Esc back.</source>
      <translation>请向顾客确认是哪一位：↑/↓ 选择，Enter 确定，Esc 返回。</translation>
    </message>
    <message>
      <source>More members share this ending than are listed: if none is them, type the whole phone number.</source>
      <translation>使用此尾号的会员多于列表所示：如都不是，请输入完整手机号。</translation>
    </message>
    <message>
      <source>Take  Enter</source>
      <translation>确定  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
  </context>
  <context>
    <name>PriceOverrideDialog</name>
    <message>
      <source>Change the price</source>
      <translation>改价</translation>
    </message>
    <message>
      <source>Line {n}: {name}, now {price} each</source>
      <translation>第 {n} 行：{name}，现单价 {price}</translation>
    </message>
    <message>
      <source>e.g. damaged packaging</source>
      <translation>例如：包装破损</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a price: type the price.</source>
      <translation>刚才是扫码（{code}），不是价格：请输入价格。</translation>
    </message>
    <message>
      <source>New unit price</source>
      <translation>新单价</translation>
    </message>
    <message>
      <source>Reason (printed on the receipt)</source>
      <translation>原因（打印在小票上）</translation>
    </message>
    <message>
      <source>Change  Enter</source>
      <translation>改价  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Remove the price change  Ctrl+G</source>
      <translation>取消改价  Ctrl+G</translation>
    </message>
    <message>
      <source>This line's price was changed ({reason}). Ctrl+G again takes the change off; or type another price (a supervisor's PIN and a reason).</source>
      <translation>本行已改价（{reason}）。再按 Ctrl+G 取消改价；或输入新价格（需主管密码和原因）。</translation>
    </message>
    <message>
      <source>A lower price needs a supervisor's PIN and a reason.</source>
      <translation>改低价格需要主管密码和原因。</translation>
    </message>
    <message>
      <source>Line {n} is back at its shelf price ({reason} taken off).</source>
      <translation>第 {n} 行已恢复货架价（已取消：{reason}）。</translation>
    </message>
    <message>
      <source>“{text}” is not a price: type it as 12.50.</source>
      <translation>“{text}”不是价格：请按 12.50 的格式输入。</translation>
    </message>
    <message>
      <source>Type the new unit price.</source>
      <translation>请输入新单价。</translation>
    </message>
    <message>
      <source>Type the reason: it is printed on the receipt.</source>
      <translation>请输入原因：原因会打印在小票上。</translation>
    </message>
    <message>
      <source>Line {n} now {price} each ({reason}).</source>
      <translation>第 {n} 行单价已改为 {price}（{reason}）。</translation>
    </message>
    <message>
      <source>Change the price of line {n}</source>
      <translation>第 {n} 行改价</translation>
    </message>
    <message>
      <source>Choose the line first (↑/↓), then press Ctrl+G.</source>
      <translation>请先选择商品行（↑/↓），再按 Ctrl+G。</translation>
    </message>
  </context>
  <context>
    <name>PrinterItem</name>
    <message>
      <source>Printer: ready</source>
      <translation>打印机：就绪</translation>
    </message>
    <message>
      <source>Printer: none</source>
      <translation>打印机：未配置</translation>
    </message>
    <message>
      <source>Printer: printing…</source>
      <translation>打印机：打印中…</translation>
    </message>
    <message>
      <source>Printer: failed — Ctrl+P reprints</source>
      <translation>打印机：失败 — Ctrl+P 重打</translation>
    </message>
  </context>
  <context>
    <name>PromotionStrip</name>
    <message>
      <source>Promotions: {names}</source>
      <translation>促销：{names}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>{amount} more for {reward}</source>
      <translation>再买{amount} 享{reward}</translation>
    </message>
  </context>
  <context>
    <name>ReadersItem</name>
    <message>
      <source>Reader: —</source>
      <translation>读卡器：—</translation>
    </message>
    <message>
      <source>Readers: {n}</source>
      <translation>读卡器：{n} 台</translation>
    </message>
    <message>
      <source>Reader: none</source>
      <translation>读卡器：无</translation>
    </message>
  </context>
  <context>
    <name>ReceiptFlow</name>
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
  </context>
  <context>
    <name>RechargeDialog</name>
    <message>
      <source>Recharge stored value</source>
      <translation>储值充值</translation>
    </message>
    <message>
      <source>empty: all in cash</source>
      <translation>留空：全收现金</translation>
    </message>
    <message>
      <source>a person</source>
      <translation>个人</translation>
    </message>
    <message>
      <source>a company</source>
      <translation>单位</translation>
    </message>
    <message>
      <source>Paid by bank transfer (T)</source>
      <translation>银行转账付款（T）</translation>
    </message>
    <message>
      <source>Amount (A)</source>
      <translation>金额（A）</translation>
    </message>
    <message>
      <source>Bought by (Y)</source>
      <translation>购卡方（Y）</translation>
    </message>
    <message>
      <source>Bank card / QR (B)</source>
      <translation>银行卡/扫码（B）</translation>
    </message>
    <message>
      <source>Cash received (C)</source>
      <translation>实收现金（C）</translation>
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
      <source>Recharge  Enter</source>
      <translation>充值  回车</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>{name} · {tier} · balance {amount}</source>
      <translation>{name} · {tier} · 余额 {amount}</translation>
    </message>
    <message>
      <source>Buyer's real name (the prepaid-card law asks for it)</source>
      <translation>购卡人实名登记（预付卡规定要求）</translation>
    </message>
    <message>
      <source>an agent buys for the card's holder</source>
      <translation>代理人代持卡人购买</translation>
    </message>
    <message>
      <source>The buyer agrees that the ID number is kept (sealed, at least 5 years) (K)</source>
      <translation>购卡人同意保存证件号码（加密保存，至少5年）（K）</translation>
    </message>
    <message>
      <source>Name on the ID (N)</source>
      <translation>姓名，与证件一致（N）</translation>
    </message>
    <message>
      <source>ID type (I)</source>
      <translation>证件类型（I）</translation>
    </message>
    <message>
      <source>ID number (D)</source>
      <translation>证件号码（D）</translation>
    </message>
    <message>
      <source>Company (O)</source>
      <translation>单位名称（O）</translation>
    </message>
    <message>
      <source>Contact phone (P)</source>
      <translation>联系电话（P）</translation>
    </message>
    <message>
      <source>Bank transfer</source>
      <translation>银行转账</translation>
    </message>
    <message>
      <source>Payer's name (R)</source>
      <translation>付款户名（R）</translation>
    </message>
    <message>
      <source>Payer's account (U)</source>
      <translation>付款账号（U）</translation>
    </message>
    <message>
      <source>Payer's bank (J)</source>
      <translation>付款银行（J）</translation>
    </message>
    <message>
      <source>Payee's name (E)</source>
      <translation>收款户名（E）</translation>
    </message>
    <message>
      <source>Payee's account (M)</source>
      <translation>收款账号（M）</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not an amount, an ID or an account number: nothing was typed. Type it by hand.</source>
      <translation>刚才是扫码（{code}），不是金额、证件号或账号：未输入任何内容。请手动输入。</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位，最多两位小数，如 12.50。</translation>
    </message>
    <message>
      <source>Type the amount to recharge.</source>
      <translation>请输入充值金额。</translation>
    </message>
    <message>
      <source>Every recharge needs a supervisor's approval</source>
      <translation>每笔充值都需主管授权</translation>
    </message>
    <message>
      <source>Over {amount} needs a supervisor's approval</source>
      <translation>超过 {amount} 需主管授权</translation>
    </message>
    <message>
      <source>Recharged. New balance {amount}.</source>
      <translation>充值成功。新余额 {amount}。</translation>
    </message>
    <message>
      <source>Change: {amount}</source>
      <translation>找零：{amount}</translation>
    </message>
  </context>
  <context>
    <name>RefundDialog</name>
    <message>
      <source>Refund</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a quantity: type how many come back.</source>
      <translation>刚才是扫码（{code}），不是数量：请输入退回的数量。</translation>
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
      <source>To &amp;card</source>
      <translation>退至卡（&amp;C）</translation>
    </message>
    <message>
      <source>Everything  F3</source>
      <translation>全部退  F3</translation>
    </message>
    <message>
      <source>Refund (supervisor)  F12</source>
      <translation>退货（需主管）  F12</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>No receipt  F4</source>
      <translation>无单退货  F4</translation>
    </message>
    <message>
      <source>Receipt {no}  {member}</source>
      <translation>小票 {no}  {member}</translation>
    </message>
    <message>
      <source>{g} g ({left} left)</source>
      <translation>{g} 克（可退 {left}）</translation>
    </message>
    <message>
      <source>{n} ({left} left)</source>
      <translation>{n}（可退 {left}）</translation>
    </message>
    <message>
      <source>{total} (principal {p}, bonus {b})</source>
      <translation>{total}（本金 {p}，赠送 {b}）</translation>
    </message>
    <message>
      <source>Points already spent: {amount} kept from the refund</source>
      <translation>已用掉的积分：从退款中扣除 {amount}</translation>
    </message>
    <message>
      <source>{card} (room {room})</source>
      <translation>{card}（还能存 {room}）</translation>
    </message>
    <message>
      <source>{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more): it goes to another card in the member's name. Choose it with Alt+C.</source>
      <translation>退回储值 {amount} 超过本卡上限（上限 {cap}，最多还能存 {room}）：退到会员名下的另一张卡。请按 Alt+C 选择。</translation>
    </message>
    <message>
      <source>{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more), and the member has no other named card in their name that takes it. Issue a second card in the member's name at the manager window, then refund again; or refund after the member has spent some of the balance.</source>
      <translation>退回储值 {amount} 超过本卡上限（上限 {cap}，最多还能存 {room}），会员名下也没有其他放得下的记名卡。请在店长窗口为会员办理第二张记名卡后再退款，或待会员消费部分余额后再退。</translation>
    </message>
    <message>
      <source>Hand back {cash} in cash.</source>
      <translation>请退给顾客现金 {cash}。</translation>
    </message>
    <message>
      <source>{amount} goes back to the bank card / QR payment.</source>
      <translation>{amount} 原路退回银行卡／扫码支付。</translation>
    </message>
    <message>
      <source>{amount} goes back to the stored value of card {card}.</source>
      <translation>{amount} 退回卡 {card} 的储值。</translation>
    </message>
    <message>
      <source>{amount} goes back to the member's stored value.</source>
      <translation>{amount} 退回会员储值。</translation>
    </message>
    <message>
      <source>Refund goods of {goods}? {hand_back}</source>
      <translation>确定退货，商品金额 {goods}？{hand_back}</translation>
    </message>
    <message>
      <source>Refund  Enter</source>
      <translation>退货  Enter</translation>
    </message>
    <message>
      <source>Refund {no} done: {amount} back.</source>
      <translation>退货 {no} 完成：退回 {amount}。</translation>
    </message>
  </context>
  <context>
    <name>RegisterMemberDialog</name>
    <message>
      <source>Register a member</source>
      <translation>注册会员</translation>
    </message>
    <message>
      <source>11-digit mobile number</source>
      <translation>11 位手机号</translation>
    </message>
    <message>
      <source>YYYY-MM-DD</source>
      <translation>年-月-日（如 1990-05-17）</translation>
    </message>
    <message>
      <source>The customer agrees that the store keeps their name, phone and purchases for the member programme (Alt+C)</source>
      <translation>顾客同意本店为会员服务保存其姓名、手机号和消费记录（Alt+C）</translation>
    </message>
    <message>
      <source> (optional)</source>
      <translation>（选填）</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>手机号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Birthday</source>
      <translation>生日</translation>
    </message>
    <message>
      <source>Register  Enter</source>
      <translation>注册  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Fields marked * are needed. Read the consent to the customer.</source>
      <translation>带 * 的为必填项。请向顾客说明授权内容。</translation>
    </message>
    <message>
      <source>Type the customer's mobile number.</source>
      <translation>请输入顾客的手机号。</translation>
    </message>
    <message>
      <source>Type the customer's name: the programme needs it.</source>
      <translation>请输入顾客姓名：会员方案要求填写。</translation>
    </message>
    <message>
      <source>“{text}” is not a date: type it as 1990-05-17.</source>
      <translation>“{text}”不是日期：请按 1990-05-17 的格式输入。</translation>
    </message>
    <message>
      <source>Type the customer's birthday: the programme needs it.</source>
      <translation>请输入顾客生日：会员方案要求填写。</translation>
    </message>
    <message>
      <source>Ask the customer to agree to the use of their data (Alt+C): without it the member cannot be registered.</source>
      <translation>请先征得顾客同意使用其个人信息（Alt+C）：未经同意不能注册会员。</translation>
    </message>
  </context>
  <context>
    <name>SaleDiscountDialog</name>
    <message>
      <source>Discount the whole sale</source>
      <translation>整单折扣</translation>
    </message>
    <message>
      <source>The sale now comes to {total}.</source>
      <translation>本单现合计 {total}。</translation>
    </message>
    <message>
      <source>e.g. regular customer</source>
      <translation>例如：老顾客</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a discount: type it.</source>
      <translation>刚才是扫码（{code}），不是折扣：请输入折扣。</translation>
    </message>
    <message>
      <source>Rate in 折 (9.5 = pay 95%)</source>
      <translation>折扣（折，9.5 即付 95%）</translation>
    </message>
    <message>
      <source>Or amount off</source>
      <translation>或减免金额</translation>
    </message>
    <message>
      <source>Reason (printed on the receipt)</source>
      <translation>原因（打印在小票上）</translation>
    </message>
    <message>
      <source>Discount  Enter</source>
      <translation>打折  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
    <message>
      <source>Remove the discount  Ctrl+K</source>
      <translation>取消折扣  Ctrl+K</translation>
    </message>
    <message>
      <source>The sale has a discount ({reason}). Ctrl+K again takes it off; or type another one (a supervisor's PIN and a reason).</source>
      <translation>本单已有整单折扣（{reason}）。再按 Ctrl+K 取消折扣；或输入新的折扣（需主管密码和原因）。</translation>
    </message>
    <message>
      <source>A discount on the sale needs a supervisor's PIN and a reason.</source>
      <translation>整单折扣需要主管密码和原因。</translation>
    </message>
    <message>
      <source>The discount on the sale is taken off ({reason}).</source>
      <translation>已取消整单折扣（{reason}）。</translation>
    </message>
    <message>
      <source>Type either a rate in 折 or an amount off (one of them).</source>
      <translation>请输入折扣（折）或减免金额（二选一）。</translation>
    </message>
    <message>
      <source>“{text}” is not a rate: type it in 折 as 9.5 (0 to 9.99).</source>
      <translation>“{text}”不是折扣：请按 9.5 的格式输入折数（0 至 9.99）。</translation>
    </message>
    <message>
      <source>“{text}” is not an amount: type it as 5.00.</source>
      <translation>“{text}”不是金额：请按 5.00 的格式输入。</translation>
    </message>
    <message>
      <source>Type the reason: it is printed on the receipt.</source>
      <translation>请输入原因：原因会打印在小票上。</translation>
    </message>
    <message>
      <source>The whole sale discounted ({reason}).</source>
      <translation>已整单折扣（{reason}）。</translation>
    </message>
    <message>
      <source>Scan the goods first, then press Ctrl+K.</source>
      <translation>请先扫描商品，再按 Ctrl+K。</translation>
    </message>
  </context>
  <context>
    <name>SaleFlow</name>
    <message>
      <source>Finish or close the open window first (Esc).</source>
      <translation>请先完成或关闭当前窗口（Esc）。</translation>
    </message>
    <message>
      <source>Member {name} ({tier}) identified.</source>
      <translation>已识别会员 {name}（{tier}）。</translation>
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
      <source>That was a scan ({code}), not a number: nothing was changed. Type the number, or press Esc and scan on the sale.</source>
      <translation>刚才是扫码（{code}），不是数字：没有改动。请输入数字，或按 Esc 回到销售界面再扫码。</translation>
    </message>
    <message>
      <source>“{text}” is not a whole number above zero: type the number again (F4).</source>
      <translation>“{text}”不是大于零的整数：请重新输入（F4）。</translation>
    </message>
    <message>
      <source>Quantity {text} is too many: at most {limit} on one line. Type a smaller number (F4), or scan the rest on a new line.</source>
      <translation>数量 {text} 太多：每行数量最多 {limit}。请输入较小的数量（F4），或把其余的另起一行扫描。</translation>
    </message>
    <message>
      <source>{name}  {qty}  {amount}</source>
      <translation>{name}  {qty}  {amount}</translation>
    </message>
    <message>
      <source>Choose a line first (↑/↓).</source>
      <translation>请先选择一行（↑/↓）。</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>This member has no coupon to use.</source>
      <translation>该会员没有可用的优惠券。</translation>
    </message>
    <message>
      <source>Coupon</source>
      <translation>优惠券</translation>
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
      <source>Count the drawer: how many of each</source>
      <translation>清点钱箱：每种面额各有几张（枚）</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not an amount: nothing was typed.</source>
      <translation>刚才是扫码（{code}），不是金额：没有输入任何内容。</translation>
    </message>
    <message>
      <source>Expected in the drawer</source>
      <translation>钱箱应有</translation>
    </message>
    <message>
      <source>Counted</source>
      <translation>实点</translation>
    </message>
    <message>
      <source>Difference</source>
      <translation>差额</translation>
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
      <translation>交班（Z 报表）  F7</translation>
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
      <source>Shift {n} is open.</source>
      <translation>班次 {n} 进行中。</translation>
    </message>
    <message>
      <source>Shift {n} is closed. The next shift opens with its float (F5).</source>
      <translation>第 {n} 班已交班。下一班开班时输入备用金（F5）。</translation>
    </message>
    <message>
      <source>No shift is open. Put the opening float in the drawer, type how much it is and press Enter.</source>
      <translation>尚未开班。请把备用金放入钱箱，输入金额后按 Enter。</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>金额以元为单位，最多两位小数，如 12.50。</translation>
    </message>
    <message>
      <source>Shift {n} opened with a float of {amount}.</source>
      <translation>第 {n} 班已开班，备用金 {amount}。</translation>
    </message>
    <message>
      <source>{amount} short</source>
      <translation>短款 {amount}</translation>
    </message>
    <message>
      <source>{amount} over</source>
      <translation>长款 {amount}</translation>
    </message>
    <message>
      <source>{amount}: the drawer is right</source>
      <translation>{amount}：账实相符</translation>
    </message>
    <message>
      <source>Count the cash in the drawer: how many of each note and coin.</source>
      <translation>请清点钱箱现金：输入每种纸币和硬币的数量。</translation>
    </message>
    <message>
      <source>Close the shift</source>
      <translation>交班</translation>
    </message>
    <message>
      <source>Close shift {n} and take the Z report? It cannot be undone.

Expected in the drawer: {expected}
Counted: {counted}
Difference: {difference}</source>
      <translation>确定交班（第 {n} 班）并打印 Z 报表吗？交班后不能撤销。

钱箱应有：{expected}
实点：{counted}
差额：{difference}</translation>
    </message>
    <message>
      <source>Close and print  Enter</source>
      <translation>交班并打印  Enter</translation>
    </message>
    <message>
      <source>Shift closed. Z report printed.</source>
      <translation>已交班，Z 报表已打印。</translation>
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
      <source>Cash expected in drawer</source>
      <translation>钱箱应有现金</translation>
    </message>
    <message>
      <source>Cash counted</source>
      <translation>清点现金</translation>
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
      <source>X report (shift running)</source>
      <translation>X 报表（班中）</translation>
    </message>
    <message>
      <source>Z report (shift closed)</source>
      <translation>Z 报表（交班）</translation>
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
      <source>Report sent to the printer.</source>
      <translation>报表已发送到打印机。</translation>
    </message>
  </context>
  <context>
    <name>ShiftItem</name>
    <message>
      <source>Shift {n}</source>
      <translation>班次 {n}</translation>
    </message>
    <message>
      <source>No open shift (F9)</source>
      <translation>未开班（F9）</translation>
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
      <translation>授权（回车）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
    <message>
      <source>That was a scan, not a PIN: the supervisor types the PIN.</source>
      <translation>刚才是扫码，不是密码：请主管输入密码。</translation>
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
  <context>
    <name>TotalsPanel</name>
    <message>
      <source>To pay</source>
      <translation>应付</translation>
    </message>
    <message>
      <source>Pay  F12</source>
      <translation>收款  F12</translation>
    </message>
    <message>
      <source>You save: {amount}</source>
      <translation>共优惠：{amount}</translation>
    </message>
    <message>
      <source>Points this sale: +{n}</source>
      <translation>本单积分：+{n}</translation>
    </message>
    <message>
      <source>Items: {n}</source>
      <translation>件数：{n}</translation>
    </message>
    <message>
      <source>Before discounts: {amount}</source>
      <translation>原价合计：{amount}</translation>
    </message>
    <message>
      <source>Paid {amount}</source>
      <translation>已收 {amount}</translation>
    </message>
    <message>
      <source>Receipt {no}</source>
      <translation>小票 {no}</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>找零</translation>
    </message>
  </context>
  <context>
    <name>WaitingItem</name>
    <message>
      <source>Waiting to sync: {n}</source>
      <translation>待同步：{n} 条</translation>
    </message>
  </context>
</TS>
