"""Build the Sanming CPPCC 2024 data site from the curated YAML under ``data/``.

The pipeline is one small module per stage, each importable on its own:

``yamlio``        read a YAML file as the editor saved it, keeping line numbers for messages
``validate``      turn the raw documents into typed records (``model``), collecting every
                  problem (``errors``) before failing
``aggregate``     tidy pandas tables derived from the records
``schema``        the one definition of every published table (CSV headers, data dictionary,
                  XLSX explanation sheet, data package)
``export``        the CSV downloads and the list of everything under /downloads/;
                  ``cells`` (formula-safe cells), ``workbook`` (XLSX), ``datapackage`` (Frictionless)
``wording``       how a figure is said with its qualifier ("至少 10 场次", "近 800 人")
``charts``        one Altair builder per kind of chart; ``chart_plan`` decides which charts exist
``render_charts`` static SVG (every mark labelled) and Open Graph PNGs with vl-convert, cached
``pages``         render the Markdown pages from the Jinja templates in ``templates/``
``site``          everything one build publishes, generator-neutral
``mkdocs_hooks``  the thin MkDocs glue
``cli``           ``python -m site_builder check`` / ``export``
"""
