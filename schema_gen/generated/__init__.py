"""Python that ``schema-gen generate`` writes: never edit it by hand (``nox -s schema``)."""
