"""A "printer" that keeps PDF receipts: saves each one, and hands it to CUPS when asked.

For counters printing on an office or label printer, and as the fallback that
always works: the PDF is written first (atomically), then, if a CUPS queue is
configured, sent with ``lp``. A missing ``lp`` or a refused job is a
``PrinterError``; the saved PDF stays.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from drivers.printers.base import OutputFormat, PrinterStatus
from pos_member.domain.errors import PrinterError, PrinterNotFound, PrinterTimeout

TESTED_IN = "tests/printers/test_serial_file_usb_pdf.py"

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PdfPrinter:
    output = OutputFormat.PDF

    def __init__(
        self,
        directory: str | Path,
        *,
        cups_queue: str | None = None,
        paper: str = "80mm",
        name: str | None = None,
        timeout: float = 30.0,
        lp_command: str = "lp",
    ) -> None:
        self.directory = Path(directory)
        self.cups_queue = cups_queue
        self.paper = paper
        self.columns = 32 if paper == "58mm" else 48
        self.name = name or (f"cups:{cups_queue}" if cups_queue else f"pdf:{self.directory}")
        self.timeout = timeout
        self.lp_command = lp_command

    def path_for(self, job_name: str) -> Path:
        return self.directory / f"{_UNSAFE.sub('_', job_name) or 'receipt'}.pdf"

    def print_job(self, data: bytes, job_name: str) -> None:
        target = self.path_for(job_name)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise PrinterNotFound(
                printer=self.name,
                detail="cannot write {path}: {error}",
                path=str(target),
                error=exc.strerror,
            ) from exc
        log.info("saved receipt PDF %s", target)
        if self.cups_queue:
            self._send_to_cups(target, job_name)

    def _send_to_cups(self, path: Path, job_name: str) -> None:
        lp = shutil.which(self.lp_command)
        if lp is None:
            raise PrinterNotFound(
                printer=self.name, detail="the lp command is missing (Debian package cups-client)"
            )
        try:
            result = subprocess.run(
                [lp, "-d", self.cups_queue or "", "-t", job_name, str(path)],
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PrinterTimeout(printer=self.name, seconds=f"{self.timeout:g}") from exc
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip()
            if output:  # lp's own words
                raise PrinterError(printer=self.name, detail=output)
            raise PrinterError(
                printer=self.name, detail="lp exit {status}", status=result.returncode
            )
        log.info("sent %s to CUPS queue %s: %s", job_name, self.cups_queue, result.stdout.strip())

    def status(self) -> PrinterStatus:
        return PrinterStatus.unknown()
