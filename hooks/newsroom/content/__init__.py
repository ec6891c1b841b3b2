"""The content model and its checks: parsing front-matter, the schema and rules, the workflow,
registries, signed approvals, the one visibility decision and the corpus scan of ``docs/``.
"""
