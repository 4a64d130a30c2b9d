/* A QR code encoder (ISO/IEC 18004): byte mode, error correction L or M, versions 1-10,
   Reed-Solomon over GF(256) (polynomial 0x11D), the mask chosen by the four penalty rules.
   Written for the member page from the standard; exports window.PosmQR. */
(function () {
  "use strict";
  // [total codewords, ec per block, [[blocks, data per block], ...]] for L and M.
  var BLOCKS = {
    L: [null, [26, 7, [[1, 19]]], [44, 10, [[1, 34]]], [70, 15, [[1, 55]]], [100, 20, [[1, 80]]],
      [134, 26, [[1, 108]]], [172, 18, [[2, 68]]], [196, 20, [[2, 78]]], [242, 24, [[2, 97]]],
      [292, 30, [[2, 116]]], [346, 18, [[2, 68], [2, 69]]]],
    M: [null, [26, 10, [[1, 16]]], [44, 16, [[1, 28]]], [70, 26, [[1, 44]]], [100, 18, [[2, 32]]],
      [134, 24, [[2, 43]]], [172, 16, [[4, 27]]], [196, 18, [[4, 31]]], [242, 22, [[2, 38], [2, 39]]],
      [292, 22, [[3, 36], [2, 37]]], [346, 26, [[4, 43], [1, 44]]]]
  };
  var ALIGN = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42],
    [6, 26, 46], [6, 28, 50]];
  var ECC_BITS = { L: 1, M: 0 };
  var MAX_VERSION = 10;

  // GF(256) log and antilog tables.
  var EXP = new Array(512), LOG = new Array(256);
  (function () {
    var x = 1;
    for (var i = 0; i < 255; i++) {
      EXP[i] = x; LOG[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    for (var j = 255; j < 512; j++) EXP[j] = EXP[j - 255];
  })();
  function gmul(a, b) { return a && b ? EXP[LOG[a] + LOG[b]] : 0; }

  function generator(n) { // coefficients, highest degree first, leading 1 dropped
    var g = [1];
    for (var i = 0; i < n; i++) {
      var next = new Array(g.length + 1).fill(0);
      for (var j = 0; j < g.length; j++) {
        next[j] ^= g[j];
        next[j + 1] ^= gmul(g[j], EXP[i]);
      }
      g = next;
    }
    return g.slice(1);
  }

  function rsRemainder(data, n) {
    var gen = generator(n), rem = new Array(n).fill(0);
    for (var i = 0; i < data.length; i++) {
      var factor = data[i] ^ rem[0];
      rem.shift(); rem.push(0);
      for (var j = 0; j < n; j++) rem[j] ^= gmul(gen[j], factor);
    }
    return rem;
  }

  function dataCapacity(version, ecc) {
    var t = BLOCKS[ecc][version], n = 0;
    t[2].forEach(function (g) { n += g[0] * g[1]; });
    return n;
  }

  function countBits(version) { return version <= 9 ? 8 : 16; }

  function fits(bytes, version, ecc) {
    return 4 + countBits(version) + 8 * bytes.length <= 8 * dataCapacity(version, ecc);
  }

  function codewords(bytes, version, ecc) {
    var bits = [];
    function put(value, len) { for (var i = len - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    put(4, 4);
    put(bytes.length, countBits(version));
    bytes.forEach(function (b) { put(b, 8); });
    var cap = 8 * dataCapacity(version, ecc);
    put(0, Math.min(4, cap - bits.length));
    while (bits.length % 8) bits.push(0);
    var data = [];
    for (var i = 0; i < bits.length; i += 8) {
      var v = 0;
      for (var k = 0; k < 8; k++) v = (v << 1) | bits[i + k];
      data.push(v);
    }
    for (var p = 0; data.length < cap / 8; p++) data.push(p % 2 ? 0x11 : 0xec);
    // Split into blocks, add each block's error correction, interleave.
    var t = BLOCKS[ecc][version], blocks = [], pos = 0;
    t[2].forEach(function (g) {
      for (var b = 0; b < g[0]; b++) { blocks.push(data.slice(pos, pos + g[1])); pos += g[1]; }
    });
    var ecBlocks = blocks.map(function (b) { return rsRemainder(b, t[1]); });
    var out = [], longest = Math.max.apply(null, blocks.map(function (b) { return b.length; }));
    for (var i2 = 0; i2 < longest; i2++) {
      blocks.forEach(function (b) { if (i2 < b.length) out.push(b[i2]); });
    }
    for (var e = 0; e < t[1]; e++) ecBlocks.forEach(function (b) { out.push(b[e]); });
    return out;
  }

  function bch(value, poly, polyBits) {
    var v = value << (polyBits - 1);
    for (var i = 31; i >= polyBits - 1; i--) if ((v >>> i) & 1) v ^= poly << (i - polyBits + 1);
    return v;
  }

  function Matrix(version) {
    this.size = 17 + 4 * version;
    this.version = version;
    this.dark = [];
    this.fixed = [];
    for (var y = 0; y < this.size; y++) {
      this.dark.push(new Array(this.size).fill(false));
      this.fixed.push(new Array(this.size).fill(false));
    }
  }
  Matrix.prototype.set = function (x, y, dark) { this.dark[y][x] = !!dark; this.fixed[y][x] = true; };

  Matrix.prototype.functionPatterns = function () {
    var s = this.size, self = this;
    function finder(cx, cy) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var x = cx + dx, y = cy + dy;
          if (x < 0 || y < 0 || x >= s || y >= s) continue;
          var d = Math.max(Math.abs(dx), Math.abs(dy));
          self.set(x, y, d !== 2 && d !== 4);
        }
      }
    }
    finder(3, 3); finder(s - 4, 3); finder(3, s - 4);
    for (var i = 8; i < s - 8; i++) { this.set(i, 6, i % 2 === 0); this.set(6, i, i % 2 === 0); }
    var pos = ALIGN[this.version], last = pos.length - 1;
    for (var a = 0; a <= last; a++) {
      for (var b = 0; b <= last; b++) {
        if ((a === 0 && b === 0) || (a === 0 && b === last) || (a === last && b === 0)) continue;
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) {
            this.set(pos[a] + dx, pos[b] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
          }
        }
      }
    }
    this.format(0, "M"); // reserve the format areas (written for real after masking)
    if (this.version >= 7) {
      var bits = (this.version << 12) | bch(this.version, 0x1f25, 13);
      for (var k = 0; k < 18; k++) {
        var bit = (bits >>> k) & 1, p = s - 11 + (k % 3), q = Math.floor(k / 3);
        this.set(p, q, bit); this.set(q, p, bit);
      }
    }
  };

  Matrix.prototype.format = function (mask, ecc) {
    var s = this.size, data = (ECC_BITS[ecc] << 3) | mask;
    var bits = ((data << 10) | bch(data, 0x537, 11)) ^ 0x5412;
    function bit(i) { return (bits >>> i) & 1; }
    for (var i = 0; i <= 5; i++) this.set(8, i, bit(i));
    this.set(8, 7, bit(6)); this.set(8, 8, bit(7)); this.set(7, 8, bit(8));
    for (var j = 9; j < 15; j++) this.set(14 - j, 8, bit(j));
    for (var k = 0; k < 8; k++) this.set(s - 1 - k, 8, bit(k));
    for (var l = 8; l < 15; l++) this.set(8, s - 15 + l, bit(l));
    this.set(8, s - 8, true);
  };

  Matrix.prototype.place = function (words) {
    var s = this.size, i = 0, total = words.length * 8;
    for (var right = s - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      var upward = ((right + 1) & 2) === 0;
      for (var v = 0; v < s; v++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j, y = upward ? s - 1 - v : v;
          if (this.fixed[y][x]) continue;
          this.dark[y][x] = i < total ? ((words[i >>> 3] >>> (7 - (i & 7))) & 1) === 1 : false;
          i++;
        }
      }
    }
  };

  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0; },
    function (x, y) { return (x * y) % 2 + (x * y) % 3 === 0; },
    function (x, y) { return ((x * y) % 2 + (x * y) % 3) % 2 === 0; },
    function (x, y) { return ((x + y) % 2 + (x * y) % 3) % 2 === 0; }
  ];

  Matrix.prototype.applyMask = function (mask) {
    var f = MASKS[mask];
    for (var y = 0; y < this.size; y++) {
      for (var x = 0; x < this.size; x++) {
        if (!this.fixed[y][x] && f(x, y)) this.dark[y][x] = !this.dark[y][x];
      }
    }
  };

  function lineScore(line) {
    var score = 0, run = 1;
    for (var i = 1; i <= line.length; i++) {
      if (i < line.length && line[i] === line[i - 1]) { run++; continue; }
      if (run >= 5) score += 3 + (run - 5);
      run = 1;
    }
    // 1:1:3:1:1 finder-like patterns with four light modules on one side (outside the
    // symbol counts as light).
    var pat = [true, false, true, true, true, false, true];
    for (var k = 0; k + 7 <= line.length; k++) {
      var hit = true;
      for (var q = 0; q < 7; q++) if (line[k + q] !== pat[q]) { hit = false; break; }
      if (!hit) continue;
      var before = true, after = true;
      for (var r = 1; r <= 4; r++) {
        if (k - r >= 0 && line[k - r]) before = false;
        if (k + 6 + r < line.length && line[k + 6 + r]) after = false;
      }
      if (before || after) score += 40; // "preceded or followed by": once per pattern
    }
    return score;
  }

  Matrix.prototype.penalty = function () {
    var s = this.size, d = this.dark, score = 0, dark = 0;
    for (var y = 0; y < s; y++) {
      score += lineScore(d[y]);
      var col = [];
      for (var x = 0; x < s; x++) { col.push(d[x][y]); if (d[y][x]) dark++; }
      score += lineScore(col);
    }
    for (var y2 = 0; y2 < s - 1; y2++) {
      for (var x2 = 0; x2 < s - 1; x2++) {
        var c = d[y2][x2];
        if (c === d[y2][x2 + 1] && c === d[y2 + 1][x2] && c === d[y2 + 1][x2 + 1]) score += 3;
      }
    }
    score += Math.floor(Math.abs(dark * 100 / (s * s) - 50) / 5) * 10;
    return score;
  };

  function utf8(text) {
    if (typeof TextEncoder !== "undefined") return Array.from(new TextEncoder().encode(text));
    return unescape(encodeURIComponent(text)).split("").map(function (c) { return c.charCodeAt(0); });
  }

  /** encode(text, {ecc: "M"|"L", version: 1-10 or null, mask: 0-7 or null}) ->
      {version, ecc, mask, size, modules: [[true if dark, by row then column]], penalties}.
    The mask is the one of lowest penalty (rules N1-N4 evaluated on the finished symbol,
    format and version information included; N3 once per 1:1:3:1:1 pattern). */
  function encode(text, opts) {
    opts = opts || {};
    var ecc = opts.ecc || "M", bytes = utf8(text), version = opts.version || 0;
    if (!BLOCKS[ecc]) throw new Error("error correction L or M");
    if (!version) {
      for (var v = 1; v <= MAX_VERSION && !version; v++) if (fits(bytes, v, ecc)) version = v;
      if (!version) throw new Error("too long for a version " + MAX_VERSION + " QR code");
    } else if (!fits(bytes, version, ecc)) {
      throw new Error("too long for version " + version);
    }
    var words = codewords(bytes, version, ecc), best = null, bestMask = 0, penalties = [];
    var masks = opts.mask === undefined || opts.mask === null ? [0, 1, 2, 3, 4, 5, 6, 7] : [opts.mask];
    masks.forEach(function (mask) {
      var mx = new Matrix(version);
      mx.functionPatterns();
      mx.place(words);
      mx.applyMask(mask);
      mx.format(mask, ecc);
      var p = masks.length > 1 ? mx.penalty() : 0;
      penalties.push(p);
      if (best === null || p < best.p) { best = { p: p, mx: mx }; bestMask = mask; }
    });
    return { version: version, ecc: ecc, mask: bestMask, size: best.mx.size, modules: best.mx.dark,
      penalties: penalties };
  }

  /** Draw a code on a canvas, ``scale`` pixels per module, a 4-module quiet zone. */
  function draw(canvas, qr, scale) {
    var n = qr.size + 8;
    scale = scale || Math.max(1, Math.floor(canvas.width / n));
    canvas.width = canvas.height = n * scale;
    var g = canvas.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#000";
    for (var y = 0; y < qr.size; y++) {
      for (var x = 0; x < qr.size; x++) {
        if (qr.modules[y][x]) g.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale);
      }
    }
  }

  window.PosmQR = { encode: encode, draw: draw, rsRemainder: rsRemainder };
})();
