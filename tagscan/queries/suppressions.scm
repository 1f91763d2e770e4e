; Comments, for `//tagscan:ignore TS123[,TS456] reason` (filtered in Python: a text predicate
; here would have to decode invalid UTF-8).
(comment) @suppression
