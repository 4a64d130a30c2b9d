<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>CampaignDialog</name>
    <message>
      <source>Coupon campaign to a segment</source>
      <translation>向会员分群发券</translation>
    </message>
    <message>
      <source>Segment</source>
      <translation>会员分群</translation>
    </message>
    <message>
      <source>Campaign code</source>
      <translation>活动编码</translation>
    </message>
    <message>
      <source>Run the campaign (Enter)</source>
      <translation>开始发券（Enter）</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <source>Issuing coupons…</source>
      <translation>正在发券…</translation>
    </message>
    <message>
      <source>{issued} coupons issued to the {members} members of the segment.</source>
      <translation>已向该分群的 {members} 位会员发放 {issued} 张券。</translation>
    </message>
  </context>
  <context>
    <name>Cards</name>
    <message>
      <source>stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <source>active</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>lost</source>
      <translation>已挂失</translation>
    </message>
    <message>
      <source>replaced</source>
      <translation>已补卡作废</translation>
    </message>
    <message>
      <source>expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <source>IC card</source>
      <translation>IC 卡</translation>
    </message>
    <message>
      <source>barcode card</source>
      <translation>条码卡</translation>
    </message>
    <message>
      <source>contact IC card</source>
      <translation>接触式 IC 卡</translation>
    </message>
    <message>
      <source>ID card</source>
      <translation>ID 卡</translation>
    </message>
    <message>
      <source>magnetic card</source>
      <translation>磁条卡</translation>
    </message>
  </context>
  <context>
    <name>CouponDialog</name>
    <message>
      <source>Give a coupon</source>
      <translation>赠送优惠券</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>Coupon code</source>
      <translation>券码</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Give the coupon (Enter)</source>
      <translation>赠送（Enter）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
  </context>
  <context>
    <name>CouponForm</name>
    <message>
      <source>Store coupon</source>
      <translation>店铺优惠券</translation>
    </message>
    <message>
      <source>Amount off (yuan)</source>
      <translation>减免金额（元）</translation>
    </message>
    <message>
      <source>Minimum spend (yuan)</source>
      <translation>最低消费（元）</translation>
    </message>
    <message>
      <source>Coupon name</source>
      <translation>券名称</translation>
    </message>
    <message>
      <source>Valid for (days)</source>
      <translation>有效天数</translation>
    </message>
    <message>
      <source>type an amount such as 10 or 9.90</source>
      <translation>请输入金额，例如 10 或 9.90</translation>
    </message>
  </context>
  <context>
    <name>DayCloseDialog</name>
    <message>
      <source>Day close (日结)</source>
      <translation>日结</translation>
    </message>
    <message>
      <source>Every shift of today on this till, and the day's sums.</source>
      <translation>本机今天的所有班次及当日合计。</translation>
    </message>
    <message>
      <source>Shift</source>
      <translation>班次</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>收银员</translation>
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
      <source>Cash expected</source>
      <translation>应有现金</translation>
    </message>
    <message>
      <source>Difference</source>
      <translation>差额</translation>
    </message>
    <message>
      <source>Close the day and print (Enter)</source>
      <translation>日结并打印（Enter）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
    <message>
      <source>Day {day}: {n} shifts. Sales {sales}, refunds {refunds}, recharges {recharges}. Cash expected {expected}, counted {counted}, difference {difference}.</source>
      <translation>{day}：共 {n} 个班次。销售 {sales}，退货 {refunds}，充值 {recharges}。应有现金 {expected}，实点现金 {counted}，差额 {difference}。</translation>
    </message>
    <message>
      <source>Shift {shift} is still open: the cashier closes it (handover) before the day close.</source>
      <translation>班次 {shift} 尚未交班：请收银员先交班，再做日结。</translation>
    </message>
    <message>
      <source>Close the day on this till and print the day's report?</source>
      <translation>确定对本机做日结并打印日结报表吗？</translation>
    </message>
    <message>
      <source>Close the day</source>
      <translation>确认日结</translation>
    </message>
    <message>
      <source>Day {day} closed: the day's report is printing.</source>
      <translation>{day} 已日结，正在打印日结报表。</translation>
    </message>
  </context>
  <context>
    <name>EditMemberDialog</name>
    <message>
      <source>Edit member {id}</source>
      <translation>修改会员 {id}</translation>
    </message>
    <message>
      <source>Save (Enter)</source>
      <translation>保存（Enter）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
    <message>
      <source>Nothing changed.</source>
      <translation>没有修改。</translation>
    </message>
  </context>
  <context>
    <name>FoundCardDialog</name>
    <message>
      <source>Undo a lost-card report</source>
      <translation>解除挂失</translation>
    </message>
    <message>
      <source>e.g. the member found the card (optional)</source>
      <translation>例如：会员找回了卡（可不填）</translation>
    </message>
    <message>
      <source>Only when the member has the card in hand: it works again here at once, and at every store after the next sync.</source>
      <translation>请确认会员已拿回此卡：本店立即恢复使用，其他门店同步后恢复。</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>卡</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Unblock the card (Enter)</source>
      <translation>解除挂失（Enter）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
    <message>
      <source>Unblock card {number}? It can pay and earn again at once.</source>
      <translation>确定解除卡 {number} 的挂失吗？解除后可立即消费和积分。</translation>
    </message>
    <message>
      <source>Unblock the card</source>
      <translation>确认解除</translation>
    </message>
  </context>
  <context>
    <name>IssueCardDialog</name>
    <message>
      <source>Issue a card</source>
      <translation>发卡</translation>
    </message>
    <message>
      <source>Member: {who}</source>
      <translation>会员：{who}</translation>
    </message>
    <message>
      <source>Print card face (Ctrl+P)</source>
      <translation>打印卡面（Ctrl+P）</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <source>Stock card</source>
      <translation>库存卡号</translation>
    </message>
    <message>
      <source>This member's card is issued. Close the dialog first.</source>
      <translation>该会员的卡已发放，请先关闭此窗口。</translation>
    </message>
    <message>
      <source>Issuing {card}…</source>
      <translation>正在发放{card}…</translation>
    </message>
    <message>
      <source>Card {number} issued.</source>
      <translation>卡 {number} 已发放。</translation>
    </message>
    <message>
      <source>Card fee {amount} taken.</source>
      <translation>已收工本费 {amount}。</translation>
    </message>
    <message>
      <source>Card face ready to print: {path}</source>
      <translation>卡面已生成，可打印：{path}</translation>
    </message>
  </context>
  <context>
    <name>ManagerConfirm</name>
    <message>
      <source>Back  Esc</source>
      <translation>返回  Esc</translation>
    </message>
  </context>
  <context>
    <name>ManagerDialog</name>
    <message>
      <source>That was a scan ({code}), not something to type here: nothing was changed. Type it by hand.</source>
      <translation>刚才是扫码（{code}），这里不能扫码：没有改动。请手动输入。</translation>
    </message>
  </context>
  <context>
    <name>ManagerEntry</name>
    <message>
      <source>Manager mode — log in</source>
      <translation>店长模式 — 登录</translation>
    </message>
    <message>
      <source>Manager mode: a manager's staff id and PIN</source>
      <translation>店长模式：请输入店长工号和密码</translation>
    </message>
  </context>
  <context>
    <name>ManagerWindow</name>
    <message>
      <source>pos-member — manager</source>
      <translation>pos-member — 店长</translation>
    </message>
    <message>
      <source>Search a member by phone, card number or name, or tap their card.</source>
      <translation>按手机号、卡号或姓名查找会员，或直接刷卡。</translation>
    </message>
    <message>
      <source>Manager mode</source>
      <translation>店长模式</translation>
    </message>
    <message>
      <source>Manager: {name} ({id})</source>
      <translation>店长：{name}（{id}）</translation>
    </message>
    <message>
      <source>Leave manager mode (Esc)</source>
      <translation>退出店长模式（Esc）</translation>
    </message>
    <message>
      <source>Members (Ctrl+1)</source>
      <translation>会员（Ctrl+1）</translation>
    </message>
    <message>
      <source>Reports (Ctrl+2)</source>
      <translation>报表（Ctrl+2）</translation>
    </message>
    <message>
      <source>Refused by head office (Ctrl+3)</source>
      <translation>总部拒收（Ctrl+3）</translation>
    </message>
    <message>
      <source>Promotions</source>
      <translation>促销</translation>
    </message>
    <message>
      <source>Phone, card number, card UID or the start of a name — Enter</source>
      <translation>手机号、卡号、卡 UID 或姓名开头 — 回车</translation>
    </message>
    <message>
      <source>Search (Enter)</source>
      <translation>查找（Enter）</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>手机号</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>等级</translation>
    </message>
    <message>
      <source>Stored value</source>
      <translation>储值</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>Cards</source>
      <translation>会员卡</translation>
    </message>
    <message>
      <source>F2
