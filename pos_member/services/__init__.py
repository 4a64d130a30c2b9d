"""Use cases: each one transaction writing business rows, ledgers, audit and outbox."""
