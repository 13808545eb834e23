from django.urls import path

from . import views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    # Public content
    path("uppdrag/", views.assignment_type_list, name="assignment-type-list"),
    path("uppdrag/<slug:slug>/", views.assignment_type_detail, name="assignment-type-detail"),
    path("aktuella-uppdrag/", views.open_assignment_list, name="open-assignment-list"),
    path(
        "aktuella-uppdrag/<uuid:public_id>/",
        views.open_assignment_detail,
        name="open-assignment-detail",
    ),
    path("fragor-och-svar/", views.faq, name="faq"),
    path("kontakt/", views.contact, name="contact"),
    path("berattelser/", views.story_list, name="story-list"),
    path("berattelser/<slug:slug>/", views.story_detail, name="story-detail"),
    path("synpunkt-pa-sidan/", views.page_feedback, name="page-feedback"),
    # Staff: editing the site
    path("personal/webbplats/", views.staff_home, name="staff-home"),
    path("personal/webbplats/sidor/", views.staff_page_list, name="staff-page-list"),
    path("personal/webbplats/sidor/ny/", views.staff_page_create, name="staff-page-create"),
    path(
        "personal/webbplats/sidor/<uuid:public_id>/",
        views.staff_page_edit,
        name="staff-page-edit",
    ),
    path("personal/webbplats/fragor/", views.staff_faq_list, name="staff-faq-list"),
    path(
        "personal/webbplats/fragor/kategorier/ny/",
        views.staff_faq_category_create,
        name="staff-faq-category-create",
    ),
    path(
        "personal/webbplats/fragor/kategorier/<uuid:public_id>/",
        views.staff_faq_category_edit,
        name="staff-faq-category-edit",
    ),
    path(
        "personal/webbplats/fragor/ny/",
        views.staff_faq_entry_create,
        name="staff-faq-entry-create",
    ),
    path(
        "personal/webbplats/fragor/<uuid:public_id>/",
        views.staff_faq_entry_edit,
        name="staff-faq-entry-edit",
    ),
    path("personal/webbplats/berattelser/", views.staff_story_list, name="staff-story-list"),
    path(
        "personal/webbplats/berattelser/ny/",
        views.staff_story_create,
        name="staff-story-create",
    ),
    path(
        "personal/webbplats/berattelser/<uuid:public_id>/",
        views.staff_story_edit,
        name="staff-story-edit",
    ),
    path("personal/webbplats/synpunkter/", views.staff_feedback, name="staff-feedback"),
    path(
        "personal/webbplats/aktuella-uppdrag/",
        views.staff_open_assignment_list,
        name="staff-open-assignment-list",
    ),
    path(
        "personal/webbplats/aktuella-uppdrag/ny/",
        views.staff_open_assignment_create,
        name="staff-open-assignment-create",
    ),
    path(
        "personal/webbplats/aktuella-uppdrag/<uuid:public_id>/",
        views.staff_open_assignment_edit,
        name="staff-open-assignment-edit",
    ),
    path(
        "personal/webbplats/aktuella-uppdrag/<uuid:public_id>/publicera/",
        views.staff_open_assignment_publish,
        name="staff-open-assignment-publish",
    ),
    path(
        "personal/webbplats/aktuella-uppdrag/<uuid:public_id>/avpublicera/",
        views.staff_open_assignment_unpublish,
        name="staff-open-assignment-unpublish",
    ),
]
