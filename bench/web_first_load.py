#!/usr/bin/env python3
"""The web UI's first load: the page and every same-origin asset it names (scripts, styles,
icons), fetched as a browser does with `Accept-Encoding: gzip`, summed as sent over the wire.
Prints one JSON object; exits 1 when the total is over the budget (150 KB gzipped).

    bench/web_first_load.py http://127.0.0.1:8081/ [--budget-kb 150]
"""
import gzip
import json
import re
import sys
import urllib.parse
import urllib.request


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        wire = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    body = gzip.decompress(wire) if encoding == "gzip" else wire
    return wire, body, encoding


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit("usage: web_first_load.py URL [--budget-kb N]")
    page_url = args[0]
    budget_kb = float(args[args.index("--budget-kb") + 1]) if "--budget-kb" in args else 150.0
    wire, body, encoding = fetch(page_url)
    files = [{"path": urllib.parse.urlsplit(page_url).path, "wire_bytes": len(wire), "bytes": len(body),
              "gzip": encoding == "gzip"}]
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(page_url))
    seen = set()
    for reference in re.findall(r'(?:src|href)="([^"]+)"', body.decode("utf-8")):
        url = urllib.parse.urljoin(page_url, reference)
        if not url.startswith(origin) or url in seen:
            continue  # a third-party URL would be a finding of its own; the page has none
        seen.add(url)
        wire, asset, encoding = fetch(url)
        files.append({"path": urllib.parse.urlsplit(url).path, "wire_bytes": len(wire), "bytes": len(asset),
                      "gzip": encoding == "gzip"})
    total = sum(f["wire_bytes"] for f in files)
    result = {"requests": len(files), "wire_kb": round(total / 1000, 1),
              "uncompressed_kb": round(sum(f["bytes"] for f in files) / 1000, 1),
              "budget_kb": budget_kb, "files": files}
    print(json.dumps(result))
    if total > budget_kb * 1000:
        print(f"web_first_load: {total / 1000:.1f} KB is over the {budget_kb:g} KB budget", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
