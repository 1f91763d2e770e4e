; Every identifier, for the characters Go does not allow in one but tree-sitter-go does
; (checked by the caller, and only in files that are not pure ASCII).
[(identifier) (field_identifier) (type_identifier) (package_identifier)] @identifier
