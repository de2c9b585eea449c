from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "solidarity.publishing"
    label = "publishing"
