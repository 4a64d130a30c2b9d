"""What a till and head office say to each other: the wire schemas both sides share.

``schemas`` (events, pushes, pulls, enrolment), ``holds`` (online authorisation of
spends) and ``outbound`` (an outbox payload as it goes on the wire). No I/O here:
the till's transport is ``pos_member.sync``, head office's is ``pos_member.headoffice``.
"""
