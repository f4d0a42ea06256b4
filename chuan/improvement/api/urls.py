"""/api/v1/qms/: the agency's improvement cycle."""

from chuan.improvement.api import audits, nonconformities, objectives, reviews, risks, triage

urlpatterns = [
    *nonconformities.urlpatterns,
    *objectives.urlpatterns,
    *risks.urlpatterns,
    *audits.urlpatterns,
    *triage.urlpatterns,
    *reviews.urlpatterns,
]
