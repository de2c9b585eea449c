from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:volume>/<int:number>/", views.issue, name="issue"),
]
