<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>ActionBar</name>
    <message>
      <source>Help</source>
      <translation>Help</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>No member</source>
      <translation>No member</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <source>Coupon</source>
      <translation>Coupon</translation>
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
      <source>Anonymous card</source>
      <translation>Anonymous card</translation>
    </message>
    <message>
      <source>Hold / recall</source>
      <translation>Hold / recall</translation>
    </message>
    <message>
      <source>Shift / X-Z</source>
      <translation>Shift / X-Z</translation>
    </message>
    <message>
      <source>Count card</source>
      <translation>Count card</translation>
    </message>
    <message>
      <source>Lock</source>
      <translation>Lock</translation>
    </message>
    <message>
      <source>Pay</source>
      <translation>Pay</translation>
    </message>
    <message>
      <source>Void line</source>
      <translation>Void line</translation>
    </message>
    <message>
      <source>Void sale</source>
      <translation>Void sale</translation>
    </message>
    <message>
      <source>Reprint</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <source>Manager</source>
      <translation>Manager</translation>
    </message>
    <message>
      <source>New member</source>
      <translation>New member</translation>
    </message>
    <message>
      <source>Open drawer</source>
      <translation>Open drawer</translation>
    </message>
    <message>
      <source>Change price</source>
      <translation>Change price</translation>
    </message>
    <message>
      <source>Sale discount</source>
      <translation>Sale discount</translation>
    </message>
    <message>
      <source>Gift for points</source>
      <translation>Gift for points</translation>
    </message>
    <message>
      <source>Clear / back</source>
      <translation>Clear / back</translation>
    </message>
    <message>
      <source>Change price (Ctrl+G twice on a changed line: take the change off)</source>
      <translation>Change price (Ctrl+G twice on a changed line: take the change off)</translation>
    </message>
    <message>
      <source>Sale discount (Ctrl+K twice: take the discount off)</source>
      <translation>Sale discount (Ctrl+K twice: take the discount off)</translation>
    </message>
    <message>
      <source>Gift for points (积分兑换): the gifts the member's points can take</source>
      <translation>Gift for points (积分兑换): the gifts the member's points can take</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>Keys</translation>
    </message>
    <message>
      <source>Scan or type into the field at the top and press Enter.</source>
      <translation>Scan or type into the field at the top and press Enter.</translation>
    </message>
  </context>
  <context>
    <name>AnonymousCardsDialog</name>
    <message>
      <source>Sell anonymous cards (不记名卡)</source>
      <translation>Sell anonymous cards (不记名卡)</translation>
    </message>
    <message>
      <source>Sell  Enter</source>
      <translation>Sell  Enter</translation>
    </message>
    <message>
      <source>No member: each card holds its own balance.</source>
      <translation>No member: each card holds its own balance.</translation>
    </message>
    <message>
      <source>6 digits, typed by the buyer</source>
      <translation>6 digits, typed by the buyer</translation>
    </message>
    <message>
      <source>Cards (Q)</source>
      <translation>Cards (Q)</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Card PIN (W)</source>
      <translation>Card PIN (W)</translation>
    </message>
    <message>
      <source>PIN again (X)</source>
      <translation>PIN again (X)</translation>
    </message>
    <message>
      <source>No member: each card holds its own balance, at most {cap} (bonus included), valid until {expiry}.</source>
      <translation>No member: each card holds its own balance, at most {cap} (bonus included), valid until {expiry}.</translation>
    </message>
    <message>
      <source>Paid with the buyer's PIN. The buyer's real name is recorded from a purchase of {bulk} at once.</source>
      <translation>Paid with the buyer's PIN. The buyer's real name is recorded from a purchase of {bulk} at once.</translation>
    </message>
    <message>
      <source>{amount} on each card</source>
      <translation>{amount} on each card</translation>
    </message>
    <message>
      <source>{count} × {each} = {total}</source>
      <translation>{count} × {each} = {total}</translation>
    </message>
    <message>
      <source>Type the amount to put on each card.</source>
      <translation>Type the amount to put on each card.</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>Amounts are yuan with at most two decimals, like 12.50.</translation>
    </message>
    <message>
      <source>Sold {count} anonymous cards ({numbers}), valid until {expiry}.</source>
      <translation>Sold {count} anonymous cards ({numbers}), valid until {expiry}.</translation>
    </message>
    <message>
      <source>Change: {amount}</source>
      <translation>Change: {amount}</translation>
    </message>
  </context>
  <context>
    <name>BusyItem</name>
    <message>
      <source>Working…</source>
      <translation>Working…</translation>
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
      <translation>Item</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>Qty</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>Price</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Discounts</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Member price</source>
      <translation>Member price</translation>
    </message>
    <message>
      <source>Birthday discount</source>
      <translation>Birthday discount</translation>
    </message>
    <message>
      <source>Rounding</source>
      <translation>Rounding</translation>
    </message>
    <message>
      <source>Price override</source>
      <translation>Price override</translation>
    </message>
    <message>
      <source>Sale discount</source>
      <translation>Sale discount</translation>
    </message>
    <message>
      <source>Coupon {code}</source>
      <translation>Coupon {code}</translation>
    </message>
    <message>
      <source>{label} ({reason})</source>
      <translation>{label} ({reason})</translation>
    </message>
  </context>
  <context>
    <name>CashierApp</name>
    <message>
      <source>Cashier app</source>
      <translation>Cashier app</translation>
    </message>
    <message>
      <source>The cashier app is already open on this till: it is in front now.</source>
      <translation>The cashier app is already open on this till: it is in front now.</translation>
    </message>
  </context>
  <context>
    <name>CashierWindow</name>
    <message>
      <source>Simulated reader</source>
      <translation>Simulated reader</translation>
    </message>
    <message>
      <source>Card UID (hex)</source>
      <translation>Card UID (hex)</translation>
    </message>
    <message>
      <source>pos-member — cashier</source>
      <translation>pos-member — cashier</translation>
    </message>
    <message>
      <source>Ready. Scan a product or tap a member card.</source>
      <translation>Ready. Scan a product or tap a member card.</translation>
    </message>
    <message>
      <source>Cashier: {name} ({id})</source>
      <translation>Cashier: {name} ({id})</translation>
    </message>
    <message>
      <source>Scan or type: product barcode, member card or phone number — Enter</source>
      <translation>Scan or type: product barcode, member card or phone number — Enter</translation>
    </message>
    <message>
      <source>Member: card number, phone number or its last 4 digits — Enter</source>
      <translation>Member: card number, phone number or its last 4 digits — Enter</translation>
    </message>
    <message>
      <source>Type the member's card number, phone number or the phone's last 4 digits and press Enter.</source>
      <translation>Type the member's card number, phone number or the phone's last 4 digits and press Enter.</translation>
    </message>
    <message>
      <source>Unlocked.</source>
      <translation>Unlocked.</translation>
    </message>
    <message>
      <source>Locking the till leaves the counter to another login.</source>
      <translation>Locking the till leaves the counter to another login.</translation>
    </message>
    <message>
      <source>The cart is empty.</source>
      <translation>The cart is empty.</translation>
    </message>
    <message>
      <source>Paid. Receipt {no}.</source>
      <translation>Paid. Receipt {no}.</translation>
    </message>
    <message>
      <source>Paid. Receipt {no}. Change: {amount}</source>
      <translation>Paid. Receipt {no}. Change: {amount}</translation>
    </message>
    <message>
      <source>Recharge needs a member: tap or scan the card first.</source>
      <translation>Recharge needs a member: tap or scan the card first.</translation>
    </message>
    <message>
      <source>Count cards need a member: tap or scan the card first.</source>
      <translation>Count cards need a member: tap or scan the card first.</translation>
    </message>
    <message>
      <source>Closing the window would lose it.</source>
      <translation>Closing the window would lose it.</translation>
    </message>
  </context>
  <context>
    <name>CountCardDialog</name>
    <message>
      <source>Count card</source>
      <translation>Count card</translation>
    </message>
    <message>
      <source>Use one  Enter</source>
      <translation>Use one  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Count cards of {name}</source>
      <translation>Count cards of {name}</translation>
    </message>
    <message>
      <source>{name}: {left} left (until {date})</source>
      <translation>{name}: {left} left (until {date})</translation>
    </message>
    <message>
      <source>This member has no count card with visits left.</source>
      <translation>This member has no count card with visits left.</translation>
    </message>
    <message>
      <source>Visit recorded: {n} left.</source>
      <translation>Visit recorded: {n} left.</translation>
    </message>
  </context>
  <context>
    <name>CustomerDisplay</name>
    <message>
      <source>Customer display</source>
      <translation>Customer display</translation>
    </message>
    <message>
      <source>Welcome</source>
      <translation>Welcome</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>Qty</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>You save {amount}</source>
      <translation>You save {amount}</translation>
    </message>
    <message>
      <source>Welcome, {name} · {tier}</source>
      <translation>Welcome, {name} · {tier}</translation>
    </message>
    <message>
      <source>Paid</source>
      <translation>Paid</translation>
    </message>
    <message>
      <source>Thank you!</source>
      <translation>Thank you!</translation>
    </message>
    <message>
      <source>Change {amount}</source>
      <translation>Change {amount}</translation>
    </message>
    <message>
      <source>Stored value now {amount}</source>
      <translation>Stored value now {amount}</translation>
    </message>
    <message>
      <source>Points now {n} (+{earned})</source>
      <translation>Points now {n} (+{earned})</translation>
    </message>
  </context>
  <context>
    <name>DrawerDialog</name>
    <message>
      <source>Open the cash drawer</source>
      <translation>Open the cash drawer</translation>
    </message>
    <message>
      <source>Change for the float</source>
      <translation>Change for the float</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Open  Enter</source>
      <translation>Open  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Every opening without a sale is recorded with your name and the reason.</source>
      <translation>Every opening without a sale is recorded with your name and the reason.</translation>
    </message>
    <message>
      <source>Type why the drawer opens (e.g. change for the float).</source>
      <translation>Type why the drawer opens (e.g. change for the float).</translation>
    </message>
    <message>
      <source>Cash drawer opened; the opening is recorded.</source>
      <translation>Cash drawer opened; the opening is recorded.</translation>
    </message>
    <message>
      <source>The opening is recorded; open the drawer with its key if it must open.</source>
      <translation>The opening is recorded; open the drawer with its key if it must open.</translation>
    </message>
    <message>
      <source>No receipt printer is set up, and the drawer opens through it: open the drawer with its key, or ask the manager to set up the printer.</source>
      <translation>No receipt printer is set up, and the drawer opens through it: open the drawer with its key, or ask the manager to set up the printer.</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Something unexpected went wrong. The sale on screen is kept; try again or call the supervisor.</source>
      <translation>Something unexpected went wrong. The sale on screen is kept; try again or call the supervisor.</translation>
    </message>
    <message>
      <source>Something went wrong.</source>
      <translation>Something went wrong.</translation>
    </message>
    <message>
      <source>The reader could not be used.</source>
      <translation>The reader could not be used.</translation>
    </message>
    <message>
      <source>The reader did not finish in time: {detail}.</source>
      <translation>The reader did not finish in time: {detail}.</translation>
    </message>
    <message>
      <source>The simulated card reader is for demos and tests; it cannot run in production.</source>
      <translation>The simulated card reader is for demos and tests; it cannot run in production.</translation>
    </message>
    <message>
      <source>The serial scanner on {port} cannot be used: {detail}.</source>
      <translation>The serial scanner on {port} cannot be used: {detail}.</translation>
    </message>
    <message>
      <source>The smart-card service (pcscd) is not running: card readers are unavailable until it starts again.</source>
      <translation>The smart-card service (pcscd) is not running: card readers are unavailable until it starts again.</translation>
    </message>
    <message>
      <source>The card reader had an internal error.</source>
      <translation>The card reader had an internal error.</translation>
    </message>
    <message>
      <source>Reader {reader} was unplugged or stopped answering.</source>
      <translation>Reader {reader} was unplugged or stopped answering.</translation>
    </message>
    <message>
      <source>There is no card on reader {reader}: put the card on the reader first.</source>
      <translation>There is no card on reader {reader}: put the card on the reader first.</translation>
    </message>
    <message>
      <source>The card did not answer properly ({detail}): tap it again.</source>
      <translation>The card did not answer properly ({detail}): tap it again.</translation>
    </message>
    <message>
      <source>The card was taken away before it was read: tap it again and hold it still.</source>
      <translation>The card was taken away before it was read: tap it again and hold it still.</translation>
    </message>
    <message>
      <source>The backup could not be made.</source>
      <translation>The backup could not be made.</translation>
    </message>
    <message>
      <source>The last backup is {hours} hours old: check the backup disk.</source>
      <translation>The last backup is {hours} hours old: check the backup disk.</translation>
    </message>
    <message>
      <source>This till has no backup yet: close the shift, or run pos-member backup.</source>
      <translation>This till has no backup yet: close the shift, or run pos-member backup.</translation>
    </message>
    <message>
      <source>The backup passphrase does not open the data key saved with {path}: give the passphrase that was set when the copy was taken.</source>
      <translation>The backup passphrase does not open the data key saved with {path}: give the passphrase that was set when the copy was taken.</translation>
    </message>
    <message>
      <source>The members' full names and phones in this copy are sealed with the till's data key, and the key at {key} is not that one: give the backup passphrase (POS_MEMBER_BACKUP_PASSPHRASE) so the key saved with the copy is put back, or copy the till's own data.key to {key}. To restore anyway, give --without-key: the till then sells but shows masked names only.</source>
      <translation>The members' full names and phones in this copy are sealed with the till's data key, and the key at {key} is not that one: give the backup passphrase (POS_MEMBER_BACKUP_PASSPHRASE) so the key saved with the copy is put back, or copy the till's own data.key to {key}. To restore anyway, give --without-key: the till then sells but shows masked names only.</translation>
    </message>
    <message>
      <source>Head office could not be asked for this till's last receipt number: connect the till and try again, or give --receipt-gap N to move the receipt numbers on by N.</source>
      <translation>Head office could not be asked for this till's last receipt number: connect the till and try again, or give --receipt-gap N to move the receipt numbers on by N.</translation>
    </message>
    <message>
      <source>{path} does not check clean ({first}): choose an older copy.</source>
      <translation>{path} does not check clean ({first}): choose an older copy.</translation>
    </message>
    <message>
      <source>{path} is not the copy its manifest describes (changed or cut off): choose an older copy.</source>
      <translation>{path} is not the copy its manifest describes (changed or cut off): choose an older copy.</translation>
    </message>
    <message>
      <source>{path} has no readable manifest beside it: choose a copy made by pos-member backup.</source>
      <translation>{path} has no readable manifest beside it: choose a copy made by pos-member backup.</translation>
    </message>
    <message>
      <source>The copy of the database did not check clean ({first}), so it was not kept: run pos-member check-db on the till's database.</source>
      <translation>The copy of the database did not check clean ({first}), so it was not kept: run pos-member check-db on the till's database.</translation>
    </message>
    <message>
      <source>The backup could not be written to {path} ({why}): free some space on the backup disk or choose another folder.</source>
      <translation>The backup could not be written to {path} ({why}): free some space on the backup disk or choose another folder.</translation>
    </message>
    <message>
      <source>The backup folder {path} cannot be written ({why}): plug in the backup disk or choose another folder.</source>
      <translation>The backup folder {path} cannot be written ({why}): plug in the backup disk or choose another folder.</translation>
    </message>
    <message>
      <source>There is no database at {path} to back up: check the till's database path.</source>
      <translation>There is no database at {path} to back up: check the till's database path.</translation>
    </message>
    <message>
      <source>This till could not be set up.</source>
      <translation>This till could not be set up.</translation>
    </message>
    <message>
      <source>The two PINs differ. Type the manager's PIN again, twice.</source>
      <translation>The two PINs differ. Type the manager's PIN again, twice.</translation>
    </message>
    <message>
      <source>This scan is not head office's enrolment QR code. Scan the code on head office's Terminals page, or type the address, the code and the terminal id.</source>
      <translation>This scan is not head office's enrolment QR code. Scan the code on head office's Terminals page, or type the address, the code and the terminal id.</translation>
    </message>
    <message>
      <source>A till database is already at {path}. Start the app with --db {path} to use it, or move it away to set this PC up afresh.</source>
      <translation>A till database is already at {path}. Start the app with --db {path} to use it, or move it away to set this PC up afresh.</translation>
    </message>
    <message>
      <source>Head office refused the code for terminal {terminal}: it is mistyped, used already, expired, or made for another terminal id. Check the terminal id, or ask head office for a new one-time code (console: Terminals) and type or scan it.</source>
      <translation>Head office refused the code for terminal {terminal}: it is mistyped, used already, expired, or made for another terminal id. Check the terminal id, or ask head office for a new one-time code (console: Terminals) and type or scan it.</translation>
    </message>
    <message>
      <source>Something answers at {url}, but not head office (HTTP {status}). Check the address and its port on head office's Terminals page.</source>
      <translation>Something answers at {url}, but not head office (HTTP {status}). Check the address and its port on head office's Terminals page.</translation>
    </message>
    <message>
      <source>Head office does not answer at {url}. Check the address and this PC's network, then press Start again; or set the till up as a single store for now.</source>
      <translation>Head office does not answer at {url}. Check the address and this PC's network, then press Start again; or set the till up as a single store for now.</translation>
    </message>
    <message>
      <source>“{url}” is not a head-office address. Type it as head office's Terminals page shows it, for example https://hq.example.com:8600, or scan its QR code.</source>
      <translation>“{url}” is not a head-office address. Type it as head office's Terminals page shows it, for example https://hq.example.com:8600, or scan its QR code.</translation>
    </message>
    <message>
      <source>No shift was closed on this till on {day}: there is nothing to close.</source>
      <translation>No shift was closed on this till on {day}: there is nothing to close.</translation>
    </message>
    <message>
      <source>Shift {shift} of cashier {cashier} is still open: the cashier closes it (handover) first, then close the day.</source>
      <translation>Shift {shift} of cashier {cashier} is still open: the cashier closes it (handover) first, then close the day.</translation>
    </message>
    <message>
      <source>This code means nothing to this till: scan it again.</source>
      <translation>This code means nothing to this till: scan it again.</translation>
    </message>
    <message>
      <source>{n} digits is not the length of any code this till knows: scan the item again, or type its product code, the member's card number or an 11-digit phone number.</source>
      <translation>{n} digits is not the length of any code this till knows: scan the item again, or type its product code, the member's card number or an 11-digit phone number.</translation>
    </message>
    <message>
      <source>{code} is not a mobile number (11 digits starting 13-19).</source>
      <translation>{code} is not a mobile number (11 digits starting 13-19).</translation>
    </message>
    <message>
      <source>{code} is too large for an ID card number.</source>
      <translation>{code} is too large for an ID card number.</translation>
    </message>
    <message>
      <source>{family} {code} has a wrong check digit: scan it again.</source>
      <translation>{family} {code} has a wrong check digit: scan it again.</translation>
    </message>
    <message>
      <source>The magnetic stripe was not read completely: swipe again.</source>
      <translation>The magnetic stripe was not read completely: swipe again.</translation>
    </message>
    <message>
      <source>'{text}' holds characters no barcode or card number has.</source>
      <translation>'{text}' holds characters no barcode or card number has.</translation>
    </message>
    <message>
      <source>'{text}' is not a mobile number or a code this till knows.</source>
      <translation>'{text}' is not a mobile number or a code this till knows.</translation>
    </message>
    <message>
      <source>Nothing was read.</source>
      <translation>Nothing was read.</translation>
    </message>
    <message>
      <source>This member code cannot be used: ask the member to refresh it.</source>
      <translation>This member code cannot be used: ask the member to refresh it.</translation>
    </message>
    <message>
      <source>This member code was scanned here before: ask the member to refresh it.</source>
      <translation>This member code was scanned here before: ask the member to refresh it.</translation>
    </message>
    <message>
      <source>This member code does not verify (altered or forged): it cannot be used.</source>
      <translation>This member code does not verify (altered or forged): it cannot be used.</translation>
    </message>
    <message>
      <source>This phone was removed from the member's account (lost phone?): the member must sign in again on the member page, or use a card.</source>
      <translation>This phone was removed from the member's account (lost phone?): the member must sign in again on the member page, or use a card.</translation>
    </message>
    <message>
      <source>This phone is not known to this till yet: wait for the till to sync, or identify the member by card or phone number.</source>
      <translation>This phone is not known to this till yet: wait for the till to sync, or identify the member by card or phone number.</translation>
    </message>
    <message>
      <source>This member code is dated ahead of the till's clock: ask the member to check the phone's time and refresh the code.</source>
      <translation>This member code is dated ahead of the till's clock: ask the member to check the phone's time and refresh the code.</translation>
    </message>
    <message>
      <source>This member code has expired (an old screenshot?): ask the member to refresh it.</source>
      <translation>This member code has expired (an old screenshot?): ask the member to refresh it.</translation>
    </message>
    <message>
      <source>This member code belongs to another chain's programme; it cannot be used here.</source>
      <translation>This member code belongs to another chain's programme; it cannot be used here.</translation>
    </message>
    <message>
      <source>This is not a complete member code: ask the member to refresh it and scan again.</source>
      <translation>This is not a complete member code: ask the member to refresh it and scan again.</translation>
    </message>
    <message>
      <source>Sync with head office failed: {detail}</source>
      <translation>Sync with head office failed: {detail}</translation>
    </message>
    <message>
      <source>Enrolment failed: {detail}</source>
      <translation>Enrolment failed: {detail}</translation>
    </message>
    <message>
      <source>This terminal is not enrolled with head office yet: run pos-member enrol --headoffice URL --code CODE.</source>
      <translation>This terminal is not enrolled with head office yet: run pos-member enrol --headoffice URL --code CODE.</translation>
    </message>
    <message>
      <source>Head office refused the data ({status} {reason}): {detail}</source>
      <translation>Head office refused the data ({status} {reason}): {detail}</translation>
    </message>
    <message>
      <source>Head office cannot be reached ({detail}). Keep selling: events wait on this terminal and are sent when the connection is back.</source>
      <translation>Head office cannot be reached ({detail}). Keep selling: events wait on this terminal and are sent when the connection is back.</translation>
    </message>
    <message>
      <source>Printer {printer} failed: {detail}</source>
      <translation>Printer {printer} failed: {detail}</translation>
    </message>
    <message>
      <source>The printer failed unexpectedly; the receipt waits in the reprint queue.</source>
      <translation>The printer failed unexpectedly; the receipt waits in the reprint queue.</translation>
    </message>
    <message>
      <source>Printer {printer} dropped the connection while printing. Reprint the receipt.</source>
      <translation>Printer {printer} dropped the connection while printing. Reprint the receipt.</translation>
    </message>
    <message>
      <source>Printer {printer} did not answer within {seconds} seconds.</source>
      <translation>Printer {printer} did not answer within {seconds} seconds.</translation>
    </message>
    <message>
      <source>Printer {printer}: the cover is open. Close it, then reprint.</source>
      <translation>Printer {printer}: the cover is open. Close it, then reprint.</translation>
    </message>
    <message>
      <source>Printer {printer} is out of paper. Load a new roll, then reprint.</source>
      <translation>Printer {printer} is out of paper. Load a new roll, then reprint.</translation>
    </message>
    <message>
      <source>Printer {printer} is offline. Check that it is switched on and not in an error state.</source>
      <translation>Printer {printer} is offline. Check that it is switched on and not in an error state.</translation>
    </message>
    <message>
      <source>Printer {printer} cannot be reached: {detail}. Check its cable, power or address.</source>
      <translation>Printer {printer} cannot be reached: {detail}. Check its cable, power or address.</translation>
    </message>
    <message>
      <source>{field}: {problem}</source>
      <translation>{field}: {problem}</translation>
    </message>
    <message>
      <source>The database {path} cannot be used.</source>
      <translation>The database {path} cannot be used.</translation>
    </message>
    <message>
      <source>Only {free_mb} MB are free on the disk holding {path}. Free space soon: the till cannot record sales once the disk is full.</source>
      <translation>Only {free_mb} MB are free on the disk holding {path}. Free space soon: the till cannot record sales once the disk is full.</translation>
    </message>
    <message>
      <source>The disk of the database {path} is full. Free space on it, then try again: what was saved before is kept.</source>
      <translation>The disk of the database {path} is full. Free space on it, then try again: what was saved before is kept.</translation>
    </message>
    <message>
      <source>The database {path} is locked by another program. Close the other program using it (another pos-member window, a backup or a viewer), then try again: nothing was lost.</source>
      <translation>The database {path} is locked by another program. Close the other program using it (another pos-member window, a backup or a viewer), then try again: nothing was lost.</translation>
    </message>
    <message>
      <source>The database {path} cannot be written: the file or its folder is read-only. Ask the person who manages this PC to give this user permission to write both.</source>
      <translation>The database {path} cannot be written: the file or its folder is read-only. Ask the person who manages this PC to give this user permission to write both.</translation>
    </message>
    <message>
      <source>The database {path} was written by a newer version of pos-member. Update the app on this PC; do not use an older one with it.</source>
      <translation>The database {path} was written by a newer version of pos-member. Update the app on this PC; do not use an older one with it.</translation>
    </message>
    <message>
      <source>The database {path} is damaged. Keep the file for support; restore it from the backup, or enrol this till again.</source>
      <translation>The database {path} is damaged. Keep the file for support; restore it from the backup, or enrol this till again.</translation>
    </message>
    <message>
      <source>The file {path} is not a pos-member database (it holds something else, or is damaged). Restore it from the backup, or enrol this till again.</source>
      <translation>The file {path} is not a pos-member database (it holds something else, or is damaged). Restore it from the backup, or enrol this till again.</translation>
    </message>
    <message>
      <source>The database {path} is empty (0 bytes). Restore it from the backup, or enrol this till again.</source>
      <translation>The database {path} is empty (0 bytes). Restore it from the backup, or enrol this till again.</translation>
    </message>
    <message>
      <source>The database {path} is missing. Restore it from the backup, or enrol this till again.</source>
      <translation>The database {path} is missing. Restore it from the backup, or enrol this till again.</translation>
    </message>
    <message>
      <source>The database {path} is missing, but its journal {journal} is still there: sales not yet sent may be in it. Do not delete anything; restore the database from the backup, or enrol this till again.</source>
      <translation>The database {path} is missing, but its journal {journal} is still there: sales not yet sent may be in it. Do not delete anything; restore the database from the backup, or enrol this till again.</translation>
    </message>
    <message>
      <source>The database {path} is already in use by another copy of the cashier app (on this PC or another): close that copy first. Two tills never share one database.</source>
      <translation>The database {path} is already in use by another copy of the cashier app (on this PC or another): close that copy first. Two tills never share one database.</translation>
    </message>
    <message>
      <source>No shift is open on this till: open the shift with its opening float first.</source>
      <translation>No shift is open on this till: open the shift with its opening float first.</translation>
    </message>
    <message>
      <source>The PC's date and time are wrong: correct them.</source>
      <translation>The PC's date and time are wrong: correct them.</translation>
    </message>
    <message>
      <source>This shift opened at {opened}, later than the PC's time now ({now}): correct the PC's date and time, then close the shift.</source>
      <translation>This shift opened at {opened}, later than the PC's time now ({now}): correct the PC's date and time, then close the shift.</translation>
    </message>
    <message>
      <source>The PC's clock is {days} d {hours} h {minutes} min behind head office's: the till uses head office's time. Correct the PC's date and time.</source>
      <translation>The PC's clock is {days} d {hours} h {minutes} min behind head office's: the till uses head office's time. Correct the PC's date and time.</translation>
    </message>
    <message>
      <source>The PC's clock is {days} d {hours} h {minutes} min ahead of head office's: the till uses head office's time. Correct the PC's date and time.</source>
      <translation>The PC's clock is {days} d {hours} h {minutes} min ahead of head office's: the till uses head office's time. Correct the PC's date and time.</translation>
    </message>
    <message>
      <source>Unknown staff id or wrong PIN.</source>
      <translation>Unknown staff id or wrong PIN.</translation>
    </message>
    <message>
      <source>{action} needs a {role}'s approval.</source>
      <translation>{action} needs a {role}'s approval.</translation>
    </message>
    <message>
      <source>The member's payment PIN is needed for stored value over {threshold}.</source>
      <translation>The member's payment PIN is needed for stored value over {threshold}.</translation>
    </message>
    <message>
      <source>This member has no payment PIN yet: the member sets one now (typed twice), or pays another way.</source>
      <translation>This member has no payment PIN yet: the member sets one now (typed twice), or pays another way.</translation>
    </message>
    <message>
      <source>Too many wrong PINs: locked until {until}.</source>
      <translation>Too many wrong PINs: locked until {until}.</translation>
    </message>
    <message>
      <source>Wrong PIN. {attempts_left} attempts left before the lock.</source>
      <translation>Wrong PIN. {attempts_left} attempts left before the lock.</translation>
    </message>
    <message>
      <source>Choose at least one line and quantity to refund.</source>
      <translation>Choose at least one line and quantity to refund.</translation>
    </message>
    <message>
      <source>Line {line_no}: {requested} asked back but only {remaining} left to refund.</source>
      <translation>Line {line_no}: {requested} asked back but only {remaining} left to refund.</translation>
    </message>
    <message>
      <source>Product {product_code} of receipt {receipt_no} is not in this till's catalogue: sync with head office and try again.</source>
      <translation>Product {product_code} of receipt {receipt_no} is not in this till's catalogue: sync with head office and try again.</translation>
    </message>
    <message>
      <source>No sale of this till has the receipt number {receipt_no}. If it is a receipt of another store, head office must be reachable to refund it ({detail}): try again when the connection is back.</source>
      <translation>No sale of this till has the receipt number {receipt_no}. If it is a receipt of another store, head office must be reachable to refund it ({detail}): try again when the connection is back.</translation>
    </message>
    <message>
      <source>No sale has the receipt number {receipt_no}.</source>
      <translation>No sale has the receipt number {receipt_no}.</translation>
    </message>
    <message>
      <source>A refund without a receipt gives back at most {limit}; these goods come to {total}. Find the receipt, or return fewer goods.</source>
      <translation>A refund without a receipt gives back at most {limit}; these goods come to {total}. Find the receipt, or return fewer goods.</translation>
    </message>
    <message>
      <source>{name}: {left} uses left, {asked} asked.</source>
      <translation>{name}: {left} uses left, {asked} asked.</translation>
    </message>
    <message>
      <source>This sale is already held.</source>
      <translation>This sale is already held.</translation>
    </message>
    <message>
      <source>This held sale is no longer waiting: it was already recalled or discarded.</source>
      <translation>This held sale is no longer waiting: it was already recalled or discarded.</translation>
    </message>
    <message>
      <source>{what} needs a member: tap or scan the member's card first.</source>
      <translation>{what} needs a member: tap or scan the member's card first.</translation>
    </message>
    <message>
      <source>No product has the code {code}.</source>
      <translation>No product has the code {code}.</translation>
    </message>
    <message>
      <source>The cart is empty.</source>
      <translation>The cart is empty.</translation>
    </message>
    <message>
      <source>{discount} off is more than the goods that take discounts come to ({eligible}). Enter a smaller discount.</source>
      <translation>{discount} off is more than the goods that take discounts come to ({eligible}). Enter a smaller discount.</translation>
    </message>
    <message>
      <source>A {role} may take at most {percent}% off this sale ({most}), not {discount}. Ask a manager to approve it.</source>
      <translation>A {role} may take at most {percent}% off this sale ({most}), not {discount}. Ask a manager to approve it.</translation>
    </message>
    <message>
      <source>{product}: a {role} may lower the price by at most {percent}% (to {lowest}), not to {override}. Ask a manager to approve it.</source>
      <translation>{product}: a {role} may lower the price by at most {percent}% (to {lowest}), not to {override}. Ask a manager to approve it.</translation>
    </message>
    <message>
      <source>{product}: a price override may only lower the price of {price}, not set {override}. Enter a lower price.</source>
      <translation>{product}: a price override may only lower the price of {price}, not set {override}. Enter a lower price.</translation>
    </message>
    <message>
      <source>Quantity {quantity} is not possible for {product}: type a whole number from 1 to 999.</source>
      <translation>Quantity {quantity} is not possible for {product}: type a whole number from 1 to 999.</translation>
    </message>
    <message>
      <source>{product}: the weight must be whole grams, not {grams}. Weigh the item again.</source>
      <translation>{product}: the weight must be whole grams, not {grams}. Weigh the item again.</translation>
    </message>
    <message>
      <source>Coupon {code} belongs to another member.</source>
      <translation>Coupon {code} belongs to another member.</translation>
    </message>
    <message>
      <source>Coupon {code} cannot be combined with other coupons in one sale.</source>
      <translation>Coupon {code} cannot be combined with other coupons in one sale.</translation>
    </message>
    <message>
      <source>Coupon {code} needs a spend of {minimum}; this sale has {eligible} that counts.</source>
      <translation>Coupon {code} needs a spend of {minimum}; this sale has {eligible} that counts.</translation>
    </message>
    <message>
      <source>Coupon {code} has already been used.</source>
      <translation>Coupon {code} has already been used.</translation>
    </message>
    <message>
      <source>Coupon {code} is valid from {since}.</source>
      <translation>Coupon {code} is valid from {since}.</translation>
    </message>
    <message>
      <source>Coupon {code} expired on {until}.</source>
      <translation>Coupon {code} expired on {until}.</translation>
    </message>
    <message>
      <source>Keeping an ID number needs the person's separate consent (sensitive personal information): ask for it and tick the consent box.</source>
      <translation>Keeping an ID number needs the person's separate consent (sensitive personal information): ask for it and tick the consent box.</translation>
    </message>
    <message>
      <source>The ID's name ({name}) is not the card holder's ({holder}): 退卡 is done for the holder, with the holder's ID.</source>
      <translation>The ID's name ({name}) is not the card holder's ({holder}): 退卡 is done for the holder, with the holder's ID.</translation>
    </message>
    <message>
      <source>This member's stored value was closed (退卡) on {closed_on}: it takes no more money. Pay or refund another way.</source>
      <translation>This member's stored value was closed (退卡) on {closed_on}: it takes no more money. Pay or refund another way.</translation>
    </message>
    <message>
      <source>The ID number {masked} is not valid for {id_type}: check it against the document.</source>
      <translation>The ID number {masked} is not valid for {id_type}: check it against the document.</translation>
    </message>
    <message>
      <source>The law asks for the buyer's real name and ID for this card: enter the name, the ID type and number, then try again.</source>
      <translation>The law asks for the buyer's real name and ID for this card: enter the name, the ID type and number, then try again.</translation>
    </message>
    <message>
      <source>Costs may be kept back only where the region's rule allows it (Jiangsu), and at most the recharge's {principal}: enter 0 or a smaller amount.</source>
      <translation>Costs may be kept back only where the region's rule allows it (Jiangsu), and at most the recharge's {principal}: enter 0 or a smaller amount.</translation>
    </message>
    <message>
      <source>Receipt {receipt_no} is not a recharge of this till: check the receipt number.</source>
      <translation>Receipt {receipt_no} is not a recharge of this till: check the receipt number.</translation>
    </message>
    <message>
      <source>The card was used after the recharge of {recharged_on}: only an unused recharge is reversed in full. Close the card (退卡) instead.</source>
      <translation>The card was used after the recharge of {recharged_on}: only an unused recharge is reversed in full. Close the card (退卡) instead.</translation>
    </message>
    <message>
      <source>The cooling-off window of the recharge of {recharged_on} ended on {last_day}: it can no longer be reversed. Close the card (退卡) instead.</source>
      <translation>The cooling-off window of the recharge of {recharged_on} ended on {last_day}: it can no longer be reversed. Close the card (退卡) instead.</translation>
    </message>
    <message>
      <source>This programme's region has no cooling-off refund: a recharge cannot be reversed. Close the card (退卡) instead.</source>
      <translation>This programme's region has no cooling-off refund: a recharge cannot be reversed. Close the card (退卡) instead.</translation>
    </message>
    <message>
      <source>This card has a recharge head office has not received yet: sync first (or wait until the till is online), then close the card.</source>
      <translation>This card has a recharge head office has not received yet: sync first (or wait until the till is online), then close the card.</translation>
    </message>
    <message>
      <source>The card holds no stored value to refund: nothing to close.</source>
      <translation>The card holds no stored value to refund: nothing to close.</translation>
    </message>
    <message>
      <source>This card holds {balance}: above {limit} 退卡 is paid by bank transfer to the holder's account, not in cash. Enter the holder's account.</source>
      <translation>This card holds {balance}: above {limit} 退卡 is paid by bank transfer to the holder's account, not in cash. Enter the holder's account.</translation>
    </message>
    <message>
      <source>退卡 pays into an account in the holder's own name ({holder}), not {name}: ask for an account in the holder's name.</source>
      <translation>退卡 pays into an account in the holder's own name ({holder}), not {name}: ask for an account in the holder's name.</translation>
    </message>
    <message>
      <source>A bank transfer needs its record: the payer's and payee's account names and numbers. Enter them, then try again.</source>
      <translation>A bank transfer needs its record: the payer's and payee's account names and numbers. Enter them, then try again.</translation>
    </message>
    <message>
      <source>A purchase of {amount} at once by a {buyer} cannot be paid in cash (the law asks for a bank transfer from {limit}): take a bank transfer.</source>
      <translation>A purchase of {amount} at once by a {buyer} cannot be paid in cash (the law asks for a bank transfer from {limit}): take a bank transfer.</translation>
    </message>
    <message>
      <source>The refund fits the member's own card: goods bought with stored value go back to the same card. Refund without choosing another card.</source>
      <translation>The refund fits the member's own card: goods bought with stored value go back to the same card. Refund without choosing another card.</translation>
    </message>
    <message>
      <source>Card {card} is not another usable named card in the member's name: choose one of the member's other cards the refund offers, or refund to the member's own card.</source>
      <translation>Card {card} is not another usable named card in the member's name: choose one of the member's other cards the refund offers, or refund to the member's own card.</translation>
    </message>
    <message>
      <source>Giving {amount} back to stored value would pass the card's cap of {cap} (at most {room} fits): refund to another card in the member's name, or after the member has spent some of the balance.</source>
      <translation>Giving {amount} back to stored value would pass the card's cap of {cap} (at most {room} fits): refund to another card in the member's name, or after the member has spent some of the balance.</translation>
    </message>
    <message>
      <source>This card may hold at most {cap}: it can take at most {room} more. Recharge less, or use another card in the member's name.</source>
      <translation>This card may hold at most {cap}: it can take at most {room} more. Recharge less, or use another card in the member's name.</translation>
    </message>
    <message>
      <source>Offline: this terminal may take at most {limit} of stored value and points a business day while head office cannot be reached ({used} used today). Pay another way.</source>
      <translation>Offline: this terminal may take at most {limit} of stored value and points a business day while head office cannot be reached ({used} used today). Pay another way.</translation>
    </message>
    <message>
      <source>A recharge is at least {minimum} and at most {maximum}, not {amount}. Enter an amount in that range.</source>
      <translation>A recharge is at least {minimum} and at most {maximum}, not {amount}. Enter an amount in that range.</translation>
    </message>
    <message>
      <source>Cash {tendered} is more than {due} due plus the most change the till gives ({limit}). Check the amount typed.</source>
      <translation>Cash {tendered} is more than {due} due plus the most change the till gives ({limit}). Check the amount typed.</translation>
    </message>
    <message>
      <source>{what} must be a positive amount, not {value}.</source>
      <translation>{what} must be a positive amount, not {value}.</translation>
    </message>
    <message>
      <source>Only cash can be given back as change: {kind} pays {amount}, only {due} is due.</source>
      <translation>Only cash can be given back as change: {kind} pays {amount}, only {due} is due.</translation>
    </message>
    <message>
      <source>Payments add up to {paid} but {due} is due.</source>
      <translation>Payments add up to {paid} but {due} is due.</translation>
    </message>
    <message>
      <source>Offline: stored value spending is limited to {limit} a day for this member ({used} used). Pay the rest another way.</source>
      <translation>Offline: stored value spending is limited to {limit} a day for this member ({used} used). Pay the rest another way.</translation>
    </message>
    <message>
      <source>Head office says this member has only {available} of stored value and {points} points free now ({requested} and {requested_points} points asked); another store may be spending the same balance. Pay the rest another way.</source>
      <translation>Head office says this member has only {available} of stored value and {points} points free now ({requested} and {requested_points} points asked); another store may be spending the same balance. Pay the rest another way.</translation>
    </message>
    <message>
      <source>{points} points are worth {value}, more than the {limit} they may pay.</source>
      <translation>{points} points are worth {value}, more than the {limit} they may pay.</translation>
    </message>
    <message>
      <source>Points are redeemed in steps of {unit} points.</source>
      <translation>Points are redeemed in steps of {unit} points.</translation>
    </message>
    <message>
      <source>{product} is out of stock: no gift left to give. Offer another gift.</source>
      <translation>{product} is out of stock: no gift left to give. Offer another gift.</translation>
    </message>
    <message>
      <source>{product} is not a gift at that rate now. Choose the gift again from the list.</source>
      <translation>{product} is not a gift at that rate now. Choose the gift again from the list.</translation>
    </message>
    <message>
      <source>Not enough points: {available} available, {requested} asked.</source>
      <translation>Not enough points: {available} available, {requested} asked.</translation>
    </message>
    <message>
      <source>Not enough points: {missing} more are needed.</source>
      <translation>Not enough points: {missing} more are needed.</translation>
    </message>
    <message>
      <source>Stored value too low: {balance} available, {requested} asked.</source>
      <translation>Stored value too low: {balance} available, {requested} asked.</translation>
    </message>
    <message>
      <source>This card cannot be used.</source>
      <translation>This card cannot be used.</translation>
    </message>
    <message>
      <source>The card was not issued: {detail}.</source>
      <translation>The card was not issued: {detail}.</translation>
    </message>
    <message>
      <source>This kind of card cannot be used here: {detail}.</source>
      <translation>This kind of card cannot be used here: {detail}.</translation>
    </message>
    <message>
      <source>This card holds data in a layout this terminal does not know ({detail}).</source>
      <translation>This card holds data in a layout this terminal does not know ({detail}).</translation>
    </message>
    <message>
      <source>The card number stored on this card is not valid: {detail}</source>
      <translation>The card number stored on this card is not valid: {detail}</translation>
    </message>
    <message>
      <source>The data on this card has been altered ({detail}): the card is refused. Call the manager.</source>
      <translation>The data on this card has been altered ({detail}): the card is refused. Call the manager.</translation>
    </message>
    <message>
      <source>This card was not issued by this programme ({detail}). Ask for the member's phone number.</source>
      <translation>This card was not issued by this programme ({detail}). Ask for the member's phone number.</translation>
    </message>
    <message>
      <source>Card {number} belongs to another member, not to the member of this sale: identify the member again with their own card.</source>
      <translation>Card {number} belongs to another member, not to the member of this sale: identify the member again with their own card.</translation>
    </message>
    <message>
      <source>Card {number} carries an older issuance than the one this store wrote: it may be a copy. Keep the card and call the manager.</source>
      <translation>Card {number} carries an older issuance than the one this store wrote: it may be a copy. Keep the card and call the manager.</translation>
    </message>
    <message>
      <source>A card that is {state} cannot be {action}.</source>
      <translation>A card that is {state} cannot be {action}.</translation>
    </message>
    <message>
      <source>Card {number} has not been issued to a member yet.</source>
      <translation>Card {number} has not been issued to a member yet.</translation>
    </message>
    <message>
      <source>Card {number} expired on {expired_on}.</source>
      <translation>Card {number} expired on {expired_on}.</translation>
    </message>
    <message>
      <source>Card {number} was replaced by a new card and can no longer be used.</source>
      <translation>Card {number} was replaced by a new card and can no longer be used.</translation>
    </message>
    <message>
      <source>Card {number} was reported lost and is blocked. Ask for the member's phone number.</source>
      <translation>Card {number} was reported lost and is blocked. Ask for the member's phone number.</translation>
    </message>
    <message>
      <source>The number {number} has a wrong check digit: scan again or type it carefully.</source>
      <translation>The number {number} has a wrong check digit: scan again or type it carefully.</translation>
    </message>
    <message>
      <source>This member's membership was closed: card {number} can no longer be used. Sell without a member, or the customer may register again.</source>
      <translation>This member's membership was closed: card {number} can no longer be used. Sell without a member, or the customer may register again.</translation>
    </message>
    <message>
      <source>Card {number} is not known. Check the number or register the member.</source>
      <translation>Card {number} is not known. Check the number or register the member.</translation>
    </message>
    <message>
      <source>No member has the phone number {phone}. Check it with the customer, or press Ctrl+N to register it.</source>
      <translation>No member has the phone number {phone}. Check it with the customer, or press Ctrl+N to register it.</translation>
    </message>
    <message>
      <source>card number</source>
      <translation>card number</translation>
    </message>
    <message>
      <source>{length} digits starting with {prefix} expected</source>
      <translation>{length} digits starting with {prefix} expected</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>phone</translation>
    </message>
    <message>
      <source>'{phone}' is not a mobile number</source>
      <translation>'{phone}' is not a mobile number</translation>
    </message>
    <message>
      <source>not issued yet</source>
      <translation>not issued yet</translation>
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
      <source>replaced by a new card</source>
      <translation>replaced by a new card</translation>
    </message>
    <message>
      <source>expired</source>
      <translation>expired</translation>
    </message>
    <message>
      <source>issued</source>
      <translation>issued</translation>
    </message>
    <message>
      <source>reported lost</source>
      <translation>reported lost</translation>
    </message>
    <message>
      <source>unblocked</source>
      <translation>unblocked</translation>
    </message>
    <message>
      <source>replaced</source>
      <translation>replaced</translation>
    </message>
    <message>
      <source>marked expired</source>
      <translation>marked expired</translation>
    </message>
    <message>
      <source>renewed</source>
      <translation>renewed</translation>
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
      <translation>no weight</translation>
    </message>
    <message>
      <source>{grams} g</source>
      <translation>{grams} g</translation>
    </message>
    <message>
      <source>Price override</source>
      <translation>Price override</translation>
    </message>
    <message>
      <source>EAN-8</source>
      <translation>EAN-8</translation>
    </message>
    <message>
      <source>UPC-A</source>
      <translation>UPC-A</translation>
    </message>
    <message>
      <source>EAN-13</source>
      <translation>EAN-13</translation>
    </message>
    <message>
      <source>card UID</source>
      <translation>card UID</translation>
    </message>
    <message>
      <source>4, 7 or 10 bytes of hex expected</source>
      <translation>4, 7 or 10 bytes of hex expected</translation>
    </message>
    <message>
      <source>Recharge</source>
      <translation>Recharge</translation>
    </message>
    <message>
      <source>Stored value payment</source>
      <translation>Stored value payment</translation>
    </message>
    <message>
      <source>Uses</source>
      <translation>Uses</translation>
    </message>
    <message>
      <source>{n} uses</source>
      <translation>{n} uses</translation>
    </message>
    <message>
      <source>payment PIN</source>
      <translation>payment PIN</translation>
    </message>
    <message>
      <source>the two entries differ: the member types the same 6 digits twice</source>
      <translation>the two entries differ: the member types the same 6 digits twice</translation>
    </message>
    <message>
      <source>6 digits expected</source>
      <translation>6 digits expected</translation>
    </message>
    <message>
      <source>one digit six times is too easy to guess: choose another</source>
      <translation>one digit six times is too easy to guess: choose another</translation>
    </message>
    <message>
      <source>digits in a row (such as 123456) are too easy to guess: choose another</source>
      <translation>digits in a row (such as 123456) are too easy to guess: choose another</translation>
    </message>
    <message>
      <source>the member's birthday is too easy to guess: choose another</source>
      <translation>the member's birthday is too easy to guess: choose another</translation>
    </message>
    <message>
      <source>the end of the member's phone number is too easy to guess: choose another</source>
      <translation>the end of the member's phone number is too easy to guess: choose another</translation>
    </message>
    <message>
      <source>resident ID card</source>
      <translation>resident ID card</translation>
    </message>
    <message>
      <source>passport</source>
      <translation>passport</translation>
    </message>
    <message>
      <source>Hong Kong / Macao permit</source>
      <translation>Hong Kong / Macao permit</translation>
    </message>
    <message>
      <source>Taiwan permit</source>
      <translation>Taiwan permit</translation>
    </message>
    <message>
      <source>foreign permanent residence card</source>
      <translation>foreign permanent residence card</translation>
    </message>
    <message>
      <source>other document</source>
      <translation>other document</translation>
    </message>
    <message>
      <source>person</source>
      <translation>person</translation>
    </message>
    <message>
      <source>company</source>
      <translation>company</translation>
    </message>
    <message>
      <source>Paid in {paid}, bonus given {bonus}, balance {balance}: spent {spent}.</source>
      <translation>Paid in {paid}, bonus given {bonus}, balance {balance}: spent {spent}.</translation>
    </message>
    <message>
      <source>Spent counted against the principal at {paid} ÷ ({paid} + {bonus}): {spent} × {paid} ÷ {whole} = {from_principal} (法释〔2025〕4号).</source>
      <translation>Spent counted against the principal at {paid} ÷ ({paid} + {bonus}): {spent} × {paid} ÷ {whole} = {from_principal} (法释〔2025〕4号).</translation>
    </message>
    <message>
      <source>Refunded {paid} − {from_principal} = {refund}; the bonus left, {forfeited}, is not refunded.</source>
      <translation>Refunded {paid} − {from_principal} = {refund}; the bonus left, {forfeited}, is not refunded.</translation>
    </message>
    <message>
      <source>Paid in cash (a balance of at most {limit}).</source>
      <translation>Paid in cash (a balance of at most {limit}).</translation>
    </message>
    <message>
      <source>Paid by bank transfer to the holder's account (cash only up to {limit}).</source>
      <translation>Paid by bank transfer to the holder's account (cash only up to {limit}).</translation>
    </message>
    <message>
      <source>Taking a gift for points</source>
      <translation>Taking a gift for points</translation>
    </message>
    <message>
      <source>Whole-sale discount</source>
      <translation>Whole-sale discount</translation>
    </message>
    <message>
      <source>points</source>
      <translation>points</translation>
    </message>
    <message>
      <source>must not be negative</source>
      <translation>must not be negative</translation>
    </message>
    <message>
      <source>Paying with points</source>
      <translation>Paying with points</translation>
    </message>
    <message>
      <source>coupons</source>
      <translation>coupons</translation>
    </message>
    <message>
      <source>the same coupon twice</source>
      <translation>the same coupon twice</translation>
    </message>
    <message>
      <source>line</source>
      <translation>line</translation>
    </message>
    <message>
      <source>the sale has no line {line_no}</source>
      <translation>the sale has no line {line_no}</translation>
    </message>
    <message>
      <source>line {line_no}</source>
      <translation>line {line_no}</translation>
    </message>
    <message>
      <source>cash</source>
      <translation>cash</translation>
    </message>
    <message>
      <source>stored value</source>
      <translation>stored value</translation>
    </message>
    <message>
      <source>card or QR payment</source>
      <translation>card or QR payment</translation>
    </message>
    <message>
      <source>{kind}</source>
      <translation>{kind}</translation>
    </message>
    <message>
      <source>Paying with stored value</source>
      <translation>Paying with stored value</translation>
    </message>
    <message>
      <source>text is expected</source>
      <translation>text is expected</translation>
    </message>
    <message>
      <source>contains an invisible control or direction character ({char}): type it again without it</source>
      <translation>contains an invisible control or direction character ({char}): type it again without it</translation>
    </message>
    <message>
      <source>is empty or only spaces: type it</source>
      <translation>is empty or only spaces: type it</translation>
    </message>
    <message>
      <source>at most {n} characters</source>
      <translation>at most {n} characters</translation>
    </message>
    <message>
      <source>terminal id</source>
      <translation>terminal id</translation>
    </message>
    <message>
      <source>1 to 8 letters or digits, e.g. T01</source>
      <translation>1 to 8 letters or digits, e.g. T01</translation>
    </message>
    <message>
      <source>store id</source>
      <translation>store id</translation>
    </message>
    <message>
      <source>1 to 16 letters or digits, e.g. S001</source>
      <translation>1 to 16 letters or digits, e.g. S001</translation>
    </message>
    <message>
      <source>one-time code</source>
      <translation>one-time code</translation>
    </message>
    <message>
      <source>the letters and digits head office gave, e.g. K7QM2XH9TA</source>
      <translation>the letters and digits head office gave, e.g. K7QM2XH9TA</translation>
    </message>
    <message>
      <source>staff id</source>
      <translation>staff id</translation>
    </message>
    <message>
      <source>letters and digits, at most 16</source>
      <translation>letters and digits, at most 16</translation>
    </message>
    <message>
      <source>name</source>
      <translation>name</translation>
    </message>
    <message>
      <source>receipt number</source>
      <translation>receipt number</translation>
    </message>
    <message>
      <source>'{number}' is not a receipt number</source>
      <translation>'{number}' is not a receipt number</translation>
    </message>
    <message>
      <source>this printer drives no cash drawer</source>
      <translation>this printer drives no cash drawer</translation>
    </message>
    <message>
      <source>analytics</source>
      <translation>analytics</translation>
    </message>
    <message>
      <source>0 &lt; new days and 0 &lt; silent days &lt; churn days expected</source>
      <translation>0 &lt; new days and 0 &lt; silent days &lt; churn days expected</translation>
    </message>
    <message>
      <source>the RFM window must be positive</source>
      <translation>the RFM window must be positive</translation>
    </message>
    <message>
      <source>segment</source>
      <translation>segment</translation>
    </message>
    <message>
      <source>'{segment}' is not a segment or a lifecycle stage</source>
      <translation>'{segment}' is not a segment or a lifecycle stage</translation>
    </message>
    <message>
      <source>period</source>
      <translation>period</translation>
    </message>
    <message>
      <source>the end is before the start</source>
      <translation>the end is before the start</translation>
    </message>
    <message>
      <source>void</source>
      <translation>void</translation>
    </message>
    <message>
      <source>choose the lines to void</source>
      <translation>choose the lines to void</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>reason</translation>
    </message>
    <message>
      <source>amount</source>
      <translation>amount</translation>
    </message>
    <message>
      <source>{amount} is more than this approver may approve</source>
      <translation>{amount} is more than this approver may approve</translation>
    </message>
    <message>
      <source>say why the balance is corrected</source>
      <translation>say why the balance is corrected</translation>
    </message>
    <message>
      <source>{delta} is not a possible adjustment</source>
      <translation>{delta} is not a possible adjustment</translation>
    </message>
    <message>
      <source>nothing to adjust</source>
      <translation>nothing to adjust</translation>
    </message>
    <message>
      <source>{amount} is more than one adjustment may move ({limit})</source>
      <translation>{amount} is more than one adjustment may move ({limit})</translation>
    </message>
    <message>
      <source>cards</source>
      <translation>cards</translation>
    </message>
    <message>
      <source>1 to {n} cards in one sale</source>
      <translation>1 to {n} cards in one sale</translation>
    </message>
    <message>
      <source>scan {n} cards, one for each card sold</source>
      <translation>scan {n} cards, one for each card sold</translation>
    </message>
    <message>
      <source>the amount on each card must be above 0</source>
      <translation>the amount on each card must be above 0</translation>
    </message>
    <message>
      <source>PIN</source>
      <translation>PIN</translation>
    </message>
    <message>
      <source>4 to 8 digits expected</source>
      <translation>4 to 8 digits expected</translation>
    </message>
    <message>
      <source>supervisor</source>
      <translation>supervisor</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>Refund</translation>
    </message>
    <message>
      <source>Void</source>
      <translation>Void</translation>
    </message>
    <message>
      <source>Manual adjustment</source>
      <translation>Manual adjustment</translation>
    </message>
    <message>
      <source>Card replacement</source>
      <translation>Card replacement</translation>
    </message>
    <message>
      <source>Recharge reversal</source>
      <translation>Recharge reversal</translation>
    </message>
    <message>
      <source>Card closure (退卡)</source>
      <translation>Card closure (退卡)</translation>
    </message>
    <message>
      <source>Refund without a receipt</source>
      <translation>Refund without a receipt</translation>
    </message>
    <message>
      <source>Adding staff</source>
      <translation>Adding staff</translation>
    </message>
    <message>
      <source>manager</source>
      <translation>manager</translation>
    </message>
    <message>
      <source>{staff_id} already exists</source>
      <translation>{staff_id} already exists</translation>
    </message>
    <message>
      <source>campaign code</source>
      <translation>campaign code</translation>
    </message>
    <message>
      <source>letters, digits and '-', at most 24 characters</source>
      <translation>letters, digits and '-', at most 24 characters</translation>
    </message>
    <message>
      <source>coupon</source>
      <translation>coupon</translation>
    </message>
    <message>
      <source>it must be valid for at least one day</source>
      <translation>it must be valid for at least one day</translation>
    </message>
    <message>
      <source>an amount-off coupon needs a value</source>
      <translation>an amount-off coupon needs a value</translation>
    </message>
    <message>
      <source>Giving a coupon</source>
      <translation>Giving a coupon</translation>
    </message>
    <message>
      <source>coupon code</source>
      <translation>coupon code</translation>
    </message>
    <message>
      <source>{code} is already used</source>
      <translation>{code} is already used</translation>
    </message>
    <message>
      <source>{code} is already a campaign for another segment</source>
      <translation>{code} is already a campaign for another segment</translation>
    </message>
    <message>
      <source>Running a campaign</source>
      <translation>Running a campaign</translation>
    </message>
    <message>
      <source>this terminal's card numbers start at serial {base}, which does not fit the programme's {length}-digit numbers: ask head office</source>
      <translation>this terminal's card numbers start at serial {base}, which does not fit the programme's {length}-digit numbers: ask head office</translation>
    </message>
    <message>
      <source>this terminal has used its block of card numbers: sync with head office</source>
      <translation>this terminal has used its block of card numbers: sync with head office</translation>
    </message>
    <message>
      <source>card</source>
      <translation>card</translation>
    </message>
    <message>
      <source>tap the card on the reader first</source>
      <translation>tap the card on the reader first</translation>
    </message>
    <message>
      <source>the secure card was not written</source>
      <translation>the secure card was not written</translation>
    </message>
    <message>
      <source>the card's secure sector did not verify: issue it again</source>
      <translation>the card's secure sector did not verify: issue it again</translation>
    </message>
    <message>
      <source>scan the card's barcode first</source>
      <translation>scan the card's barcode first</translation>
    </message>
    <message>
      <source>card fee</source>
      <translation>card fee</translation>
    </message>
    <message>
      <source>the card fee is {fee}: choose how it is paid</source>
      <translation>the card fee is {fee}: choose how it is paid</translation>
    </message>
    <message>
      <source>this card is already registered: use a new card</source>
      <translation>this card is already registered: use a new card</translation>
    </message>
    <message>
      <source>card {number} is already {state}</source>
      <translation>card {number} is already {state}</translation>
    </message>
    <message>
      <source>a newer issuance of this card exists already: write the card again</source>
      <translation>a newer issuance of this card exists already: write the card again</translation>
    </message>
    <message>
      <source>the member already has card {number}: report it lost and replace it instead</source>
      <translation>the member already has card {number}: report it lost and replace it instead</translation>
    </message>
    <message>
      <source>Rewriting a secure card</source>
      <translation>Rewriting a secure card</translation>
    </message>
    <message>
      <source>only a secure-mode card can be rewritten</source>
      <translation>only a secure-mode card can be rewritten</translation>
    </message>
    <message>
      <source>only an active card can be written again</source>
      <translation>only an active card can be written again</translation>
    </message>
    <message>
      <source>this is not the member's card: put the member's own card on the reader</source>
      <translation>this is not the member's card: put the member's own card on the reader</translation>
    </message>
    <message>
      <source>type or scan the card number</source>
      <translation>type or scan the card number</translation>
    </message>
    <message>
      <source>Unblocking a card</source>
      <translation>Unblocking a card</translation>
    </message>
    <message>
      <source>this card was never issued</source>
      <translation>this card was never issued</translation>
    </message>
    <message>
      <source>{code} is not known</source>
      <translation>{code} is not known</translation>
    </message>
    <message>
      <source>Selling a count card</source>
      <translation>Selling a count card</translation>
    </message>
    <message>
      <source>count card</source>
      <translation>count card</translation>
    </message>
    <message>
      <source>plan {plan} is not offered</source>
      <translation>plan {plan} is not offered</translation>
    </message>
    <message>
      <source>role</source>
      <translation>role</translation>
    </message>
    <message>
      <source>'{role}' is not a staff role</source>
      <translation>'{role}' is not a staff role</translation>
    </message>
    <message>
      <source>cashier</source>
      <translation>cashier</translation>
    </message>
    <message>
      <source>programme rules</source>
      <translation>programme rules</translation>
    </message>
    <message>
      <source>version {version} uses what this till does not know: upgrade the till ({detail})</source>
      <translation>version {version} uses what this till does not know: upgrade the till ({detail})</translation>
    </message>
    <message>
      <source>none loaded yet: sync with head office first</source>
      <translation>none loaded yet: sync with head office first</translation>
    </message>
    <message>
      <source>none in force on {today}: check the till's date, or sync with head office</source>
      <translation>none in force on {today}: check the till's date, or sync with head office</translation>
    </message>
    <message>
      <source>there is no count card {id}</source>
      <translation>there is no count card {id}</translation>
    </message>
    <message>
      <source>{name} expired on {date}</source>
      <translation>{name} expired on {date}</translation>
    </message>
    <message>
      <source>sale</source>
      <translation>sale</translation>
    </message>
    <message>
      <source>the sale id is not a UUID</source>
      <translation>the sale id is not a UUID</translation>
    </message>
    <message>
      <source>held sale</source>
      <translation>held sale</translation>
    </message>
    <message>
      <source>too many lines to hold</source>
      <translation>too many lines to hold</translation>
    </message>
    <message>
      <source>too many coupons to hold</source>
      <translation>too many coupons to hold</translation>
    </message>
    <message>
      <source>a line has no product code</source>
      <translation>a line has no product code</translation>
    </message>
    <message>
      <source>a weighed line has no weight</source>
      <translation>a weighed line has no weight</translation>
    </message>
    <message>
      <source>a quantity is not between 1 and 999</source>
      <translation>a quantity is not between 1 and 999</translation>
    </message>
    <message>
      <source>a price override has no reason</source>
      <translation>a price override has no reason</translation>
    </message>
    <message>
      <source>the sale discount is incomplete</source>
      <translation>the sale discount is incomplete</translation>
    </message>
    <message>
      <source>this sale is already paid</source>
      <translation>this sale is already paid</translation>
    </message>
    <message>
      <source>nothing was scanned</source>
      <translation>nothing was scanned</translation>
    </message>
    <message>
      <source>a secure card read must carry a member-card number</source>
      <translation>a secure card read must carry a member-card number</translation>
    </message>
    <message>
      <source>type the last 4 digits of the phone, e.g. 5678</source>
      <translation>type the last 4 digits of the phone, e.g. 5678</translation>
    </message>
    <message>
      <source>this member has one already: type it, change it, or a manager resets it</source>
      <translation>this member has one already: type it, change it, or a manager resets it</translation>
    </message>
    <message>
      <source>member check</source>
      <translation>member check</translation>
    </message>
    <message>
      <source>neither the member's phone nor an ID number on record: check the document</source>
      <translation>neither the member's phone nor an ID number on record: check the document</translation>
    </message>
    <message>
      <source>Resetting a payment PIN</source>
      <translation>Resetting a payment PIN</translation>
    </message>
    <message>
      <source>Unlocking a payment PIN</source>
      <translation>Unlocking a payment PIN</translation>
    </message>
    <message>
      <source>the member's name is needed</source>
      <translation>the member's name is needed</translation>
    </message>
    <message>
      <source>a name has no digits</source>
      <translation>a name has no digits</translation>
    </message>
    <message>
      <source>birthday</source>
      <translation>birthday</translation>
    </message>
    <message>
      <source>a date is expected</source>
      <translation>a date is expected</translation>
    </message>
    <message>
      <source>cannot be in the future</source>
      <translation>cannot be in the future</translation>
    </message>
    <message>
      <source>{date} is too long ago</source>
      <translation>{date} is too long ago</translation>
    </message>
    <message>
      <source>gender</source>
      <translation>gender</translation>
    </message>
    <message>
      <source>'{gender}' is not female, male or other</source>
      <translation>'{gender}' is not female, male or other</translation>
    </message>
    <message>
      <source>the programme needs the birthday</source>
      <translation>the programme needs the birthday</translation>
    </message>
    <message>
      <source>the programme needs the gender</source>
      <translation>the programme needs the gender</translation>
    </message>
    <message>
      <source>consent version</source>
      <translation>consent version</translation>
    </message>
    <message>
      <source>1 to 16 characters expected</source>
      <translation>1 to 16 characters expected</translation>
    </message>
    <message>
      <source>consent</source>
      <translation>consent</translation>
    </message>
    <message>
      <source>the member must agree to the use of their data before registering</source>
      <translation>the member must agree to the use of their data before registering</translation>
    </message>
    <message>
      <source>{phone} already belongs to a member</source>
      <translation>{phone} already belongs to a member</translation>
    </message>
    <message>
      <source>search</source>
      <translation>search</translation>
    </message>
    <message>
      <source>type a phone, card number or name</source>
      <translation>type a phone, card number or name</translation>
    </message>
    <message>
      <source>limit</source>
      <translation>limit</translation>
    </message>
    <message>
      <source>1 to {max} expected</source>
      <translation>1 to {max} expected</translation>
    </message>
    <message>
      <source>Editing a member</source>
      <translation>Editing a member</translation>
    </message>
    <message>
      <source>member</source>
      <translation>member</translation>
    </message>
    <message>
      <source>nothing to change</source>
      <translation>nothing to change</translation>
    </message>
    <message>
      <source>card {old} replaced by {new}: {total} stored value ({principal} principal, {bonus} bonus), {points} points in {lots} lots, {coupons} coupons, tier {tier}</source>
      <translation>card {old} replaced by {new}: {total} stored value ({principal} principal, {bonus} bonus), {points} points in {lots} lots, {coupons} coupons, tier {tier}</translation>
    </message>
    <message>
      <source>{amount} paid by {tender}</source>
      <translation>{amount} paid by {tender}</translation>
    </message>
    <message>
      <source>confirmed balance from head office</source>
      <translation>confirmed balance from head office</translation>
    </message>
    <message>
      <source>opening balance</source>
      <translation>opening balance</translation>
    </message>
    <message>
      <source>weighed goods are refunded only with their receipt</source>
      <translation>weighed goods are refunded only with their receipt</translation>
    </message>
    <message>
      <source>type why the goods come back</source>
      <translation>type why the goods come back</translation>
    </message>
    <message>
      <source>at most 64 characters</source>
      <translation>at most 64 characters</translation>
    </message>
    <message>
      <source>account name</source>
      <translation>account name</translation>
    </message>
    <message>
      <source>account number</source>
      <translation>account number</translation>
    </message>
    <message>
      <source>8 to 32 digits expected, as on the bank card</source>
      <translation>8 to 32 digits expected, as on the bank card</translation>
    </message>
    <message>
      <source>Exporting a member's data</source>
      <translation>Exporting a member's data</translation>
    </message>
    <message>
      <source>Recording a consent</source>
      <translation>Recording a consent</translation>
    </message>
    <message>
      <source>consent purpose</source>
      <translation>consent purpose</translation>
    </message>
    <message>
      <source>'{purpose}' cannot be withdrawn here</source>
      <translation>'{purpose}' cannot be withdrawn here</translation>
    </message>
    <message>
      <source>version {version} is not newer than the installed {newest}</source>
      <translation>version {version} is not newer than the installed {newest}</translation>
    </message>
    <message>
      <source>the dates of a version are YYYY-MM-DD</source>
      <translation>the dates of a version are YYYY-MM-DD</translation>
    </message>
    <message>
      <source>the version ends before it starts ({until} &lt; {since})</source>
      <translation>the version ends before it starts ({until} &lt; {since})</translation>
    </message>
    <message>
      <source>a count card from this sale has been used and cannot be refunded</source>
      <translation>a count card from this sale has been used and cannot be refunded</translation>
    </message>
    <message>
      <source>Number of notes or coins</source>
      <translation>Number of notes or coins</translation>
    </message>
    <message>
      <source>cash count</source>
      <translation>cash count</translation>
    </message>
    <message>
      <source>{value} is not a note or coin the till counts</source>
      <translation>{value} is not a note or coin the till counts</translation>
    </message>
    <message>
      <source>Opening float</source>
      <translation>Opening float</translation>
    </message>
    <message>
      <source>shift</source>
      <translation>shift</translation>
    </message>
    <message>
      <source>a shift is already open on this till</source>
      <translation>a shift is already open on this till</translation>
    </message>
    <message>
      <source>no shift is open on this till</source>
      <translation>no shift is open on this till</translation>
    </message>
    <message>
      <source>Counted cash</source>
      <translation>Counted cash</translation>
    </message>
    <message>
      <source>Closing the day</source>
      <translation>Closing the day</translation>
    </message>
    <message>
      <source>recharge</source>
      <translation>recharge</translation>
    </message>
    <message>
      <source>pay a recharge with cash, card or QR code</source>
      <translation>pay a recharge with cash, card or QR code</translation>
    </message>
    <message>
      <source>in use by this till</source>
      <translation>in use by this till</translation>
    </message>
    <message>
      <source>member id</source>
      <translation>member id</translation>
    </message>
    <message>
      <source>this terminal has used its block of member ids: sync with head office</source>
      <translation>this terminal has used its block of member ids: sync with head office</translation>
    </message>
    <message>
      <source>this till has no head-office credentials: enrol it again</source>
      <translation>this till has no head-office credentials: enrol it again</translation>
    </message>
    <message>
      <source>this till's head-office credentials are damaged: enrol it again</source>
      <translation>this till's head-office credentials are damaged: enrol it again</translation>
    </message>
    <message>
      <source>head office no longer accepts this till's credentials (was it enrolled again on another PC?): enrol it again</source>
      <translation>head office no longer accepts this till's credentials (was it enrolled again on another PC?): enrol it again</translation>
    </message>
    <message>
      <source>the enrolment code is unknown or already used</source>
      <translation>the enrolment code is unknown or already used</translation>
    </message>
    <message>
      <source>the enrolment code has expired: ask head office for a new one</source>
      <translation>the enrolment code has expired: ask head office for a new one</translation>
    </message>
    <message>
      <source>an event names another store or till than this one</source>
      <translation>an event names another store or till than this one</translation>
    </message>
    <message>
      <source>a member registered here has an id outside this till's block</source>
      <translation>a member registered here has an id outside this till's block</translation>
    </message>
    <message>
      <source>head office does not know a member these events name</source>
      <translation>head office does not know a member these events name</translation>
    </message>
    <message>
      <source>an event was sent before with other content</source>
      <translation>an event was sent before with other content</translation>
    </message>
    <message>
      <source>a value is out of the range head office accepts</source>
      <translation>a value is out of the range head office accepts</translation>
    </message>
    <message>
      <source>head office did not accept this till's sync position</source>
      <translation>head office did not accept this till's sync position</translation>
    </message>
    <message>
      <source>an event id was used before by another till</source>
      <translation>an event id was used before by another till</translation>
    </message>
    <message>
      <source>head office does not know this kind of event</source>
      <translation>head office does not know this kind of event</translation>
    </message>
    <message>
      <source>head office could not read what this till sent</source>
      <translation>head office could not read what this till sent</translation>
    </message>
    <message>
      <source>head office already has a sale under this sale's id</source>
      <translation>head office already has a sale under this sale's id</translation>
    </message>
    <message>
      <source>head office already has a sale under this receipt number</source>
      <translation>head office already has a sale under this receipt number</translation>
    </message>
    <message>
      <source>head office does not have the sale this refund names</source>
      <translation>head office does not have the sale this refund names</translation>
    </message>
    <message>
      <source>the refund's member is not the member of the sale</source>
      <translation>the refund's member is not the member of the sale</translation>
    </message>
    <message>
      <source>the refund gives back more than the sale took</source>
      <translation>the refund gives back more than the sale took</translation>
    </message>
    <message>
      <source>the refund names a line the sale does not have</source>
      <translation>the refund names a line the sale does not have</translation>
    </message>
    <message>
      <source>a refund without a receipt must be cash back for named goods, with no member</source>
      <translation>a refund without a receipt must be cash back for named goods, with no member</translation>
    </message>
    <message>
      <source>head office does not know the staff member who approved this</source>
      <translation>head office does not know the staff member who approved this</translation>
    </message>
    <message>
      <source>the staff member who approved this may not approve it</source>
      <translation>the staff member who approved this may not approve it</translation>
    </message>
    <message>
      <source>the adjustment is beyond what its approver may approve</source>
      <translation>the adjustment is beyond what its approver may approve</translation>
    </message>
    <message>
      <source>the expiry names points head office does not know</source>
      <translation>the expiry names points head office does not know</translation>
    </message>
    <message>
      <source>the expiry takes points that have not expired</source>
      <translation>the expiry takes points that have not expired</translation>
    </message>
    <message>
      <source>the expiry takes more points than are left</source>
      <translation>the expiry takes more points than are left</translation>
    </message>
    <message>
      <source>HTTP {status}</source>
      <translation>HTTP {status}</translation>
    </message>
    <message>
      <source>garbled answer</source>
      <translation>garbled answer</translation>
    </message>
    <message>
      <source>garbled page</source>
      <translation>garbled page</translation>
    </message>
    <message>
      <source>secure mode needs a Mifare Classic 1K card</source>
      <translation>secure mode needs a Mifare Classic 1K card</translation>
    </message>
    <message>
      <source>the card refused a write ({error})</source>
      <translation>the card refused a write ({error})</translation>
    </message>
    <message>
      <source>no answer within {seconds} s</source>
      <translation>no answer within {seconds} s</translation>
    </message>
    <message>
      <source>the card does not answer the reader</source>
      <translation>the card does not answer the reader</translation>
    </message>
    <message>
      <source>the reader cannot read this card's UID</source>
      <translation>the reader cannot read this card's UID</translation>
    </message>
    <message>
      <source>secure mode needs Mifare Classic 1K</source>
      <translation>secure mode needs Mifare Classic 1K</translation>
    </message>
    <message>
      <source>No route to host</source>
      <translation>No route to host</translation>
    </message>
    <message>
      <source>Network is unreachable</source>
      <translation>Network is unreachable</translation>
    </message>
    <message>
      <source>Connection timed out</source>
      <translation>Connection timed out</translation>
    </message>
    <message>
      <source>Host is down</source>
      <translation>Host is down</translation>
    </message>
    <message>
      <source>Name or service not known</source>
      <translation>Name or service not known</translation>
    </message>
    <message>
      <source>Temporary failure in name resolution</source>
      <translation>Temporary failure in name resolution</translation>
    </message>
    <message>
      <source>No such file or directory</source>
      <translation>No such file or directory</translation>
    </message>
    <message>
      <source>No such device</source>
      <translation>No such device</translation>
    </message>
    <message>
      <source>Permission denied</source>
      <translation>Permission denied</translation>
    </message>
    <message>
      <source>Device or resource busy</source>
      <translation>Device or resource busy</translation>
    </message>
    <message>
      <source>connection refused</source>
      <translation>connection refused</translation>
    </message>
    <message>
      <source>cannot open {path}</source>
      <translation>cannot open {path}</translation>
    </message>
    <message>
      <source>libusb is missing (Debian package libusb-1.0-0)</source>
      <translation>libusb is missing (Debian package libusb-1.0-0)</translation>
    </message>
    <message>
      <source>no such USB device is connected</source>
      <translation>no such USB device is connected</translation>
    </message>
    <message>
      <source>{path} does not exist</source>
      <translation>{path} does not exist</translation>
    </message>
    <message>
      <source>printer '{url}'</source>
      <translation>printer '{url}'</translation>
    </message>
    <message>
      <source>columns and timeout must be numbers</source>
      <translation>columns and timeout must be numbers</translation>
    </message>
    <message>
      <source>columns must be 32 (58 mm), 42, 48 (80 mm) or 64</source>
      <translation>columns must be 32 (58 mm), 42, 48 (80 mm) or 64</translation>
    </message>
    <message>
      <source>expected tcp://HOST:PORT</source>
      <translation>expected tcp://HOST:PORT</translation>
    </message>
    <message>
      <source>the port must be a number</source>
      <translation>the port must be a number</translation>
    </message>
    <message>
      <source>expected usb://VENDOR:PRODUCT in hex, e.g. usb://0416:5011</source>
      <translation>expected usb://VENDOR:PRODUCT in hex, e.g. usb://0416:5011</translation>
    </message>
    <message>
      <source>expected serial:///dev/ttyUSB0</source>
      <translation>expected serial:///dev/ttyUSB0</translation>
    </message>
    <message>
      <source>baudrate must be a number</source>
      <translation>baudrate must be a number</translation>
    </message>
    <message>
      <source>expected file:///dev/usb/lp0 or file:///path/to/spool</source>
      <translation>expected file:///dev/usb/lp0 or file:///path/to/spool</translation>
    </message>
    <message>
      <source>paper must be 80mm, 58mm or a4</source>
      <translation>paper must be 80mm, 58mm or a4</translation>
    </message>
    <message>
      <source>expected pdf:///directory</source>
      <translation>expected pdf:///directory</translation>
    </message>
    <message>
      <source>expected cups://QUEUE?dir=/directory/for/pdfs</source>
      <translation>expected cups://QUEUE?dir=/directory/for/pdfs</translation>
    </message>
    <message>
      <source>unknown kind of printer; use one of {schemes}</source>
      <translation>unknown kind of printer; use one of {schemes}</translation>
    </message>
    <message>
      <source>cannot write {path}: {error}</source>
      <translation>cannot write {path}: {error}</translation>
    </message>
    <message>
      <source>the lp command is missing (Debian package cups-client)</source>
      <translation>the lp command is missing (Debian package cups-client)</translation>
    </message>
    <message>
      <source>lp exit {status}</source>
      <translation>lp exit {status}</translation>
    </message>
    <message>
      <source>the card's sector holds no member data</source>
      <translation>the card's sector holds no member data</translation>
    </message>
    <message>
      <source>format version {version} is unknown</source>
      <translation>format version {version} is unknown</translation>
    </message>
    <message>
      <source>the sector's MAC does not match its content</source>
      <translation>the sector's MAC does not match its content</translation>
    </message>
    <message>
      <source>the card number in the sector is not digits</source>
      <translation>the card number in the sector is not digits</translation>
    </message>
    <message>
      <source>blank card, card of another system, or a copy of its UID</source>
      <translation>blank card, card of another system, or a copy of its UID</translation>
    </message>
    <message>
      <source>the sector cannot be read ({error})</source>
      <translation>the sector cannot be read ({error})</translation>
    </message>
    <message>
      <source>sector {sector} is locked with keys of another system; use a blank card</source>
      <translation>sector {sector} is locked with keys of another system; use a blank card</translation>
    </message>
    <message>
      <source>this card was not issued by this programme</source>
      <translation>this card was not issued by this programme</translation>
    </message>
    <message>
      <source>the port cannot be opened (is the scanner plugged in?)</source>
      <translation>the port cannot be opened (is the scanner plugged in?)</translation>
    </message>
    <message>
      <source>the scanner was unplugged or stopped answering</source>
      <translation>the scanner was unplugged or stopped answering</translation>
    </message>
    <message>
      <source>store</source>
      <translation>store</translation>
    </message>
    <message>
      <source>the terminal database is not open</source>
      <translation>the terminal database is not open</translation>
    </message>
    <message>
      <source>no receipt printer is configured</source>
      <translation>no receipt printer is configured</translation>
    </message>
    <message>
      <source>ConnectError</source>
      <translation>ConnectError</translation>
    </message>
    <message>
      <source>ConnectTimeout</source>
      <translation>ConnectTimeout</translation>
    </message>
    <message>
      <source>ReadTimeout</source>
      <translation>ReadTimeout</translation>
    </message>
    <message>
      <source>WriteTimeout</source>
      <translation>WriteTimeout</translation>
    </message>
    <message>
      <source>PoolTimeout</source>
      <translation>PoolTimeout</translation>
    </message>
    <message>
      <source>ReadError</source>
      <translation>ReadError</translation>
    </message>
    <message>
      <source>WriteError</source>
      <translation>WriteError</translation>
    </message>
    <message>
      <source>CloseError</source>
      <translation>CloseError</translation>
    </message>
    <message>
      <source>RemoteProtocolError</source>
      <translation>RemoteProtocolError</translation>
    </message>
    <message>
      <source>LocalProtocolError</source>
      <translation>LocalProtocolError</translation>
    </message>
    <message>
      <source>ProxyError</source>
      <translation>ProxyError</translation>
    </message>
    <message>
      <source>UnsupportedProtocol</source>
      <translation>UnsupportedProtocol</translation>
    </message>
    <message>
      <source>Manager mode</source>
      <translation>Manager mode</translation>
    </message>
    <message>
      <source>Running the programme jobs</source>
      <translation>Running the programme jobs</translation>
    </message>
    <message>
      <source>the first day is after the last day</source>
      <translation>the first day is after the last day</translation>
    </message>
    <message>
      <source>timeout</source>
      <translation>timeout</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <source>Set up this till</source>
      <translation>Set up this till</translation>
    </message>
    <message>
      <source>Which till is this PC? Asked once; the choice is kept.</source>
      <translation>Which till is this PC? Asked once; the choice is kept.</translation>
    </message>
    <message>
      <source>Alt+1  Demo store: try the app with sample data</source>
      <translation>Alt+1  Demo store: try the app with sample data</translation>
    </message>
    <message>
      <source>Alt+2  A single store on its own (no head office)</source>
      <translation>Alt+2  A single store on its own (no head office)</translation>
    </message>
    <message>
      <source>Alt+3  A till of a chain: enrol with head office</source>
      <translation>Alt+3  A till of a chain: enrol with head office</translation>
    </message>
    <message>
      <source>Start (Enter)</source>
      <translation>Start (Enter)</translation>
    </message>
    <message>
      <source>Quit (Esc)</source>
      <translation>Quit (Esc)</translation>
    </message>
    <message>
      <source>A demo store with members, cards, goods and staff, for training and trying the app. Nothing is sent anywhere. The login shows the demo staff's PINs.</source>
      <translation>A demo store with members, cards, goods and staff, for training and trying the app. Nothing is sent anywhere. The login shows the demo staff's PINs.</translation>
    </message>
    <message>
      <source>Store id</source>
      <translation>Store id</translation>
    </message>
    <message>
      <source>Terminal id</source>
      <translation>Terminal id</translation>
    </message>
    <message>
      <source>Scan the QR code on head office's Terminals page here</source>
      <translation>Scan the QR code on head office's Terminals page here</translation>
    </message>
    <message>
      <source>Scan</source>
      <translation>Scan</translation>
    </message>
    <message>
      <source>Head office</source>
      <translation>Head office</translation>
    </message>
    <message>
      <source>One-time code</source>
      <translation>One-time code</translation>
    </message>
    <message>
      <source>Scanned: head office {url}, terminal {terminal}.</source>
      <translation>Scanned: head office {url}, terminal {terminal}.</translation>
    </message>
    <message>
      <source>Asking head office…</source>
      <translation>Asking head office…</translation>
    </message>
    <message>
      <source>Setting up…</source>
      <translation>Setting up…</translation>
    </message>
  </context>
  <context>
    <name>GiftDialog</name>
    <message>
      <source>{points} points</source>
      <translation>{points} points</translation>
    </message>
    <message>
      <source>Gifts for points</source>
      <translation>Gifts for points</translation>
    </message>
    <message>
      <source>↑/↓ choose   Enter take the gift   Esc close</source>
      <translation>↑/↓ choose   Enter take the gift   Esc close</translation>
    </message>
    <message>
      <source>Gift</source>
      <translation>Gift</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>Price</translation>
    </message>
    <message>
      <source>Left</source>
      <translation>Left</translation>
    </message>
    <message>
      <source>Take  Enter</source>
      <translation>Take  Enter</translation>
    </message>
    <message>
      <source>Close  Esc</source>
      <translation>Close  Esc</translation>
    </message>
    <message>
      <source>Identify the member first (F2), then press Ctrl+J for a gift.</source>
      <translation>Identify the member first (F2), then press Ctrl+J for a gift.</translation>
    </message>
    <message>
      <source>No gifts for points are on offer now.</source>
      <translation>No gifts for points are on offer now.</translation>
    </message>
    <message>
      <source>The gifts are out of stock: no gift left to give.</source>
      <translation>The gifts are out of stock: no gift left to give.</translation>
    </message>
    <message>
      <source>Not enough points: {missing} more are needed.</source>
      <translation>Not enough points: {missing} more are needed.</translation>
    </message>
  </context>
  <context>
    <name>HeldItem</name>
    <message>
      <source>Held: {n} (F8)</source>
      <translation>Held: {n} (F8)</translation>
    </message>
  </context>
  <context>
    <name>HeldSalesDialog</name>
    <message>
      <source>Held sales</source>
      <translation>Held sales</translation>
    </message>
    <message>
      <source>↑/↓ choose   Enter recall   Del discard   Esc close</source>
      <translation>↑/↓ choose   Enter recall   Del discard   Esc close</translation>
    </message>
    <message>
      <source>Held at</source>
      <translation>Held at</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Member</translation>
    </message>
    <message>
      <source>Lines</source>
      <translation>Lines</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>Items</translation>
    </message>
    <message>
      <source>Recall  Enter</source>
      <translation>Recall  Enter</translation>
    </message>
    <message>
      <source>Discard  Del</source>
      <translation>Discard  Del</translation>
    </message>
    <message>
      <source>Close  Esc</source>
      <translation>Close  Esc</translation>
    </message>
    <message>
      <source>No member</source>
      <translation>No member</translation>
    </message>
    <message>
      <source>Discard held sale</source>
      <translation>Discard held sale</translation>
    </message>
    <message>
      <source>Discard the sale held at {time}: {items} (lines: {lines})? It cannot be recalled afterwards.</source>
      <translation>Discard the sale held at {time}: {items} (lines: {lines})? It cannot be recalled afterwards.</translation>
    </message>
    <message>
      <source>Discard  Enter</source>
      <translation>Discard  Enter</translation>
    </message>
    <message>
      <source>Keep  Esc</source>
      <translation>Keep  Esc</translation>
    </message>
  </context>
  <context>
    <name>HeldSalesFlow</name>
    <message>
      <source>Holding the sale…</source>
      <translation>Holding the sale…</translation>
    </message>
    <message>
      <source>Sale held ({n} waiting). F8 on an empty sale recalls it.</source>
      <translation>Sale held ({n} waiting). F8 on an empty sale recalls it.</translation>
    </message>
    <message>
      <source>The sale is back on screen.</source>
      <translation>The sale is back on screen.</translation>
    </message>
    <message>
      <source>No sale is held.</source>
      <translation>No sale is held.</translation>
    </message>
    <message>
      <source>Recalling the held sale…</source>
      <translation>Recalling the held sale…</translation>
    </message>
    <message>
      <source>Product {code} no longer exists: its line was left out.</source>
      <translation>Product {code} no longer exists: its line was left out.</translation>
    </message>
    <message>
      <source>Coupon {codes} no longer applies and was taken off.</source>
      <translation>Coupon {codes} no longer applies and was taken off.</translation>
    </message>
    <message>
      <source>The member could not be found again: tap the card.</source>
      <translation>The member could not be found again: tap the card.</translation>
    </message>
    <message>
      <source>Its price changes and sale discount were taken off: whoever approved them may no longer approve. Ctrl+G / Ctrl+K to apply them again.</source>
      <translation>Its price changes and sale discount were taken off: whoever approved them may no longer approve. Ctrl+G / Ctrl+K to apply them again.</translation>
    </message>
    <message>
      <source>Sale held at {time} recalled.</source>
      <translation>Sale held at {time} recalled.</translation>
    </message>
    <message>
      <source>Discard a held sale</source>
      <translation>Discard a held sale</translation>
    </message>
    <message>
      <source>Held sale discarded.</source>
      <translation>Held sale discarded.</translation>
    </message>
  </context>
  <context>
    <name>LastSyncItem</name>
    <message>
      <source>Last sync: {t}</source>
      <translation>Last sync: {t}</translation>
    </message>
    <message>
      <source>Last sync: never</source>
      <translation>Last sync: never</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Staff login</source>
      <translation>Staff login</translation>
    </message>
    <message>
      <source>Screen locked</source>
      <translation>Screen locked</translation>
    </message>
    <message>
      <source>Member terminal — log in</source>
      <translation>Member terminal — log in</translation>
    </message>
    <message>
      <source>Staff id</source>
      <translation>Staff id</translation>
    </message>
    <message>
      <source>PIN</source>
      <translation>PIN</translation>
    </message>
    <message>
      <source>Log in (Enter)</source>
      <translation>Log in (Enter)</translation>
    </message>
    <message>
      <source>Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Every demo member's payment PIN: 246810. Ctrl+Shift+T taps a demo card.</source>
      <translation>Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Every demo member's payment PIN: 246810. Ctrl+Shift+T taps a demo card.</translation>
    </message>
    <message>
      <source>Type your staff id.</source>
      <translation>Type your staff id.</translation>
    </message>
    <message>
      <source>Type your PIN.</source>
      <translation>Type your PIN.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Checking…</translation>
    </message>
  </context>
  <context>
    <name>ManagerFields</name>
    <message>
      <source>First manager (logs in to this till)</source>
      <translation>First manager (logs in to this till)</translation>
    </message>
    <message>
      <source>Staff id</source>
      <translation>Staff id</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>PIN (4 to 8 digits)</source>
      <translation>PIN (4 to 8 digits)</translation>
    </message>
    <message>
      <source>PIN again</source>
      <translation>PIN again</translation>
    </message>
  </context>
  <context>
    <name>MemberLookupFlow</name>
    <message>
      <source>No member's phone ends in {tail}. Ask for the whole phone number, or press Ctrl+N to register the customer.</source>
      <translation>No member's phone ends in {tail}. Ask for the whole phone number, or press Ctrl+N to register the customer.</translation>
    </message>
    <message>
      <source>Member {name} registered ({phone}) and on this sale.</source>
      <translation>Member {name} registered ({phone}) and on this sale.</translation>
    </message>
  </context>
  <context>
    <name>MemberPanel</name>
    <message>
      <source>Stored value</source>
      <translation>Stored value</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Points</translation>
    </message>
    <message>
      <source>No member</source>
      <translation>No member</translation>
    </message>
    <message>
      <source>Tap the card, scan it, or press F2 for a phone number</source>
      <translation>Tap the card, scan it, or press F2 for a phone number</translation>
    </message>
    <message>
      <source>Electronic member card</source>
      <translation>Electronic member card</translation>
    </message>
    <message>
      <source>Coupons: {list}</source>
      <translation>Coupons: {list}</translation>
    </message>
    <message>
      <source>No coupons</source>
      <translation>No coupons</translation>
    </message>
    <message>
      <source>Birthday month: birthday benefits apply</source>
      <translation>Birthday month: birthday benefits apply</translation>
    </message>
    <message>
      <source>{n} points expire on {date}</source>
      <translation>{n} points expire on {date}</translation>
    </message>
    <message>
      <source>Owes {amount} of stored value</source>
      <translation>Owes {amount} of stored value</translation>
    </message>
    <message>
      <source>Owes {n} points</source>
      <translation>Owes {n} points</translation>
    </message>
    <message>
      <source>Two stores spent the same balance offline; a recharge pays it.</source>
      <translation>Two stores spent the same balance offline; a recharge pays it.</translation>
    </message>
  </context>
  <context>
    <name>NoReceiptRefundDialog</name>
    <message>
      <source>Refund without a receipt</source>
      <translation>Refund without a receipt</translation>
    </message>
    <message>
      <source>Scan or type the product code</source>
      <translation>Scan or type the product code</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a quantity: scan the goods into the code field.</source>
      <translation>That was a scan ({code}), not a quantity: scan the goods into the code field.</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <source>Shelf price</source>
      <translation>Shelf price</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>e.g. the customer lost the receipt</source>
      <translation>e.g. the customer lost the receipt</translation>
    </message>
    <message>
      <source>Cash back</source>
      <translation>Cash back</translation>
    </message>
    <message>
      <source>Reason (printed on the receipt)</source>
      <translation>Reason (printed on the receipt)</translation>
    </message>
    <message>
      <source>Refund in cash (supervisor)  F12</source>
      <translation>Refund in cash (supervisor)  F12</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Scan each item that comes back (type the quantity first). It is refunded at today's shelf price, in cash, with a supervisor's PIN.</source>
      <translation>Scan each item that comes back (type the quantity first). It is refunded at today's shelf price, in cash, with a supervisor's PIN.</translation>
    </message>
    <message>
      <source>{total} to hand back (at most {limit} without a receipt).</source>
      <translation>{total} to hand back (at most {limit} without a receipt).</translation>
    </message>
    <message>
      <source>Scan the goods that come back first.</source>
      <translation>Scan the goods that come back first.</translation>
    </message>
    <message>
      <source>Type the reason: it is printed on the receipt.</source>
      <translation>Type the reason: it is printed on the receipt.</translation>
    </message>
    <message>
      <source>Refund {no} done: hand back {amount} in cash.</source>
      <translation>Refund {no} done: hand back {amount} in cash.</translation>
    </message>
  </context>
  <context>
    <name>OnlineItem</name>
    <message>
      <source>● Online</source>
      <translation>● Online</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● Offline</translation>
    </message>
  </context>
  <context>
    <name>OpenSaleGuard</name>
    <message>
      <source>A sale is open</source>
      <translation>A sale is open</translation>
    </message>
    <message>
      <source>A sale is still open: {lines} lines, {amount}. {what} Hold it (F8 recalls it later), or go back to the sale?</source>
      <translation>A sale is still open: {lines} lines, {amount}. {what} Hold it (F8 recalls it later), or go back to the sale?</translation>
    </message>
    <message>
      <source>Hold the sale  Enter</source>
      <translation>Hold the sale  Enter</translation>
    </message>
    <message>
      <source>Back to the sale  Esc</source>
      <translation>Back to the sale  Esc</translation>
    </message>
    <message>
      <source>The sale is still open. Pay it (F12) or hold it (F8).</source>
      <translation>The sale is still open. Pay it (F12) or hold it (F8).</translation>
    </message>
    <message>
      <source>Holding the sale…</source>
      <translation>Holding the sale…</translation>
    </message>
    <message>
      <source>Sale held ({n} waiting). F8 on an empty sale recalls it.</source>
      <translation>Sale held ({n} waiting). F8 on an empty sale recalls it.</translation>
    </message>
    <message>
      <source>The sale is still on screen: pay it or hold it.</source>
      <translation>The sale is still on screen: pay it or hold it.</translation>
    </message>
  </context>
  <context>
    <name>PackageKeys</name>
    <message>
      <source>Packages</source>
      <translation>Packages</translation>
    </message>
    <message>
      <source>Deposit {deposit}, get {bonus}</source>
      <translation>Deposit {deposit}, get {bonus}</translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <source>Payment</source>
      <translation>Payment</translation>
    </message>
    <message>
      <source>Bank card</source>
      <translation>Bank card</translation>
    </message>
    <message>
      <source>WeChat Pay</source>
      <translation>WeChat Pay</translation>
    </message>
    <message>
      <source>Alipay</source>
      <translation>Alipay</translation>
    </message>
    <message>
      <source>UnionPay QR</source>
      <translation>UnionPay QR</translation>
    </message>
    <message>
      <source>member types the payment PIN</source>
      <translation>member types the payment PIN</translation>
    </message>
    <message>
      <source>the same 6 digits again</source>
      <translation>the same 6 digits again</translation>
    </message>
    <message>
      <source>To pay</source>
      <translation>To pay</translation>
    </message>
    <message>
      <source>Stored value (S) · all F2</source>
      <translation>Stored value (S) · all F2</translation>
    </message>
    <message>
      <source>Points (P)</source>
      <translation>Points (P)</translation>
    </message>
    <message>
      <source>Bank card / QR (B)</source>
      <translation>Bank card / QR (B)</translation>
    </message>
    <message>
      <source>Cash received (C)</source>
      <translation>Cash received (C)</translation>
    </message>
    <message>
      <source>Member PIN (M)</source>
      <translation>Member PIN (M)</translation>
    </message>
    <message>
      <source>Repeat new PIN (R)</source>
      <translation>Repeat new PIN (R)</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>Pay  Enter</source>
      <translation>Pay  Enter</translation>
    </message>
    <message>
      <source>Exact cash  F5</source>
      <translation>Exact cash  F5</translation>
    </message>
    <message>
      <source>All stored value  F2</source>
      <translation>All stored value  F2</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Balance {amount}; PIN needed over {threshold}</source>
      <translation>Balance {amount}; PIN needed over {threshold}</translation>
    </message>
    <message>
      <source>Balance {amount}; the member's PIN is needed</source>
      <translation>Balance {amount}; the member's PIN is needed</translation>
    </message>
    <message>
      <source>{n} points available, in steps of {unit}</source>
      <translation>{n} points available, in steps of {unit}</translation>
    </message>
    <message>
      <source>No member: stored value and points not available</source>
      <translation>No member: stored value and points not available</translation>
    </message>
    <message>
      <source>PIN locked until {until}. Pay another way: bank card or QR (B), cash (C).</source>
      <translation>PIN locked until {until}. Pay another way: bank card or QR (B), cash (C).</translation>
    </message>
    <message>
      <source>The member's payment PIN is locked until {until} (too many wrong PINs): stored value cannot pay now. Pay another way: bank card or QR (B) or cash (C). A manager can unlock it.</source>
      <translation>The member's payment PIN is locked until {until} (too many wrong PINs): stored value cannot pay now. Pay another way: bank card or QR (B) or cash (C). A manager can unlock it.</translation>
    </message>
    <message>
      <source>New PIN (M)</source>
      <translation>New PIN (M)</translation>
    </message>
    <message>
      <source>the member chooses 6 digits</source>
      <translation>the member chooses 6 digits</translation>
    </message>
    <message>
      <source>This member has no payment PIN yet: the member chooses 6 digits in M and types them again in R, or pays another way.</source>
      <translation>This member has no payment PIN yet: the member chooses 6 digits in M and types them again in R, or pays another way.</translation>
    </message>
    <message>
      <source>Points must be a whole number.</source>
      <translation>Points must be a whole number.</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>Amounts are yuan with at most two decimals, like 12.50.</translation>
    </message>
    <message>
      <source>Still to pay: {amount}</source>
      <translation>Still to pay: {amount}</translation>
    </message>
    <message>
      <source>The member types the same 6 digits again in R.</source>
      <translation>The member types the same 6 digits again in R.</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not an amount or a PIN: nothing was typed. Finish the payment, or press Esc and scan on the sale.</source>
      <translation>That was a scan ({code}), not an amount or a PIN: nothing was typed. Finish the payment, or press Esc and scan on the sale.</translation>
    </message>
    <message>
      <source>Paying…</source>
      <translation>Paying…</translation>
    </message>
    <message>
      <source>Payment PIN set. Paying…</source>
      <translation>Payment PIN set. Paying…</translation>
    </message>
    <message>
      <source>Setting the payment PIN…</source>
      <translation>Setting the payment PIN…</translation>
    </message>
    <message>
      <source>No payment PIN yet: the member chooses 6 digits in M, then again in R.</source>
      <translation>No payment PIN yet: the member chooses 6 digits in M, then again in R.</translation>
    </message>
    <message>
      <source>The member types the payment PIN, then Enter.</source>
      <translation>The member types the payment PIN, then Enter.</translation>
    </message>
    <message>
      <source>Still to pay {amount}: type the cash received (F5: exact), then Enter.</source>
      <translation>Still to pay {amount}: type the cash received (F5: exact), then Enter.</translation>
    </message>
    <message>
      <source>Complete: Enter pays.</source>
      <translation>Complete: Enter pays.</translation>
    </message>
  </context>
  <context>
    <name>PhonePickDialog</name>
    <message>
      <source>Phone ending {tail}</source>
      <translation>Phone ending {tail}</translation>
    </message>
    <message>
      <source>Ask the customer which one is them: ↑/↓ choose, Enter take, Esc back.</source>
      <translation>Ask the customer which one is them: ↑/↓ choose, Enter take, Esc back.</translation>
    </message>
    <message>
      <source>More members share this ending than are listed: if none is them, type the whole phone number.</source>
      <translation>More members share this ending than are listed: if none is them, type the whole phone number.</translation>
    </message>
    <message>
      <source>Take  Enter</source>
      <translation>Take  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
  </context>
  <context>
    <name>PriceOverrideDialog</name>
    <message>
      <source>Change the price</source>
      <translation>Change the price</translation>
    </message>
    <message>
      <source>Line {n}: {name}, now {price} each</source>
      <translation>Line {n}: {name}, now {price} each</translation>
    </message>
    <message>
      <source>e.g. damaged packaging</source>
      <translation>e.g. damaged packaging</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a price: type the price.</source>
      <translation>That was a scan ({code}), not a price: type the price.</translation>
    </message>
    <message>
      <source>New unit price</source>
      <translation>New unit price</translation>
    </message>
    <message>
      <source>Reason (printed on the receipt)</source>
      <translation>Reason (printed on the receipt)</translation>
    </message>
    <message>
      <source>Change  Enter</source>
      <translation>Change  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Remove the price change  Ctrl+G</source>
      <translation>Remove the price change  Ctrl+G</translation>
    </message>
    <message>
      <source>This line's price was changed ({reason}). Ctrl+G again takes the change off; or type another price (a supervisor's PIN and a reason).</source>
      <translation>This line's price was changed ({reason}). Ctrl+G again takes the change off; or type another price (a supervisor's PIN and a reason).</translation>
    </message>
    <message>
      <source>A lower price needs a supervisor's PIN and a reason.</source>
      <translation>A lower price needs a supervisor's PIN and a reason.</translation>
    </message>
    <message>
      <source>Line {n} is back at its shelf price ({reason} taken off).</source>
      <translation>Line {n} is back at its shelf price ({reason} taken off).</translation>
    </message>
    <message>
      <source>“{text}” is not a price: type it as 12.50.</source>
      <translation>“{text}” is not a price: type it as 12.50.</translation>
    </message>
    <message>
      <source>Type the new unit price.</source>
      <translation>Type the new unit price.</translation>
    </message>
    <message>
      <source>Type the reason: it is printed on the receipt.</source>
      <translation>Type the reason: it is printed on the receipt.</translation>
    </message>
    <message>
      <source>Line {n} now {price} each ({reason}).</source>
      <translation>Line {n} now {price} each ({reason}).</translation>
    </message>
    <message>
      <source>Change the price of line {n}</source>
      <translation>Change the price of line {n}</translation>
    </message>
    <message>
      <source>Choose the line first (↑/↓), then press Ctrl+G.</source>
      <translation>Choose the line first (↑/↓), then press Ctrl+G.</translation>
    </message>
  </context>
  <context>
    <name>PrinterItem</name>
    <message>
      <source>Printer: ready</source>
      <translation>Printer: ready</translation>
    </message>
    <message>
      <source>Printer: none</source>
      <translation>Printer: none</translation>
    </message>
    <message>
      <source>Printer: printing…</source>
      <translation>Printer: printing…</translation>
    </message>
    <message>
      <source>Printer: failed — Ctrl+P reprints</source>
      <translation>Printer: failed — Ctrl+P reprints</translation>
    </message>
  </context>
  <context>
    <name>PromotionStrip</name>
    <message>
      <source>Promotions: {names}</source>
      <translation>Promotions: {names}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>, </translation>
    </message>
    <message>
      <source>{amount} more for {reward}</source>
      <translation>{amount} more for {reward}</translation>
    </message>
  </context>
  <context>
    <name>ReadersItem</name>
    <message>
      <source>Reader: —</source>
      <translation>Reader: —</translation>
    </message>
    <message>
      <source>Readers: {n}</source>
      <translation>Readers: {n}</translation>
    </message>
    <message>
      <source>Reader: none</source>
      <translation>Reader: none</translation>
    </message>
  </context>
  <context>
    <name>ReceiptFlow</name>
    <message>
      <source>Press Ctrl+P to reprint receipt {no}.</source>
      <translation>Press Ctrl+P to reprint receipt {no}.</translation>
    </message>
    <message>
      <source>No receipt to reprint.</source>
      <translation>No receipt to reprint.</translation>
    </message>
    <message>
      <source>Reprinting receipt {no}.</source>
      <translation>Reprinting receipt {no}.</translation>
    </message>
  </context>
  <context>
    <name>RechargeDialog</name>
    <message>
      <source>Recharge stored value</source>
      <translation>Recharge stored value</translation>
    </message>
    <message>
      <source>empty: all in cash</source>
      <translation>empty: all in cash</translation>
    </message>
    <message>
      <source>a person</source>
      <translation>a person</translation>
    </message>
    <message>
      <source>a company</source>
      <translation>a company</translation>
    </message>
    <message>
      <source>Paid by bank transfer (T)</source>
      <translation>Paid by bank transfer (T)</translation>
    </message>
    <message>
      <source>Amount (A)</source>
      <translation>Amount (A)</translation>
    </message>
    <message>
      <source>Bought by (Y)</source>
      <translation>Bought by (Y)</translation>
    </message>
    <message>
      <source>Bank card / QR (B)</source>
      <translation>Bank card / QR (B)</translation>
    </message>
    <message>
      <source>Cash received (C)</source>
      <translation>Cash received (C)</translation>
    </message>
    <message>
      <source>Bonus</source>
      <translation>Bonus</translation>
    </message>
    <message>
      <source>Balance after</source>
      <translation>Balance after</translation>
    </message>
    <message>
      <source>Recharge  Enter</source>
      <translation>Recharge  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>{name} · {tier} · balance {amount}</source>
      <translation>{name} · {tier} · balance {amount}</translation>
    </message>
    <message>
      <source>Buyer's real name (the prepaid-card law asks for it)</source>
      <translation>Buyer's real name (the prepaid-card law asks for it)</translation>
    </message>
    <message>
      <source>an agent buys for the card's holder</source>
      <translation>an agent buys for the card's holder</translation>
    </message>
    <message>
      <source>The buyer agrees that the ID number is kept (sealed, at least 5 years) (K)</source>
      <translation>The buyer agrees that the ID number is kept (sealed, at least 5 years) (K)</translation>
    </message>
    <message>
      <source>Name on the ID (N)</source>
      <translation>Name on the ID (N)</translation>
    </message>
    <message>
      <source>ID type (I)</source>
      <translation>ID type (I)</translation>
    </message>
    <message>
      <source>ID number (D)</source>
      <translation>ID number (D)</translation>
    </message>
    <message>
      <source>Company (O)</source>
      <translation>Company (O)</translation>
    </message>
    <message>
      <source>Contact phone (P)</source>
      <translation>Contact phone (P)</translation>
    </message>
    <message>
      <source>Bank transfer</source>
      <translation>Bank transfer</translation>
    </message>
    <message>
      <source>Payer's name (R)</source>
      <translation>Payer's name (R)</translation>
    </message>
    <message>
      <source>Payer's account (U)</source>
      <translation>Payer's account (U)</translation>
    </message>
    <message>
      <source>Payer's bank (J)</source>
      <translation>Payer's bank (J)</translation>
    </message>
    <message>
      <source>Payee's name (E)</source>
      <translation>Payee's name (E)</translation>
    </message>
    <message>
      <source>Payee's account (M)</source>
      <translation>Payee's account (M)</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not an amount, an ID or an account number: nothing was typed. Type it by hand.</source>
      <translation>That was a scan ({code}), not an amount, an ID or an account number: nothing was typed. Type it by hand.</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>Amounts are yuan with at most two decimals, like 12.50.</translation>
    </message>
    <message>
      <source>Type the amount to recharge.</source>
      <translation>Type the amount to recharge.</translation>
    </message>
    <message>
      <source>Every recharge needs a supervisor's approval</source>
      <translation>Every recharge needs a supervisor's approval</translation>
    </message>
    <message>
      <source>Over {amount} needs a supervisor's approval</source>
      <translation>Over {amount} needs a supervisor's approval</translation>
    </message>
    <message>
      <source>Recharged. New balance {amount}.</source>
      <translation>Recharged. New balance {amount}.</translation>
    </message>
    <message>
      <source>Change: {amount}</source>
      <translation>Change: {amount}</translation>
    </message>
  </context>
  <context>
    <name>RefundDialog</name>
    <message>
      <source>Refund</source>
      <translation>Refund</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a quantity: type how many come back.</source>
      <translation>That was a scan ({code}), not a quantity: type how many come back.</translation>
    </message>
    <message>
      <source>Scan the receipt barcode or type its number</source>
      <translation>Scan the receipt barcode or type its number</translation>
    </message>
    <message>
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>Sold</source>
      <translation>Sold</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>Goods returned</source>
      <translation>Goods returned</translation>
    </message>
    <message>
      <source>Cash back</source>
      <translation>Cash back</translation>
    </message>
    <message>
      <source>Bank card / QR back</source>
      <translation>Bank card / QR back</translation>
    </message>
    <message>
      <source>Stored value back</source>
      <translation>Stored value back</translation>
    </message>
    <message>
      <source>Points given back</source>
      <translation>Points given back</translation>
    </message>
    <message>
      <source>Points taken back</source>
      <translation>Points taken back</translation>
    </message>
    <message>
      <source>To &amp;card</source>
      <translation>To &amp;card</translation>
    </message>
    <message>
      <source>Everything  F3</source>
      <translation>Everything  F3</translation>
    </message>
    <message>
      <source>Refund (supervisor)  F12</source>
      <translation>Refund (supervisor)  F12</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>No receipt  F4</source>
      <translation>No receipt  F4</translation>
    </message>
    <message>
      <source>Receipt {no}  {member}</source>
      <translation>Receipt {no}  {member}</translation>
    </message>
    <message>
      <source>{g} g ({left} left)</source>
      <translation>{g} g ({left} left)</translation>
    </message>
    <message>
      <source>{n} ({left} left)</source>
      <translation>{n} ({left} left)</translation>
    </message>
    <message>
      <source>{total} (principal {p}, bonus {b})</source>
      <translation>{total} (principal {p}, bonus {b})</translation>
    </message>
    <message>
      <source>Points already spent: {amount} kept from the refund</source>
      <translation>Points already spent: {amount} kept from the refund</translation>
    </message>
    <message>
      <source>{card} (room {room})</source>
      <translation>{card} (room {room})</translation>
    </message>
    <message>
      <source>{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more): it goes to another card in the member's name. Choose it with Alt+C.</source>
      <translation>{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more): it goes to another card in the member's name. Choose it with Alt+C.</translation>
    </message>
    <message>
      <source>{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more), and the member has no other named card in their name that takes it. Issue a second card in the member's name at the manager window, then refund again; or refund after the member has spent some of the balance.</source>
      <translation>{amount} of stored value does not fit the member's card (cap {cap}, at most {room} more), and the member has no other named card in their name that takes it. Issue a second card in the member's name at the manager window, then refund again; or refund after the member has spent some of the balance.</translation>
    </message>
    <message>
      <source>Hand back {cash} in cash.</source>
      <translation>Hand back {cash} in cash.</translation>
    </message>
    <message>
      <source>{amount} goes back to the bank card / QR payment.</source>
      <translation>{amount} goes back to the bank card / QR payment.</translation>
    </message>
    <message>
      <source>{amount} goes back to the stored value of card {card}.</source>
      <translation>{amount} goes back to the stored value of card {card}.</translation>
    </message>
    <message>
      <source>{amount} goes back to the member's stored value.</source>
      <translation>{amount} goes back to the member's stored value.</translation>
    </message>
    <message>
      <source>Refund goods of {goods}? {hand_back}</source>
      <translation>Refund goods of {goods}? {hand_back}</translation>
    </message>
    <message>
      <source>Refund  Enter</source>
      <translation>Refund  Enter</translation>
    </message>
    <message>
      <source>Refund {no} done: {amount} back.</source>
      <translation>Refund {no} done: {amount} back.</translation>
    </message>
  </context>
  <context>
    <name>RegisterMemberDialog</name>
    <message>
      <source>Register a member</source>
      <translation>Register a member</translation>
    </message>
    <message>
      <source>11-digit mobile number</source>
      <translation>11-digit mobile number</translation>
    </message>
    <message>
      <source>YYYY-MM-DD</source>
      <translation>YYYY-MM-DD</translation>
    </message>
    <message>
      <source>The customer agrees that the store keeps their name, phone and purchases for the member programme (Alt+C)</source>
      <translation>The customer agrees that the store keeps their name, phone and purchases for the member programme (Alt+C)</translation>
    </message>
    <message>
      <source> (optional)</source>
      <translation> (optional)</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Birthday</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <source>Register  Enter</source>
      <translation>Register  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Fields marked * are needed. Read the consent to the customer.</source>
      <translation>Fields marked * are needed. Read the consent to the customer.</translation>
    </message>
    <message>
      <source>Type the customer's mobile number.</source>
      <translation>Type the customer's mobile number.</translation>
    </message>
    <message>
      <source>Type the customer's name: the programme needs it.</source>
      <translation>Type the customer's name: the programme needs it.</translation>
    </message>
    <message>
      <source>“{text}” is not a date: type it as 1990-05-17.</source>
      <translation>“{text}” is not a date: type it as 1990-05-17.</translation>
    </message>
    <message>
      <source>Type the customer's birthday: the programme needs it.</source>
      <translation>Type the customer's birthday: the programme needs it.</translation>
    </message>
    <message>
      <source>Ask the customer to agree to the use of their data (Alt+C): without it the member cannot be registered.</source>
      <translation>Ask the customer to agree to the use of their data (Alt+C): without it the member cannot be registered.</translation>
    </message>
  </context>
  <context>
    <name>SaleDiscountDialog</name>
    <message>
      <source>Discount the whole sale</source>
      <translation>Discount the whole sale</translation>
    </message>
    <message>
      <source>The sale now comes to {total}.</source>
      <translation>The sale now comes to {total}.</translation>
    </message>
    <message>
      <source>e.g. regular customer</source>
      <translation>e.g. regular customer</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a discount: type it.</source>
      <translation>That was a scan ({code}), not a discount: type it.</translation>
    </message>
    <message>
      <source>Rate in 折 (9.5 = pay 95%)</source>
      <translation>Rate in 折 (9.5 = pay 95%)</translation>
    </message>
    <message>
      <source>Or amount off</source>
      <translation>Or amount off</translation>
    </message>
    <message>
      <source>Reason (printed on the receipt)</source>
      <translation>Reason (printed on the receipt)</translation>
    </message>
    <message>
      <source>Discount  Enter</source>
      <translation>Discount  Enter</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Remove the discount  Ctrl+K</source>
      <translation>Remove the discount  Ctrl+K</translation>
    </message>
    <message>
      <source>The sale has a discount ({reason}). Ctrl+K again takes it off; or type another one (a supervisor's PIN and a reason).</source>
      <translation>The sale has a discount ({reason}). Ctrl+K again takes it off; or type another one (a supervisor's PIN and a reason).</translation>
    </message>
    <message>
      <source>A discount on the sale needs a supervisor's PIN and a reason.</source>
      <translation>A discount on the sale needs a supervisor's PIN and a reason.</translation>
    </message>
    <message>
      <source>The discount on the sale is taken off ({reason}).</source>
      <translation>The discount on the sale is taken off ({reason}).</translation>
    </message>
    <message>
      <source>Type either a rate in 折 or an amount off (one of them).</source>
      <translation>Type either a rate in 折 or an amount off (one of them).</translation>
    </message>
    <message>
      <source>“{text}” is not a rate: type it in 折 as 9.5 (0 to 9.99).</source>
      <translation>“{text}” is not a rate: type it in 折 as 9.5 (0 to 9.99).</translation>
    </message>
    <message>
      <source>“{text}” is not an amount: type it as 5.00.</source>
      <translation>“{text}” is not an amount: type it as 5.00.</translation>
    </message>
    <message>
      <source>Type the reason: it is printed on the receipt.</source>
      <translation>Type the reason: it is printed on the receipt.</translation>
    </message>
    <message>
      <source>The whole sale discounted ({reason}).</source>
      <translation>The whole sale discounted ({reason}).</translation>
    </message>
    <message>
      <source>Scan the goods first, then press Ctrl+K.</source>
      <translation>Scan the goods first, then press Ctrl+K.</translation>
    </message>
  </context>
  <context>
    <name>SaleFlow</name>
    <message>
      <source>Finish or close the open window first (Esc).</source>
      <translation>Finish or close the open window first (Esc).</translation>
    </message>
    <message>
      <source>Member {name} ({tier}) identified.</source>
      <translation>Member {name} ({tier}) identified.</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Weight</translation>
    </message>
    <message>
      <source>Grams</source>
      <translation>Grams</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not a number: nothing was changed. Type the number, or press Esc and scan on the sale.</source>
      <translation>That was a scan ({code}), not a number: nothing was changed. Type the number, or press Esc and scan on the sale.</translation>
    </message>
    <message>
      <source>“{text}” is not a whole number above zero: type the number again (F4).</source>
      <translation>“{text}” is not a whole number above zero: type the number again (F4).</translation>
    </message>
    <message>
      <source>Quantity {text} is too many: at most {limit} on one line. Type a smaller number (F4), or scan the rest on a new line.</source>
      <translation>Quantity {text} is too many: at most {limit} on one line. Type a smaller number (F4), or scan the rest on a new line.</translation>
    </message>
    <message>
      <source>{name}  {qty}  {amount}</source>
      <translation>{name}  {qty}  {amount}</translation>
    </message>
    <message>
      <source>Choose a line first (↑/↓).</source>
      <translation>Choose a line first (↑/↓).</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <source>This member has no coupon to use.</source>
      <translation>This member has no coupon to use.</translation>
    </message>
    <message>
      <source>Coupon</source>
      <translation>Coupon</translation>
    </message>
    <message>
      <source>Coupon code</source>
      <translation>Coupon code</translation>
    </message>
    <message>
      <source>Line {n} voided.</source>
      <translation>Line {n} voided.</translation>
    </message>
    <message>
      <source>Void the whole sale</source>
      <translation>Void the whole sale</translation>
    </message>
    <message>
      <source>Sale voided.</source>
      <translation>Sale voided.</translation>
    </message>
  </context>
  <context>
    <name>ShiftDialog</name>
    <message>
      <source>Shift</source>
      <translation>Shift</translation>
    </message>
    <message>
      <source>Checking the shift…</source>
      <translation>Checking the shift…</translation>
    </message>
    <message>
      <source>Opening float</source>
      <translation>Opening float</translation>
    </message>
    <message>
      <source>Count the drawer: how many of each</source>
      <translation>Count the drawer: how many of each</translation>
    </message>
    <message>
      <source>That was a scan ({code}), not an amount: nothing was typed.</source>
      <translation>That was a scan ({code}), not an amount: nothing was typed.</translation>
    </message>
    <message>
      <source>Expected in the drawer</source>
      <translation>Expected in the drawer</translation>
    </message>
    <message>
      <source>Counted</source>
      <translation>Counted</translation>
    </message>
    <message>
      <source>Difference</source>
      <translation>Difference</translation>
    </message>
    <message>
      <source>Open shift  F5</source>
      <translation>Open shift  F5</translation>
    </message>
    <message>
      <source>X report  F6</source>
      <translation>X report  F6</translation>
    </message>
    <message>
      <source>Close shift (Z)  F7</source>
      <translation>Close shift (Z)  F7</translation>
    </message>
    <message>
      <source>Print  Ctrl+P</source>
      <translation>Print  Ctrl+P</translation>
    </message>
    <message>
      <source>Back  Esc</source>
      <translation>Back  Esc</translation>
    </message>
    <message>
      <source>Shift {n} is open.</source>
      <translation>Shift {n} is open.</translation>
    </message>
    <message>
      <source>Shift {n} is closed. The next shift opens with its float (F5).</source>
      <translation>Shift {n} is closed. The next shift opens with its float (F5).</translation>
    </message>
    <message>
      <source>No shift is open. Put the opening float in the drawer, type how much it is and press Enter.</source>
      <translation>No shift is open. Put the opening float in the drawer, type how much it is and press Enter.</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>Amounts are yuan with at most two decimals, like 12.50.</translation>
    </message>
    <message>
      <source>Shift {n} opened with a float of {amount}.</source>
      <translation>Shift {n} opened with a float of {amount}.</translation>
    </message>
    <message>
      <source>{amount} short</source>
      <translation>{amount} short</translation>
    </message>
    <message>
      <source>{amount} over</source>
      <translation>{amount} over</translation>
    </message>
    <message>
      <source>{amount}: the drawer is right</source>
      <translation>{amount}: the drawer is right</translation>
    </message>
    <message>
      <source>Count the cash in the drawer: how many of each note and coin.</source>
      <translation>Count the cash in the drawer: how many of each note and coin.</translation>
    </message>
    <message>
      <source>Close the shift</source>
      <translation>Close the shift</translation>
    </message>
    <message>
      <source>Close shift {n} and take the Z report? It cannot be undone.

Expected in the drawer: {expected}
Counted: {counted}
Difference: {difference}</source>
      <translation>Close shift {n} and take the Z report? It cannot be undone.

Expected in the drawer: {expected}
Counted: {counted}
Difference: {difference}</translation>
    </message>
    <message>
      <source>Close and print  Enter</source>
      <translation>Close and print  Enter</translation>
    </message>
    <message>
      <source>Shift closed. Z report printed.</source>
      <translation>Shift closed. Z report printed.</translation>
    </message>
    <message>
      <source>Till</source>
      <translation>Till</translation>
    </message>
    <message>
      <source>Opened by</source>
      <translation>Opened by</translation>
    </message>
    <message>
      <source>Opened at</source>
      <translation>Opened at</translation>
    </message>
    <message>
      <source>Closed at</source>
      <translation>Closed at</translation>
    </message>
    <message>
      <source>Cash expected in drawer</source>
      <translation>Cash expected in drawer</translation>
    </message>
    <message>
      <source>Cash counted</source>
      <translation>Cash counted</translation>
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
      <source>X report (shift running)</source>
      <translation>X report (shift running)</translation>
    </message>
    <message>
      <source>Z report (shift closed)</source>
      <translation>Z report (shift closed)</translation>
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
      <source>Bank card / QR</source>
      <translation>Bank card / QR</translation>
    </message>
    <message>
      <source>Bank card</source>
      <translation>Bank card</translation>
    </message>
    <message>
      <source>WeChat Pay</source>
      <translation>WeChat Pay</translation>
    </message>
    <message>
      <source>Alipay</source>
      <translation>Alipay</translation>
    </message>
    <message>
      <source>UnionPay QR</source>
      <translation>UnionPay QR</translation>
    </message>
    <message>
      <source>Report sent to the printer.</source>
      <translation>Report sent to the printer.</translation>
    </message>
  </context>
  <context>
    <name>ShiftItem</name>
    <message>
      <source>Shift {n}</source>
      <translation>Shift {n}</translation>
    </message>
    <message>
      <source>No open shift (F9)</source>
      <translation>No open shift (F9)</translation>
    </message>
  </context>
  <context>
    <name>SupervisorDialog</name>
    <message>
      <source>Supervisor approval</source>
      <translation>Supervisor approval</translation>
    </message>
    <message>
      <source>Approve (Enter)</source>
      <translation>Approve (Enter)</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Cancel (Esc)</translation>
    </message>
    <message>
      <source>That was a scan, not a PIN: the supervisor types the PIN.</source>
      <translation>That was a scan, not a PIN: the supervisor types the PIN.</translation>
    </message>
    <message>
      <source>Supervisor id</source>
      <translation>Supervisor id</translation>
    </message>
    <message>
      <source>Supervisor PIN</source>
      <translation>Supervisor PIN</translation>
    </message>
    <message>
      <source>Type the supervisor's id and PIN.</source>
      <translation>Type the supervisor's id and PIN.</translation>
    </message>
  </context>
  <context>
    <name>TotalsPanel</name>
    <message>
      <source>To pay</source>
      <translation>To pay</translation>
    </message>
    <message>
      <source>Pay  F12</source>
      <translation>Pay  F12</translation>
    </message>
    <message>
      <source>You save: {amount}</source>
      <translation>You save: {amount}</translation>
    </message>
    <message>
      <source>Points this sale: +{n}</source>
      <translation>Points this sale: +{n}</translation>
    </message>
    <message>
      <source>Items: {n}</source>
      <translation>Items: {n}</translation>
    </message>
    <message>
      <source>Before discounts: {amount}</source>
      <translation>Before discounts: {amount}</translation>
    </message>
    <message>
      <source>Paid {amount}</source>
      <translation>Paid {amount}</translation>
    </message>
    <message>
      <source>Receipt {no}</source>
      <translation>Receipt {no}</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Change</translation>
    </message>
  </context>
  <context>
    <name>WaitingItem</name>
    <message>
      <source>Waiting to sync: {n}</source>
      <translation>Waiting to sync: {n}</translation>
    </message>
  </context>
</TS>
