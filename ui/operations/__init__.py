"""The screens' operations on the core, one thin module per area (Anki's ``aqt.operations``).

Each operation is a plain function that receives the core, the services'
``Context`` (Anki's ``col``), with what the screen typed, calls the services
and returns a ``ui.views`` value; nothing in here decides a price, a limit or
a benefit (``pos_member.services`` does). Operations run on a lane
(``ui.tasks.Op`` on ``DB``; ``SYNC`` for the link), never on the GUI thread,
and ``ui.backend.Backend`` is the one typed facade the screens call them through.

After an operation, the sale screen applies its result to ``ui.state.ScreenState``,
which broadcasts one ``OpChanges`` (what changed: cart, member, held, shift,
sync, printer) that the widgets repaint from (Anki's ``OpChanges`` and
``operation_did_execute``).

- ``sale``: scanning into the draft, pricing, the payment's figures, checkout, voids
- ``members``: identifying a member (scan, card, phone) and the member panel
- ``held``: holding, listing, recalling and discarding held sales
- ``refund``, ``recharge``, ``shifts``: those dialogs' calls
- ``sync``: the link's state for the status bar
"""
