from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("resolutions/", views.registry, name="registry"),
    path("resolutions/map.svg", views.registry_map, name="registry_map"),
    path("resolutions/feed/", views.ResolutionFeed(), name="registry_feed"),
    path("resolutions/<int:pk>/", views.resolution, name="resolution"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("events/", views.events, name="events"),
    path("events/<int:pk>/", views.event, name="event"),
    path("letters/", views.letters, name="letters"),
    path("letters/<int:pk>/", views.letter, name="letter"),
    path("letters/<int:pk>/print/", views.letter_print, name="letter_print"),
    path("letters/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
]
