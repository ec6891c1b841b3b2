"""Newsroom core: the content model, its rules and the one visibility decision.

Everything that decides what an article is and whether it may be published lives here,
so that the MkDocs hooks, the editors' CLI and the tests share one implementation.
"""
