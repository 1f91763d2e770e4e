; Calls that hand a type to the ORM: db.Model(&X{}), db.CreateTable(X{}), db.EnsureTable(x),
; db.AutoMigrate(&A{}, &B{}), registry.Register(&X{}).
(call_expression
  function: (selector_expression field: (field_identifier) @call.method)
  arguments: (argument_list) @call.arguments
  (#any-of? @call.method "Model" "CreateTable" "EnsureTable" "AutoMigrate" "Register")) @call
