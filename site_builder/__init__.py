"""Build the Sanming county-level CPPCC data site, every yearly edition, from the curated
YAML (and optional CSV) under ``data/``.

The pipeline is one small module per stage, each importable on its own:

``yamlio``        read a YAML file as the editor saved it, keeping line numbers for messages
``records``       the one definition of every record (pydantic): model, checks, JSON Schema
``checker``       a document against its record, every problem in Chinese with file and line
``rules``         the honesty rules: numbers, qualifiers, verbatim clauses, units, coverage
``figure_table``  a year's figures as one spreadsheet (``figures.csv``), read and written
``validate``      load ``data/``: read, check, apply the rules, build the typed dataset
                  (``model``), collecting every problem (``errors``) before failing
``evidence``      every clause verbatim in its source, or the closest passage when not
``qualifiers``    the one qualifier vocabulary (多/余/以上 → at least, 近/约/左右 → approx)
``aggregate``     tidy pandas tables derived from the records
``compare``       what a comparison may say: bounds, orders that hold for every reading
``schema``        the one definition of every published table (CSV headers, data dictionary,
                  XLSX explanation sheet, data package)
``export``        the CSV downloads and the list of everything under /downloads/;
                  ``cells`` (formula-safe cells), ``workbook`` (XLSX), ``datapackage`` (Frictionless)
``wording``       how a figure is said with its qualifier ("至少 10 场次", "近 800 人")
``charts``        what each chart says (rows, title, notes, text alternative); ``chart_plan``
                  decides which charts exist; ``specs`` lays them out as Altair marks from
                  plain rows, where they are drawn (worker processes, or threads for a few)
``render_charts`` static SVG (every mark labelled) and Open Graph PNGs with vl-convert, cached
``pages``         render the Markdown pages from the Jinja templates in ``templates/``
``feed``          the Atom feed of editions and 更新记录 entries
``editor_schema`` the JSON Schemas editors' tools use to underline mistakes as they type
``config``        the one build configuration: data, cache, public address, footer
``site``          everything one build publishes, generator-neutral
``mkdocs_hooks``  the thin MkDocs glue
``cli``           ``python -m site_builder check`` / ``export`` / ``schema`` / ``figures-to-csv``
"""
