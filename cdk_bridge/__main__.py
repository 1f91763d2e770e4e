"""``python -m cdk_bridge``: the CDK App of a ``cdk.json`` written by ``tagscan init``.

Context keys: ``tagscan:models`` (a path or a list of paths, default ``./models``),
``tagscan:stackName`` (default ``DynamORMModels``) and ``tagscan:options`` (the settings of
``[tool.tagscan.synth]``: account, region, billing-mode, ..., tables). Paths are relative to the
directory ``cdk`` runs in.
"""

from __future__ import annotations

import sys

import aws_cdk as cdk

from cdk_bridge.kernel import stop_kernel
from cdk_bridge.spec import SynthOptions
from cdk_bridge.stack import stack_from_options, start_template_validation
from tagscan.errors import TagscanError

MODELS_KEY = "tagscan:models"
STACK_NAME_KEY = "tagscan:stackName"
OPTIONS_KEY = "tagscan:options"


def build_app() -> cdk.App:
    app = cdk.App()
    start_template_validation(app)
    models = app.node.try_get_context(MODELS_KEY) or "./models"
    options = dict(app.node.try_get_context(OPTIONS_KEY) or {})
    if app.node.try_get_context(STACK_NAME_KEY):
        options["stack_name"] = app.node.try_get_context(STACK_NAME_KEY)
    stack_from_options(app, models, SynthOptions.from_mapping(options, where=f"context {OPTIONS_KEY}"))
    return app


def main() -> int:
    # An entrypoint like the CLI: a user mistake is one line on stderr, not a traceback.
    try:
        build_app().synth()
        stop_kernel()
    except TagscanError as exc:
        print(f"cdk_bridge: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
