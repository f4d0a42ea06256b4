"""Who must hear when a procedure version or an internal process is replaced.

The catalogue knows nothing of the reviews the law's changes open on it; document control
connects `on_replaced(listener)` in its `AppConfig.ready`, and `replaced(old=…, new=…,
actor=…)` calls it, inside the same transaction, when a new version of a procedure or a new
edition of an internal process, or a new form set, replaces the one in force.
"""

from chuan.core.hooks import Hook

replaced = Hook()
on_replaced = replaced.connect

# `approved(process=…, actor=…)`: an edition of an internal process was approved, the first
# one included (the province's QMS kits watch for an adopting agency's last approval).
approved = Hook()
on_approved = approved.connect