Register</source>
      <translation>F2
新会员</translation>
    </message>
    <message>
      <source>F3
Issue card</source>
      <translation>F3
发卡</translation>
    </message>
    <message>
      <source>F4
Report lost</source>
      <translation>F4
挂失</translation>
    </message>
    <message>
      <source>Shift+F4
Undo lost (解除挂失)</source>
      <translation>Shift+F4
解除挂失</translation>
    </message>
    <message>
      <source>F6
Replace card</source>
      <translation>F6
补卡</translation>
    </message>
    <message>
      <source>F8
Give coupon</source>
      <translation>F8
赠券</translation>
    </message>
    <message>
      <source>F9
Edit</source>
      <translation>F9
修改</translation>
    </message>
    <message>
      <source>F11
退卡 / reverse recharge</source>
      <translation>F11
退卡 / 撤销充值</translation>
    </message>
    <message>
      <source>F12
Payment PIN</source>
      <translation>F12
支付密码</translation>
    </message>
    <message>
      <source>Ctrl+D
Day close (日结)</source>
      <translation>Ctrl+D
日结</translation>
    </message>
    <message>
      <source>Ctrl+Shift+E
Member's data copy</source>
      <translation>Ctrl+Shift+E
会员数据副本</translation>
    </message>
    <message>
      <source>Ctrl+Shift+M
