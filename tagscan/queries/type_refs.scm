; Named types a field's type expression refers to (to tell components used by other structs).
(type_identifier) @ref.local
(qualified_type package: (package_identifier) @ref.package name: (type_identifier) @ref.name) @ref.qualified
