"""The constructs, one module per family; ``cdk_bridge`` re-exports them."""
