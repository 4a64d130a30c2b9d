"""What the cashier reads when something fails, and the last-resort exception hooks.

A ``UserFacingError`` is shown as its translated template (context
``Errors``, source text = the English template), filled with its params: the
params it names in ``phrases`` (fixed English such as a ValidationError's
``field`` and ``problem``) and any ``Text`` or nested error are translated
too, data (numbers, card numbers, names) is shown as it is. ``core_text``
does the same for the core's other words (a statement's notes). Any other
exception is a bug: it is logged with its traceback and the cashier sees one
calm generic sentence; the sale on screen is kept.
"""

from __future__ import annotations

import logging
import string
import sys
import threading
import types
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from pos_member.domain.errors import UserFacingError
from pos_member.domain.text import Text, phrase

log = logging.getLogger(__name__)

CONTEXT = "Errors"

# What the core passes on from a library as an error's ``detail`` (head office
# unreachable: the HTTP client's exception name), marked so that the Errors
# context has it too.
LIBRARY_WORDS = (
    phrase("ConnectError"),
    phrase("ConnectTimeout"),
    phrase("ReadTimeout"),
    phrase("WriteTimeout"),
    phrase("PoolTimeout"),
    phrase("ReadError"),
    phrase("WriteError"),
    phrase("CloseError"),
    phrase("RemoteProtocolError"),
    phrase("LocalProtocolError"),
    phrase("ProxyError"),
    phrase("UnsupportedProtocol"),
)


def generic_message() -> str:
    return QCoreApplication.translate(
        CONTEXT,
        "Something unexpected went wrong. The sale on screen is kept; "
        "try again or call the supervisor.",
    )


def translate(text: str) -> str:
    """One of the core's English texts in the app's language (context ``Errors``)."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def core_text(value: object) -> str:
    """Words from the core (a ``Text``, an error, or a person's own words) in the app's language."""
    if isinstance(value, Text):
        return value.text(translate)
    if isinstance(value, UserFacingError):
        return value.text(translate)
    return "" if value is None else str(value)


def user_message(exc: BaseException) -> str:
    """The sentence to show for ``exc`` (logs it when it is a bug)."""
    if isinstance(exc, UserFacingError):
        return exc.text(translate)
    from pos_member.services.storage import explain_failure

    problem = explain_failure(exc)  # the database file itself: damaged, locked, read-only, full
    if problem is not None:
        log.error("database failure: %s", problem.message, exc_info=(type(exc), exc,
                  exc.__traceback__))  # fmt: skip
        return problem.text(translate)
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return generic_message()


def import_error_modules() -> None:
    """Import every module of the core and the drivers, so that all their errors are known.

    For the translation tool and its test; at run time the errors that can be
    raised are already imported.
    """
    import importlib
    import pkgutil

    import drivers
    import pos_member

    for package in (pos_member, drivers):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            try:
                importlib.import_module(info.name)
            except Exception:  # an optional extra (PostgreSQL driver...) not installed
                log.debug("could not import %s for its errors", info.name, exc_info=True)


def error_classes() -> list[type[UserFacingError]]:
    """Every ``UserFacingError`` loaded so far (core, drivers, sync), for lookups by code."""
    import drivers.errors  # noqa: F401 - registers the device errors
    import pos_member.domain.errors
    import pos_member.domain.identifiers  # noqa: F401 - the scan refusals

    seen: list[type[UserFacingError]] = []
    todo: list[type[UserFacingError]] = [UserFacingError]
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.append(cls)
            todo.extend(cls.__subclasses__())
    return seen


def message_for_code(code: str, params: dict[str, Any], fallback: str) -> str:
    """A device's or printer's problem by its error ``code``, in the cashier's language.

    Drivers report a code and an English sentence from their own thread; the
    translated template is used when its parameters are known, else the
    sentence as the driver wrote it.
    """
    for cls in error_classes():
        if cls.code == code:
            needed = {name for _, name, _, _ in string.Formatter().parse(cls.template) if name}
            if not needed <= params.keys():
                return fallback or translate(cls.template)
            return cls(**params).text(translate)
    return fallback


def problem_text(problem: UserFacingError | None, code: str, fallback: str) -> str:
    """A driver's or printer's problem: its error when it came with one, else by ``code``."""
    if problem is not None:
        return user_message(problem)
    return message_for_code(code, {}, fallback) if code else fallback


def install_excepthooks(notify: Callable[[str], None]) -> None:
    """Route uncaught exceptions (GUI and other threads) to the log and a calm message.

    ``notify`` must be safe to call from any thread (e.g. a signal's ``emit``).
    """

    def hook(
        exc_type: type[BaseException],
        exc: BaseException,
        tb: types.TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        try:
            notify(user_message(exc) if isinstance(exc, UserFacingError) else generic_message())
        except Exception:
            log.exception("could not show the error")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
