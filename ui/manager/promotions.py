"""The manager's page of the store's promotions in force (``promotionsPage``).

One row per promotion running now in this store, by the programme version the
till prices with: its code, the rule in the trade's words (满100减20, 第2件半价),
what it covers, for whom, when it runs, and whether it gives way to others of
its exclusive group. A version the till refused (a kind it does not know) is
said above the list. Reading runs on the ``db`` lane; nothing here changes
anything. The page reads again each time it is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_member.domain.promotions import Promotion
from ui.errors import user_message
from ui.manager.backend import ManagerBackend
from ui.operations.promotions import PromotionsInForce, active_promotions
from ui.tasks import Op, TaskRunner


class PromotionsView(QWidget):
    def __init__(self, backend: ManagerBackend, runner: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("promotionsPage")
        self.backend = backend
        self.runner = runner
        self.shown: PromotionsInForce | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 6, 4, 4)
        self.title = QLabel(self.tr("Promotions in force in this store"))
        self.title.setObjectName("promotionsTitle")
        v.addWidget(self.title)
        self.refused_label = QLabel("")
        self.refused_label.setObjectName("promotionsRefusedLabel")
        self.refused_label.setWordWrap(True)
        self.refused_label.setVisible(False)
        v.addWidget(self.refused_label)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("promotionsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Rule"),
                self.tr("Covers"),
                self.tr("For"),
                self.tr("When"),
                self.tr("Exclusive group"),
            ]
        )
        t = self.table
        t.verticalHeader().setVisible(False)
        t.setAlternatingRowColors(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        v.addWidget(t, 1)
        self.status_label = QLabel("")
        self.status_label.setObjectName("promotionsStatusLabel")
        self.status_label.setWordWrap(True)
        v.addWidget(self.status_label)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.status_label.setText(self.tr("Reading…"))
        ctx = self.backend.ctx
        Op(self.runner, lambda: active_promotions(ctx), owner=self).success(self.show_rows).failure(
            self._failed
        ).run()

    def _failed(self, exc: BaseException) -> None:
        self.status_label.setText(user_message(exc))

    # ------------------------------------------------------------------- words
    def covers_text(self, p: Promotion) -> str:
        s = p.scope
        parts = []
        if p.prices:
            parts.append(self.tr("items {codes}").format(codes=", ".join(c for c, _ in p.prices)))
        elif not s.skus and not s.categories and not s.brands:
            parts.append(self.tr("everything"))
        if s.skus:
            parts.append(self.tr("items {codes}").format(codes=", ".join(s.skus)))
        if s.categories:
            parts.append(self.tr("categories {names}").format(names=", ".join(s.categories)))
        if s.brands:
            parts.append(self.tr("brands {names}").format(names=", ".join(s.brands)))
        if s.exclude_skus:
            parts.append(self.tr("except {codes}").format(codes=", ".join(s.exclude_skus)))
        if p.gift_sku:
            parts.append(self.tr("gift {code}").format(code=p.gift_sku))
        return self.tr("; ").join(parts)

    def audience_text(self, p: Promotion) -> str:
        a = p.audience
        if a.tiers:
            return self.tr("tiers {codes}").format(codes=", ".join(a.tiers))
        return self.tr("members") if a.members_only else self.tr("everyone")

    def window_text(self, p: Promotion) -> str:
        w = p.window
        parts = []
        if w.since or w.until:
            parts.append(
                self.tr("{since} to {until}").format(
                    since=w.since.isoformat() if w.since else "…",
                    until=w.until.isoformat() if w.until else "…",
                )
            )
        if w.weekdays:
            names = [self.weekday(d) for d in w.weekdays]
            parts.append(self.tr(", ").join(names))
        if w.hours is not None:
            parts.append(f"{w.hours[0]:02d}:00–{w.hours[1]:02d}:00")
        return self.tr("; ").join(parts) if parts else self.tr("always")

    def weekday(self, d: int) -> str:
        return (
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
            self.tr("Sat"), self.tr("Sun"),
        )[d - 1]  # fmt: skip

    # -------------------------------------------------------------------- rows
    def show_rows(self, found: PromotionsInForce) -> None:
        self.shown = found
        t = self.table
        t.setRowCount(len(found.promotions))
        for r, p in enumerate(found.promotions):
            cells = (
                p.code,
                p.label,
                self.covers_text(p),
                self.audience_text(p),
                self.window_text(p),
                p.exclusive_group or "—",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                t.setItem(r, col, item)
        if found.refused:
            version, why = found.refused[-1]
            self.refused_label.setText(
                self.tr(
                    "Version {version} of the programme was refused: this till does not know "
                    "what it holds ({why}). Upgrade the till; until then it prices by version "
                    "{kept}."
                ).format(version=version, why=why, kept=found.version)
            )
        self.refused_label.setVisible(bool(found.refused))
        self.status_label.setText(
            self.tr("{n} promotion(s) in force now, programme version {version}.").format(
                n=len(found.promotions), version=found.version
            )
            if found.promotions
            else self.tr(
                "No promotion is in force in this store now (programme version {version})."
            ).format(version=found.version)
        )

    def rows_text(self) -> list[list[str]]:
        """What the table says, row by row (for tests and screenshots)."""
        t = self.table
        out: list[list[str]] = []
        for r in range(t.rowCount()):
            row: list[str] = []
            for c in range(t.columnCount()):
                item: Any = t.item(r, c)
                row.append(item.text() if item is not None else "")
            out.append(row)
        return out
