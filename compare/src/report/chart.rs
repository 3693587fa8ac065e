use htpy::{Attributes, Cx, Element, Out, Render, Result, Tag, element, svg};

/// How values map to bar lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Proportional, from zero.
    Linear,
    /// Logarithmic, for values that span orders of magnitude; gridlines at
    /// powers of ten, and at 2 and 5 times them where the values span less
    /// than two.
    Log,
}

/// One kind of bar, drawn in every row.
#[derive(Clone, Copy, Debug)]
pub struct Series {
    /// Its name, in the legend.
    pub name: &'static str,
    /// The CSS class that colours it.
    pub class: &'static str,
}

/// A labelled row of bars, one per series.
#[derive(Clone, Debug)]
pub struct Row {
    /// The row's label, left of the bars.
    pub label: String,
    /// One value per series.
    pub values: Vec<f64>,
    /// Whether the row is one of htpy's, drawn in bold.
    pub highlight: bool,
}

/// A vertical line across the chart at a value, with its label.
#[derive(Clone, Debug)]
pub struct Marker {
    /// Where.
    pub value: f64,
    /// What it means.
    pub label: String,
}

/// A horizontal bar chart.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Its `id`, for links to it.
    pub id: String,
    /// What it shows, for screen readers and as its tooltip.
    pub title: String,
    /// How values map to lengths.
    pub scale: Scale,
    /// The kinds of bars; more than one draws a legend.
    pub series: Vec<Series>,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// A line to draw across the rows.
    pub marker: Option<Marker>,
    /// How a value is written at the end of its bar.
    pub format: fn(f64) -> String,
}

const LABEL_WIDTH: f64 = 170.0;
const BAR_SPACE: f64 = 420.0;
const WIDTH: f64 = 700.0;
const BAR_HEIGHT: f64 = 14.0;
const ROW_GAP: f64 = 10.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 22.0;
/// The legend's entries on one line; more go on further lines.
const LEGEND_PER_LINE: usize = 4;
/// The height of a line of the legend.
const LEGEND_LINE: f64 = 18.0;
/// The line under the axis where a marker's label goes, clear of the
/// axis's own labels.
const MARKER_LINE: f64 = 16.0;

impl Chart {
    fn max(&self) -> f64 {
        self.values().fold(0.0, f64::max)
    }

