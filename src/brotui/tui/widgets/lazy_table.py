"""A DataTable for many rows: cells made when they are drawn, rows added in one step.

Textual's DataTable measures every cell of every row it is given (to size the columns)
and holds what it is given: at 20,000 protocols that is 100,000 Rich Texts made before
the first row is drawn, seconds of work and most of the TUI's memory. Here a row is a
`LazyRow` (the data to make its cells from, and a function that makes them) that makes
the row's Texts the first time one of them is drawn or read; the columns are as wide as
the screen says (never measured), so adding a row costs a few dictionary entries
whatever its text. Everything else is the DataTable's own:
the cursor, the keys, the mouse, the header, the styles, `get_row_at`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets._data_table import ColumnKey, Row, RowKey


class LazyRow(Mapping[ColumnKey, Text]):
    """One row: its cells by column, made from `data` by `make` the first time one is
    read or drawn (and kept: memory grows with the rows drawn, not with the rows held).
    It is the DataTable's own record of the row's cells, so nothing is made per cell
    when the row is added; its RowKey and Row are made once and kept too, so adding it
    again (the next filter) costs a few dictionary entries."""

    __slots__ = ("_cells", "columns", "data", "key", "make", "row")

    def __init__(self, key: str, data: Any, make: Callable[[Any], list[Text]]) -> None:
        self.data = data
        self.make = make
        self._cells: list[Text] | None = None
        self.key = RowKey(key)
        self.row = Row(self.key, 1, None, False)
        self.columns: dict[ColumnKey, int] = {}  # set by the table that holds the row

    def cells(self) -> list[Text]:
        if self._cells is None:
            self._cells = self.make(self.data)
        return self._cells

    def __getitem__(self, column: ColumnKey) -> Text:
        return self.cells()[self.columns[column]]

    def __iter__(self) -> Iterator[ColumnKey]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)


class _Offsets:
    """DataTable's `_y_offsets` (row key and line within the row, for each line) for rows
    of one line each, without a list of every line remade after each change."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, y: int) -> tuple[RowKey, int]:
        return self.rows[y].key, 0

    def clear(self) -> None:
        """(DataTable.clear clears the list it made: there is none)"""


class LazyTable(DataTable[Any]):
    """A DataTable whose columns have set widths and whose rows are LazyRows, one line
    each, added only with `set_rows` (after `clear`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._ordered: list[Row] = []  # (before DataTable's own, which may clear)
        super().__init__(*args, **kwargs)

    @property
    def ordered_rows(self) -> list[Row]:
        """The rows in order: kept as they are added (DataTable's remakes the list after
        every change, 20,000 lookups)."""
        return self._ordered

    @property
    def _y_offsets(self) -> _Offsets:  # type: ignore[override]
        return _Offsets(self._ordered)

    def clear(self, columns: bool = False) -> LazyTable:
        self._ordered = []
        super().clear(columns)
        return self

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None,
                label: Any = None) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        self._ordered.append(self.rows[row_key])
        return row_key

    def set_rows(self, rows: Sequence[LazyRow]) -> None:
        """Add `rows` at the bottom in one step: no cell is made or measured, the table
        is measured once (what `add_rows` does for each row)."""
        if not rows:
            return
        columns = {column.key: i for i, column in enumerate(self.ordered_columns)}
        was_empty = self.row_count == 0
        start = self.row_count
        locations, data, metadata = self._row_locations, self._data, self.rows
        ordered = self._ordered
        for offset, lazy in enumerate(rows):
            lazy.columns = columns
            lazy.row.height = 1
            locations[lazy.key] = start + offset
            data[lazy.key] = lazy  # type: ignore[assignment]  # (a Mapping, read only)
            metadata[lazy.key] = lazy.row
            ordered.append(lazy.row)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += 1
        self.check_idle()

    def _update_dimensions(self, new_rows: Any) -> None:
        """The table's size from its rows and its columns' set widths: no cell is made
        (DataTable's own renders every new cell to measure it)."""
        self._new_rows.clear()
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width,
                                 self.row_count + header)
