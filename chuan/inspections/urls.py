from chuan.inspections.views import followup, guidance, onsite, plans, records, reports

app_name = "inspections"
urlpatterns = [
    *reports.urlpatterns,
    *plans.urlpatterns,
    *records.urlpatterns,
    *onsite.urlpatterns,
    *followup.urlpatterns,
    *guidance.urlpatterns,
]
