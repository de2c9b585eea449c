"""The demo site: the alliance's pages and articles in English and Persian.

`pages`, `articles` and `legacy` hold the texts, `files` draws the image and PDF booklets,
`loader` builds whatever is missing.
"""

from .loader import feature_on_home, load

__all__ = ["feature_on_home", "load"]
