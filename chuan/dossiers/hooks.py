"""Who must hear when a dossier changes at the desk.

Every change the desk records (receipt, hand-over, supplement request, pause, extension,
result, return, withdrawal, stop…) is a `DossierEvent`. The apps above the desk — the link to
the national portal, the notices to citizens — connect `on_event(listener)` in their
`AppConfig.ready`; `event_recorded(dossier=…, event=…, actor=…)` calls them inside the same
transaction as the change, so what they write (an outbox row, a queued notice) commits or
rolls back with it.
"""

from chuan.core.hooks import Hook

event_recorded = Hook()
on_event = event_recorded.connect
