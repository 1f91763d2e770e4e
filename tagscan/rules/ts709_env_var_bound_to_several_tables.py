"""TS709 env-var-bound-to-several-tables: functions point the models' env var at different tables."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

ENV_VAR_BOUND_TO_SEVERAL_TABLES = "TS709"


class EnvVarBoundToSeveralTables(AgainstRule):
    """## What it does
    With `--against`, looks at every Lambda function of a template that sets the env var the
    models read their table name from (the first of their chain that the function sets) and flags
    the models' table when the functions point it at different tables. The finding names each
    function and its table; the models are then checked against every one of those tables.

    ## Why is this bad?
    The same code reads and writes another table depending on which function runs it: one
    function's writes are invisible to the others, and the second table usually lacks an index or
    a TTL the models need. It is the classic copy-paste of a function definition from an older
    stack.

    ## Example
    ```python
    for name in FUNCTIONS:
        table = legacy if name == "Exporter" else state   # Exporter still reads the old table
        fn.add_environment("STATE_TABLE_NAME", table.table_name)
    ```

    Use instead:
    ```python
    for name in FUNCTIONS:
        fn.add_environment("STATE_TABLE_NAME", state.table_name)
    ```
    """

    id = ENV_VAR_BOUND_TO_SEVERAL_TABLES
    name = "env-var-bound-to-several-tables"
    severity = "error"
    summary = "Functions point the models' table env var at different tables"
