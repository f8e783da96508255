"""Build of the optional compiled distance (``_gazetteer_distance``); everything else is in pyproject.toml.

The extension is optional: without a C compiler the build goes on without it and
``gazetteer.distance`` runs its pure-Python code, which gives the same results, slower.
"""

import os

from setuptools import Extension, setup

flags = [] if os.name == "nt" else ["-O2", "-ffp-contract=off"]  # no fused multiply-adds: same doubles as Python

setup(
    ext_modules=[
        Extension("_gazetteer_distance", ["gazetteer/_distance.c"], extra_compile_args=flags, optional=True),
    ]
)
