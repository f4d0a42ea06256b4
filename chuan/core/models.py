"""Shared models: base classes and the append-only, hash-chained activity log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base recording when a row was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class ActivityEntry(models.Model):
    """One thing someone did in Chuẩn: who, when, what verb, on which object, what changed.

    Entries are never updated or deleted (database triggers refuse it). Each carries the hash
    of the previous entry of its chain, so `manage.py verify_activity` can show where the
    history was altered. Each agency has its own chain (`chain` is the agency's id, 0 for
    entries of no agency), so that agencies writing at once never wait for one another;
    entries written before the chains were split have no chain and form the one chain they
    were written in. The agency is kept as a plain id, not a foreign key, so that `core` does not
    depend on `organisations`; it scopes the log like every other list.
    """

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=200, blank=True)
    verb = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    agency_id = models.BigIntegerField(_("agency"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    chain = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity entries")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="core_activity_target_idx"),
            models.Index(fields=["actor", "-id"], name="core_activity_actor_idx"),
            models.Index(fields=["agency_id", "-id"], name="core_activity_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_repr}"


class ActivityChainHead(models.Model):
    """The row holding the hash of the newest entry of one chain (`chain`: an agency's id, 0
    for entries of no agency; none for the chain written before chains per agency, whose
    last hash every later chain starts from).

    Appending locks the chain's row, so concurrent writers of one agency chain one after
    another instead of forking the chain from the same predecessor; other agencies' writers
    lock other rows.
    """

    last_hash = models.CharField(max_length=64)
    chain = models.BigIntegerField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("activity chain head")
        verbose_name_plural = _("activity chain heads")

    def __str__(self) -> str:
        return self.last_hash
