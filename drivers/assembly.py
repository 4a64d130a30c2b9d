"""The counter's card readers and scanners, built once from its device settings.

One assembly for every entry point: the cashier app (``ui.app``) and
``pos-member devices --watch`` (``drivers.commands``) both call
``assemble``, so what the hardware guide documents (the serial scanner of
``POS_MEMBER_DEVICES_SERIAL_PORT``, the wedge timing, the scale label layouts,
the card rule) is what both run. Every driver shares one classifier, made from
the same settings, so a scan means the same whichever device read it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from drivers.base import CardReaderDriver, ReaderListener
from drivers.classify import Classifier, CounterClassifier
from drivers.serial_scanner import SerialScannerDriver
from drivers.settings import DeviceSettings
from drivers.simulated import SimulatedReaderDriver
from drivers.wedge import KeyboardWedgeDriver
from pos_member.domain.cards import CardNumberRule

log = logging.getLogger(__name__)


@dataclass
class Devices:
    """The drivers of one counter; ``start``/``stop`` run them all."""

    settings: DeviceSettings
    classifier: CounterClassifier
    drivers: list[CardReaderDriver] = field(default_factory=list)
    wedge: KeyboardWedgeDriver | None = None  # keys the UI forwards (a keyboard scanner)
    simulated: SimulatedReaderDriver | None = None  # demos and training

    def start(self) -> None:
        """Start every driver; one that cannot start is logged and left out."""
        for driver in list(self.drivers):
            try:
                driver.start()
            except Exception:
                log.warning("reader driver %s did not start", driver.name, exc_info=True)
                self._drop(driver)

    def stop(self, timeout: float = 5.0) -> None:
        for driver in self.drivers:
            try:
                driver.stop(timeout=timeout)
            except Exception:
                log.warning("driver %s did not stop cleanly", driver.name, exc_info=True)
        self.drivers.clear()

    def use_card_rule(self, rule: CardNumberRule) -> None:
        """Classify every scan by ``rule`` from now on (the programme's, once it is read)."""
        self.classifier.use_card_rule(rule)

    def _drop(self, driver: CardReaderDriver) -> None:
        self.drivers.remove(driver)
        if driver is self.wedge:
            self.wedge = None
        if driver is self.simulated:
            self.simulated = None


def assemble(
    listener: ReaderListener,
    settings: DeviceSettings,
    *,
    pcsc: bool = True,
    keyboard: bool = True,
    simulated: bool = False,
    strict: bool = False,
) -> Devices:
    """The drivers ``settings`` describe, reporting to ``listener`` (not started yet).

    ``pcsc``/``keyboard``/``simulated`` choose the device families; a serial
    scanner is included whenever ``settings.serial_port`` names one. The
    simulated reader is never built for a production store. With ``strict``
    a PC/SC set-up that cannot be built (secure mode without its secret)
    raises ``ValueError``; otherwise it is logged and left out.
    """
    classifier = CounterClassifier(Classifier.from_settings(settings))
    devices = Devices(settings, classifier)
    if simulated and not settings.production:
        devices.simulated = SimulatedReaderDriver(
            listener, production=settings.production, classifier=classifier
        )
        devices.drivers.append(devices.simulated)
    if keyboard:
        devices.wedge = KeyboardWedgeDriver(
            listener,
            classifier=classifier,
            gap_ms=settings.wedge_gap_ms,
            min_length=settings.wedge_min_length,
        )
        devices.drivers.append(devices.wedge)
    if pcsc:
        try:
            from drivers.pcsc import PcscReaderDriver  # needs pyscard's native library

            devices.drivers.append(PcscReaderDriver.from_settings(listener, settings))
        except Exception:
            if strict:
                raise
            log.warning("PC/SC readers unavailable", exc_info=True)
    if settings.serial_port:
        devices.drivers.append(SerialScannerDriver.from_settings(listener, settings, classifier))
    return devices
