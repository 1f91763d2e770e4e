"""TS003 rule-crashed: a rule raised an exception (emitted by the lint engine)."""

from __future__ import annotations

from tagscan.rules._helpers import EngineRule


class RuleCrashed(EngineRule):
    """## What it does
    Reports a rule that raised an exception while checking the models, instead of a traceback.

    ## Why is this bad?
    The crashed rule checked nothing, so its problems may still be in the code. It is a bug in
    tagscan: please report it with the model that triggers it.

    ## Example
    ```go
    // any model that makes a rule fail
    type User struct {
        ID string `dynamorm:"pk"`
    }
    ```

    Use instead:
    ```go
    // nothing to change in Go; `--ignore` the crashed rule until tagscan is fixed
    type User struct {
        ID string `dynamorm:"pk"`
    }
    ```
    """

    id = "TS003"
    name = "rule-crashed"
    severity = "error"
    summary = "A lint rule raised an exception"
