"""The pipeline on Apache Spark: articles in a DataFrame, record tables out as Parquet.

``job`` runs on the driver (read, extract, link, write), ``worker`` on the executors (the
pipeline, loaded once per Python worker process), ``staging`` is the Arrow layout the two
exchange, ``linking`` is the corpus-wide second pass (ingest order, near-duplicates, one row
per actor) and ``load`` copies the Parquet tables into a DuckDB store. Only ``job`` and
``linking`` need PySpark (``pip install 'wirecoder[spark]'``).
"""
