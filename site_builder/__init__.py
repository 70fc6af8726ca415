"""Build the Sanming CPPCC 2024 data site from the curated YAML under ``data/``.

The pipeline is one small module per stage, each importable on its own:

``yamlio``     read a YAML file as UTF-8 and keep line numbers for messages
``validate``   turn the raw documents into typed records (``model``), collecting every problem
``aggregate``  tidy pandas tables derived from the records
``schema``     the one definition of every published table (CSV headers, dictionary, data package)
``export``     write the CSV/XLSX/datapackage downloads, atomically and formula-safe
``charts``     one Altair builder per kind of chart
``render_charts`` turn chart specs into static SVG/PNG and Vega JSON (cached by spec hash)
``pages``      render the Markdown pages from Jinja templates
``site``       gather everything one build publishes (pages, charts, downloads, assets)
``mkdocs_hooks`` the thin MkDocs glue
"""
