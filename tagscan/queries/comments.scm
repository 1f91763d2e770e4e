; Every comment: `//tagscan:ignore TS123[,TS456] reason` suppressions are picked out in Python (a
; text predicate here would have to decode invalid UTF-8), and multi-line /* */ comments are
; patched where Go reads them as a newline.
(comment) @comment
