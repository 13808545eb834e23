from django.urls import path

from . import views

app_name = "oversight"

_base = "personal/tillsyn"

urlpatterns = [
    path(f"{_base}/", views.dashboard, name="dashboard"),
    path(f"{_base}/register/", views.register, name="register"),
    path(f"{_base}/register/<uuid:public_id>/", views.entry, name="entry"),
    path(f"{_base}/register/<uuid:public_id>/uppgifter/", views.entry_note, name="entry-note"),
    path(f"{_base}/register/<uuid:public_id>/delvis/", views.partial_mark, name="partial-mark"),
    path(
        f"{_base}/register/<uuid:public_id>/delvis/<uuid:partial_id>/avsluta/",
        views.partial_close,
        name="partial-close",
    ),
    path(f"{_base}/kvartal/", views.quarter_list, name="quarter-list"),
    path(f"{_base}/kvartal/<int:year>/<int:number>/", views.quarter, name="quarter"),
    path(f"{_base}/kvartal/<int:year>/<int:number>/csv/", views.quarter_csv, name="quarter-csv"),
    path(f"{_base}/kvartal/<int:year>/<int:number>/pdf/", views.quarter_pdf, name="quarter-pdf"),
    path(f"{_base}/statistik/", views.statistics_page, name="statistics"),
    path(f"{_base}/statistik/<slug:slug>.csv", views.statistics_csv, name="statistics-csv"),
]
