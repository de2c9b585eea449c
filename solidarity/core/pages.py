"""Wagtail pages made from code (demo content, factories, tests), published as an editor would."""


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)
