from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "solidarity.search"
    label = "search"
