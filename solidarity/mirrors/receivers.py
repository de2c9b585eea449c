"""What the mirrors app does when something public changes: queue a re-bake of the folder."""


def on_public_change(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    from .services.rebake import request_rebake

    request_rebake()
