from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "solidarity.contact"
    label = "contact"
