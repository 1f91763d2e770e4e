; `//tagscan:ignore TS123[,TS456] reason` comments anywhere in a file.
((comment) @suppression
  (#match? @suppression "^//[ \t]*tagscan:ignore"))
