"""The certificate as DOCX through the project's Word helper (chuan.core.word): the issuer,
the national motto, the holder, the course and its dates, the number, and a QR code of the
public verification page (no regulation sets the form of an internal course's certificate,
wave2_domain.md §7.2; TT 26/2014 Art. 30 for the regulated ones)."""

import io

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from chuan.core.word import WordDocument
from chuan.training.models import Certificate
from chuan.training.qr_png import qr_png


def verify_url(number: str) -> str:
    return settings.CHUAN_SITE_URL.rstrip("/") + reverse("training:verify", args=[number])


def certificate_docx(certificate: Certificate) -> bytes:
    course = certificate.course
    document = WordDocument()
    document.header(issuer=course.organiser, day=certificate.issued_on)
    document.title(_("Certificate"), _("No. %(number)s") % {"number": certificate.number})
    document.paragraph(certificate.holder_name, label=_("Awarded to"))
    if certificate.agency is not None:
        document.paragraph(certificate.agency.name, label=_("Agency"))
    document.paragraph(
        f"{course.title} ({course.get_kind_display()})", label=_("Has completed the course")
    )
    document.paragraph(f"{course.starts_on:%d/%m/%Y} – {course.ends_on:%d/%m/%Y}", label=_("Held"))
    if certificate.valid_until:
        document.paragraph(f"{certificate.valid_until:%d/%m/%Y}", label=_("Valid until"))
    if certificate.revoked_on:
        document.paragraph(f"{certificate.revoked_on:%d/%m/%Y}", label=_("Revoked on"))
    url = verify_url(certificate.number)
    paragraph = document.document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(qr_png(url)), width=Mm(30))
    document.paragraph(url, label=_("Verify at"))
    document.signatures([(course.organiser, "", None)])
    return document.to_bytes()
