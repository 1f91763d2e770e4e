"""TS711 index-projection-mismatch: the model projects an index otherwise than the deployed table."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

INDEX_PROJECTION_MISMATCH = "TS711"


class IndexProjectionMismatch(AgainstRule):
    """## What it does
    With `--against`, flags an index whose projection the model sets with
    `TableTheoryIndexProjections()` (TableTheory 2.x and later) when the deployed index projects
    another type or other `INCLUDE` attributes.

    ## Why is this bad?
    The ORM creates the index with the model's projection; the deployed one was made otherwise.
    Reads through it return other attributes than the model expects (missing ones come back as
    zero values), and CloudFormation cannot change a projection in place.

    ## Example
    ```go
    func (Product) TableTheoryIndexProjections() map[string]tabletheory.IndexProjection {
        return map[string]tabletheory.IndexProjection{"gsi-category": {Type: "INCLUDE", Fields: []string{"name", "price"}}}
    }
    ```
    ```yaml
    - IndexName: gsi-category
      Projection: {ProjectionType: KEYS_ONLY}
    ```

    Use instead:
    ```yaml
    - IndexName: gsi-category-v2   # a new name: projections cannot change in place
      Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [name, price]}
    ```
    """

    id = INDEX_PROJECTION_MISMATCH
    name = "index-projection-mismatch"
    severity = "warning"
    summary = "The model's index projection differs from the deployed index's"
