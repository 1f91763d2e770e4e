"""Errors a user can cause. The CLI prints their message and exits 2; nothing else catches them."""


class TagscanError(Exception):
    """A problem with the user's input, configuration or environment (exit code 2)."""


class InputError(TagscanError):
    """A path, file or template that cannot be used."""


class ConfigError(TagscanError):
    """A configuration file or option that is not valid."""
