"""The office's workspace: every inspection it may see, found by unit, round, checklist, status and
date, with the numbers and links of its documents."""
