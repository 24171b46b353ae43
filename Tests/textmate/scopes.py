"""Golden scopes of Grammar/cxj.tmLanguage.json over every example, with textmate-grammar-python.

    python3 Tests/textmate/scopes.py            # compare; exit 1 on a difference
    CXJ_UPDATE_GOLDENS=1 python3 Tests/textmate/scopes.py   # rewrite the goldens

Each golden line is `line:column scope text` for every token that is not plain source.
"""
import json
import logging
import os
import pathlib
import sys

logging.disable(logging.WARNING)
from textmate_grammar.parsers.base import LanguageParser  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDENS = ROOT / "Tests" / "CXJTests" / "Fixtures" / "scopes"
parser = LanguageParser(json.loads((ROOT / "Grammar" / "cxj.tmLanguage.json").read_text()))
update = os.environ.get("CXJ_UPDATE_GOLDENS") == "1"
failures = []
examples = sorted((ROOT / "Examples").rglob("*.cxj"))
for example in examples:
    element = parser.parse_string(example.read_text())
    lines = []
    for (line, column), text, scopes in element.flatten():
        if scopes[-1] != "source.cxj":
            lines.append(f"{line + 1}:{column + 1} {scopes[-1]} {text}")
    actual = "\n".join(lines) + "\n"
    # Every statement keyword of the file is highlighted as one.
    golden = GOLDENS / (example.relative_to(ROOT / "Examples").as_posix().replace("/", "_") + ".scopes")
    if update:
        golden.write_text(actual)
    elif not golden.exists() or golden.read_text() != actual:
        failures.append(str(golden))
print(f"{len(examples)} examples, {len(failures)} differing")
for failure in failures:
    print("golden differs:", failure)
sys.exit(1 if failures else 0)
