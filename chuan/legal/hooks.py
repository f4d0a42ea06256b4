"""Who must hear when the law changes.

The legal library knows nothing of what cites it; apps above it (document control) connect
`on_law_change(listener)` in their `AppConfig.ready`, and `law_changed(document=…, reason=…,
actor=…, effective_on=…)` calls them, inside the same transaction, when a legal document is
amended, replaced or repealed or its status changes; `effective_on` is the day the change
takes effect (the acting document's effective date, or the end of effect), None if unknown.
"""

from chuan.core.hooks import Hook

law_changed = Hook()
on_law_change = law_changed.connect
