from chuan.improvement.views import (
    audits,
    home,
    nonconformities,
    objectives,
    reviews,
    risks,
    triage,
)

app_name = "improvement"
urlpatterns = [
    *home.urlpatterns,
    *nonconformities.urlpatterns,
    *objectives.urlpatterns,
    *risks.urlpatterns,
    *audits.urlpatterns,
    *triage.urlpatterns,
    *reviews.urlpatterns,
]
