; Named types a field's type expression refers to (to tell components used by other structs).
(type_identifier) @ref.local
(qualified_type package: (package_identifier) @ref.package name: (type_identifier) @ref.name) @ref.qualified

; Embedded fields (no name): `T`, `*T`, `pkg.T` and their generic forms. A nested struct type's own
; embeds match too: the caller keeps those whose field declaration is the struct's.
(field_declaration !name type: [
  (type_identifier) @embed.name
  (qualified_type package: (package_identifier) @embed.package name: (type_identifier) @embed.name)
  (generic_type type: [
    (type_identifier) @embed.name
    (qualified_type package: (package_identifier) @embed.package name: (type_identifier) @embed.name)])
]) @embed
