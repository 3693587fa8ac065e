//! The generated expression as a tree of calls, and its layout: one line
//! when it fits, else broken as rustfmt breaks chains and lists.

/// The widest line the layout aims for (a long literal may pass it).
const WIDTH: usize = 100;

/// One indentation step.
const INDENT: usize = 4;

/// A piece of the generated code.
#[derive(Debug)]
pub(crate) enum Expr {
    /// Written as it is: a literal, `htpy::br()`, a comment.
    Atom(String),
    /// A head and its method calls: `htpy::div()`, `.attr("a", "b")`, and
    /// last `.children(…)` when it has children.
    Chain {
        head: String,
        calls: Vec<String>,
        children: Option<Box<Expr>>,
    },
    /// A tuple `(a, b)` or an array `[a, b]`.
    List {
        open: &'static str,
        items: Vec<Expr>,
        close: &'static str,
    },
    /// A call with one argument: `htpy::Node::new(…)`.
    Call { open: String, arg: Box<Expr> },
}

/// The code being written, and the column it has reached.
struct Writer {
    out: String,
    column: usize,
}

impl Writer {
    fn push(&mut self, text: &str) {
        self.out.push_str(text);
        match text.rfind('\n') {
            Some(newline) => self.column = text[newline + 1..].chars().count(),
            None => self.column += text.chars().count(),
        }
    }

    fn newline(&mut self, indent: usize) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.column = indent;
    }

    fn room(&self) -> usize {
        WIDTH.saturating_sub(self.column)
    }
}

/// The length of `expr` on one line, when it is at most `budget` and has
/// no line break.
fn flat_len(expr: &Expr, budget: usize) -> Option<usize> {
    let within = |len: usize| (len <= budget).then_some(len);
    match expr {
        Expr::Atom(text) => within(text.len()).filter(|_| !text.contains('\n')),
        Expr::Chain {
            head,
            calls,
            children,
        } => {
            let mut len = within(head.len() + calls.iter().map(String::len).sum::<usize>())?;
            if let Some(children) = children {
                len += ".children()".len();
                len += flat_len(children, budget.checked_sub(len)?)?;
            }
            within(len)
        }
        Expr::List { open, items, close } => {
            let mut len = open.len() + close.len();
            for (i, item) in items.iter().enumerate() {
                len += if i == 0 { 0 } else { 2 };
                len += flat_len(item, budget.checked_sub(len)?)?;
            }
            within(len)
        }
        Expr::Call { open, arg } => {
            let len = open.len() + 1;
            within(len + flat_len(arg, budget.checked_sub(len)?)?)
        }
    }
}

/// Writes a chain's head and its calls on one line.
fn write_head(head: &str, calls: &[String], w: &mut Writer) {
    w.push(head);
    for call in calls {
        w.push(call);
    }
}

fn write_flat(expr: &Expr, w: &mut Writer) {
    match expr {
        Expr::Atom(text) => w.push(text),
        Expr::Chain {
            head,
            calls,
            children,
        } => {
            write_head(head, calls, w);
            if let Some(children) = children {
                w.push(".children(");
                write_flat(children, w);
                w.push(")");
            }
        }
        Expr::List { open, items, close } => {
            w.push(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.push(", ");
                }
                write_flat(item, w);
            }
            w.push(close);
        }
        Expr::Call { open, arg } => {
            w.push(open);
            write_flat(arg, w);
            w.push(")");
        }
    }
}

/// The length of the first line `expr` writes when broken.
fn opening_len(expr: &Expr) -> usize {
    match expr {
        Expr::Atom(text) => text.len(),
        Expr::Chain { head, calls, .. } => {
            head.len() + calls.iter().map(String::len).sum::<usize>() + ".children(".len()
        }
        Expr::List { open, .. } => open.len(),
        Expr::Call { open, arg } => open.len() + opening_len(arg),
    }
}

