"""CSV that is safe to open in a spreadsheet, streamed in chunks.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be read by
Excel, LibreOffice or Google Sheets as a formula (``=HYPERLINK("http://evil")``). ``csv_safe``
neutralises such a cell with a leading apostrophe (OWASP's advice); every CSV the site writes goes
through ``csv_lines``, which applies it to every text cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 200


def csv_safe(value: Any) -> Any:
    """``value`` with a leading ``'`` if a spreadsheet could take it for a formula; non-text as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]], *, chunk_rows: int = CHUNK_ROWS) -> Iterator[str]:
    """The header, then the rows, as CSV text in chunks of ``chunk_rows`` rows; every cell made safe."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        value = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return value

    writer.writerow([csv_safe(h) for h in header])
    yield flush()
    for i, row in enumerate(rows, 1):
        writer.writerow([csv_safe(cell) for cell in row])
        if i % chunk_rows == 0:
            yield flush()
    yield flush()
