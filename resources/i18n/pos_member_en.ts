<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
      <source>Scan or type: product barcode, member card or phone number — Enter</source>
      <translation>Scan or type: product barcode, member card or phone number — Enter</translation>
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
      <source>Stored value</source>
      <translation>Stored value</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Points</translation>
    </message>
    <message>
      <source>To pay</source>
      <translation>To pay</translation>
    </message>
    <message>
      <source>Pay  F12</source>
      <translation>Pay  F12</translation>
    </message>
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
      <source>Clear / back</source>
      <translation>Clear / back</translation>
    </message>
    <message>
      <source>Reader: —</source>
      <translation>Reader: —</translation>
    </message>
    <message>
      <source>Printer: ready</source>
      <translation>Printer: ready</translation>
    </message>
    <message>
      <source>Cashier: {name} ({id})</source>
      <translation>Cashier: {name} ({id})</translation>
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
      <source>You save: {amount}</source>
      <translation>You save: {amount}</translation>
    </message>
    <message>
      <source>Points this sale: +{n}</source>
      <translation>Points this sale: +{n}</translation>
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
      <source>Coupon {code}</source>
      <translation>Coupon {code}</translation>
    </message>
    <message>
      <source>Tap the card, scan it, or press F2 for a phone number</source>
      <translation>Tap the card, scan it, or press F2 for a phone number</translation>
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
      <source>“{text}” is not a whole number above zero.</source>
      <translation>“{text}” is not a whole number above zero.</translation>
    </message>
    <message>
      <source>{name}  {qty}  {amount}</source>
      <translation>{name}  {qty}  {amount}</translation>
    </message>
    <message>
      <source>Finish or close the open window first (Esc).</source>
      <translation>Finish or close the open window first (Esc).</translation>
    </message>
    <message>
      <source>Readers: {n}</source>
      <translation>Readers: {n}</translation>
    </message>
    <message>
      <source>Reader: none</source>
      <translation>Reader: none</translation>
    </message>
    <message>
      <source>● Online</source>
      <translation>● Online</translation>
    </message>
    <message>
      <source>● Offline</source>
      <translation>● Offline</translation>
    </message>
    <message>
      <source>Waiting to sync: {n}</source>
      <translation>Waiting to sync: {n}</translation>
    </message>
    <message>
      <source>Last sync: {t}</source>
      <translation>Last sync: {t}</translation>
    </message>
    <message>
      <source>Last sync: never</source>
      <translation>Last sync: never</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Working…</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>Keys</translation>
    </message>
    <message>
      <source>Scan or type into the field at the top and press Enter.</source>
      <translation>Scan or type into the field at the top and press Enter.</translation>
    </message>
    <message>
      <source>Member: card number or phone number — Enter</source>
      <translation>Member: card number or phone number — Enter</translation>
    </message>
    <message>
      <source>Type the member's card or phone number and press Enter.</source>
      <translation>Type the member's card or phone number and press Enter.</translation>
    </message>
    <message>
      <source>Choose a line first (↑/↓).</source>
      <translation>Choose a line first (↑/↓).</translation>
    </message>
    <message>
      <source>This member has no coupon to use.</source>
      <translation>This member has no coupon to use.</translation>
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
    <message>
      <source>Held: {n} (F8)</source>
      <translation>Held: {n} (F8)</translation>
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
    <message>
      <source>Unlocked.</source>
      <translation>Unlocked.</translation>
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
      <source>Change: {amount}</source>
      <translation>Change: {amount}</translation>
    </message>
    <message>
      <source>Printer: printing…</source>
      <translation>Printer: printing…</translation>
    </message>
    <message>
      <source>Printer: none</source>
      <translation>Printer: none</translation>
    </message>
    <message>
      <source>Printer: failed — Ctrl+P reprints</source>
      <translation>Printer: failed — Ctrl+P reprints</translation>
    </message>
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
    <message>
      <source>Recharge needs a member: tap or scan the card first.</source>
      <translation>Recharge needs a member: tap or scan the card first.</translation>
    </message>
    <message>
      <source>Count cards need a member: tap or scan the card first.</source>
      <translation>Count cards need a member: tap or scan the card first.</translation>
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
      <source>No sale has the receipt number {receipt_no}.</source>
      <translation>No sale has the receipt number {receipt_no}.</translation>
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
      <source>Quantity {quantity} is not possible for {product}.</source>
      <translation>Quantity {quantity} is not possible for {product}.</translation>
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
      <source>Offline: this terminal may take at most {limit} of stored value and points until head office is reachable again ({used} used). Pay another way.</source>
      <translation>Offline: this terminal may take at most {limit} of stored value and points until head office is reachable again ({used} used). Pay another way.</translation>
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
      <source>{points} points are worth {value}, more than the {limit} they may pay.</source>
      <translation>{points} points are worth {value}, more than the {limit} they may pay.</translation>
    </message>
    <message>
      <source>Points are redeemed in steps of {unit} points.</source>
      <translation>Points are redeemed in steps of {unit} points.</translation>
    </message>
    <message>
      <source>Not enough points: {available} available, {requested} asked.</source>
      <translation>Not enough points: {available} available, {requested} asked.</translation>
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
      <source>Card {number} is not known. Check the number or register the member.</source>
      <translation>Card {number} is not known. Check the number or register the member.</translation>
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
      <source>Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Members' payment PIN: 123456. Ctrl+Shift+T taps a demo card.</source>
      <translation>Demo store — cashier 1001, PIN 1111 · supervisor 2001, PIN 8888 · manager 3001, PIN 9999. Members' payment PIN: 123456. Ctrl+Shift+T taps a demo card.</translation>
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
      <source>To pay</source>
      <translation>To pay</translation>
    </message>
    <message>
      <source>Stored value (S)</source>
      <translation>Stored value (S)</translation>
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
      <source>Member PIN</source>
      <translation>Member PIN</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>Confirm payment  Enter</source>
      <translation>Confirm payment  Enter</translation>
    </message>
    <message>
      <source>Exact cash  F5</source>
      <translation>Exact cash  F5</translation>
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
      <source>{n} points available, in steps of {unit}</source>
      <translation>{n} points available, in steps of {unit}</translation>
    </message>
    <message>
      <source>No member: stored value and points not available</source>
      <translation>No member: stored value and points not available</translation>
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
      <source>Paying…</source>
      <translation>Paying…</translation>
    </message>
  </context>
  <context>
    <name>RechargeDialog</name>
    <message>
      <source>Recharge stored value</source>
      <translation>Recharge stored value</translation>
    </message>
    <message>
      <source>{name} · {tier} · balance {amount}</source>
      <translation>{name} · {tier} · balance {amount}</translation>
    </message>
    <message>
      <source>empty = the amount, in cash</source>
      <translation>empty = the amount, in cash</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Amount</translation>
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
      <source>Bank card / QR</source>
      <translation>Bank card / QR</translation>
    </message>
    <message>
      <source>Cash received</source>
      <translation>Cash received</translation>
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
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>Amounts are yuan with at most two decimals, like 12.50.</translation>
    </message>
    <message>
      <source>Type the amount to recharge.</source>
      <translation>Type the amount to recharge.</translation>
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
      <source>Refund {no} done: {amount} back.</source>
      <translation>Refund {no} done: {amount} back.</translation>
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
      <source>Cash counted</source>
      <translation>Cash counted</translation>
    </message>
    <message>
      <source>Shift {n} is open.</source>
      <translation>Shift {n} is open.</translation>
    </message>
    <message>
      <source>No shift is open.</source>
      <translation>No shift is open.</translation>
    </message>
    <message>
      <source>Amounts are yuan with at most two decimals, like 12.50.</source>
      <translation>Amounts are yuan with at most two decimals, like 12.50.</translation>
    </message>
    <message>
      <source>Shift opened.</source>
      <translation>Shift opened.</translation>
    </message>
    <message>
      <source>Count the cash in the drawer and type the amount.</source>
      <translation>Count the cash in the drawer and type the amount.</translation>
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
      <source>Cash expected in drawer</source>
      <translation>Cash expected in drawer</translation>
    </message>
    <message>
      <source>Difference</source>
      <translation>Difference</translation>
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
      <source>Report sent to the printer.</source>
      <translation>Report sent to the printer.</translation>
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
</TS>
