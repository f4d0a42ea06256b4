from chuan.inspections.views import guidance, onsite, plans, records, reports

app_name = "inspections"
urlpatterns = [
    *reports.urlpatterns,
    *plans.urlpatterns,
    *records.urlpatterns,
    *onsite.urlpatterns,
    *guidance.urlpatterns,
]
