"""JSON as the standard library reads and writes it.

`json.loads` returns, and `json.dumps` takes, values of any JSON shape: the writers here
build `JsonObject`s, and the readers of saved files take `JsonValue`s, which they check
value by value before they trust them (`core.recording`).
"""

from __future__ import annotations

from typing import Any, TypeAlias

#: A value json.loads gave (or json.dumps takes); readers check it before use.
JsonValue: TypeAlias = Any  # Any: JSON of any shape, as the json module types it
#: One JSON object: string keys, values of any JSON shape.
JsonObject: TypeAlias = dict[str, JsonValue]
