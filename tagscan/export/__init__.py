"""Renderers from the model IR to what users already work with: the scan and synth summaries,
TypeScript and Python types, Mermaid and Markdown overviews, DMS documents and DynamoDB
CreateTable requests.

Every renderer is a pure function of a :class:`tagscan.model.ScanResult` (or one of its tables)
returning text or plain data; writing it somewhere is the CLI's job. The package imports none
of them, so each command loads only the renderer it prints with (``dms`` brings yaml).
"""
