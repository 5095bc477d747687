"""The applications: what users run. The command line (``cli``, ``cliargs``), rendering many
files (``batch``, ``progress``, ``cache``, ``sources``), ``watch``, the notebook magic and
display (``magic``, ``display``), ``derive_cli``; where outputs go (``outputs``) and how
they are written (``writes``). The top of the stack: nothing below imports it (the
``flowdsl export`` and ``flowdsl grade`` commands use it).
"""
