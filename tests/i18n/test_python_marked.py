"""No Python string a person reads is left unmarked: flash messages, form labels and descriptions,
validation messages, the errors the services raise for the views to show, and label vocabularies
(``{"legal": "Legal"}``). Checked on the syntax tree of every module under app/."""

import ast
import re

import pytest

from tests.i18n.checks import ROOT

MODULES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app").rglob("*.py"))
TEXT = re.compile(r"[A-Za-z]{2,}.*\s|^[A-Z][a-z]+")  # a phrase, or a capitalised word
VALIDATORS = {"DataRequired", "InputRequired", "Email", "Optional", "NumberRange", "Length", "EqualTo", "Regexp",
              "AnyOf", "NoneOf", "URL", "UUID", "IPAddress", "MacAddress", "ValidationError", "StopValidation"}
# Positional arguments that are messages: DataRequired(message), EqualTo(fieldname, message)...
MESSAGE_POSITION = {"DataRequired": 0, "InputRequired": 0, "Email": 0, "Optional": 0, "EqualTo": 1,
                    "ValidationError": 0, "StopValidation": 0, "Length": 2, "NumberRange": 2, "AnyOf": 1,
                    "NoneOf": 1, "Regexp": 2, "URL": 1, "abort": 1, "error_response": 1}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _literal(node: ast.AST | None) -> bool:
    """A plain or formatted string literal holding words: text gettext never sees."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(TEXT.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and TEXT.search(str(v.value)) for v in node.values)
    return False


def _error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """Exceptions defined in app/: the views show their messages to the user."""
    classes: set[str] = set()
    changed = True
    while changed:
        changed = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in classes and any(
                        _name(b).endswith(("Error", "Exception")) or _name(b) in classes for b in node.bases):
                    classes.add(node.name)
                    changed = True
    return classes


def _trees() -> dict[str, ast.Module]:
    return {name: ast.parse((ROOT / name).read_text(), name) for name in MODULES}


TREES = _trees()
ERRORS = _error_classes(TREES)


def _problems(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            args = node.args
            if name == "flash" and args and _literal(args[0]):
                found.append(f"line {node.lineno}: flash({ast.unparse(args[0])[:70]})")
            elif name.endswith("Field") or name in ("TimezoneSelect",):
                if args and _literal(args[0]):
                    found.append(f"line {node.lineno}: {name} label {ast.unparse(args[0])[:70]}")
                found += [f"line {node.lineno}: {name} {kw.arg}= {ast.unparse(kw.value)[:60]}" for kw in node.keywords
                          if kw.arg in ("label", "description") and _literal(kw.value)]
            elif name in VALIDATORS or name in ERRORS or name in ("abort", "error_response"):
                position = MESSAGE_POSITION.get(name, 0)
                if len(args) > position and _literal(args[position]):
                    found.append(f"line {node.lineno}: {name}({ast.unparse(args[position])[:70]})")
            found += [f"line {node.lineno}: {name}(message={ast.unparse(kw.value)[:60]})" for kw in node.keywords
                      if kw.arg == "message" and _literal(kw.value)]
        elif isinstance(node, ast.Dict) and len(node.keys) >= 2 and all(
                isinstance(k, ast.Constant) and isinstance(k.value, str) and re.fullmatch(r"[a-z0-9_-]+", k.value)
                for k in node.keys) and all(
                isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values) and any(
                re.match(r"[A-Z][a-z]", v.value) for v in node.values):
            found.append(f"line {node.lineno}: labels {ast.unparse(node)[:80]}")
    return found


@pytest.mark.parametrize("module", MODULES)
def test_user_facing_python_strings_are_marked(module):
    lines = (ROOT / module).read_text().splitlines()
    # A line saying "not translated" (language names, written in their own language) is a decision, not a miss.
    problems = [p for p in _problems(TREES[module])
                if "not translated" not in lines[int(p.split(":")[0].removeprefix("line ")) - 1]]
    assert not problems, f"{module}: strings a person reads, not marked with _() or _l():\n" + "\n".join(problems)
