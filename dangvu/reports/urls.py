from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.catalogue_page, name="catalogue"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("runs/<int:pk>/download/", views.run_download, name="download"),
    path("<slug:slug>/", views.report_page, name="report"),
]
