"""/api/v1/inspections/: each concern contributes its routes."""

from chuan.inspections.api import followup, guidance, onsite, plans, records, reports

urlpatterns = [
    *plans.urlpatterns,
    *records.urlpatterns,
    *onsite.urlpatterns,
    *followup.urlpatterns,
    *reports.urlpatterns,
    *guidance.urlpatterns,
]