    fn smallest(&self) -> f64 {
        self.values()
            .filter(|&value| value > 0.0)
            .fold(f64::INFINITY, f64::min)
    }

    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.rows.iter().flat_map(|row| row.values.iter().copied())
    }

    fn series_count(&self) -> f64 {
        f64::from(u32::try_from(self.series.len()).unwrap_or(u32::MAX))
    }

    fn legend_height(&self) -> f64 {
        if self.series.len() > 1 {
            LEGEND_LINE * count(self.series.len().div_ceil(LEGEND_PER_LINE))
        } else {
            0.0
        }
    }

    fn row_height(&self) -> f64 {
        BAR_HEIGHT * self.series_count() + ROW_GAP
    }

    fn row_top(&self, row: usize) -> f64 {
        TOP + self.legend_height() + self.row_height() * count(row)
    }

    /// The length of the bar of `value`.
    fn length(&self, value: f64) -> f64 {
        let max = self.max();
        match self.scale {
            Scale::Linear if max > 0.0 => value / max * BAR_SPACE,
            Scale::Log if value > 0.0 => {
                // The smallest bar keeps a tenth of a decade, so that it shows.
                let low = self.smallest() / 10f64.powf(0.1);
                (value / low).log10() / (max / low).log10().max(f64::EPSILON) * BAR_SPACE
            }
            _ => 0.0,
        }
    }

    /// Where gridlines go, with their labels: the ends of a linear axis;
    /// round values on a logarithmic one.
    fn gridlines(&self) -> Vec<(f64, String)> {
        match self.scale {
            Scale::Linear => vec![
                (0.0, (self.format)(0.0)),
                (BAR_SPACE, (self.format)(self.max())),
            ],
            Scale::Log => {
                let (smallest, max) = (self.smallest(), self.max());
                if !smallest.is_finite() || max <= 0.0 {
                    return Vec::new();
                }
                let steps: &[f64] = if max / smallest < 100.0 {
                    &[1.0, 2.0, 5.0]
                } else {
                    &[1.0]
                };
                let (first, last) = (smallest.log10().floor(), max.log10().ceil());
                (0..=20u8)
                    .map(|decade| first + f64::from(decade))
                    .take_while(|&power| power <= last)
                    .flat_map(|power| steps.iter().map(move |step| step * 10f64.powf(power)))
                    .filter(|&value| value >= smallest && value <= max * 1.0001)
                    .map(|value| (self.length(value), (self.format)(value)))
                    .collect()
            }
        }
    }

    /// The chart, as an `<svg>` element.
    fn svg(&self) -> impl Render + '_ {
        let bottom = self.row_top(self.rows.len());
        let marker_line = if self.marker.is_some() {
            MARKER_LINE
        } else {
            0.0
        };
        let height = bottom + AXIS + marker_line;
        let top = TOP + self.legend_height();
        svg()
            .attr("viewBox", format!("0 0 {WIDTH} {height:.0}"))
            .attr("width", format!("{WIDTH}"))
            .attr("height", format!("{height:.0}"))
            .attr("role", "img")
            .attr("aria-label", self.title.as_str())
            .id(self.id.as_str())
            .class("chart")
            .children((
                element!("title").children(self.title.as_str()),
                (self.series.len() > 1).then(|| self.legend()),
                self.gridlines()
                    .into_iter()
                    .map(move |(x, label)| {
                        (
                            line(LABEL_WIDTH + x, top, bottom, "grid"),
                            text(LABEL_WIDTH + x, bottom + 14.0, "middle", Some("axis"))
                                .children(label),
                        )
                    })
                    .collect::<Vec<_>>(),
                self.rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| self.row(i, row))
                    .collect::<Vec<_>>(),
                self.marker.as_ref().map(|marker| {
                    let x = LABEL_WIDTH + self.length(marker.value);
                    (
                        line(x, top, bottom + 4.0, "marker"),
                        text(x, bottom + 14.0 + MARKER_LINE, "middle", Some("marker"))
                            .children(marker.label.as_str()),
                    )
                }),
            ))
    }

    fn legend(&self) -> impl Render + '_ {
        self.series
            .iter()
            .enumerate()
            .map(|(i, series)| {
                let x = LABEL_WIDTH + 125.0 * count(i % LEGEND_PER_LINE);
                let y = TOP + LEGEND_LINE * count(i / LEGEND_PER_LINE);
                (
                    rect(x, y, 10.0, 10.0, series.class),
                    text(x + 14.0, y + 9.0, "start", None).children(series.name),
                )
            })
            .collect::<Vec<_>>()
    }

    fn row<'a>(&'a self, i: usize, row: &'a Row) -> impl Render + 'a {
        let top = self.row_top(i);
        let label_y = top + BAR_HEIGHT * self.series_count() / 2.0 + 4.0;
        let bars =
            self.series
                .iter()
                .zip(&row.values)
                .enumerate()
                .map(move |(j, (series, &value))| {
                    let y = top + BAR_HEIGHT * count(j);
                    let length = self.length(value).max(1.0);
                    let figure = (self.format)(value);
                    let tooltip = format!("{}, {}: {figure}", row.label, series.name);
                    (
                        rect(LABEL_WIDTH, y, length, BAR_HEIGHT - 2.0, series.class)
                            .children(element!("title").children(tooltip)),
                        text(
                            LABEL_WIDTH + length + 4.0,
                            y + BAR_HEIGHT - 4.0,
                            "start",
                            Some("value"),
                        )
                        .children(figure),
                    )
                });
        (
            text(
                LABEL_WIDTH - 8.0,
                label_y,
                "end",
                row.highlight.then_some("highlight"),
            )
            .children(row.label.as_str()),
            bars.collect::<Vec<_>>(),
        )
    }
}

/// A chart renders as an `<svg>` element.
impl Render for Chart {
    fn render(self, out: &mut Out, cx: Cx<'_>) -> Result<()> {
        self.svg().render(out, cx)
    }
}

/// An index as a coordinate factor.
fn count(i: usize) -> f64 {
    f64::from(u32::try_from(i).unwrap_or(u32::MAX))
}

fn coordinate(value: f64) -> String {
    format!("{value:.1}")
}

fn rect(
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    class: &'static str,
) -> Element<impl Attributes, (), impl Tag> {
    // SVG's elements have no functions of their own: htpy's are HTML's.
    element!("rect")
        .attr("x", coordinate(x))
        .attr("y", coordinate(y))
        .attr("width", coordinate(width))
        .attr("height", coordinate(height))
        .class(class)
}

fn text(
    x: f64,
    y: f64,
    anchor: &'static str,
    class: Option<&'static str>,
) -> Element<impl Attributes, (), impl Tag> {
    element!("text")
        .attr("x", coordinate(x))
        .attr("y", coordinate(y))
        .attr("text-anchor", anchor)
        .class(class)
}

fn line(
    x: f64,
    top: f64,
    bottom: f64,
    class: &'static str,
) -> Element<impl Attributes, (), impl Tag> {
    element!("line")
        .attr("x1", coordinate(x))
        .attr("x2", coordinate(x))
        .attr("y1", coordinate(top))
        .attr("y2", coordinate(bottom))
        .class(class)
}
