"""Coded values of the citizens' feedback register (phản ánh, kiến nghị), as Decree
20/2008/NĐ-CP names them; every one has a label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How the feedback arrived (NĐ 20/2008 Art. 6–7): in writing (brought in, by post, by
    e-mail or on the portal), by telephone on the published number (the officer records
    it in writing), or on a questionnaire; `public_form` is the citizen's own form on the
    lookup page."""

    IN_PERSON = "in_person", _("In person at the desk")
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    PHONE = "phone", _("By telephone")
    PORTAL = "portal", _("National public service portal")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    PUBLIC_FORM = "public_form", _("Lookup page (online form)")


# What an official records; the public form is the citizen's own.
OFFICIAL_CHANNELS = [c for c in Channel if c != Channel.PUBLIC_FORM]


class ContentType(models.TextChoices):
    """What the feedback is about: the eight types of NĐ 20/2008/NĐ-CP Art. 5."""

    CONDUCT = "conduct", _("Delay, harassment or wrong handling by an agency or official")
    UNSUITABLE = "unsuitable", _("Regulation not suited to reality")
    INCONSISTENT = "inconsistent", _("Regulation inconsistent with others")
    ILLEGAL = "illegal", _("Regulation against the law")
    TREATY = "treaty", _("Regulation against an international treaty")
    OTHER = "other", _("Other problems with a regulation")
    PROPOSED_HANDLING = "proposed_handling", _("Proposal on how to handle a regulation")
    INITIATIVE = "initiative", _("Initiative for a new regulation")


class Classification(models.TextChoices):
    """How the receiving agency classifies it (NĐ 20/2008 Art. 9.4): not accepted, about
    the conduct of an agency or official (sent to whom it concerns), within its competence,
    or outside it (forwarded within 5 working days)."""

    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    CONDUCT = "conduct", _("Conduct of an agency or official")
    IN_COMPETENCE = "in_competence", _("Within our competence")
    OUT_OF_COMPETENCE = "out_of_competence", _("Outside our competence")


class State(models.TextChoices):
    """Where it stands: received → classified → replied → published, or closed when not
    accepted or forwarded to the competent agency."""

    RECEIVED = "received", _("Received, to classify")
    CLASSIFIED = "classified", _("Being handled")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    FORWARDED = "forwarded", _("Forwarded")
    REPLIED = "replied", _("Replied")
    PUBLISHED = "published", _("Reply published")
