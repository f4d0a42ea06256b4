from django.urls import path

from chuan.training.views import certificates, competence, courses, learners

app_name = "training"
urlpatterns = [
    path("training/", courses.home, name="home"),
    path("training/courses/new/", courses.course_create, name="course_create"),
    path("training/courses/<int:pk>/", courses.course_detail, name="course"),
    path("training/courses/<int:pk>/edit/", courses.course_edit, name="course_edit"),
    path(
        "training/courses/<int:pk>/do/<slug:action>/", courses.course_action, name="course_action"
    ),
    path("training/courses/<int:pk>/sessions/", courses.session_add, name="session_add"),
    path(
        "training/courses/<int:pk>/sessions/<int:session_pk>/remove/",
        courses.session_remove,
        name="session_remove",
    ),
    path(
        "training/courses/<int:pk>/sessions/<int:session_pk>/attendance/",
        learners.attendance_take,
        name="attendance",
    ),
    path("training/courses/<int:pk>/register/", learners.registration_create, name="register"),
    path(
        "training/courses/<int:pk>/certificates/issue/",
        certificates.certificate_issue,
        name="certificate_issue",
    ),
    path("training/registrations/<int:pk>/scores/", learners.score_record, name="scores"),
    path(
        "training/registrations/<int:pk>/<slug:decision>/",
        learners.registration_decide,
        name="registration_decide",
    ),
    path("training/lecturers/", courses.lecturer_list, name="lecturers"),
    path("training/certificates/", certificates.certificate_list, name="certificates"),
    path("training/certificates/<int:pk>/", certificates.certificate_detail, name="certificate"),
    path(
        "training/certificates/<int:pk>/docx/",
        certificates.certificate_download,
        name="certificate_docx",
    ),
    path(
        "training/certificates/<int:pk>/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
    path("training/competence/", competence.competence, name="competence"),
    path("training/competence/agency/", competence.agency_competence, name="agency_competence"),
    path("training/verify/<path:number>/", certificates.verify, name="verify"),
]
