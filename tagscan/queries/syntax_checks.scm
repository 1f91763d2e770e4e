; What go/parser rejects but tree-sitter-go accepts: parameter lists that mix named and
; unnamed parameters, and escape sequences Go does not define (checked by the caller).
(parameter_list) @parameters
(escape_sequence) @escape
