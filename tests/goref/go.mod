module tagscan/tests/goref

go 1.19
