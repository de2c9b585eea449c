from django.urls import path

from . import views

app_name = "mirrors"
urlpatterns = [path("", views.mirrors_page, name="page")]
