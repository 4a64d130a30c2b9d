/* The member page's dynamic member code. On first use this phone makes an ECDSA P-256
   key pair (WebCrypto; the private key is not extractable and stays in IndexedDB),
   registers the public key with head office, then every 30 seconds signs
   "PM1.<chain>.<member>.<key id>.<step>" and draws the payload as a QR code and a
   Code 128. A key head office no longer lists (revoked) is replaced. */
(function () {
  "use strict";
  var box = document.getElementById("code");
  var fill = document.querySelectorAll(".fill[data-percent]");
  for (var i = 0; i < fill.length; i++) fill[i].style.width = fill[i].dataset.percent + "%";
  if (!box) return;
  var status = document.getElementById("code-status");
  var member = box.dataset.member, chain = box.dataset.chain, csrf = box.dataset.csrf;
  var active = (box.dataset.keys || "").split(",").filter(Boolean);
  var skew = (+box.dataset.now || Date.now()) - Date.now();
  var STEP = 30;

  function say(text) { status.textContent = text; }

  function b64url(bytes) {
    var s = "";
    for (var k = 0; k < bytes.length; k++) s += String.fromCharCode(bytes[k]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function db() {
    return new Promise(function (ok, fail) {
      var req = indexedDB.open("posm-member", 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("keys"); };
      req.onsuccess = function () { ok(req.result); };
      req.onerror = function () { fail(req.error); };
    });
  }

  function idb(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (ok, fail) {
        var tx = d.transaction("keys", mode), req = fn(tx.objectStore("keys"));
        tx.oncomplete = function () { ok(req.result); };
        tx.onerror = function () { fail(tx.error); };
      });
    });
  }

  function newKey() {
    var pair;
    return crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])
      .then(function (p) { pair = p; return crypto.subtle.exportKey("raw", p.publicKey); })
      .then(function (raw) {
        return fetch("/m/devices", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ public_key: b64url(new Uint8Array(raw)), label: label() })
        });
      })
      .then(function (r) { if (!r.ok) throw new Error("register " + r.status); return r.json(); })
      .then(function (j) {
        var rec = { keyId: String(j.key_id), chain: j.chain || chain, privateKey: pair.privateKey };
        return idb("readwrite", function (s) { return s.put(rec, member); }).then(function () { return rec; });
      });
  }

  function label() {
    var ua = navigator.userAgent;
    if (/MicroMessenger/i.test(ua)) return "WeChat";
    if (/iPhone|iPad/.test(ua)) return "iPhone";
    if (/Android/.test(ua)) return "Android";
    return "Browser";
  }

  function key() {
    return idb("readonly", function (s) { return s.get(member); }).then(function (rec) {
      if (rec && active.indexOf(rec.keyId) >= 0) return rec;
      // Registered: load the page again, so that it lists this phone among the devices.
      return newKey().then(function () { location.replace("/m/"); return new Promise(function () {}); });
    });
  }

  function draw(rec) {
    var step = Math.floor((Date.now() + skew) / 1000 / STEP);
    var body = "PM1." + rec.chain + "." + member + "." + rec.keyId + "." + step;
    return crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, rec.privateKey, new TextEncoder().encode(body))
      .then(function (sig) {
        var payload = body + "." + b64url(new Uint8Array(sig));
        window.PosmQR.draw(document.getElementById("qr"), window.PosmQR.encode(payload, { ecc: "M" }), 4);
        var bar = document.getElementById("bar");
        window.PosmCode128.draw(bar, payload, 1, 70);
        document.getElementById("payload").textContent = payload;
        box.dataset.payload = payload;
        box.dataset.step = String(step);
        say("");
        var next = (step + 1) * STEP * 1000 - (Date.now() + skew);
        setTimeout(function () { draw(rec); }, Math.max(500, next + 50));
      });
  }

  if (!window.crypto || !crypto.subtle || !window.indexedDB || !window.TextEncoder) {
    say(box.dataset.unsupported);
    return;
  }
  say(box.dataset.making);
  key().then(draw).catch(function (e) {
    say(box.dataset.failed);
    box.dataset.error = String(e);
  });
})();
