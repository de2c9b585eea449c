from django.apps import AppConfig


class MailReplyConfig(AppConfig):
    name = "solidarity.mailreply"
    label = "mailreply"
