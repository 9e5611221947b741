"""The form lays out every field the schema says is shown, each once, with the schema's
label and a widget for its kind (brotui.tui.widgets.protocol_form.LAYOUT)."""

from __future__ import annotations

import pytest

from brotui.core import schema
from brotui.tui.widgets import fields
from brotui.tui.widgets.protocol_form import LAYOUT, NOT_IN_FORM, layout

IN_FORM = [p for p in schema.PARTS if p.name not in NOT_IN_FORM]


def test_every_part_is_in_the_form_or_said_not_to_be() -> None:
    assert set(LAYOUT) | NOT_IN_FORM == {p.name for p in schema.PARTS}
    assert not set(LAYOUT) & NOT_IN_FORM


@pytest.mark.parametrize("part", IN_FORM, ids=lambda p: p.name)
def test_the_form_lays_out_every_shown_field(part: schema.Part) -> None:
    keys = [key for line in LAYOUT[part.name] for key in line]
    assert len(keys) == len(set(keys)), f"{part.name}: a field laid out twice"
    assert set(keys) == {f.key for f in part.scalars() if f.shown}


@pytest.mark.parametrize("part", IN_FORM, ids=lambda p: p.name)
def test_each_field_of_the_form_is_the_schemas(part: schema.Part) -> None:
    for line in layout(part):
        for field in line:
            declared = part.field(field.key)
            assert field.label == declared.label
            assert field.choices == declared.choices
            assert (field.kind == fields.CHOICE) == bool(declared.choices)
            if declared.kind is schema.Kind.TEXT:
                assert field.kind == fields.TEXT
