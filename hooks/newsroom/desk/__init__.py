"""The programme desk: the press register, deadlines, annual plans and reviews against them.

Nothing in this package is published as such: the register and the plans are data under
hidden folders of ``docs/`` (``.bao-chi/``, ``.ke-hoach/``), validated like articles. Only the
public plan pages (:mod:`newsroom.desk.public`) reach the site, and they never read open items.
"""
