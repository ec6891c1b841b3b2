"""Programme reporting (``newsroom report``): the figures, approvals by approver, and their
Markdown, CSV and HTML renderings with inline SVG charts.
"""