/// Writes `expr` from the current column, on a line indented by `indent`.
fn write(expr: &Expr, w: &mut Writer, indent: usize) {
    if flat_len(expr, w.room()).is_some() {
        write_flat(expr, w);
        return;
    }
    match expr {
        Expr::Atom(text) => w.push(text),
        Expr::Chain {
            head,
            calls,
            children,
        } => {
            let head_len = head.len() + calls.iter().map(String::len).sum::<usize>();
            let inner = if head_len + ".children(".len() <= w.room() {
                write_head(head, calls, w);
                indent
            } else {
                w.push(head);
                for call in calls {
                    w.newline(indent + INDENT);
                    w.push(call);
                }
                if children.is_some() {
                    w.newline(indent + INDENT);
                }
                indent + INDENT
            };
            if let Some(children) = children {
                w.push(".children(");
                write_argument(children, w, inner);
                w.push(")");
            }
        }
        Expr::List { open, items, close } => {
            w.push(open);
            for item in items {
                w.newline(indent + INDENT);
                write(item, w, indent + INDENT);
                w.push(",");
            }
            w.newline(indent);
            w.push(close);
        }
        Expr::Call { open, arg } => {
            w.push(open);
            write_argument(arg, w, indent);
            w.push(")");
        }
    }
}

/// Writes the one argument of a call just opened on a line indented by
/// `indent`: on that line when it fits or its first line does (a list, a
/// chain), else on lines of its own.
fn write_argument(arg: &Expr, w: &mut Writer, indent: usize) {
    let closing = 1;
    // A text over several lines, or a list whose bracket ends the line.
    let overflows =
        matches!(arg, Expr::Atom(text) if text.contains('\n')) || matches!(arg, Expr::List { .. });
    if overflows
        || flat_len(arg, w.room().saturating_sub(closing)).is_some()
        || (!matches!(arg, Expr::Atom(_)) && opening_len(arg) <= w.room())
    {
        write(arg, w, indent);
    } else {
        w.newline(indent + INDENT);
        write(arg, w, indent + INDENT);
        w.newline(indent);
    }
}

/// `expr` laid out, its first line at the column `indent`, the others
/// indented from there.
pub(crate) fn lay_out(expr: &Expr, indent: usize) -> String {
    let mut w = Writer {
        out: String::new(),
        column: indent,
    };
    write(expr, &mut w, indent);
    w.out
}

/// `expr` on one line.
pub(crate) fn one_line(expr: &Expr) -> String {
    let mut w = Writer {
        out: String::new(),
        column: 0,
    };
    write_flat(expr, &mut w);
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(text: &str) -> Expr {
        Expr::Atom(text.to_owned())
    }

    fn element(name: &str, children: Option<Expr>) -> Expr {
        Expr::Chain {
            head: format!("htpy::{name}()"),
            calls: Vec::new(),
            children: children.map(Box::new),
        }
    }

    #[test]
    fn short_trees_stay_on_one_line() {
        let p = element("p", Some(atom("\"hi\"")));
        assert_eq!(lay_out(&p, 0), r#"htpy::p().children("hi")"#);
    }

    #[test]
    fn long_lists_break_one_item_a_line() {
        let items = (0..8)
            .map(|i| element("li", Some(atom(&format!("\"item number {i}\"")))))
            .collect();
        let list = element(
            "ul",
            Some(Expr::List {
                open: "(",
                items,
                close: ")",
            }),
        );
        let code = lay_out(&list, 0);
        assert!(
            code.starts_with(
                "htpy::ul().children((\n    htpy::li().children(\"item number 0\"),\n"
            )
        );
        assert!(code.ends_with("    htpy::li().children(\"item number 7\"),\n))"));
    }

    #[test]
    fn long_attribute_chains_break_one_call_a_line() {
        let a = Expr::Chain {
            head: "htpy::a()".to_owned(),
            calls: (0..4)
                .map(|i| format!(".attr(\"data-attribute-{i}\", \"a fairly long value\")"))
                .collect(),
            children: Some(Box::new(atom("\"x\""))),
        };
        let code = lay_out(&a, 0);
        assert_eq!(code.lines().count(), 6, "{code}");
        assert!(code.ends_with("\n    .children(\"x\")"), "{code}");
    }
}
