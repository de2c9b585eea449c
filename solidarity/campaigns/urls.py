from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.index, name="index"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/new-link/", views.resend, name="resend"),
    path("letter/<str:token>/", views.letter, name="letter"),
    path("endorsements/confirm/<str:token>/", views.endorsement_confirm, name="endorsement_confirm"),
    path("<str:slug>/", views.detail, name="detail"),
    path("<str:slug>/sign/", views.sign, name="sign"),
    path("<str:slug>/thanks/", views.thanks, name="thanks"),
    path("<str:slug>/confirmed/", views.confirmed, name="confirmed"),
    path("<str:slug>/count.json", views.count_json, name="count"),
    path("<str:slug>/preview.png", views.preview, name="preview"),
    path("<str:slug>/endorse/", views.endorse, name="endorse"),
    path("<str:slug>/endorse/thanks/", views.endorse_thanks, name="endorse_thanks"),
]
