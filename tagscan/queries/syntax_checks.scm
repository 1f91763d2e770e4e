; What go/parser rejects but tree-sitter-go accepts: parameter lists that mix named and
; unnamed parameters, escape sequences Go does not define, and identifier characters Go does
; not allow (checked by the caller; identifiers only in files that are not pure ASCII).
(parameter_list) @parameters
(escape_sequence) @escape
[(identifier) (field_identifier) (type_identifier) (package_identifier)] @identifier
