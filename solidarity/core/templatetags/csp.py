from django import template

from solidarity.core.middleware import csp_nonce as current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    """This response's Content-Security-Policy nonce, for the admin's few inline scripts."""
    return current_nonce.get()
