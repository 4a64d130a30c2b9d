"""A small ESC/POS decoder for tests: bytes back into commands, one by one.

Strict on purpose: an unknown command or text that is not valid GB18030 fails
the test, so the renderer cannot emit bytes a printer would misread.
"""

from __future__ import annotations

from dataclasses import dataclass

ESC, GS, FS, DLE, LF = 0x1B, 0x1D, 0x1C, 0x10, 0x0A

# Commands with a fixed number of parameter bytes, by (prefix, command byte).
_FIXED: dict[tuple[int, int], tuple[str, int]] = {
    (ESC, ord("@")): ("init", 0),
    (ESC, ord("!")): ("print_mode", 1),
    (ESC, ord("E")): ("bold", 1),
    (ESC, ord("G")): ("double_strike", 1),
    (ESC, ord("-")): ("underline", 1),
    (ESC, ord("a")): ("align", 1),
    (ESC, ord("d")): ("feed", 1),
    (ESC, ord("M")): ("font", 1),
    (ESC, ord("t")): ("codepage", 1),
    (ESC, ord("{")): ("upside_down", 1),
    (ESC, ord("V")): ("rotate", 1),
    (ESC, ord("2")): ("line_spacing_default", 0),
    (ESC, ord("3")): ("line_spacing", 1),
    (ESC, ord("p")): ("drawer", 3),
    (GS, ord("!")): ("size", 1),
    (GS, ord("B")): ("invert", 1),
    (GS, ord("b")): ("smooth", 1),
    (GS, ord("h")): ("barcode_height", 1),
    (GS, ord("w")): ("barcode_width", 1),
    (GS, ord("H")): ("barcode_text_position", 1),
    (GS, ord("f")): ("barcode_font", 1),
    (FS, ord("&")): ("chinese_on", 0),
    (FS, ord(".")): ("chinese_off", 0),
    (FS, ord("!")): ("chinese_size", 1),
    (DLE, 0x04): ("status_query", 1),
}


@dataclass(frozen=True)
class Cmd:
    name: str
    args: tuple[int, ...] = ()
    data: bytes = b""
    text: str = ""


def decode(data: bytes) -> list[Cmd]:
    out: list[Cmd] = []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == LF:
            out.append(Cmd("lf"))
            i += 1
        elif b in (ESC, GS, FS, DLE):
            if i + 1 >= n:
                raise AssertionError(f"truncated command at {i}")
            op = data[i + 1]
            if b == GS and op == ord("V"):
                mode = data[i + 2]
                if mode in (65, 66):
                    out.append(Cmd("cut", (mode, data[i + 3])))
                    i += 4
                else:
                    out.append(Cmd("cut", (mode,)))
                    i += 3
            elif b == GS and op == ord("k"):
                m = data[i + 2]
                if m <= 6:
                    end = data.index(0, i + 3)
                    out.append(Cmd("barcode", (m,), data[i + 3 : end]))
                    i = end + 1
                else:
                    length = data[i + 3]
                    out.append(Cmd("barcode", (m,), data[i + 4 : i + 4 + length]))
                    i += 4 + length
            elif b == GS and op == ord("v"):
                assert data[i + 2] == 0x30, "only GS v 0 raster images are expected"
                density = data[i + 3]
                width_bytes = data[i + 4] + 256 * data[i + 5]
                height = data[i + 6] + 256 * data[i + 7]
                size = width_bytes * height
                out.append(
                    Cmd("raster", (density, width_bytes, height), data[i + 8 : i + 8 + size])
                )
                i += 8 + size
            elif (b, op) in _FIXED:
                name, count = _FIXED[(b, op)]
                args = tuple(data[i + 2 : i + 2 + count])
                if len(args) != count:
                    raise AssertionError(f"truncated {name} at {i}")
                out.append(Cmd(name, args))
                i += 2 + count
            else:
                raise AssertionError(f"unknown command 0x{b:02x} 0x{op:02x} at {i}")
        elif b < 0x20:
            raise AssertionError(f"unexpected control byte 0x{b:02x} at {i}")
        else:
            j = i
            while j < n and data[j] >= 0x20:
                j += 1
            # strict: raises UnicodeDecodeError on bytes that are not GB18030
            out.append(Cmd("text", data=data[i:j], text=data[i:j].decode("gb18030")))
            i = j
    return out


def printed_lines(cmds: list[Cmd]) -> list[str]:
    """The text lines as the printer would print them (line feeds split lines)."""
    lines: list[str] = []
    current = ""
    for c in cmds:
        if c.name == "text":
            current += c.text
        elif c.name == "lf":
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    return lines


def barcode_value(cmd: Cmd) -> str:
    """The value of a CODE128 (GS k 73) barcode, undoing code set B/C packing."""
    assert cmd.name == "barcode" and cmd.args == (73,), cmd
    data = cmd.data
    assert data[:1] == b"{", "CODE128 data starts with a code set selector"
    out = ""
    code_set = chr(data[1])
    i = 2
    while i < len(data):
        if data[i] == ord("{") and data[i + 1] != ord("{"):
            code_set = chr(data[i + 1])
            i += 2
            continue
        if data[i] == ord("{"):
            out += "{"
            i += 2
            continue
        out += f"{data[i]:02d}" if code_set == "C" else chr(data[i])
        i += 1
    return out
