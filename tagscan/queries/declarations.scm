; Package-level declarations of one Go file. Every pattern starts at source_file and the
; cursor is limited to that depth, so function bodies are never searched: structs declared
; inside functions are out of scope.
(source_file (package_clause (package_identifier) @package))

(source_file (import_declaration (import_spec path: (_) @import.path) @import))

(source_file (import_declaration (import_spec_list (import_spec path: (_) @import.path) @import)))

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @type.name type: (_) @type.type) @type))

(source_file
  (type_declaration
    (type_alias name: (type_identifier) @alias.name type: (_) @alias.type) @alias))

(source_file
  (method_declaration
    receiver: (parameter_list) @method.receiver
    name: (field_identifier) @method.name) @method)

(source_file
  (function_declaration name: (identifier) @function.name) @function)

(source_file (const_declaration (const_spec) @const))

(source_file (var_declaration (var_spec) @var))

(source_file (var_declaration (var_spec_list (var_spec) @var)))
