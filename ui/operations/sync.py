"""The link to head office as the status bar shows it (the ``SYNC`` lane's reads)."""

from __future__ import annotations

from pos_member.domain.errors import DiskNearlyFull, NotEnrolled
from pos_member.services.clock import skew_error
from pos_member.services.context import Context
from pos_member.services.storage import backup_warning, disk_warning
from pos_member.sync.client import SyncState
from ui.errors import generic_message, user_message
from ui.timefmt import day_time
from ui.views import SyncView


def sync_view(ctx: Context, state: SyncState) -> tuple[SyncView, DiskNearlyFull | None]:
    """The sync thread's state in the cashier's words, with the disk's warning (if any)."""
    last = day_time(state.last_success, ctx.settings.timezone) if state.last_success else ""
    if state.error is not None:
        detail = user_message(state.error)
    else:
        detail = generic_message() if state.last_error else ""
    if not detail and not state.enrolled:
        detail = user_message(NotEnrolled())
    skew = ctx.clock_skew()
    low = disk_warning(ctx)
    # The disk's own warning first: a full disk also stops the backups.
    stale = None if low is not None else backup_warning(ctx)
    view = SyncView(
        online=bool(state.online),
        waiting=int(state.events_waiting),
        last_sync=last,
        detail=detail,
        clock=user_message(skew_error(skew)) if skew is not None else "",
        disk=user_message(low) if low is not None else user_message(stale) if stale else "",
    )
    return view, low
