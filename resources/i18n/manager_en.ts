<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>CampaignDialog</name>
    <message>
      <source>Coupon campaign to a segment</source>
      <translation>Coupon campaign to a segment</translation>
    </message>
    <message>
      <source>Segment</source>
      <translation>Segment</translation>
    </message>
    <message>
      <source>Campaign code</source>
      <translation>Campaign code</translation>
    </message>
    <message>
      <source>Run the campaign (Enter)</source>
      <translation>Run the campaign (Enter)</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>Close (Esc)</translation>
    </message>
    <message>
      <source>Issuing coupons…</source>
      <translation>Issuing coupons…</translation>
    </message>
    <message>
      <source>{issued} coupons issued to the {members} members of the segment.</source>
      <translation>{issued} coupons issued to the {members} members of the segment.</translation>
    </message>
  </context>
  <context>
    <name>Cards</name>
    <message>
      <source>stock</source>
      <translation>stock</translation>
    </message>
    <message>
      <source>active</source>
      <translation>active</translation>
    </message>
    <message>
      <source>lost</source>
      <translation>lost</translation>
    </message>
    <message>
      <source>replaced</source>
      <translation>replaced</translation>
    </message>
    <message>
      <source>expired</source>
      <translation>expired</translation>
    </message>
    <message>
      <source>IC card</source>
      <translation>IC card</translation>
    </message>
    <message>
      <source>barcode card</source>
      <translation>barcode card</translation>
    </message>
    <message>
      <source>contact IC card</source>
      <translation>contact IC card</translation>
    </message>
    <message>
      <source>ID card</source>
      <translation>ID card</translation>
    </message>
    <message>
      <source>magnetic card</source>
      <translation>magnetic card</translation>
    </message>
  </context>
  <context>
    <name>CouponDialog</name>
    <message>
      <source>Give a coupon</source>
      <translation>Give a coupon</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>Coupon code</source>
      <translation>Coupon code</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Give the coupon (Enter)</source>
      <translation>Give the coupon (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
  </context>
  <context>
    <name>CouponForm</name>
    <message>
      <source>Store coupon</source>
      <translation>Store coupon</translation>
    </message>
    <message>
      <source>Amount off (yuan)</source>
      <translation>Amount off (yuan)</translation>
    </message>
    <message>
      <source>Minimum spend (yuan)</source>
      <translation>Minimum spend (yuan)</translation>
    </message>
    <message>
      <source>Coupon name</source>
      <translation>Coupon name</translation>
    </message>
    <message>
      <source>Valid for (days)</source>
      <translation>Valid for (days)</translation>
    </message>
    <message>
      <source>type an amount such as 10 or 9.90</source>
      <translation>type an amount such as 10 or 9.90</translation>
    </message>
  </context>
  <context>
    <name>DayCloseDialog</name>
    <message>
      <source>Day close (日结)</source>
      <translation>Day close (日结)</translation>
    </message>
    <message>
      <source>Every shift of today on this till, and the day's sums.</source>
      <translation>Every shift of today on this till, and the day's sums.</translation>
    </message>
    <message>
      <source>Shift</source>
      <translation>Shift</translation>
    </message>
    <message>
      <source>Cashier</source>
      <translation>Cashier</translation>
    </message>
    <message>
      <source>Sales</source>
      <translation>Sales</translation>
    </message>
    <message>
      <source>Refunds</source>
      <translation>Refunds</translation>
    </message>
    <message>
      <source>Recharges</source>
      <translation>Recharges</translation>
    </message>
    <message>
      <source>Cash expected</source>
      <translation>Cash expected</translation>
    </message>
    <message>
      <source>Difference</source>
      <translation>Difference</translation>
    </message>
    <message>
      <source>Close the day and print (Enter)</source>
      <translation>Close the day and print (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
    <message>
      <source>Day {day}: {n} shifts. Sales {sales}, refunds {refunds}, recharges {recharges}. Cash expected {expected}, counted {counted}, difference {difference}.</source>
      <translation>Day {day}: {n} shifts. Sales {sales}, refunds {refunds}, recharges {recharges}. Cash expected {expected}, counted {counted}, difference {difference}.</translation>
    </message>
    <message>
      <source>Shift {shift} is still open: the cashier closes it (handover) before the day close.</source>
      <translation>Shift {shift} is still open: the cashier closes it (handover) before the day close.</translation>
    </message>
    <message>
      <source>Close the day on this till and print the day's report?</source>
      <translation>Close the day on this till and print the day's report?</translation>
    </message>
    <message>
      <source>Close the day</source>
      <translation>Close the day</translation>
    </message>
    <message>
      <source>Day {day} closed: the day's report is printing.</source>
      <translation>Day {day} closed: the day's report is printing.</translation>
    </message>
  </context>
  <context>
    <name>EditMemberDialog</name>
    <message>
      <source>Edit member {id}</source>
      <translation>Edit member {id}</translation>
    </message>
    <message>
      <source>Save (Enter)</source>
      <translation>Save (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
    <message>
      <source>Nothing changed.</source>
      <translation>Nothing changed.</translation>
    </message>
  </context>
  <context>
    <name>FoundCardDialog</name>
    <message>
      <source>Undo a lost-card report</source>
      <translation>Undo a lost-card report</translation>
    </message>
    <message>
      <source>e.g. the member found the card (optional)</source>
      <translation>e.g. the member found the card (optional)</translation>
    </message>
    <message>
      <source>Only when the member has the card in hand: it works again here at once, and at every store after the next sync.</source>
      <translation>Only when the member has the card in hand: it works again here at once, and at every store after the next sync.</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Card</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Unblock the card (Enter)</source>
      <translation>Unblock the card (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
    <message>
      <source>Unblock card {number}? It can pay and earn again at once.</source>
      <translation>Unblock card {number}? It can pay and earn again at once.</translation>
    </message>
    <message>
      <source>Unblock the card</source>
      <translation>Unblock the card</translation>
    </message>
  </context>
  <context>
    <name>IssueCardDialog</name>
    <message>
      <source>Issue a card</source>
      <translation>Issue a card</translation>
    </message>
    <message>
      <source>Member: {who}</source>
      <translation>Member: {who}</translation>
    </message>
    <message>
      <source>Print card face (Ctrl+P)</source>
      <translation>Print card face (Ctrl+P)</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>Close (Esc)</translation>
    </message>
    <message>
      <source>Stock card</source>
      <translation>Stock card</translation>
    </message>
    <message>
      <source>This member's card is issued. Close the dialog first.</source>
      <translation>This member's card is issued. Close the dialog first.</translation>
    </message>
    <message>
      <source>Issuing {card}…</source>
      <translation>Issuing {card}…</translation>
    </message>
    <message>
      <source>Card {number} issued.</source>
      <translation>Card {number} issued.</translation>
    </message>
    <message>
      <source>Card fee {amount} taken.</source>
      <translation>Card fee {amount} taken.</translation>
    </message>
    <message>
      <source>Card face ready to print: {path}</source>
      <translation>Card face ready to print: {path}</translation>
    </message>
  </context>
  <context>
    <name>ManagerConfirm</name>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
  </context>
  <context>
    <name>ManagerDialog</name>
    <message>
      <source>That was a scan ({code}), not something to type here: nothing was changed. Type it by hand.</source>
      <translation>That was a scan ({code}), not something to type here: nothing was changed. Type it by hand.</translation>
    </message>
  </context>
  <context>
    <name>ManagerEntry</name>
    <message>
      <source>Manager mode — log in</source>
      <translation>Manager mode — log in</translation>
    </message>
    <message>
      <source>Manager mode: a manager's staff id and PIN</source>
      <translation>Manager mode: a manager's staff id and PIN</translation>
    </message>
  </context>
  <context>
    <name>ManagerWindow</name>
    <message>
      <source>pos-member — manager</source>
      <translation>pos-member — manager</translation>
    </message>
    <message>
      <source>Search a member by phone, card number or name, or tap their card.</source>
      <translation>Search a member by phone, card number or name, or tap their card.</translation>
    </message>
    <message>
      <source>Manager mode</source>
      <translation>Manager mode</translation>
    </message>
    <message>
      <source>Manager: {name} ({id})</source>
      <translation>Manager: {name} ({id})</translation>
    </message>
    <message>
      <source>Leave manager mode (Esc)</source>
      <translation>Leave manager mode (Esc)</translation>
    </message>
    <message>
      <source>Members (Ctrl+1)</source>
      <translation>Members (Ctrl+1)</translation>
    </message>
    <message>
      <source>Reports (Ctrl+2)</source>
      <translation>Reports (Ctrl+2)</translation>
    </message>
    <message>
      <source>Refused by head office (Ctrl+3)</source>
      <translation>Refused by head office (Ctrl+3)</translation>
    </message>
    <message>
      <source>Promotions</source>
      <translation>Promotions</translation>
    </message>
    <message>
      <source>Phone, card number, card UID or the start of a name — Enter</source>
      <translation>Phone, card number, card UID or the start of a name — Enter</translation>
    </message>
    <message>
      <source>Search (Enter)</source>
      <translation>Search (Enter)</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>Tier</translation>
    </message>
    <message>
      <source>Stored value</source>
      <translation>Stored value</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Points</translation>
    </message>
    <message>
      <source>Cards</source>
      <translation>Cards</translation>
    </message>
    <message>
      <source>F2
Register</source>
      <translation>F2
Register</translation>
    </message>
    <message>
      <source>F3
Issue card</source>
      <translation>F3
Issue card</translation>
    </message>
    <message>
      <source>F4
Report lost</source>
      <translation>F4
Report lost</translation>
    </message>
    <message>
      <source>Shift+F4
Undo lost (解除挂失)</source>
      <translation>Shift+F4
Undo lost (解除挂失)</translation>
    </message>
    <message>
      <source>F6
Replace card</source>
      <translation>F6
Replace card</translation>
    </message>
    <message>
      <source>F8
Give coupon</source>
      <translation>F8
Give coupon</translation>
    </message>
    <message>
      <source>F9
Edit</source>
      <translation>F9
Edit</translation>
    </message>
    <message>
      <source>F11
退卡 / reverse recharge</source>
      <translation>F11
退卡 / reverse recharge</translation>
    </message>
    <message>
      <source>F12
Payment PIN</source>
      <translation>F12
Payment PIN</translation>
    </message>
    <message>
      <source>Ctrl+D
Day close (日结)</source>
      <translation>Ctrl+D
Day close (日结)</translation>
    </message>
    <message>
      <source>Ctrl+Shift+E
Member's data copy</source>
      <translation>Ctrl+Shift+E
Member's data copy</translation>
    </message>
    <message>
      <source>Ctrl+Shift+M
Withdraw marketing consent</source>
      <translation>Ctrl+Shift+M
Withdraw marketing consent</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>Ledger</source>
      <translation>Ledger</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Principal</source>
      <translation>Principal</translation>
    </message>
    <message>
      <source>Bonus</source>
      <translation>Bonus</translation>
    </message>
    <message>
      <source>Stored value after</source>
      <translation>Stored value after</translation>
    </message>
    <message>
      <source>Points after</source>
      <translation>Points after</translation>
    </message>
    <message>
      <source>Receipt / note</source>
      <translation>Receipt / note</translation>
    </message>
    <message>
      <source>From</source>
      <translation>From</translation>
    </message>
    <message>
      <source>To</source>
      <translation>To</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Why</translation>
    </message>
    <message>
      <source>Statement: every ledger entry with its reason</source>
      <translation>Statement: every ledger entry with its reason</translation>
    </message>
    <message>
      <source>Tier history</source>
      <translation>Tier history</translation>
    </message>
    <message>
      <source>Type a phone, card number or name first.</source>
      <translation>Type a phone, card number or name first.</translation>
    </message>
    <message>
      <source>no card</source>
      <translation>no card</translation>
    </message>
    <message>
      <source>No member found.</source>
      <translation>No member found.</translation>
    </message>
    <message>
      <source>{n} member(s) found.</source>
      <translation>{n} member(s) found.</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>Recharge</translation>
    </message>
    <message>
      <source>Spent at a sale</source>
      <translation>Spent at a sale</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>Refund</translation>
    </message>
    <message>
      <source>Adjustment</source>
      <translation>Adjustment</translation>
    </message>
    <message>
      <source>Moved off the old card</source>
      <translation>Moved off the old card</translation>
    </message>
    <message>
      <source>Moved to the new card</source>
      <translation>Moved to the new card</translation>
    </message>
    <message>
      <source>Card fee</source>
      <translation>Card fee</translation>
    </message>
    <message>
      <source>Earned</source>
      <translation>Earned</translation>
    </message>
    <message>
      <source>Redeemed</source>
      <translation>Redeemed</translation>
    </message>
    <message>
      <source>Taken back by a refund</source>
      <translation>Taken back by a refund</translation>
    </message>
    <message>
      <source>Given back by a refund</source>
      <translation>Given back by a refund</translation>
    </message>
    <message>
      <source>Expired</source>
      <translation>Expired</translation>
    </message>
    <message>
      <source>Bonus points</source>
      <translation>Bonus points</translation>
    </message>
    <message>
      <source>Card replaced</source>
      <translation>Card replaced</translation>
    </message>
    <message>
      <source>Card fee (new card)</source>
      <translation>Card fee (new card)</translation>
    </message>
    <message>
      <source>Card fee (replacement)</source>
      <translation>Card fee (replacement)</translation>
    </message>
    <message>
      <source>Sign-up</source>
      <translation>Sign-up</translation>
    </message>
    <message>
      <source>Upgrade</source>
      <translation>Upgrade</translation>
    </message>
    <message>
      <source>Downgrade at review</source>
      <translation>Downgrade at review</translation>
    </message>
    <message>
      <source>Tier review</source>
      <translation>Tier review</translation>
    </message>
    <message>
      <source>Balance confirmed by head office</source>
      <translation>Balance confirmed by head office</translation>
    </message>
    <message>
      <source>Recharge reversed (cooling-off)</source>
      <translation>Recharge reversed (cooling-off)</translation>
    </message>
    <message>
      <source>Card closed (退卡)</source>
      <translation>Card closed (退卡)</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Card</translation>
    </message>
    <message>
      <source>No member selected.</source>
      <translation>No member selected.</translation>
    </message>
    <message>
      <source>female</source>
      <translation>female</translation>
    </message>
    <message>
      <source>male</source>
      <translation>male</translation>
    </message>
    <message>
      <source>other</source>
      <translation>other</translation>
    </message>
    <message>
      <source>Member {id}: {name}</source>
      <translation>Member {id}: {name}</translation>
    </message>
    <message>
      <source>Phone {phone}   Birthday {birthday}   Gender {gender}</source>
      <translation>Phone {phone}   Birthday {birthday}   Gender {gender}</translation>
    </message>
    <message>
      <source>Tier {tier}   Joined {joined}   Consent {consent}</source>
      <translation>Tier {tier}   Joined {joined}   Consent {consent}</translation>
    </message>
    <message>
      <source>Card {number} — {kind}, {state}, issued {issued}</source>
      <translation>Card {number} — {kind}, {state}, issued {issued}</translation>
    </message>
    <message>
      <source>No card yet: press F3 to issue one.</source>
      <translation>No card yet: press F3 to issue one.</translation>
    </message>
    <message>
      <source>Stored value {total} (principal {principal}, bonus {bonus})   Points {points}</source>
      <translation>Stored value {total} (principal {principal}, bonus {bonus})   Points {points}</translation>
    </message>
    <message>
      <source>expires {date}</source>
      <translation>expires {date}</translation>
    </message>
    <message>
      <source>This card is not issued here. Select a member and press F3 to issue it.</source>
      <translation>This card is not issued here. Select a member and press F3 to issue it.</translation>
    </message>
    <message>
      <source>Select a member first (search, then ↑/↓).</source>
      <translation>Select a member first (search, then ↑/↓).</translation>
    </message>
    <message>
      <source>PDF written: {path}</source>
      <translation>PDF written: {path}</translation>
    </message>
    <message>
      <source>Member {id} registered.</source>
      <translation>Member {id} registered.</translation>
    </message>
    <message>
      <source>Sign-up coupon {code} given.</source>
      <translation>Sign-up coupon {code} given.</translation>
    </message>
    <message>
      <source>Card saved.</source>
      <translation>Card saved.</translation>
    </message>
    <message>
      <source>This member has no active card to block.</source>
      <translation>This member has no active card to block.</translation>
    </message>
    <message>
      <source>Card {number} is blocked. Press F6 to replace it.</source>
      <translation>Card {number} is blocked. Press F6 to replace it.</translation>
    </message>
    <message>
      <source>This member has no card reported lost.</source>
      <translation>This member has no card reported lost.</translation>
    </message>
    <message>
      <source>Card {number} works again.</source>
      <translation>Card {number} works again.</translation>
    </message>
    <message>
      <source>This member has no card to replace.</source>
      <translation>This member has no card to replace.</translation>
    </message>
    <message>
      <source>Coupon {code} given.</source>
      <translation>Coupon {code} given.</translation>
    </message>
    <message>
      <source>Member {id}: data copy written to {json} and {pdf}. Hand it to the member only.</source>
      <translation>Member {id}: data copy written to {json} and {pdf}. Hand it to the member only.</translation>
    </message>
    <message>
      <source>Withdraw marketing consent</source>
      <translation>Withdraw marketing consent</translation>
    </message>
    <message>
      <source>Member {id} will receive no more marketing messages or campaigns from any store. Membership, balances and points stay as they are.</source>
      <translation>Member {id} will receive no more marketing messages or campaigns from any store. Membership, balances and points stay as they are.</translation>
    </message>
    <message>
      <source>Withdraw</source>
      <translation>Withdraw</translation>
    </message>
    <message>
      <source>Member {id}: marketing consent withdrawn; head office is told at the next sync.</source>
      <translation>Member {id}: marketing consent withdrawn; head office is told at the next sync.</translation>
    </message>
    <message>
      <source>name</source>
      <translation>name</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>phone</translation>
    </message>
    <message>
      <source>birthday</source>
      <translation>birthday</translation>
    </message>
    <message>
      <source>gender</source>
      <translation>gender</translation>
    </message>
    <message>
      <source>Member {id}: {fields} changed.</source>
      <translation>Member {id}: {fields} changed.</translation>
    </message>
  </context>
  <context>
    <name>Members</name>
    <message>
      <source>Birthday</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <source>type the date as YYYY-MM-DD</source>
      <translation>type the date as YYYY-MM-DD</translation>
    </message>
    <message>
      <source>Not given</source>
      <translation>Not given</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Other</translation>
    </message>
  </context>
  <context>
    <name>PinDialog</name>
    <message>
      <source>Payment PIN</source>
      <translation>Payment PIN</translation>
    </message>
    <message>
      <source>Set a first PIN</source>
      <translation>Set a first PIN</translation>
    </message>
    <message>
      <source>Change (the member knows the old PIN)</source>
      <translation>Change (the member knows the old PIN)</translation>
    </message>
    <message>
      <source>Reset a forgotten PIN (check the member first)</source>
      <translation>Reset a forgotten PIN (check the member first)</translation>
    </message>
    <message>
      <source>Unlock after too many wrong PINs</source>
      <translation>Unlock after too many wrong PINs</translation>
    </message>
    <message>
      <source>the member types the old PIN</source>
      <translation>the member types the old PIN</translation>
    </message>
    <message>
      <source>phone or ID number, read from the member's document</source>
      <translation>phone or ID number, read from the member's document</translation>
    </message>
    <message>
      <source>the member chooses 6 digits</source>
      <translation>the member chooses 6 digits</translation>
    </message>
    <message>
      <source>the same 6 digits again</source>
      <translation>the same 6 digits again</translation>
    </message>
    <message>
      <source>6 digits; not all one digit, not a run like 123456 or 654321, not the member's birthday or the end of the phone number.</source>
      <translation>6 digits; not all one digit, not a run like 123456 or 654321, not the member's birthday or the end of the phone number.</translation>
    </message>
    <message>
      <source>That was a scan, not a PIN: the member types the 6 digits.</source>
      <translation>That was a scan, not a PIN: the member types the 6 digits.</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>What to do</source>
      <translation>What to do</translation>
    </message>
    <message>
      <source>Old PIN</source>
      <translation>Old PIN</translation>
    </message>
    <message>
      <source>Member check</source>
      <translation>Member check</translation>
    </message>
    <message>
      <source>New PIN</source>
      <translation>New PIN</translation>
    </message>
    <message>
      <source>New PIN again</source>
      <translation>New PIN again</translation>
    </message>
    <message>
      <source>Save  Enter</source>
      <translation>Save  Enter</translation>
    </message>
    <message>
      <source>Close  Esc</source>
      <translation>Close  Esc</translation>
    </message>
    <message>
      <source>Locked until {until} after too many wrong PINs: the member pays another way until then, or you unlock it.</source>
      <translation>Locked until {until} after too many wrong PINs: the member pays another way until then, or you unlock it.</translation>
    </message>
    <message>
      <source>A PIN is set.</source>
      <translation>A PIN is set.</translation>
    </message>
    <message>
      <source>No PIN yet: the member sets one (typed twice).</source>
      <translation>No PIN yet: the member sets one (typed twice).</translation>
    </message>
    <message>
      <source>Unlock  Enter</source>
      <translation>Unlock  Enter</translation>
    </message>
    <message>
      <source>Payment PIN set for member {id}.</source>
      <translation>Payment PIN set for member {id}.</translation>
    </message>
    <message>
      <source>Payment PIN changed for member {id}.</source>
      <translation>Payment PIN changed for member {id}.</translation>
    </message>
    <message>
      <source>Payment PIN reset for member {id}; any lock ended.</source>
      <translation>Payment PIN reset for member {id}; any lock ended.</translation>
    </message>
    <message>
      <source>Payment PIN of member {id} unlocked.</source>
      <translation>Payment PIN of member {id} unlocked.</translation>
    </message>
  </context>
  <context>
    <name>PrepaidDialog</name>
    <message>
      <source>Close a card (退卡) or reverse a recharge</source>
      <translation>Close a card (退卡) or reverse a recharge</translation>
    </message>
    <message>
      <source>Close a card (退卡)</source>
      <translation>Close a card (退卡)</translation>
    </message>
    <message>
      <source>Reverse a recharge</source>
      <translation>Reverse a recharge</translation>
    </message>
    <message>
      <source>Preview (Enter)</source>
      <translation>Preview (Enter)</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>Close (Esc)</translation>
    </message>
    <message>
      <source>Confirm</source>
      <translation>Confirm</translation>
    </message>
    <message>
      <source>The holder agrees that the ID number is kept (sealed, at least 5 years)</source>
      <translation>The holder agrees that the ID number is kept (sealed, at least 5 years)</translation>
    </message>
    <message>
      <source>needed above ¥100: the holder's account</source>
      <translation>needed above ¥100: the holder's account</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Card</translation>
    </message>
    <message>
      <source>Holder's name (as on the ID)</source>
      <translation>Holder's name (as on the ID)</translation>
    </message>
    <message>
      <source>ID type</source>
      <translation>ID type</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>Account name</source>
      <translation>Account name</translation>
    </message>
    <message>
      <source>Account number</source>
      <translation>Account number</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>Bank</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Recharge receipt</source>
      <translation>Recharge receipt</translation>
    </message>
    <message>
      <source>Costs kept back (Jiangsu only)</source>
      <translation>Costs kept back (Jiangsu only)</translation>
    </message>
    <message>
      <source>Card {card} of {name}: refund {refund}, bonus not refunded {kept}.</source>
      <translation>Card {card} of {name}: refund {refund}, bonus not refunded {kept}.</translation>
    </message>
    <message>
      <source>This card was closed already (receipt {receipt}).</source>
      <translation>This card was closed already (receipt {receipt}).</translation>
    </message>
    <message>
      <source>A recharge is not synced yet: sync first, then close the card.</source>
      <translation>A recharge is not synced yet: sync first, then close the card.</translation>
    </message>
    <message>
      <source>Show the member the amount, then confirm.</source>
      <translation>Show the member the amount, then confirm.</translation>
    </message>
    <message>
      <source>Recharge {receipt} of {day}: principal {principal} and bonus {bonus} come off the card; {refund} goes back ({costs} of costs kept). Last day: {last}.</source>
      <translation>Recharge {receipt} of {day}: principal {principal} and bonus {bonus} come off the card; {refund} goes back ({costs} of costs kept). Last day: {last}.</translation>
    </message>
    <message>
      <source>Approve 退卡</source>
      <translation>Approve 退卡</translation>
    </message>
    <message>
      <source>Approve the reversal</source>
      <translation>Approve the reversal</translation>
    </message>
    <message>
      <source>Card closed: {refund} by {tender}, receipt {receipt}.</source>
      <translation>Card closed: {refund} by {tender}, receipt {receipt}.</translation>
    </message>
    <message>
      <source>cash</source>
      <translation>cash</translation>
    </message>
    <message>
      <source>bank transfer</source>
      <translation>bank transfer</translation>
    </message>
    <message>
      <source>Recharge reversed: {refund} back, receipt {receipt}.</source>
      <translation>Recharge reversed: {refund} back, receipt {receipt}.</translation>
    </message>
  </context>
  <context>
    <name>PromotionsView</name>
    <message>
      <source>Promotions in force in this store</source>
      <translation>Promotions in force in this store</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Rule</translation>
    </message>
    <message>
      <source>Covers</source>
      <translation>Covers</translation>
    </message>
    <message>
      <source>For</source>
      <translation>For</translation>
    </message>
    <message>
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <source>Exclusive group</source>
      <translation>Exclusive group</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <source>items {codes}</source>
      <translation>items {codes}</translation>
    </message>
    <message>
      <source>everything</source>
      <translation>everything</translation>
    </message>
    <message>
      <source>categories {names}</source>
      <translation>categories {names}</translation>
    </message>
    <message>
      <source>brands {names}</source>
      <translation>brands {names}</translation>
    </message>
    <message>
      <source>except {codes}</source>
      <translation>except {codes}</translation>
    </message>
    <message>
      <source>gift {code}</source>
      <translation>gift {code}</translation>
    </message>
    <message>
      <source>; </source>
      <translation>; </translation>
    </message>
    <message>
      <source>tiers {codes}</source>
      <translation>tiers {codes}</translation>
    </message>
    <message>
      <source>members</source>
      <translation>members</translation>
    </message>
    <message>
      <source>everyone</source>
      <translation>everyone</translation>
    </message>
    <message>
      <source>{since} to {until}</source>
      <translation>{since} to {until}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>, </translation>
    </message>
    <message>
      <source>always</source>
      <translation>always</translation>
    </message>
    <message>
      <source>Mon</source>
      <translation>Mon</translation>
    </message>
    <message>
      <source>Tue</source>
      <translation>Tue</translation>
    </message>
    <message>
      <source>Wed</source>
      <translation>Wed</translation>
    </message>
    <message>
      <source>Thu</source>
      <translation>Thu</translation>
    </message>
    <message>
      <source>Fri</source>
      <translation>Fri</translation>
    </message>
    <message>
      <source>Sat</source>
      <translation>Sat</translation>
    </message>
    <message>
      <source>Sun</source>
      <translation>Sun</translation>
    </message>
    <message>
      <source>Version {version} of the programme was refused: this till does not know what it holds ({why}). Upgrade the till; until then it prices by version {kept}.</source>
      <translation>Version {version} of the programme was refused: this till does not know what it holds ({why}). Upgrade the till; until then it prices by version {kept}.</translation>
    </message>
    <message>
      <source>{n} promotion(s) in force now, programme version {version}.</source>
      <translation>{n} promotion(s) in force now, programme version {version}.</translation>
    </message>
    <message>
      <source>No promotion is in force in this store now (programme version {version}).</source>
      <translation>No promotion is in force in this store now (programme version {version}).</translation>
    </message>
  </context>
  <context>
    <name>RefusedView</name>
    <message>
      <source>Events head office refused</source>
      <translation>Events head office refused</translation>
    </message>
    <message>
      <source>Head office refused these events because its own books say they cannot have happened. Nothing of them was applied at head office, and this till does not send them again. Do not enter them again: call head office or IT and give them the event id.</source>
      <translation>Head office refused these events because its own books say they cannot have happened. Nothing of them was applied at head office, and this till does not send them again. Do not enter them again: call head office or IT and give them the event id.</translation>
    </message>
    <message>
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Points</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <source>Head office's reason</source>
      <translation>Head office's reason</translation>
    </message>
    <message>
      <source>Event id</source>
      <translation>Event id</translation>
    </message>
    <message>
      <source>Sale</source>
      <translation>Sale</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>Refund</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>Recharge</translation>
    </message>
    <message>
      <source>Stored value adjustment</source>
      <translation>Stored value adjustment</translation>
    </message>
    <message>
      <source>Points adjustment</source>
      <translation>Points adjustment</translation>
    </message>
    <message>
      <source>Points expiry</source>
      <translation>Points expiry</translation>
    </message>
    <message>
      <source>Member registration</source>
      <translation>Member registration</translation>
    </message>
    <message>
      <source>Member details changed</source>
      <translation>Member details changed</translation>
    </message>
    <message>
      <source>Tier change</source>
      <translation>Tier change</translation>
    </message>
    <message>
      <source>Card issued</source>
      <translation>Card issued</translation>
    </message>
    <message>
      <source>Card reported lost</source>
      <translation>Card reported lost</translation>
    </message>
    <message>
      <source>Card found</source>
      <translation>Card found</translation>
    </message>
    <message>
      <source>Card replaced</source>
      <translation>Card replaced</translation>
    </message>
    <message>
      <source>Card fee</source>
      <translation>Card fee</translation>
    </message>
    <message>
      <source>Coupon given</source>
      <translation>Coupon given</translation>
    </message>
    <message>
      <source>Count card used</source>
      <translation>Count card used</translation>
    </message>
    <message>
      <source>Payment PIN set</source>
      <translation>Payment PIN set</translation>
    </message>
    <message>
      <source>Wrong payment PIN</source>
      <translation>Wrong payment PIN</translation>
    </message>
    <message>
      <source>Shift closed</source>
      <translation>Shift closed</translation>
    </message>
    <message>
      <source>this till could not put the event in the form head office reads</source>
      <translation>this till could not put the event in the form head office reads</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <source>{n} event(s) set aside, none of them applied.</source>
      <translation>{n} event(s) set aside, none of them applied.</translation>
    </message>
    <message>
      <source>Nothing refused: head office has taken every event this till sent. There is nothing to do here.</source>
      <translation>Nothing refused: head office has taken every event this till sent. There is nothing to do here.</translation>
    </message>
    <message>
      <source>What to do: the {kind} of {at} was not applied. Call head office or IT and give them the event id {id}; they decide whether it is entered again.</source>
      <translation>What to do: the {kind} of {at} was not applied. Call head office or IT and give them the event id {id}; they decide whether it is entered again.</translation>
    </message>
  </context>
  <context>
    <name>RegisterDialog</name>
    <message>
      <source>Register a member</source>
      <translation>Register a member</translation>
    </message>
    <message>
      <source>11-digit mobile number</source>
      <translation>11-digit mobile number</translation>
    </message>
    <message>
      <source>The member agrees to the store keeping and using these details</source>
      <translation>The member agrees to the store keeping and using these details</translation>
    </message>
    <message>
      <source>Register (Enter)</source>
      <translation>Register (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
    <message>
      <source>Registering…</source>
      <translation>Registering…</translation>
    </message>
  </context>
  <context>
    <name>ReplaceCardDialog</name>
    <message>
      <source>Replace a card</source>
      <translation>Replace a card</translation>
    </message>
    <message>
      <source>Card {number} ({state}) of {name}: the new card takes over</source>
      <translation>Card {number} ({state}) of {name}: the new card takes over</translation>
    </message>
    <message>
      <source>Stored value {total}: principal {principal}, bonus {bonus}. Points {points} in {lots} lots. Tier {tier}. Coupons {coupons}.</source>
      <translation>Stored value {total}: principal {principal}, bonus {bonus}. Points {points} in {lots} lots. Tier {tier}. Coupons {coupons}.</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Points</translation>
    </message>
    <message>
      <source>Expire on</source>
      <translation>Expire on</translation>
    </message>
    <message>
      <source>never</source>
      <translation>never</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>Close (Esc)</translation>
    </message>
    <message>
      <source>Stock card</source>
      <translation>Stock card</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>The card is already replaced. Close the dialog.</source>
      <translation>The card is already replaced. Close the dialog.</translation>
    </message>
    <message>
      <source>Replace the card</source>
      <translation>Replace the card</translation>
    </message>
    <message>
      <source>Replace card {old} with {card}? The old card stops working and its stored value and points move to the new one.</source>
      <translation>Replace card {old} with {card}? The old card stops working and its stored value and points move to the new one.</translation>
    </message>
    <message>
      <source>Approve the card replacement</source>
      <translation>Approve the card replacement</translation>
    </message>
    <message>
      <source>Replacing with {card}…</source>
      <translation>Replacing with {card}…</translation>
    </message>
    <message>
      <source>Card {number} replaces {old}: {sv} stored value and {points} points moved.</source>
      <translation>Card {number} replaces {old}: {sv} stored value and {points} points moved.</translation>
    </message>
  </context>
  <context>
    <name>ReportLostDialog</name>
    <message>
      <source>Report a card lost</source>
      <translation>Report a card lost</translation>
    </message>
    <message>
      <source>e.g. lost, stolen (optional)</source>
      <translation>e.g. lost, stolen (optional)</translation>
    </message>
    <message>
      <source>The card is refused here at once, and at every store after the next sync.</source>
      <translation>The card is refused here at once, and at every store after the next sync.</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Card</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Block the card (Enter)</source>
      <translation>Block the card (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
    <message>
      <source>Block card {number}? It is refused at once, here and at every store.</source>
      <translation>Block card {number}? It is refused at once, here and at every store.</translation>
    </message>
    <message>
      <source>Block the card</source>
      <translation>Block the card</translation>
    </message>
  </context>
  <context>
    <name>ReportsView</name>
    <message>
      <source>Show (F5)</source>
      <translation>Show (F5)</translation>
    </message>
    <message>
      <source>Export PDF (Ctrl+E)</source>
      <translation>Export PDF (Ctrl+E)</translation>
    </message>
    <message>
      <source>Programme jobs (F10)</source>
      <translation>Programme jobs (F10)</translation>
    </message>
    <message>
      <source>Campaign to a segment (F7)</source>
      <translation>Campaign to a segment (F7)</translation>
    </message>
    <message>
      <source>From</source>
      <translation>From</translation>
    </message>
    <message>
      <source>to</source>
      <translation>to</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Members</translation>
    </message>
    <message>
      <source>New members</source>
      <translation>New members</translation>
    </message>
    <message>
      <source>Activation rate</source>
      <translation>Activation rate</translation>
    </message>
    <message>
      <source>Churn rate</source>
      <translation>Churn rate</translation>
    </message>
    <message>
      <source>Member sales share</source>
      <translation>Member sales share</translation>
    </message>
    <message>
      <source>Repurchase rate</source>
      <translation>Repurchase rate</translation>
    </message>
    <message>
      <source>Net sales</source>
      <translation>Net sales</translation>
    </message>
    <message>
      <source>Recharges (principal + bonus)</source>
      <translation>Recharges (principal + bonus)</translation>
    </message>
    <message>
      <source>Stored-value liability</source>
      <translation>Stored-value liability</translation>
    </message>
    <message>
      <source>Points liability</source>
      <translation>Points liability</translation>
    </message>
    <message>
      <source>Champions</source>
      <translation>Champions</translation>
    </message>
    <message>
      <source>Loyal</source>
      <translation>Loyal</translation>
    </message>
    <message>
      <source>New customers</source>
      <translation>New customers</translation>
    </message>
    <message>
      <source>Potential loyalists</source>
      <translation>Potential loyalists</translation>
    </message>
    <message>
      <source>At risk</source>
      <translation>At risk</translation>
    </message>
    <message>
      <source>Hibernating</source>
      <translation>Hibernating</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>Lost</translation>
    </message>
    <message>
      <source>Need attention</source>
      <translation>Need attention</translation>
    </message>
    <message>
      <source>New</source>
      <translation>New</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Silent</source>
      <translation>Silent</translation>
    </message>
    <message>
      <source>Churned</source>
      <translation>Churned</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>Cash</translation>
    </message>
    <message>
      <source>Stored value</source>
      <translation>Stored value</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Points</translation>
    </message>
    <message>
      <source>Card / QR</source>
      <translation>Card / QR</translation>
    </message>
    <message>
      <source>Computing the figures…</source>
      <translation>Computing the figures…</translation>
    </message>
    <message>
      <source>Running the tier review and points expiry…</source>
      <translation>Running the tier review and points expiry…</translation>
    </message>
    <message>
      <source>Tier review</source>
      <translation>Tier review</translation>
    </message>
    <message>
      <source>Points expiry</source>
      <translation>Points expiry</translation>
    </message>
    <message>
      <source>{job}: {examined} examined, {changed} changed</source>
      <translation>{job}: {examined} examined, {changed} changed</translation>
    </message>
    <message>
      <source>(already run today)</source>
      <translation>(already run today)</translation>
    </message>
    <message>
      <source>Show a period first, then export it.</source>
      <translation>Show a period first, then export it.</translation>
    </message>
    <message>
      <source>Writing the PDF…</source>
      <translation>Writing the PDF…</translation>
    </message>
    <message>
      <source>PDF written: {path}</source>
      <translation>PDF written: {path}</translation>
    </message>
    <message>
      <source>{points} ({value})</source>
      <translation>{points} ({value})</translation>
    </message>
    <message>
      <source>Sales by tender (yuan)</source>
      <translation>Sales by tender (yuan)</translation>
    </message>
    <message>
      <source>Sales by hour (yuan)</source>
      <translation>Sales by hour (yuan)</translation>
    </message>
    <message>
      <source>Sales by day (yuan)</source>
      <translation>Sales by day (yuan)</translation>
    </message>
    <message>
      <source>RFM segments (members)</source>
      <translation>RFM segments (members)</translation>
    </message>
    <message>
      <source>Lifecycle stages</source>
      <translation>Lifecycle stages</translation>
    </message>
    <message>
      <source>Programme rates (%)</source>
      <translation>Programme rates (%)</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>Activation</translation>
    </message>
    <message>
      <source>Churn</source>
      <translation>Churn</translation>
    </message>
    <message>
      <source>Member share</source>
      <translation>Member share</translation>
    </message>
    <message>
      <source>Repurchase</source>
      <translation>Repurchase</translation>
    </message>
    <message>
      <source>{start} – {end}: {receipts} receipts, {refunds} refunds.</source>
      <translation>{start} – {end}: {receipts} receipts, {refunds} refunds.</translation>
    </message>
  </context>
  <context>
    <name>_CardDialog</name>
    <message>
      <source>Tap an unissued IC card on the reader, or scan / type a stock card number.</source>
      <translation>Tap an unissued IC card on the reader, or scan / type a stock card number.</translation>
    </message>
    <message>
      <source>Stock card number — Enter</source>
      <translation>Stock card number — Enter</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>Cash</translation>
    </message>
    <message>
      <source>Bank card / QR code</source>
      <translation>Bank card / QR code</translation>
    </message>
    <message>
      <source>Card fee: {amount}</source>
      <translation>Card fee: {amount}</translation>
    </message>
    <message>
      <source>No card fee</source>
      <translation>No card fee</translation>
    </message>
    <message>
      <source>This card is blank but its reader cannot write secure cards.</source>
      <translation>This card is blank but its reader cannot write secure cards.</translation>
    </message>
    <message>
      <source>Writing the card… keep it on the reader.</source>
      <translation>Writing the card… keep it on the reader.</translation>
    </message>
    <message>
      <source>This card cannot be used: {why}</source>
      <translation>This card cannot be used: {why}</translation>
    </message>
    <message>
      <source>The reader gave no card identifier: tap again.</source>
      <translation>The reader gave no card identifier: tap again.</translation>
    </message>
    <message>
      <source>secure IC card {uid}</source>
      <translation>secure IC card {uid}</translation>
    </message>
    <message>
      <source>IC card {uid}</source>
      <translation>IC card {uid}</translation>
    </message>
    <message>
      <source>stock card {number}</source>
      <translation>stock card {number}</translation>
    </message>
  </context>
  <context>
    <name>_MemberDialog</name>
    <message>
      <source>YYYY-MM-DD (optional)</source>
      <translation>YYYY-MM-DD (optional)</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Birthday</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>Gender</translation>
    </message>
  </context>
</TS>
