"""/api/v1/inspections/: each concern contributes its routes."""

from chuan.inspections.api import guidance, onsite, plans, records, reports

urlpatterns = [
    *plans.urlpatterns,
    *records.urlpatterns,
    *onsite.urlpatterns,
    *reports.urlpatterns,
    *guidance.urlpatterns,
]
