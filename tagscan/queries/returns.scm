; Return statements of a function body (those of nested function literals are filtered by the caller).
(return_statement) @return
