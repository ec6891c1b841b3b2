"""The pages of the portal: the per-build state the MkDocs hooks share, URLs, listings and
the view models of templates, the press room, the sanitiser and the editors' guide tables.
"""
