/* Code 128 (ISO/IEC 15417), code set B only: start B, the characters' values
   (ASCII 32-127 minus 32), the modulo-103 check character, stop. Each symbol is six
   bar/space widths summing to 11 modules (stop: seven, 13). Exports window.PosmCode128. */
(function () {
  "use strict";
  var W = ("212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 " +
    "112232 122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 " +
    "321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 " +
    "132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 231131 " +
    "213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 " +
    "111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 " +
    "413111 241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 " +
    "214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 " +
    "211412 211214 211232 2331112").split(" ");
  var START_B = 104, STOP = 106;

  /** The symbol values of ``text`` in set B, with start, check and stop. */
  function values(text) {
    var out = [START_B], sum = START_B;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 32 || c > 127) throw new Error("Code 128 set B takes ASCII 32-127 only");
      out.push(c - 32);
      sum += (c - 32) * (i + 1);
    }
    out.push(sum % 103, STOP);
    return out;
  }

  /** The modules, true for a bar, without quiet zones. */
  function modules(text) {
    var bars = [];
    values(text).forEach(function (v) {
      W[v].split("").forEach(function (w, k) {
        for (var n = 0; n < +w; n++) bars.push(k % 2 === 0);
      });
    });
    return bars;
  }

  /** Draw on a canvas: ``scale`` pixels per module, a 10-module quiet zone each side. */
  function draw(canvas, text, scale, height) {
    var bars = modules(text), quiet = 10;
    scale = scale || 1;
    canvas.width = (bars.length + 2 * quiet) * scale;
    canvas.height = height || canvas.height;
    var g = canvas.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#000";
    bars.forEach(function (b, i) { if (b) g.fillRect((i + quiet) * scale, 0, scale, canvas.height); });
  }

  window.PosmCode128 = { values: values, modules: modules, draw: draw };
})();