Withdraw marketing consent</source>
      <translation>Ctrl+Shift+M
撤回营销同意</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Ledger</source>
      <translation>账户</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Principal</source>
      <translation>本金</translation>
    </message>
    <message>
      <source>Bonus</source>
      <translation>赠送</translation>
    </message>
    <message>
      <source>Stored value after</source>
      <translation>储值余额</translation>
    </message>
    <message>
      <source>Points after</source>
      <translation>积分余额</translation>
    </message>
    <message>
      <source>Receipt / note</source>
      <translation>小票 / 说明</translation>
    </message>
    <message>
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <source>To</source>
      <translation>到</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Statement: every ledger entry with its reason</source>
      <translation>对账单：每一笔流水及原因</translation>
    </message>
    <message>
      <source>Tier history</source>
      <translation>等级变更记录</translation>
    </message>
    <message>
      <source>Type a phone, card number or name first.</source>
      <translation>请先输入手机号、卡号或姓名。</translation>
    </message>
    <message>
      <source>no card</source>
      <translation>无卡</translation>
    </message>
    <message>
      <source>No member found.</source>
      <translation>没有找到会员。</translation>
    </message>
    <message>
      <source>{n} member(s) found.</source>
      <translation>找到 {n} 位会员。</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>Spent at a sale</source>
      <translation>消费</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退货退款</translation>
    </message>
    <message>
      <source>Adjustment</source>
      <translation>调整</translation>
    </message>
    <message>
      <source>Moved off the old card</source>
      <translation>旧卡转出</translation>
    </message>
    <message>
      <source>Moved to the new card</source>
      <translation>转入新卡</translation>
    </message>
    <message>
      <source>Card fee</source>
      <translation>工本费</translation>
    </message>
    <message>
      <source>Earned</source>
      <translation>消费得积分</translation>
    </message>
    <message>
      <source>Redeemed</source>
      <translation>积分抵现</translation>
    </message>
    <message>
      <source>Taken back by a refund</source>
      <translation>退货扣回</translation>
    </message>
    <message>
      <source>Given back by a refund</source>
      <translation>退货返还</translation>
    </message>
    <message>
      <source>Expired</source>
      <translation>过期</translation>
    </message>
    <message>
      <source>Bonus points</source>
      <translation>奖励积分</translation>
    </message>
    <message>
      <source>Card replaced</source>
      <translation>补卡</translation>
    </message>
    <message>
      <source>Card fee (new card)</source>
      <translation>工本费（发卡）</translation>
    </message>
    <message>
      <source>Card fee (replacement)</source>
      <translation>工本费（补卡）</translation>
    </message>
    <message>
      <source>Sign-up</source>
      <translation>入会</translation>
    </message>
    <message>
      <source>Upgrade</source>
      <translation>升级</translation>
    </message>
    <message>
      <source>Downgrade at review</source>
      <translation>复核降级</translation>
    </message>
    <message>
      <source>Tier review</source>
      <translation>等级复核</translation>
    </message>
    <message>
      <source>Balance confirmed by head office</source>
      <translation>总部确认余额</translation>
    </message>
    <message>
      <source>Recharge reversed (cooling-off)</source>
      <translation>撤销充值（冷静期）</translation>
    </message>
    <message>
      <source>Card closed (退卡)</source>
      <translation>退卡</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>卡</translation>
    </message>
    <message>
      <source>No member selected.</source>
      <translation>未选择会员。</translation>
    </message>
    <message>
      <source>female</source>
      <translation>女</translation>
    </message>
    <message>
      <source>male</source>
      <translation>男</translation>
    </message>
    <message>
      <source>other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Member {id}: {name}</source>
      <translation>会员 {id}：{name}</translation>
    </message>
    <message>
      <source>Phone {phone}   Birthday {birthday}   Gender {gender}</source>
      <translation>手机 {phone}   生日 {birthday}   性别 {gender}</translation>
    </message>
    <message>
      <source>Tier {tier}   Joined {joined}   Consent {consent}</source>
      <translation>等级 {tier}   入会 {joined}   授权 {consent}</translation>
    </message>
    <message>
      <source>Card {number} — {kind}, {state}, issued {issued}</source>
      <translation>卡 {number} — {kind}，{state}，发卡日 {issued}</translation>
    </message>
    <message>
      <source>No card yet: press F3 to issue one.</source>
      <translation>尚未发卡：按 F3 发卡。</translation>
    </message>
    <message>
      <source>Stored value {total} (principal {principal}, bonus {bonus})   Points {points}</source>
      <translation>储值 {total}（本金 {principal}，赠送 {bonus}）   积分 {points}</translation>
    </message>
    <message>
      <source>expires {date}</source>
      <translation>{date} 到期</translation>
    </message>
    <message>
      <source>This card is not issued here. Select a member and press F3 to issue it.</source>
      <translation>此卡尚未在本店发放。请选择会员后按 F3 发卡。</translation>
    </message>
    <message>
      <source>Select a member first (search, then ↑/↓).</source>
      <translation>请先选择会员（查找后用 ↑/↓）。</translation>
    </message>
    <message>
      <source>PDF written: {path}</source>
      <translation>PDF 已生成：{path}</translation>
    </message>
    <message>
      <source>Member {id} registered.</source>
      <translation>会员 {id} 已登记。</translation>
    </message>
    <message>
      <source>Sign-up coupon {code} given.</source>
      <translation>已赠送入会礼券 {code}。</translation>
    </message>
    <message>
      <source>Card saved.</source>
      <translation>会员卡已保存。</translation>
    </message>
    <message>
      <source>This member has no active card to block.</source>
      <translation>该会员没有可挂失的正常卡。</translation>
    </message>
    <message>
      <source>Card {number} is blocked. Press F6 to replace it.</source>
      <translation>卡 {number} 已挂失。按 F6 补卡。</translation>
    </message>
    <message>
      <source>This member has no card reported lost.</source>
      <translation>该会员没有已挂失的卡。</translation>
    </message>
    <message>
      <source>Card {number} works again.</source>
      <translation>卡 {number} 已解除挂失，可以正常使用。</translation>
    </message>
    <message>
      <source>This member has no card to replace.</source>
      <translation>该会员没有可补的卡。</translation>
    </message>
    <message>
      <source>Coupon {code} given.</source>
      <translation>已赠送优惠券 {code}。</translation>
    </message>
    <message>
      <source>Member {id}: data copy written to {json} and {pdf}. Hand it to the member only.</source>
      <translation>会员 {id} 的数据副本已写入 {json} 和 {pdf}，请只交给会员本人。</translation>
    </message>
    <message>
      <source>Withdraw marketing consent</source>
      <translation>撤回营销同意</translation>
    </message>
    <message>
      <source>Member {id} will receive no more marketing messages or campaigns from any store. Membership, balances and points stay as they are.</source>
      <translation>会员 {id} 将不再收到任何门店的营销信息和活动。会员资格、余额和积分不变。</translation>
    </message>
    <message>
      <source>Withdraw</source>
      <translation>撤回</translation>
    </message>
    <message>
      <source>Member {id}: marketing consent withdrawn; head office is told at the next sync.</source>
      <translation>会员 {id} 已撤回营销同意，下次同步时通知总部。</translation>
    </message>
    <message>
      <source>name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>手机号</translation>
    </message>
    <message>
      <source>birthday</source>
      <translation>生日</translation>
    </message>
    <message>
      <source>gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <source>Member {id}: {fields} changed.</source>
      <translation>会员 {id}：已修改{fields}。</translation>
    </message>
  </context>
  <context>
    <name>Members</name>
    <message>
      <source>Birthday</source>
      <translation>生日</translation>
    </message>
    <message>
      <source>type the date as YYYY-MM-DD</source>
      <translation>请按 YYYY-MM-DD 输入日期</translation>
    </message>
    <message>
      <source>Not given</source>
      <translation>未填写</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>女</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>男</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
  </context>
  <context>
    <name>PinDialog</name>
    <message>
      <source>Payment PIN</source>
      <translation>支付密码</translation>
    </message>
    <message>
      <source>Set a first PIN</source>
      <translation>首次设置密码</translation>
    </message>
    <message>
      <source>Change (the member knows the old PIN)</source>
      <translation>修改密码（会员记得原密码）</translation>
    </message>
    <message>
      <source>Reset a forgotten PIN (check the member first)</source>
      <translation>重置忘记的密码（先核验会员）</translation>
    </message>
    <message>
      <source>Unlock after too many wrong PINs</source>
      <translation>解锁（密码错误次数过多）</translation>
    </message>
    <message>
      <source>the member types the old PIN</source>
      <translation>会员输入原密码</translation>
    </message>
    <message>
      <source>phone or ID number, read from the member's document</source>
      <translation>手机号或证件号，按会员本人证件输入</translation>
    </message>
    <message>
      <source>the member chooses 6 digits</source>
      <translation>由会员自选 6 位数字</translation>
    </message>
    <message>
      <source>the same 6 digits again</source>
      <translation>再次输入相同的 6 位数字</translation>
    </message>
    <message>
      <source>6 digits; not all one digit, not a run like 123456 or 654321, not the member's birthday or the end of the phone number.</source>
      <translation>6 位数字；不能全部相同，不能是 123456 或 654321 这样的连续数字，不能是会员生日或手机号末几位。</translation>
    </message>
    <message>
      <source>That was a scan, not a PIN: the member types the 6 digits.</source>
      <translation>刚才是扫码，不是密码：请会员输入 6 位数字。</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>What to do</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Old PIN</source>
      <translation>原密码</translation>
    </message>
    <message>
      <source>Member check</source>
      <translation>会员核验</translation>
    </message>
    <message>
      <source>New PIN</source>
      <translation>新密码</translation>
    </message>
    <message>
      <source>New PIN again</source>
      <translation>再次输入新密码</translation>
    </message>
    <message>
      <source>Save  Enter</source>
      <translation>保存  Enter</translation>
    </message>
    <message>
      <source>Close  Esc</source>
      <translation>关闭  Esc</translation>
    </message>
    <message>
      <source>Locked until {until} after too many wrong PINs: the member pays another way until then, or you unlock it.</source>
      <translation>密码错误次数过多，已锁定至 {until}：在此之前会员须改用其他方式支付，或由您解锁。</translation>
    </message>
    <message>
      <source>A PIN is set.</source>
      <translation>已设置支付密码。</translation>
    </message>
    <message>
      <source>No PIN yet: the member sets one (typed twice).</source>
      <translation>尚未设置支付密码：请会员设置（输入两次）。</translation>
    </message>
    <message>
      <source>Unlock  Enter</source>
      <translation>解锁  Enter</translation>
    </message>
    <message>
      <source>Payment PIN set for member {id}.</source>
      <translation>会员 {id} 的支付密码已设置。</translation>
    </message>
    <message>
      <source>Payment PIN changed for member {id}.</source>
      <translation>会员 {id} 的支付密码已修改。</translation>
    </message>
    <message>
      <source>Payment PIN reset for member {id}; any lock ended.</source>
      <translation>会员 {id} 的支付密码已重置，锁定已解除。</translation>
    </message>
    <message>
      <source>Payment PIN of member {id} unlocked.</source>
      <translation>会员 {id} 的支付密码已解锁。</translation>
    </message>
  </context>
  <context>
    <name>PrepaidDialog</name>
    <message>
      <source>Close a card (退卡) or reverse a recharge</source>
      <translation>退卡或撤销充值</translation>
    </message>
    <message>
      <source>Close a card (退卡)</source>
      <translation>退卡</translation>
    </message>
    <message>
      <source>Reverse a recharge</source>
      <translation>撤销充值</translation>
    </message>
    <message>
      <source>Preview (Enter)</source>
      <translation>预览（Enter）</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <source>Confirm</source>
      <translation>确认</translation>
    </message>
    <message>
      <source>The holder agrees that the ID number is kept (sealed, at least 5 years)</source>
      <translation>持卡人同意保存证件号码（加密保存，至少 5 年）</translation>
    </message>
    <message>
      <source>needed above ¥100: the holder's account</source>
      <translation>超过 ¥100 时必填：持卡人本人账户</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>卡</translation>
    </message>
    <message>
      <source>Holder's name (as on the ID)</source>
      <translation>持卡人姓名（与证件一致）</translation>
    </message>
    <message>
      <source>ID type</source>
      <translation>证件类型</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>Account name</source>
      <translation>户名</translation>
    </message>
    <message>
      <source>Account number</source>
      <translation>账号</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>开户行</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Recharge receipt</source>
      <translation>充值单号</translation>
    </message>
    <message>
      <source>Costs kept back (Jiangsu only)</source>
      <translation>扣除合理费用（仅江苏）</translation>
    </message>
    <message>
      <source>Card {card} of {name}: refund {refund}, bonus not refunded {kept}.</source>
      <translation>{name} 的卡 {card}：退还 {refund}，赠送余额 {kept} 不退。</translation>
    </message>
    <message>
      <source>This card was closed already (receipt {receipt}).</source>
      <translation>此卡已退卡（单号 {receipt}）。</translation>
    </message>
    <message>
      <source>A recharge is not synced yet: sync first, then close the card.</source>
      <translation>有一笔充值尚未同步：请先同步，再办理退卡。</translation>
    </message>
    <message>
      <source>Show the member the amount, then confirm.</source>
      <translation>请向会员出示金额后再确认。</translation>
    </message>
    <message>
      <source>Recharge {receipt} of {day}: principal {principal} and bonus {bonus} come off the card; {refund} goes back ({costs} of costs kept). Last day: {last}.</source>
      <translation>{day} 的充值 {receipt}：扣回本金 {principal} 和赠送 {bonus}；退还 {refund}（扣除费用 {costs}）。最后期限：{last}。</translation>
    </message>
    <message>
      <source>Approve 退卡</source>
      <translation>授权退卡</translation>
    </message>
    <message>
      <source>Approve the reversal</source>
      <translation>授权撤销充值</translation>
    </message>
    <message>
      <source>Card closed: {refund} by {tender}, receipt {receipt}.</source>
      <translation>已退卡：以{tender}退还 {refund}，单号 {receipt}。</translation>
    </message>
    <message>
      <source>cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <source>bank transfer</source>
      <translation>银行转账</translation>
    </message>
    <message>
      <source>Recharge reversed: {refund} back, receipt {receipt}.</source>
      <translation>已撤销充值：退还 {refund}，单号 {receipt}。</translation>
    </message>
  </context>
  <context>
    <name>PromotionsView</name>
    <message>
      <source>Promotions in force in this store</source>
      <translation>本店正在进行的促销</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>编码</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>规则</translation>
    </message>
    <message>
      <source>Covers</source>
      <translation>适用商品</translation>
    </message>
    <message>
      <source>For</source>
      <translation>适用人群</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Exclusive group</source>
      <translation>互斥组</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>正在读取…</translation>
    </message>
    <message>
      <source>items {codes}</source>
      <translation>商品 {codes}</translation>
    </message>
    <message>
      <source>everything</source>
      <translation>全场</translation>
    </message>
    <message>
      <source>categories {names}</source>
      <translation>品类 {names}</translation>
    </message>
    <message>
      <source>brands {names}</source>
      <translation>品牌 {names}</translation>
    </message>
    <message>
      <source>except {codes}</source>
      <translation>除 {codes}</translation>
    </message>
    <message>
      <source>gift {code}</source>
      <translation>赠品 {code}</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>tiers {codes}</source>
      <translation>等级 {codes}</translation>
    </message>
    <message>
      <source>members</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>everyone</source>
      <translation>所有顾客</translation>
    </message>
    <message>
      <source>{since} to {until}</source>
      <translation>{since} 至 {until}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>always</source>
      <translation>长期</translation>
    </message>
    <message>
      <source>Mon</source>
      <translation>周一</translation>
    </message>
    <message>
      <source>Tue</source>
      <translation>周二</translation>
    </message>
    <message>
      <source>Wed</source>
      <translation>周三</translation>
    </message>
    <message>
      <source>Thu</source>
      <translation>周四</translation>
    </message>
    <message>
      <source>Fri</source>
      <translation>周五</translation>
    </message>
    <message>
      <source>Sat</source>
      <translation>周六</translation>
    </message>
    <message>
      <source>Sun</source>
      <translation>周日</translation>
    </message>
    <message>
      <source>Version {version} of the programme was refused: this till does not know what it holds ({why}). Upgrade the till; until then it prices by version {kept}.</source>
      <translation>会员方案第 {version} 版已拒收：本收银机不认识其中的内容（{why}）。请升级收银程序；在此之前按第 {kept} 版计价。</translation>
    </message>
    <message>
      <source>{n} promotion(s) in force now, programme version {version}.</source>
      <translation>当前有 {n} 项促销生效，会员方案第 {version} 版。</translation>
    </message>
    <message>
      <source>No promotion is in force in this store now (programme version {version}).</source>
      <translation>本店当前没有生效的促销（会员方案第 {version} 版）。</translation>
    </message>
  </context>
  <context>
    <name>RefusedView</name>
    <message>
      <source>Events head office refused</source>
      <translation>总部拒收的记录</translation>
    </message>
    <message>
      <source>Head office refused these events because its own books say they cannot have happened. Nothing of them was applied at head office, and this till does not send them again. Do not enter them again: call head office or IT and give them the event id.</source>
      <translation>总部核对自己的账目后认为这些记录不可能发生，因此拒收。它们在总部均未入账，本机也不会再次发送。请勿重新录入：请联系总部或 IT，并告知记录编号。</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>会员</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>小票</translation>
    </message>
    <message>
      <source>Head office's reason</source>
      <translation>总部拒收原因</translation>
    </message>
    <message>
      <source>Event id</source>
      <translation>记录编号</translation>
    </message>
    <message>
      <source>Sale</source>
      <translation>销售</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退货退款</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>充值</translation>
    </message>
    <message>
      <source>Stored value adjustment</source>
      <translation>储值调整</translation>
    </message>
    <message>
      <source>Points adjustment</source>
      <translation>积分调整</translation>
    </message>
    <message>
      <source>Points expiry</source>
      <translation>积分过期</translation>
    </message>
    <message>
      <source>Member registration</source>
      <translation>会员注册</translation>
    </message>
    <message>
      <source>Member details changed</source>
      <translation>会员资料修改</translation>
    </message>
    <message>
      <source>Tier change</source>
      <translation>等级变更</translation>
    </message>
    <message>
      <source>Card issued</source>
      <translation>发卡</translation>
    </message>
    <message>
      <source>Card reported lost</source>
      <translation>挂失</translation>
    </message>
    <message>
      <source>Card found</source>
      <translation>卡片找回</translation>
    </message>
    <message>
      <source>Card replaced</source>
      <translation>补卡</translation>
    </message>
    <message>
      <source>Card fee</source>
      <translation>工本费</translation>
    </message>
    <message>
      <source>Coupon given</source>
      <translation>发券</translation>
    </message>
    <message>
      <source>Count card used</source>
      <translation>次卡消费</translation>
    </message>
    <message>
      <source>Payment PIN set</source>
      <translation>设置支付密码</translation>
    </message>
    <message>
      <source>Wrong payment PIN</source>
      <translation>支付密码错误</translation>
    </message>
    <message>
      <source>Shift closed</source>
      <translation>交班</translation>
    </message>
    <message>
      <source>this till could not put the event in the form head office reads</source>
      <translation>本机无法把这条记录转换成总部能读取的格式</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>正在读取…</translation>
    </message>
    <message>
      <source>{n} event(s) set aside, none of them applied.</source>
      <translation>已搁置 {n} 条记录，均未入账。</translation>
    </message>
    <message>
      <source>Nothing refused: head office has taken every event this till sent. There is nothing to do here.</source>
      <translation>没有被拒收的记录：本机发送的记录总部都已接收，这里无需处理。</translation>
    </message>
    <message>
      <source>What to do: the {kind} of {at} was not applied. Call head office or IT and give them the event id {id}; they decide whether it is entered again.</source>
      <translation>下一步：{at} 的{kind}未入账。请联系总部或 IT，告知记录编号 {id}，由他们决定是否重新录入。</translation>
    </message>
  </context>
  <context>
    <name>RegisterDialog</name>
    <message>
      <source>Register a member</source>
      <translation>登记新会员</translation>
    </message>
    <message>
      <source>11-digit mobile number</source>
      <translation>11 位手机号</translation>
    </message>
    <message>
      <source>The member agrees to the store keeping and using these details</source>
      <translation>会员同意本店保存并使用以上个人信息</translation>
    </message>
    <message>
      <source>Register (Enter)</source>
      <translation>登记（Enter）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
    <message>
      <source>Registering…</source>
      <translation>正在登记…</translation>
    </message>
  </context>
  <context>
    <name>ReplaceCardDialog</name>
    <message>
      <source>Replace a card</source>
      <translation>补卡</translation>
    </message>
    <message>
      <source>Card {number} ({state}) of {name}: the new card takes over</source>
      <translation>{name} 的卡 {number}（{state}）：由新卡接替</translation>
    </message>
    <message>
      <source>Stored value {total}: principal {principal}, bonus {bonus}. Points {points} in {lots} lots. Tier {tier}. Coupons {coupons}.</source>
      <translation>储值 {total}：本金 {principal}，赠送 {bonus}。积分 {points}，共 {lots} 批。等级 {tier}。优惠券 {coupons} 张。</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>Expire on</source>
      <translation>到期日</translation>
    </message>
    <message>
      <source>never</source>
      <translation>永久有效</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <source>Stock card</source>
      <translation>库存卡号</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>The card is already replaced. Close the dialog.</source>
      <translation>已补卡，请关闭此窗口。</translation>
    </message>
    <message>
      <source>Replace the card</source>
      <translation>补卡</translation>
    </message>
    <message>
      <source>Replace card {old} with {card}? The old card stops working and its stored value and points move to the new one.</source>
      <translation>确定用 {card} 替换卡 {old} 吗？旧卡立即停用，储值和积分转入新卡。</translation>
    </message>
    <message>
      <source>Approve the card replacement</source>
      <translation>批准补卡</translation>
    </message>
    <message>
      <source>Replacing with {card}…</source>
      <translation>正在补卡：{card}…</translation>
    </message>
    <message>
      <source>Card {number} replaces {old}: {sv} stored value and {points} points moved.</source>
      <translation>新卡 {number} 接替 {old}：已转入储值 {sv}、积分 {points}。</translation>
    </message>
  </context>
  <context>
    <name>ReportLostDialog</name>
    <message>
      <source>Report a card lost</source>
      <translation>挂失</translation>
    </message>
    <message>
      <source>e.g. lost, stolen (optional)</source>
      <translation>例如：遗失、被盗（可不填）</translation>
    </message>
    <message>
      <source>The card is refused here at once, and at every store after the next sync.</source>
      <translation>挂失后本店立即拒绝此卡，下次同步后所有门店都会拒绝。</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>卡</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Block the card (Enter)</source>
      <translation>立即挂失（Enter）</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>取消（Esc）</translation>
    </message>
    <message>
      <source>Block card {number}? It is refused at once, here and at every store.</source>
      <translation>确定挂失卡 {number} 吗？本店立即停用，其他门店同步后停用。</translation>
    </message>
    <message>
      <source>Block the card</source>
      <translation>确认挂失</translation>
    </message>
  </context>
  <context>
    <name>ReportsView</name>
    <message>
      <source>Show (F5)</source>
      <translation>查询（F5）</translation>
    </message>
    <message>
      <source>Export PDF (Ctrl+E)</source>
      <translation>导出 PDF（Ctrl+E）</translation>
    </message>
    <message>
      <source>Programme jobs (F10)</source>
      <translation>会员计划作业（F10）</translation>
    </message>
    <message>
      <source>Campaign to a segment (F7)</source>
      <translation>分群发券（F7）</translation>
    </message>
    <message>
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <source>to</source>
      <translation>至</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>会员总数</translation>
    </message>
    <message>
      <source>New members</source>
      <translation>新会员</translation>
    </message>
    <message>
      <source>Activation rate</source>
      <translation>激活率</translation>
    </message>
    <message>
      <source>Churn rate</source>
      <translation>流失率</translation>
    </message>
    <message>
      <source>Member sales share</source>
      <translation>会员销售占比</translation>
    </message>
    <message>
      <source>Repurchase rate</source>
      <translation>复购率</translation>
    </message>
    <message>
      <source>Net sales</source>
      <translation>净销售额</translation>
    </message>
    <message>
      <source>Recharges (principal + bonus)</source>
      <translation>充值（本金 + 赠送）</translation>
    </message>
    <message>
      <source>Stored-value liability</source>
      <translation>储值余额</translation>
    </message>
    <message>
      <source>Points liability</source>
      <translation>积分余额</translation>
    </message>
    <message>
      <source>Champions</source>
      <translation>重要价值</translation>
    </message>
    <message>
      <source>Loyal</source>
      <translation>忠诚</translation>
    </message>
    <message>
      <source>New customers</source>
      <translation>新客</translation>
    </message>
    <message>
      <source>Potential loyalists</source>
      <translation>潜力</translation>
    </message>
    <message>
      <source>At risk</source>
      <translation>流失风险</translation>
    </message>
    <message>
      <source>Hibernating</source>
      <translation>休眠</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>已流失</translation>
    </message>
    <message>
      <source>Need attention</source>
      <translation>需关注</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新会员</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>活跃</translation>
    </message>
    <message>
      <source>Silent</source>
      <translation>沉默</translation>
    </message>
    <message>
      <source>Churned</source>
      <translation>流失</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <source>Stored value</source>
      <translation>储值</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>积分</translation>
    </message>
    <message>
      <source>Card / QR</source>
      <translation>银行卡/扫码</translation>
    </message>
    <message>
      <source>Computing the figures…</source>
      <translation>正在计算…</translation>
    </message>
    <message>
      <source>Running the tier review and points expiry…</source>
      <translation>正在进行等级复核和积分过期处理…</translation>
    </message>
    <message>
      <source>Tier review</source>
      <translation>等级复核</translation>
    </message>
    <message>
      <source>Points expiry</source>
      <translation>积分过期</translation>
    </message>
    <message>
      <source>{job}: {examined} examined, {changed} changed</source>
      <translation>{job}：检查 {examined} 位，变更 {changed} 位</translation>
    </message>
    <message>
      <source>(already run today)</source>
      <translation>（今天已运行过）</translation>
    </message>
    <message>
      <source>Show a period first, then export it.</source>
      <translation>请先查询一个期间，再导出。</translation>
    </message>
    <message>
      <source>Writing the PDF…</source>
      <translation>正在生成 PDF…</translation>
    </message>
    <message>
      <source>PDF written: {path}</source>
      <translation>PDF 已生成：{path}</translation>
    </message>
    <message>
      <source>{points} ({value})</source>
      <translation>{points}（{value}）</translation>
    </message>
    <message>
      <source>Sales by tender (yuan)</source>
      <translation>按支付方式的销售额（元）</translation>
    </message>
    <message>
      <source>Sales by hour (yuan)</source>
      <translation>按小时的销售额（元）</translation>
    </message>
    <message>
      <source>Sales by day (yuan)</source>
      <translation>按日的销售额（元）</translation>
    </message>
    <message>
      <source>RFM segments (members)</source>
      <translation>RFM 分群（人）</translation>
    </message>
    <message>
      <source>Lifecycle stages</source>
      <translation>生命周期阶段</translation>
    </message>
    <message>
      <source>Programme rates (%)</source>
      <translation>会员计划指标（%）</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活</translation>
    </message>
    <message>
      <source>Churn</source>
      <translation>流失</translation>
    </message>
    <message>
      <source>Member share</source>
      <translation>会员占比</translation>
    </message>
    <message>
      <source>Repurchase</source>
      <translation>复购</translation>
    </message>
    <message>
      <source>{start} – {end}: {receipts} receipts, {refunds} refunds.</source>
      <translation>{start} – {end}：小票 {receipts} 张，退货 {refunds} 笔。</translation>
    </message>
  </context>
  <context>
    <name>_CardDialog</name>
    <message>
      <source>Tap an unissued IC card on the reader, or scan / type a stock card number.</source>
      <translation>请在读卡器上刷一张未发放的 IC 卡，或扫描/输入库存卡号。</translation>
    </message>
    <message>
      <source>Stock card number — Enter</source>
      <translation>库存卡号 — 回车</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>现金</translation>
    </message>
    <message>
      <source>Bank card / QR code</source>
      <translation>银行卡 / 扫码</translation>
    </message>
    <message>
      <source>Card fee: {amount}</source>
      <translation>工本费：{amount}</translation>
    </message>
    <message>
      <source>No card fee</source>
      <translation>免工本费</translation>
    </message>
    <message>
      <source>This card is blank but its reader cannot write secure cards.</source>
      <translation>这是一张空白卡，但该读卡器不能写入加密卡。</translation>
    </message>
    <message>
      <source>Writing the card… keep it on the reader.</source>
      <translation>正在写卡…请把卡留在读卡器上。</translation>
    </message>
    <message>
      <source>This card cannot be used: {why}</source>
      <translation>此卡不能使用：{why}</translation>
    </message>
    <message>
      <source>The reader gave no card identifier: tap again.</source>
      <translation>读卡器没有读到卡号，请重新刷卡。</translation>
    </message>
    <message>
      <source>secure IC card {uid}</source>
      <translation>加密 IC 卡 {uid}</translation>
    </message>
    <message>
      <source>IC card {uid}</source>
      <translation>IC 卡 {uid}</translation>
    </message>
    <message>
      <source>stock card {number}</source>
      <translation>库存卡 {number}</translation>
    </message>
  </context>
  <context>
    <name>_MemberDialog</name>
    <message>
      <source>YYYY-MM-DD (optional)</source>
      <translation>YYYY-MM-DD（可不填）</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>手机号</translation>
    </message>
    <message>
      <source>Birthday</source>
      <translation>生日</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>性别</translation>
    </message>
  </context>
</TS>
