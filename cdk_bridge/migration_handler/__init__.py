"""The Lambda code of ``DynamORMMigration`` (``handler.py``), shipped as package data and deployed as
an asset: it imports only the standard library and boto3, which the Lambda Python runtime provides."""
