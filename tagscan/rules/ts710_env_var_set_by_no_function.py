"""TS710 env-var-set-by-no-function: the models read an env var that no function of the templates sets."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

ENV_VAR_SET_BY_NO_FUNCTION = "TS710"


class EnvVarSetByNoFunction(AgainstRule):
    """## What it does
    With `--against` templates that define Lambda functions, flags models whose table name comes
    from env vars (`os.Getenv`) when no function sets any of them, although a table of the
    templates was matched to the models another way (its name, tag or construct path).

    ## Why is this bad?
    The ORM calls `TableName()` on first use: with the variable unset it returns "", and the ORM
    falls back to the pluralised type name (`Account` → `Accounts`). Every model then talks to
    its own table, which the stack does not create: `ResourceNotFoundException` at run time.

    ## Example
    ```python
    lambda_.Function(self, "Api", ..., environment={"LOG_LEVEL": "info"})  # no STATE_TABLE_NAME
    ```

    Use instead:
    ```python
    lambda_.Function(self, "Api", ..., environment={"STATE_TABLE_NAME": state.table_name})
    ```
    """

    id = ENV_VAR_SET_BY_NO_FUNCTION
    name = "env-var-set-by-no-function"
    severity = "error"
    summary = "The models' table env var is set by no function of the templates"
