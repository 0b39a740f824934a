"""URL rules whose URL builder is compiled the first time it builds a URL, not when the rule is added.

Werkzeug compiles two Python functions per rule (building its URL with and without unknown arguments) as soon as the
rule is bound to the map: with about 400 rules that is about 100 ms of every ``create_app``, spent on rules most
processes never build a URL for. Matching is untouched (it uses the rule's parsed parts, compiled as before); only
the two builders wait until ``url_for`` first needs them, then replace themselves on the rule.
"""

from typing import Any

from werkzeug.routing import Rule


class LazyBuilderRule(Rule):
    def _compile_builder(self, append_unknown: bool = True) -> Any:
        name = "_build_unknown" if append_unknown else "_build"

        def build(rule: "LazyBuilderRule", *args: Any, **kwargs: Any) -> tuple[str, str]:
            compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, name, compiled)  # from now on the compiled builder itself
            return compiled(*args, **kwargs)

        return build
