<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name />
    <message>
      <source>Store coupon</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Coupon name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Amount off (yuan)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Minimum spend (yuan)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Valid for (days)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CampaignDialog</name>
    <message>
      <source>Coupon campaign to a segment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Segment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Campaign code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Run the campaign (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Issuing coupons…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{issued} coupons issued to the {members} members of the segment.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CouponDialog</name>
    <message>
      <source>Give a coupon</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Coupon code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Give the coupon (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>IssueCardDialog</name>
    <message>
      <source>Issue a card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member: {who}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Print card face (Ctrl+P)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stock card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This member's card is issued. Close the dialog first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Issuing {card}…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card {number} issued.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card fee {amount} taken.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card face ready to print: {path}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ManagerEntry</name>
    <message>
      <source>Manager mode — log in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Manager mode: a manager's staff id and PIN</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ManagerWindow</name>
    <message>
      <source>pos-member — manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search a member by phone, card number or name, or tap their card.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Manager mode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Manager: {name} ({id})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Leave manager mode (Esc)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Members (Ctrl+1)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reports (Ctrl+2)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone, card number, card UID or the start of a name — Enter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stored value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cards</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>F2
Register</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>F3
Issue card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>F4
Report lost</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>F6
Replace card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>F8
Give coupon</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ledger</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Principal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bonus</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stored value after</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Points after</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Receipt / note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Statement: every ledger entry with its reason</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tier history</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type a phone, card number or name first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>no card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No member found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{n} member(s) found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>stock</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>active</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>lost</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>replaced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>expired</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recharge</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Spent at a sale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Refund</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adjustment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Moved off the old card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Moved to the new card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card fee</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Earned</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Redeemed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Taken back by a refund</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Given back by a refund</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Expired</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bonus points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card replaced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card fee (new card)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card fee (replacement)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign-up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Upgrade</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Downgrade at review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tier review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No member selected.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>female</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>male</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member {id}: {name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone {phone}   Birthday {birthday}   Gender {gender}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tier {tier}   Joined {joined}   Consent {consent}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card {number} — {kind}, {state}, issued {issued}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No card yet: press F3 to issue one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stored value {total} (principal {principal}, bonus {bonus})   Points {points}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>expires {date}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This card is not issued here. Select a member and press F3 to issue it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select a member first (search, then ↑/↓).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member {id} registered.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign-up coupon {code} given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This member has no active card to block.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card {number} is blocked. Press F6 to replace it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This member has no card to replace.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Coupon {code} given.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RegisterDialog</name>
    <message>
      <source>Register a member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>11-digit mobile number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>YYYY-MM-DD (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Female</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Male</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The member agrees to the store keeping and using these details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Register (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Birthday</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gender</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>type the date as YYYY-MM-DD</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Registering…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReplaceCardDialog</name>
    <message>
      <source>Replace a card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card {number} ({state}) of {name}: the new card takes over</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stored value {total}: principal {principal}, bonus {bonus}. Points {points} in {lots} lots. Tier {tier}. Coupons {coupons}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Expire on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>never</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stock card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The card is already replaced. Close the dialog.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Approve the card replacement</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Replacing with {card}…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card {number} replaces {old}: {sv} stored value and {points} points moved.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReportLostDialog</name>
    <message>
      <source>Report a card lost</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>e.g. lost, stolen (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Block the card (Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The card is refused here at once, and at every store after the next sync.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReportsView</name>
    <message>
      <source>Show (F5)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export PDF (Ctrl+E)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Campaign to a segment (F7)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Members</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New members</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Activation rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Churn rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member sales share</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Repurchase rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Net sales</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recharges (principal + bonus)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stored-value liability</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Points liability</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Champions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Loyal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New customers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Potential loyalists</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>At risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hibernating</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lost</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Need attention</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Active</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Silent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Churned</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cash</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stored value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card / QR</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Computing the figures…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show a period first, then export it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Writing the PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF written: {path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{points} ({value})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sales by tender (yuan)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sales by hour (yuan)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sales by day (yuan)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>RFM segments (members)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lifecycle stages</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Programme rates (%)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Activation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Churn</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Member share</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Repurchase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{start} – {end}: {receipts} receipts, {refunds} refunds.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>_CardDialog</name>
    <message>
      <source>Tap an unissued IC card on the reader, or scan / type a stock card number.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stock card number — Enter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cash</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bank card / QR code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Card fee: {amount}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No card fee</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This card is blank but its reader cannot write secure cards.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Writing the card… keep it on the reader.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This card cannot be used: {why}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The reader gave no card identifier: tap again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>secure IC card {uid}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>IC card {uid}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>stock card {number}</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
