"""A model index's projection (TableTheoryIndexProjections(), TableTheory 2.x+) against the deployed one.

The ORM creates an index with the projection the model gives it; a deployed index projecting
otherwise was made by something else, and reads through it return other attributes than the model
expects. A model index projecting ALL against a smaller deployed projection is TS707's.
"""

from __future__ import annotations

from tagscan.against.tables import IndexShape
from tagscan.model import Index


def projection_text(projection: str | None, non_key_attributes: tuple[str, ...] | None) -> str:
    if projection == "INCLUDE" and non_key_attributes:
        return f"INCLUDE [{', '.join(non_key_attributes)}]"
    return projection or "?"


def projection_mismatch(index: Index, theirs: IndexShape) -> str | None:
    """What differs between the model's projection and the deployed index's, or None (also when the
    model projects ALL, or the template computes the projection)."""
    if index.projection == "ALL" or theirs.projection is None:
        return None
    same_type = theirs.projection == index.projection
    deployed_fields = theirs.non_key_attributes
    if same_type and (deployed_fields is None or tuple(sorted(deployed_fields)) == index.non_key_attributes):
        return None
    ours = projection_text(index.projection, index.non_key_attributes)
    return f"projects {ours} in the model (TableTheoryIndexProjections) and {projection_text(theirs.projection, deployed_fields)} on the table"
