"""Layer 3, the glossary: terms, their renderings per locale, forbidden variants, and ``glossary.yaml``.

:mod:`.model` is the glossary as the checks and the hints use it; :mod:`.schema` reads and validates
the YAML file with ``path:line`` errors and loads it once per project; :mod:`.gaps` tells the locales
whose sources use terms the glossary does not render there.
"""
