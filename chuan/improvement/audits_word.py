"""The internal audit report (báo cáo đánh giá nội bộ) as a DOCX in the Vietnamese
administrative layout, through `chuan.core.word.WordDocument`: header block, round and scope,
team, summary, findings by department and severity with their counts, the conclusion on the
QMS's conformity and effectiveness, recommendations, and the signatures of the team lead and
the head of the agency to whom the report is submitted (ISO 9001:2015, 9.2.2 c and f)."""

from django.utils.translation import gettext as _

from chuan.core.word import WordDocument
from chuan.improvement import audits_rules as rules
from chuan.improvement.models import Audit
from chuan.improvement.selectors import audits as selectors


def report_docx(audit: Audit) -> bytes:
    document = WordDocument()
    agency = audit.agency
    parent = agency.parent.name if agency.parent_id and agency.parent else ""
    document.header(
        issuer=agency.name,
        parent=parent,
        place=agency.unit.short_name if agency.unit_id else "",
        day=audit.report_issued_on,
    )
    document.title(
        _("Internal audit report"),
        _("%(title)s (round %(round)s, %(year)s)")
        % {"title": audit.title, "round": audit.round, "year": audit.programme.year},
    )
    document.heading(_("1. Scope and criteria"))
    departments = ", ".join(d.name for d in audit.departments.all()) or _("Whole agency")
    document.paragraph(departments, label=_("Departments audited"))
    processes = ", ".join(str(p) for p in audit.processes.all())
    if processes:
        document.paragraph(processes, label=_("Processes audited"))
    titles = rules.clause_titles()
    clauses = "; ".join(f"{c} {titles.get(c, '')}".strip() for c in audit.clauses)
    document.paragraph(clauses or _("Every clause"), label=_("ISO 9001:2015 clauses"))
    document.paragraph(audit.criteria or audit.programme.criteria, label=_("Audit criteria"))
    document.paragraph(audit.opening_at, label=_("Opening meeting"))
    document.paragraph(audit.closing_at, label=_("Closing meeting"))
    document.heading(_("2. Audit team"))
    document.paragraph(audit.lead or "", label=_("Team lead"))
    document.paragraph(", ".join(str(u) for u in audit.auditors.all()), label=_("Auditors"))
    document.heading(_("3. Summary"))
    document.paragraph(audit.summary)
    document.heading(_("4. Findings"))
    table = selectors.findings_table(audit)
    document.table(
        [_("Department"), *[label for _v, label in table.results], _("Total")],
        [[name, *cells, total] for name, cells, total in table.rows]
        + [[_("Total"), *table.totals, table.total]],
    )
    findings = list(selectors.findings(audit))
    if findings:
        document.paragraph("")
        document.table(
            [_("No."), _("Department"), _("Clause"), _("Finding"), _("Result"), _("Nonconformity")],
            [
                [
                    n,
                    line.department.name if line.department else _("Whole agency"),
                    line.clause,
                    line.note or line.evidence or line.question,
                    line.get_result_display(),
                    line.nonconformity.code if line.nonconformity else "",
                ]
                for n, line in enumerate(findings, start=1)
            ],
        )
    document.heading(_("5. Conclusion on conformity and effectiveness"))
    document.paragraph(audit.conclusion)
    document.heading(_("6. Recommendations"))
    document.paragraph(audit.recommendations or _("None."))
    document.signatures(
        [
            (_("Head of the agency"), "", None),
            (_("Audit team lead"), str(audit.lead or ""), audit.report_issued_on),
        ]
    )
    return document.to_bytes()
