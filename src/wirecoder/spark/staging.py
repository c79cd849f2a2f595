"""The Arrow layout of rows between the driver and the executors.

One staged row belongs to one table: ``table`` names it, ``order`` is its article's place
in the input, ``position`` its place among that article's rows of the table, ``published``
the article's publication date (the Parquet partition), and a struct column per table holds
the row itself, with the columns of the embedded store (:func:`wirecoder.corpus.store.schema`).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from wirecoder.corpus.schema import Column

_KEYS = [("table", pa.string()), ("order", pa.int64()), ("position", pa.int64()),
         ("published", pa.date32())]


def _signed(kind: pa.DataType) -> pa.DataType:
    """Spark has no unsigned integers: the MinHash signature travels as int64."""
    if pa.types.is_list(kind):
        return pa.list_(_signed(kind.value_type))
    return pa.int64() if pa.types.is_unsigned_integer(kind) else kind


def staged_schema(tables: dict[str, list[Column]]) -> pa.Schema:
    """The staged row layout for these tables."""
    return pa.schema([*_KEYS, *((name, pa.struct([(c.name, _signed(c.arrow)) for c in columns]))
                                for name, columns in tables.items())])


def stage(articles: list[tuple[int, dt.date | None, dict[str, list[dict]]]],
          schema: pa.Schema) -> pa.RecordBatch:
    """One batch of staged rows from each article's ``(order, published, rows by table)``."""
    parts = []
    for name in schema.names[len(_KEYS):]:
        keys, rows = [], []
        for order, published, by_table in articles:
            for position, row in enumerate(by_table.get(name, ())):
                keys.append((order, position, published))
                rows.append(row)
        if not rows:
            continue
        orders, positions, dates = zip(*keys, strict=True)
        columns = {"table": pa.array([name] * len(rows)), "order": pa.array(orders, pa.int64()),
                   "position": pa.array(positions, pa.int64()),
                   "published": pa.array(dates, pa.date32())}
        for field in list(schema)[len(_KEYS):]:
            columns[field.name] = pa.array(rows, field.type) if field.name == name \
                else pa.nulls(len(rows), field.type)
        parts.append(pa.table(columns, schema=schema))
    if not parts:
        return pa.RecordBatch.from_pylist([], schema=schema)
    return pa.concat_tables(parts).combine_chunks().to_batches()[0]
