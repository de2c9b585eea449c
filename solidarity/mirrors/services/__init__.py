"""The mirrors app's workflows, one module each: baking the site into a folder (baking, with
links and rewriting), signing and checking a copy (signing), baking again after a change
(rebake), an article as one file (offline), the other addresses of the site (addresses)."""
