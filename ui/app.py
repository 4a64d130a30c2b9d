"""Starts the cashier application (placeholder window until the cashier app lands)."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_app(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setObjectName("CashierWindow")
    window.setWindowTitle(window.tr("pos-member — member terminal"))
    label = QLabel(window.tr("pos-member: member terminal for retail counters"))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    window.resize(800, 600)
    window.show()
    return app.exec()
