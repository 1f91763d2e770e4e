"""Comments the scanner reads around: in TableName() bodies, and suppression comments."""

import tagscan

SOURCE = """package x

import "os"

type A struct {
	ID string `dynamorm:"pk"`
}

func (A) TableName() string {
	// set by the stack
	return os.Getenv("A_TABLE_NAME") // trailing
}
"""


def test_comment_before_the_return(tmp_path):
    (tmp_path / "a.go").write_text(SOURCE)
    (model,) = tagscan.scan(tmp_path).models
    assert (model.table.source, model.table.env) == ("env", "A_TABLE_NAME")


def test_suppressions_name_rules_by_id_or_kebab_name(tmp_path):
    (tmp_path / "a.go").write_text(
        SOURCE.replace('`dynamorm:"pk"`', '`dynamorm:"pk"` //tagscan:ignore invalid-ttl-type,TS309 kept for the old clients')
    )
    (suppression,) = tagscan.scan(tmp_path).suppressions
    assert suppression.rules == ("invalid-ttl-type", "TS309")
    assert suppression.reason == "kept for the old clients"
