; Package-level declarations of one Go file. Structs declared inside functions are out of
; scope: the patterns are anchored at source_file.
(package_clause (package_identifier) @package)

(import_spec path: (_) @import.path) @import

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
