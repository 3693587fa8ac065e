#![expect(missing_docs, reason = "criterion's macros define undocumented items")]
//! Rendering benchmarks: big-table and teams through every renderer, a tree
//! built from run-time data, the byte stream against the String render, a
//! large page streamed to a slow reader, and how soon a producer stops once
//! its receiver is dropped. (Peak memory is measured from outside, on the
//! `stream_memory` example, with `/usr/bin/time -v`.)

use std::time::Duration;

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use futures::StreamExt as _;
use futures::executor::block_on;
use htpy::{
    AttrList, Node, Nodes, Render, StreamOptions, Value, b, body, div, element, h1, head, img,
    iter, li, p, table, td, title, toggle, tr, ul, void_element,
};

/// The classic template-benchmarks table: 100 rows of 0..100.
fn big_table_data() -> Vec<Vec<usize>> {
    (0..100).map(|_| (0..100).collect()).collect()
}

fn big_table(rows: &[Vec<usize>]) -> impl Render {
    table().children(
        rows.iter()
            .map(|row| tr().children(row.iter().map(|&cell| td().children(cell)))),
    )
}

/// The teams page of template-benchmarks.
fn teams(year: u16, teams: &[(&'static str, u16)]) -> impl Render {
    html_no_doctype((
        head().children(title().children(year)),
        body().children((
            h1().children(("CSL ", year)),
            ul().children(teams.iter().enumerate().map(|(i, &(name, score))| {
                li().class(toggle([("champion", i == 0)])).children((
                    b().children(name),
                    ": ",
                    score,
                ))
            })),
        )),
    ))
}

/// `<html>` without the doctype, as the teams page is specified.
fn html_no_doctype<C: Render>(children: C) -> impl Render {
    htpy::fragment((
        htpy::RawHtml::dangerously_new("<html>"),
        children,
        htpy::RawHtml::dangerously_new("</html>"),
    ))
}

const TEAMS: [(&str, u16); 4] = [
    ("Jiangsu", 43),
    ("Beijing", 27),
    ("Guangzhou", 22),
    ("Shandong", 12),
];

/// The table around big-table's rows, built from run-time data.
fn table_of(rows: impl Render + 'static) -> htpy::Result<Node<'static>> {
    let mut attrs = AttrList::new();
    attrs.push("class", Value::Text(String::new()));
    Ok(Node::new(element("table")?.attrs(attrs)?.children(rows)))
}

/// big-table built from run-time data: element names and attributes decided
/// at run time, boxed as `Node`s.
fn big_table_dynamic(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let mut trs = Vec::with_capacity(rows.len());
    for row in rows {
        let mut tds = Vec::with_capacity(row.len());
        for &cell in row {
            tds.push(Node::new(
                element("td")?.attrs(AttrList::new())?.children(cell),
            ));
        }
        trs.push(Node::new(element("tr")?.children(tds)));
    }
    table_of(trs)
}

/// The same with a `Node` per row only: each row's cells a `Vec` of
/// elements named at run time, which all have one type.
fn big_table_dynamic_rows(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let mut trs = Vec::with_capacity(rows.len());
    for row in rows {
        let mut tds = Vec::with_capacity(row.len());
        for &cell in row {
            tds.push(element("td")?.attrs(AttrList::new())?.children(cell));
        }
        trs.push(Node::new(element("tr")?.children(tds)));
    }
    table_of(trs)
}

/// The same in `Nodes` lists, which write each cell as it is pushed.
fn big_table_dynamic_list(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let mut trs = Nodes::with_capacity(rows.len());
    for row in rows {
        let mut tds = Nodes::with_capacity(row.len());
        row.iter().try_for_each(|&cell| {
            tds.push(element("td")?.attrs(AttrList::new())?.children(cell));
            Ok::<_, htpy::Error>(())
        })?;
        trs.push(element("tr")?.children(tds));
    }
    table_of(trs)
}

/// The same with names a program reads at run time (hidden from the
/// compiler, which otherwise finds each name's element as it compiles):
/// each cell's name looked up as the cell is made.
fn big_table_dynamic_list_read_names(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    table_of(rows_read_names(rows, |name, value| {
        Ok(element(name)?.attrs(AttrList::new())?.children(value))
    })?)
}

/// big-table's rows in `Nodes` lists, each row's and cell's name read at
/// run time, each cell made by `cell` from its name and value.
fn rows_read_names<C: Render + 'static>(
    rows: &[Vec<usize>],
    cell: impl Fn(&'static str, usize) -> htpy::Result<C>,
) -> htpy::Result<Nodes<'static>> {
    let names = [black_box("tr"), black_box("td")];
    rows_named(rows, names, element, cell)
}

/// big-table's rows in `Nodes` lists, each row made by `row` from its
/// name, each cell by `cell` from its name and value.
fn rows_named<'n, C: Render + 'static>(
    rows: &[Vec<usize>],
    [row_tag, cell_tag]: [&'n str; 2],
    row: impl Fn(&'n str) -> htpy::Result<htpy::Element>,
    cell: impl Fn(&'n str, usize) -> htpy::Result<C>,
) -> htpy::Result<Nodes<'static>> {
    let mut trs = Nodes::with_capacity(rows.len());
    for cells in rows {
        let mut tds = Nodes::with_capacity(cells.len());
        for &value in cells {
            tds.push(cell(cell_tag, value)?);
        }
        trs.push(row(row_tag)?.children(tds));
    }
    Ok(trs)
}

/// The same with the names held in `String`s, as data read at run time
/// holds them, each element's name borrowed from its `String`.
fn big_table_dynamic_list_borrowed_names(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    rows_from_strings(rows, |name| element(name))
}

/// The same with each element's name copied into a `String` of its own.
fn big_table_dynamic_list_copied_names(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    rows_from_strings(rows, |name| element(name.to_owned()))
}

/// big-table with the names of its rows and cells held in `String`s, each
/// element made by `make` from its name.
fn rows_from_strings(
    rows: &[Vec<usize>],
    make: impl Fn(&str) -> htpy::Result<htpy::Element>,
) -> htpy::Result<Node<'static>> {
    let names = [black_box("tr").to_owned(), black_box("td").to_owned()];
    let cell = |name, value| Ok(make(name)?.attrs(AttrList::new())?.children(value));
    table_of(rows_named(rows, [&names[0], &names[1]], &make, cell)?)
}

/// The same with each name looked up once, and its element cloned for
/// each cell.
fn big_table_dynamic_list_names_once(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let (row, cell) = (element(black_box("tr"))?, element(black_box("td"))?);
    let mut trs = Nodes::with_capacity(rows.len());
    for cells in rows {
        let mut tds = Nodes::with_capacity(cells.len());
        for &value in cells {
            tds.push(cell.clone().attrs(AttrList::new())?.children(value));
        }
        trs.push(row.clone().children(tds));
    }
    table_of(trs)
}

/// big-table with an attribute on each cell (`data-v`, the cell's value).
fn big_table_attributed(rows: &[Vec<usize>]) -> impl Render {
    table().children(rows.iter().map(|row| {
        tr().children(
            row.iter()
                .map(|&cell| td().attr("data-v", cell).children(cell)),
        )
    }))
}

/// The same from run-time data in `Nodes` lists, each name read at run
/// time, the attribute given as `.attr(..)`.
fn big_table_attributed_list(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let rows = rows_read_names(rows, |name, value| {
        Ok(element(name)?.attr("data-v", value).children(value))
    })?;
    Ok(Node::new(element("table")?.children(rows)))
}

/// The same with the attribute in an `AttrList`, as where the attributes
/// too are data.
fn big_table_attributed_attr_list(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let rows = rows_read_names(rows, |name, value| {
        let mut attrs = AttrList::new();
        attrs.push("data-v", Value::Int(value.try_into().unwrap_or(i128::MAX)));
        Ok(element(name)?.attrs(attrs)?.children(value))
    })?;
    Ok(Node::new(element("table")?.children(rows)))
}

/// big-table with an image in each cell (`<td><img alt="0"></td>`).
fn big_table_images(rows: &[Vec<usize>]) -> impl Render {
    table().children(rows.iter().map(|row| {
        tr().children(
            row.iter()
                .map(|&cell| td().children(img().attr("alt", cell))),
        )
    }))
}

/// The same from run-time data in `Nodes` lists, each cell's name read at
/// run time, the image typed.
fn big_table_images_list(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let rows = rows_read_names(rows, |name, value| {
        Ok(element(name)?.children(img().attr("alt", value)))
    })?;
    Ok(Node::new(element("table")?.children(rows)))
}

/// The same with the image's name read at run time too, and its attribute
/// in an `AttrList`.
fn big_table_images_void_element(rows: &[Vec<usize>]) -> htpy::Result<Node<'static>> {
    let image = black_box("img");
    let rows = rows_read_names(rows, |name, value| {
        let mut attrs = AttrList::new();
        attrs.push("alt", Value::Int(value.try_into().unwrap_or(i128::MAX)));
        Ok(element(name)?.children(void_element(image)?.attrs(attrs)?))
    })?;
    Ok(Node::new(element("table")?.children(rows)))
}

/// A way of building big-table from run-time data.
type Builder = fn(&[Vec<usize>]) -> htpy::Result<Node<'static>>;

/// A group: the typed tree's `String` render (`typed`), then each of
/// `forms`, checked to render the same bytes first, built and rendered.
fn typed_against_lists(
    c: &mut Criterion,
    name: &str,
    rows: &[Vec<usize>],
    typed: fn(&[Vec<usize>]) -> String,
    forms: &[(&str, Builder)],
) {
    let html = typed(rows);
    let mut group = c.benchmark_group(name);
    group.bench_function("string", |bench| bench.iter(|| typed(black_box(rows))));
    for &(name, build) in forms {
        assert_eq!(build(rows).unwrap().render_to_string().unwrap(), html);
        group.bench_function(name, |bench| {
            bench.iter(|| build(black_box(rows)).unwrap().render_to_string().unwrap());
        });
    }
    group.finish();
}

fn stream_to_vec(page: impl Render) -> Vec<u8> {
    let chunks = block_on(
        page.render_stream(StreamOptions::default())
            .collect::<Vec<_>>(),
    );
    let mut out = Vec::new();
    for chunk in chunks {
        out.extend_from_slice(&chunk.expect("the page renders"));
    }
    out
}

/// Renders `page` as a byte stream taking each buffer as a server does:
/// counted, then dropped. (Keeping every buffer instead, as `stream_to_vec`
/// does, times the allocator as much as the stream: see
/// `docs/src/performance.md`.)
fn stream_len(page: impl Render) -> usize {
    block_on(
        page.render_stream(StreamOptions::default())
            .fold(0, |len, chunk| async move {
                len + chunk.expect("the page renders").len()
            }),
    )
}

/// big-table built from run-time data, in each form the benches time: the
/// first is the reference whose bytes the others must write.
const DYNAMIC_FORMS: [(&str, Builder); 7] = [
    ("dynamic-build-and-string", big_table_dynamic),
    ("dynamic-rows-build-and-string", big_table_dynamic_rows),
    ("dynamic-list-build-and-string", big_table_dynamic_list),
    (
        "dynamic-list-read-names-build-and-string",
        big_table_dynamic_list_read_names,
    ),
    (
        "dynamic-list-names-once-build-and-string",
        big_table_dynamic_list_names_once,
    ),
    (
        "dynamic-list-borrowed-names-build-and-string",
        big_table_dynamic_list_borrowed_names,
    ),
    (
        "dynamic-list-copied-names-build-and-string",
        big_table_dynamic_list_copied_names,
    ),
];

fn renderers(c: &mut Criterion) {
    let rows = big_table_data();
    assert_eq!(big_table(&rows).render_to_string().unwrap().len(), 109_915);
    assert_eq!(teams(2015, &TEAMS).render_to_string().unwrap().len(), 212);
    assert_eq!(stream_to_vec(big_table(&rows)).len(), 109_915);
    let (_, reference) = DYNAMIC_FORMS[0];
    let dynamic = reference(&rows).unwrap().render_to_string().unwrap();
    for (name, other) in &DYNAMIC_FORMS[1..] {
        let html = other(&rows).unwrap().render_to_string().unwrap();
        assert_eq!(dynamic, html, "{name}");
    }

    let mut group = c.benchmark_group("big-table");
    group.bench_function("string", |bench| {
        bench.iter(|| big_table(black_box(&rows)).render_to_string().unwrap());
    });
    group.bench_function("chunks", |bench| {
        bench.iter(|| {
            big_table(black_box(&rows))
                .iter_chunks()
                .map(|chunk| chunk.unwrap().len())
                .sum::<usize>()
        });
    });
    group.bench_function("stream", |bench| {
        bench.iter(|| stream_len(big_table(black_box(&rows))));
    });
    for (name, build) in DYNAMIC_FORMS {
        group.bench_function(name, |bench| {
            bench.iter(|| build(black_box(&rows)).unwrap().render_to_string().unwrap());
        });
    }
    group.finish();

    typed_against_lists(
        c,
        "big-table-attributed",
        &rows,
        |rows| big_table_attributed(rows).render_to_string().unwrap(),
        &[
            ("list-attr-build-and-string", big_table_attributed_list),
            (
                "list-attr-list-build-and-string",
                big_table_attributed_attr_list,
            ),
        ],
    );
    typed_against_lists(
        c,
        "big-table-images",
        &rows,
        |rows| big_table_images(rows).render_to_string().unwrap(),
        &[
            ("list-typed-image-build-and-string", big_table_images_list),
            (
                "list-void-element-build-and-string",
                big_table_images_void_element,
            ),
        ],
    );

    let mut group = c.benchmark_group("teams");
    group.bench_function("string", |bench| {
        bench.iter(|| {
            teams(black_box(2015), black_box(&TEAMS))
                .render_to_string()
                .unwrap()
        });
    });
    group.bench_function("chunks", |bench| {
        bench.iter(|| {
            teams(black_box(2015), black_box(&TEAMS))
                .iter_chunks()
                .map(|chunk| chunk.unwrap().len())
                .sum::<usize>()
        });
    });
    group.bench_function("stream", |bench| {
        bench.iter(|| stream_len(teams(black_box(2015), black_box(&TEAMS))));
    });
    group.finish();
}

/// A page of `lines` paragraphs of about 60 bytes each, built lazily.
fn long_page(lines: usize) -> impl Render {
    div().children(iter(
        (0..lines).map(|n| p().children(("Line ", n, " of a long page, streamed."))),
    ))
}

/// Streams a 16 MiB page to a reader that pauses every 64 buffers.
fn large_page(c: &mut Criterion) {
    let lines = 16 * 1024 * 1024 / 40;
    let bytes = long_page(lines).render_to_string().unwrap().len();
    let mut group = c.benchmark_group("large-page");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10);
    group.bench_function("stream-to-slow-reader", |bench| {
        bench.iter(|| {
            let stream = long_page(lines).render_stream(StreamOptions::default());
            let reader = stream.enumerate().fold(0, |total, (i, chunk)| async move {
                if i % 64 == 63 {
                    std::thread::sleep(Duration::from_micros(100));
                }
                total + chunk.unwrap().len()
            });
            assert_eq!(block_on(reader), bytes);
        });
    });
    group.finish();
}

criterion_group!(
    name = benches;
    config = Criterion::default();
    targets = renderers, large_page
);
criterion_main!(benches);
