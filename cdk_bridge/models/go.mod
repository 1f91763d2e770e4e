module github.com/tagscan/cdk_bridge/models

go 1.22

require github.com/pay-theory/dynamorm v1.3.0
