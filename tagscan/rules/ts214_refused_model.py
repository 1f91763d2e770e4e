"""TS214 refused-model: a type handed to the ORM that the ORM would refuse to register."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule

MISSING_PK = "missing primary key"


class RefusedModel(Rule):
    """## What it does
    Flags a call that hands the ORM a type it refuses: `Model`, `CreateTable`, `EnsureTable`,
    `AutoMigrate` or `Register` with a struct that has no table `pk`, or with a type that is not
    a struct. The message is the ORM's own error, at the call.

    ## Why is this bad?
    The call fails at run time, on the first request that reaches it (`missing primary key`,
    `invalid model: model must be a struct`), however clean the struct's own tags look.

    ## Example
    ```go
    type Draft struct {
        Title string `dynamorm:"attr:title"`
    }

    func (r *Repo) Save(ctx context.Context, d *Draft) error {
        return r.db.Model(d).Create()
    }
    ```

    Use instead:
    ```go
    type Draft struct {
        ID    string `dynamorm:"pk"`
        Title string `dynamorm:"attr:title"`
    }
    ```
    """

    id = "TS214"
    name = "refused-model"
    severity = "error"
    summary = "A type handed to the ORM is one it refuses to register"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for registration in ctx.scan.registrations:
            if registration.refusal is not None:
                yield self.finding(
                    registration.location,
                    f"{registration.refusal} ({registration.call} is handed {registration.type})",
                    hint='tag its partition key field dynamorm:"pk"' if registration.refusal == MISSING_PK
                    else "hand the ORM a pointer to the model struct",
                )
