"""Checks a site made by `cxj doc` with real consumers.

usage: check_site.py SITE JOURNEYS.json [--screenshots DIR]

- every page parses with html5lib in strict mode (any parse error fails);
- every internal link and anchor resolves; nothing is loaded from the network and no page
  has a script;
- every journey page's map grid holds every step of that journey (from `cxj compile --to json`);
- with --screenshots, Debian's chromium renders the index and one journey page headless; the
  screenshots must not be blank.
Prints one line per failure and a closing count of checks; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import urllib.parse

import html5lib

site, journeys_json = sys.argv[1], sys.argv[2]
screens = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
failures = []
passed = 0


def check(condition, message):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(message)


NS = "{http://www.w3.org/1999/xhtml}"
pages = {}
for folder, _, names in os.walk(site):
    for name in names:
        if name.endswith(".html"):
            path = os.path.relpath(os.path.join(folder, name), site)
            with open(os.path.join(site, path), "rb") as handle:
                data = handle.read()
            parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
            try:
                tree = parser.parse(data)
                check(True, "")
            except Exception as error:  # html5lib raises ParseError in strict mode
                failures.append(f"{path}: html5lib strict parse: {error}")
                continue
            pages[path] = tree

check(len(pages) >= 10, f"expected a whole site, found {len(pages)} pages")


def ids(tree):
    return {element.get("id") for element in tree.iter() if element.get("id")}


page_ids = {path: ids(tree) for path, tree in pages.items()}

for path, tree in sorted(pages.items()):
    check(not list(tree.iter(NS + "script")), f"{path}: has a script")
    headings = [int(element.tag[-1]) for element in tree.iter() if element.tag in {NS + f"h{n}" for n in range(1, 7)}]
    check(headings[:1] == [1], f"{path}: the first heading is not h1")
    check(all(b - a <= 1 for a, b in zip(headings, headings[1:])), f"{path}: headings skip a level: {headings}")
    for element in tree.iter():
        for attribute in ("href", "src"):
            target = element.get(attribute)
            if target is None:
                continue
            parsed = urllib.parse.urlsplit(target)
            if parsed.scheme or parsed.netloc:
                failures.append(f"{path}: loads or links outside the site: {target}")
                continue
            file = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(parsed.path))) if parsed.path else path
            if not os.path.isfile(os.path.join(site, file)):
                failures.append(f"{path}: broken link {target}")
                continue
            check(True, "")
            if parsed.fragment:
                check(urllib.parse.unquote(parsed.fragment) in page_ids.get(file, set()),
                      f"{path}: missing anchor {target}")
    for image in tree.iter(NS + "svg"):
        check(image.get("role") == "img" and image.get("aria-label"), f"{path}: an svg without role=img and a label")

with open(journeys_json, encoding="utf-8") as handle:
    document = json.load(handle)
by_title = {}
for path, tree in pages.items():
    if path.startswith("journeys/"):
        h1 = next(tree.iter(NS + "h1"))
        by_title["".join(h1.itertext())] = tree
for journey in document["journeys"]:
    tree = by_title.get(journey["title"])
    if tree is None:
        failures.append(f"no page for journey {journey['id']}")
        continue
    maps = [element for element in tree.iter(NS + "div") if element.get("class") == "map"]
    check(len(maps) == 1, f"{journey['id']}: expected one map grid, found {len(maps)}")
    if not maps:
        continue
    in_map = [element.get("data-step") for element in maps[0].iter() if element.get("data-step")]
    expected = [step["id"] for stage in journey["stages"] for step in stage["customer"]]
    check(in_map == expected, f"{journey['id']}: map holds {in_map}, journey has {expected}")

if screens:
    from PIL import Image

    os.makedirs(screens, exist_ok=True)
    journey_page = sorted(path for path in pages if path.startswith("journeys/"))[0]
    for page, name in (("index.html", "index.png"), (journey_page, "journey.png")):
        out = os.path.join(screens, name)
        if os.path.exists(out):
            os.remove(out)
        url = "file://" + urllib.parse.quote(os.path.abspath(os.path.join(site, page)))
        run = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              "--window-size=1280,1400", f"--screenshot={out}", url],
                             capture_output=True, text=True, timeout=120)
        if not os.path.exists(out):
            failures.append(f"chromium made no screenshot of {page}: {run.stderr[-500:]}")
            continue
        image = Image.open(out).convert("RGB")
        colours = image.getcolors(maxcolors=1 << 20) or []
        background = max(colours)[1] if colours else None
        other = sum(count for count, colour in colours if colour != background)
        share = other / (image.width * image.height)
        print(f"screenshot {out}: {image.width}x{image.height}, {len(colours)} colours, {share:.1%} not background")
        check(len(colours) > 50 and share > 0.05, f"{page}: the screenshot looks blank ({len(colours)} colours, {share:.1%})")

for failure in failures:
    print("FAIL:", failure)
print(f"site checks: {passed} ok, {len(failures)} failing")
sys.exit(1 if failures else 0)
