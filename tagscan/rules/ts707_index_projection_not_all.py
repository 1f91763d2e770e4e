"""TS707 index-projection-not-all: an index the ORM reads whole items through projects less."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

INDEX_PROJECTION_NOT_ALL = "TS707"


class IndexProjectionNotAll(AgainstRule):
    """## What it does
    With `--against`, flags an index the model declares whose projection on the table is
    `KEYS_ONLY` or `INCLUDE`.

    ## Why is this bad?
    The ORM queries an index into the whole model struct: attributes outside the projection come
    back as zero values, silently. Its own `CreateTable` always projects `ALL`.

    ## Example
    ```yaml
    - IndexName: gsi-amount
      Projection: {ProjectionType: KEYS_ONLY}
    ```

    Use instead:
    ```yaml
    - IndexName: gsi-amount
      Projection: {ProjectionType: ALL}   # a new index name: projections cannot change in place
    ```
    """

    id = INDEX_PROJECTION_NOT_ALL
    name = "index-projection-not-all"
    severity = "warning"
    summary = "An index the model reads through does not project ALL attributes"
