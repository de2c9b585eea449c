"""Rich text is cleaned when it is stored, whoever writes it.

Wagtail's editor already stores only whitelisted HTML, but content also arrives from code:
the legacy import, the demo loader, factories, the shell. Wagtail renders stored rich text
as it is, so every RichTextField and every rich text block in a StreamField is passed
through Wagtail's own database-HTML whitelister (the one its API uses) before it is saved:
<script>, on* attributes, javascript: links and features the field does not allow go.
"""

from functools import cache

from wagtail import blocks
from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText


@cache
def _converter(features):
    return DbHTMLConverter(features=list(features) if features is not None else None)


def sanitise_rich_text(html, *, features=None):
    if not html:
        return html
    cleaned, _removals = _converter(tuple(features) if features is not None else None).clean(html)
    return cleaned


def _clean_block_value(block, value):
    if value is None:
        return value
    if isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else str(value)
        cleaned = sanitise_rich_text(source, features=block.features)
        return value if cleaned == source else RichText(cleaned)
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            child.value = _clean_block_value(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            if name in value:
                value[name] = _clean_block_value(child_block, value[name])
    elif isinstance(block, blocks.ListBlock):
        for child in getattr(value, "bound_blocks", []):
            child.value = _clean_block_value(block.child_block, child.value)
    return value


@cache
def _rich_text_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, RichTextField | StreamField)]


def clean_rich_text_before_save(sender, *, instance, raw=False, **kwargs):
    if raw:
        return
    for field in _rich_text_fields(type(instance)):
        value = getattr(instance, field.attname)
        if isinstance(field, RichTextField):
            setattr(instance, field.attname, sanitise_rich_text(value, features=field.features))
        elif value:
            _clean_block_value(field.stream_block, value)
