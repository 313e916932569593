"""The kinds of document the office issues besides the minutes, each a small module: what it
holds (`draft` builds its plain record from the domain, refusing what cannot be issued), how it
prints (`body`), and its names. Who may issue and see them is `documents.access`."""
from . import decision, notice, plan, report

KINDS = {m.KIND: m for m in (plan, decision, notice, report)}
