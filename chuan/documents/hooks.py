"""Who must hear when a controlled document's revision is approved.

Document control knows nothing of the apps above it; they connect `on_approved(listener)`
in their `AppConfig.ready`, and `approved(revision=…, actor=…)` calls them, inside the
approval's transaction (the province's QMS kits record "documents issued" in the roll-out
once an agency that adopted a kit has approved every document of it).
"""

from chuan.core.hooks import Hook

approved = Hook()
on_approved = approved.connect
