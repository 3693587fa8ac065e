"""Python htpy 26.5.1 on the pages of `compare`: the reference output, and timings.

The first line of standard input is the pages' data as JSON, as
`cargo run -p compare -- data` prints it, so the Python and Rust engines
render the same values. Then:

    python_htpy_bench.py render PAGE       writes PAGE's HTML to standard output
    python_htpy_bench.py time [--samples N] [PAGE ...]
                                           prints {"results": [{"page", "engine",
                                           "median_ns", "bytes"}, ...]} for the timed
                                           pages (big-table, teams, htpy-bench)
    python_htpy_bench.py serve             answers each further line "PAGE ITERATIONS"
                                           with "NANOSECONDS BYTES": how long ITERATIONS
                                           renders took, and the size of one. `compare
                                           bench` drives this to interleave Python with
                                           the Rust engines.

Each page is written the way htpy's documentation writes pages; htpy-bench is
the expression of htpy's own scripts/benchmark_big_table.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from htpy import (
    Element,
    Renderable,
    a,
    b,
    body,
    dd,
    dl,
    dt,
    footer,
    h1,
    h2,
    head,
    header,
    html,
    li,
    link,
    main,
    meta,
    nav,
    ol,
    p,
    q,
    section,
    span,
    strong,
    table,
    tbody,
    td,
    th,
    thead,
    title,
    tr,
    ul,
)

Data = dict[str, Any]

# htpy's `html` element writes a doctype, which the teams page has none of; a
# plain element named "html" writes just the tags.
html_without_doctype = Element("html")


def big_table(data: Data) -> Renderable:
    return table[(tr[(td[cell] for cell in row)] for row in data["rows"])]


def teams(data: Data) -> Renderable:
    year = data["year"]
    return html_without_doctype[
        head[title[str(year)]],
        body[
            h1[f"CSL {year}"],
            ul[
                (
                    li(class_="champion" if i == 0 else None)[b[team["name"]], ": ", team["score"]]
                    for i, team in enumerate(data["teams"])
                )
            ],
        ],
    ]


def htpy_bench(data: Data) -> Renderable:
    rows = data["rows"]
    return table[thead[tr[th["Row #"]]], tbody[(tr[td[str(row)]] for row in rows)]]


def dashboard(data: Data) -> Renderable:
    user = data["layout"]["user"]
    return html(lang="en")[
        head[
            meta(charset="utf-8"),
            title[f"Dashboard: {user['name']}"],
            link(rel="stylesheet", href="/static/app.css"),
        ],
        body[
            header(".topbar")[
                a(href="/", class_="brand")["Acme Shop"],
                nav[
                    ul[
                        (
                            li[a(href=item["href"], class_="active" if item["active"] else None)[item["label"]]]
                            for item in data["layout"]["nav"]
                        )
                    ]
                ],
                span(title=user["name"], class_="user")["@", user["handle"]],
            ],
            main[
                h1["Welcome back, ", user["name"], "!"],
                section("#stats")[h2["Today"], dl[((dt[stat["label"]], dd[stat["value"]]) for stat in data["stats"])]],
                section("#orders")[
                    h2["Recent orders"],
                    table[
                        thead[tr[th["Order"], th["Customer"], th["Total"], th["Status"]]],
                        tbody[
                            (
                                tr[
                                    td["#", order["id"]],
                                    td[order["customer"]],
                                    td[order["total"]],
                                    td[span(class_=f"status {order['status']}")[order["status"]]],
                                ]
                                for order in data["orders"]
                            )
                        ],
                    ],
                ],
                section("#activity")[
                    h2["Activity"],
                    ol[(li[strong[item["who"]], ": ", q[item["text"]]] for item in data["activity"])],
                ],
            ],
            footer[p["Acme Shop, since 2015"]],
        ],
    ]


PAGES: dict[str, Callable[[Data], Renderable]] = {
    "big-table": big_table,
    "teams": teams,
    "htpy-bench": htpy_bench,
    "dashboard": dashboard,
}
TIMED = ["big-table", "teams", "htpy-bench"]


def timed_page(name: str) -> str:
    if name not in TIMED:
        raise argparse.ArgumentTypeError(f"{name!r} is not one of {', '.join(TIMED)}")
    return name


def render(page: str, data: Data) -> str:
    return str(PAGES[page](data[page]))


def sample(page: str, data: Data, iterations: int) -> tuple[int, int]:
    """Renders PAGE ITERATIONS times; returns the nanoseconds taken and the size of one."""
    page_data = data[page]
    build = PAGES[page]
    start = time.perf_counter_ns()
    for _ in range(iterations):
        output = str(build(page_data))
    elapsed = time.perf_counter_ns() - start
    return elapsed, len(output.encode())


def time_pages(data: Data, pages: list[str], samples: int) -> dict[str, Any]:
    results = []
    for page in pages:
        # One untimed render warms the caches, as the Rust side does.
        sample(page, data, 1)
        timings = [sample(page, data, 1) for _ in range(samples)]
        results.append(
            {
                "page": page,
                "engine": "python-htpy",
                "median_ns": int(statistics.median(ns for ns, _ in timings)),
                "bytes": timings[0][1],
            }
        )
    return {"results": results}


def serve(data: Data) -> None:
    for line in sys.stdin:
        page, iterations = line.split()
        elapsed, size = sample(page, data, int(iterations))
        print(elapsed, size, flush=True)


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    render_command = commands.add_parser("render")
    render_command.add_argument("page", choices=PAGES)
    time_command = commands.add_parser("time")
    time_command.add_argument("--samples", type=int, default=10)
    time_command.add_argument("pages", nargs="*", type=timed_page, metavar="PAGE", help=", ".join(TIMED))
    commands.add_parser("serve")
    args = parser.parse_args()

    data = json.loads(sys.stdin.readline())
    if args.command == "render":
        sys.stdout.buffer.write(render(args.page, data).encode())
    elif args.command == "time":
        print(json.dumps(time_pages(data, args.pages or TIMED, args.samples)))
    else:
        serve(data)


if __name__ == "__main__":
    cli()
