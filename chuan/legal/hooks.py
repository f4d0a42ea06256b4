"""Who must hear when the law changes.

The legal library knows nothing of what cites it; apps above it (document control) connect
`on_law_change(listener)` in their `AppConfig.ready`, and `law_changed(document=…, reason=…,
actor=…)` calls them, inside the same transaction, when a legal document is amended,
replaced or repealed or its status changes.
"""

from chuan.core.hooks import Hook

law_changed = Hook()
on_law_change = law_changed.connect
