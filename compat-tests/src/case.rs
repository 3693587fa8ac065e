//! A case file, and the htpy tree built from a case's JSON node with the
//! public API only: the runner maps JSON to calls, it renders nothing itself.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use futures::stream;
use htpy::{
    AttrList, ClassItem, Context, Element, Error, Node, Nodes, RawHtml, Render, Result, Selector,
    Tag, comment, display, element, fragment, future, html, is_void, iter, scoped, void_element,
};
use serde_json::{Map, Number, Value as Json};

use crate::timer::sleep;

/// The contexts a case file declares, by name. Boxed so that each keeps its
/// address, which is its identity, while trees borrow it.
pub(crate) type Contexts = HashMap<String, Box<Context<String>>>;

/// The traces of one render: label and bytes rendered, in the order recorded.
pub(crate) type Traces = Rc<RefCell<Vec<(String, u64)>>>;

/// A case file: its contexts and its cases, in order.
pub(crate) struct CaseFile {
    pub(crate) contexts: Contexts,
    pub(crate) cases: Vec<(String, Json)>,
}

impl CaseFile {
    /// Reads a case file's JSON.
    pub(crate) fn parse(json: &Json) -> Result<Self, String> {
        let file = json.as_object().ok_or("not a JSON object")?;
        let mut contexts = Contexts::new();
        if let Some(declared) = file.get("contexts") {
            let declared = declared.as_object().ok_or("`contexts` is not an object")?;
            for (name, spec) in declared {
                let default = match spec.get("default") {
                    None => None,
                    Some(Json::String(default)) => Some(default.clone()),
                    Some(_) => {
                        return Err(format!("context `{name}`: the default is not a string"));
                    }
                };
                contexts.insert(
                    name.clone(),
                    Box::new(Context::named(name.clone(), default)),
                );
            }
        }
        let cases = file
            .get("cases")
            .and_then(Json::as_array)
            .ok_or("`cases` is not an array")?
            .iter()
            .map(|case| match (case.get("name"), case.get("node")) {
                (Some(Json::String(name)), Some(node)) => Ok((name.clone(), node.clone())),
                _ => Err(format!(
                    "a case without a string `name` and a `node`: {case}"
                )),
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { contexts, cases })
    }
}

/// Builds trees for one render, recording their traces.
#[derive(Clone)]
pub(crate) struct Builder<'c> {
    contexts: &'c Contexts,
    traces: Traces,
}

impl<'c> Builder<'c> {
    pub(crate) fn new(contexts: &'c Contexts, traces: Traces) -> Self {
        Self { contexts, traces }
    }

    /// The tree of a node. Lazy parts build theirs when they run, so their
    /// errors surface during the render, as in htpy.
    pub(crate) fn node(&self, json: &Json) -> Result<Node<'c>> {
        Ok(match json {
            Json::Null | Json::Bool(_) => Node::new(()),
            Json::String(text) => Node::new(text.clone()),
            Json::Number(number) => match integer(number)? {
                Integer::Fits(int) => Node::new(int),
                Integer::Big(digits) => Node::new(display(digits.to_owned())),
            },
            Json::Array(items) => Node::new(self.nodes(items)?),
            Json::Object(object) => self.object(object)?,
        })
    }

    fn nodes(&self, items: &[Json]) -> Result<Nodes<'c>> {
        let mut nodes = Nodes::new();
        for item in items {
            nodes.push(self.node(item)?);
        }
        Ok(nodes)
    }

    fn object(&self, object: &Map<String, Json>) -> Result<Node<'c>> {
        let label = object
            .get("trace")
            .map(string)
            .transpose()?
            .map(str::to_owned);
        let delay_ms = match object.get("delay_ms") {
            None => 0,
            Some(delay) => delay
                .as_u64()
                .ok_or_else(|| malformed("`delay_ms`", delay))?,
        };
        if let Some(name) = object.get("el") {
            self.element(string(name)?, object)
        } else if let Some(markup) = object.get("markup") {
            // Safe: the case asks for raw markup, htpy's `Markup`, which is
            // what is under test here.
            Ok(Node::new(RawHtml::dangerously_new(
                string(markup).map(str::to_owned)?,
            )))
        } else if let Some(children) = object.get("fragment") {
            Ok(Node::new(fragment(self.nodes(array(children)?)?)))
        } else if let Some(text) = object.get("comment") {
            Ok(Node::new(comment(string(text)?.to_owned())))
        } else if let Some(inner) = object.get("lazy") {
            Ok(self.lazy(inner.clone(), label))
        } else if let Some(items) = object.get("iter") {
            Ok(self.generator(array(items)?.clone(), label))
        } else if let Some(inner) = object.get("await") {
            Ok(self.awaited(inner.clone(), label, delay_ms))
        } else if let Some(items) = object.get("aiter") {
            Ok(self.async_generator(array(items)?.clone(), label, delay_ms))
        } else if let Some(name) = object.get("provide") {
            let context = self.context(name)?;
            let value = string(object.get("value").unwrap_or(&Json::Null))?.to_owned();
            let node = self.node(object.get("node").unwrap_or(&Json::Null))?;
            Ok(Node::new(context.provide(value, node)))
        } else if let Some(name) = object.get("consume") {
            let context = self.context(name)?;
            let format = string(object.get("format").unwrap_or(&Json::Null))?.to_owned();
            Ok(Node::new(
                context.consume(move |value| format.replace("{}", value)),
            ))
        } else {
            Err(malformed("node", &Json::Object(object.clone())))
        }
    }

    /// An element: its name first, then its shorthand and attributes, then
    /// its children, Python's order of evaluation (`Element(name)`, the
    /// call, the subscript), so that the first error is htpy's.
    fn element(&self, name: &str, object: &Map<String, Json>) -> Result<Node<'c>> {
        // The contract's `html` is htpy's exported `html`, which writes the
        // doctype; a void name is `void_element`; any other is `Element(name)`.
        if is_void(name) {
            let void = void_element(name)?;
            let (selector, attrs) = called(object)?;
            if object.contains_key("children") {
                return Err(malformed("children of a void element", &Json::from(name)));
            }
            return finish(void, selector, attrs);
        }
        if name == "html" {
            self.with_children(html(), object)
        } else {
            self.with_children(element(name)?, object)
        }
    }

    /// Gives an element its shorthand and attributes, then its children,
    /// subscripted only when the case has them.
    fn with_children<T: Tag + 'c>(
        &self,
        element: Element<(), (), T>,
        object: &Map<String, Json>,
    ) -> Result<Node<'c>> {
        let (selector, attrs) = called(object)?;
        match object.get("children") {
            Some(children) => {
                let children = self.nodes(array(children)?)?;
                finish(element.children(children), selector, attrs)
            }
            None => finish(element, selector, attrs),
        }
    }

    fn lazy(&self, inner: Json, label: Option<String>) -> Node<'c> {
        let builder = self.clone();
        Node::new(scoped(move |scope| {
            builder.record(label, scope.bytes_rendered());
            builder.node(&inner)
        }))
    }

    /// A generator: `L:i` just before item `i` is built, `L:end` once done.
    fn generator(&self, items: Vec<Json>, label: Option<String>) -> Node<'c> {
        let builder = self.clone();
        Node::new(scoped(move |scope| {
            let position = scope.position();
            let mut items = items.into_iter().enumerate();
            let mut exhausted = false;
            iter(std::iter::from_fn(move || {
                if exhausted {
                    return None;
                }
                let Some((index, item)) = items.next() else {
                    exhausted = true;
                    builder.record(
                        item_label(label.as_deref(), "end"),
                        position.bytes_rendered(),
                    );
                    return None;
                };
                builder.record(
                    item_label(label.as_deref(), index),
                    position.bytes_rendered(),
                );
                Some(builder.node(&item))
            }))
        }))
    }

    /// A coroutine: sleeps, records `L`, then builds its node.
    fn awaited(&self, inner: Json, label: Option<String>, delay_ms: u64) -> Node<'c> {
        let builder = self.clone();
        Node::new(scoped(move |scope| {
            let position = scope.position();
            future(async move {
                sleep(delay_ms).await;
                builder.record(label, position.bytes_rendered());
                builder.node(&inner)
            })
        }))
    }

    /// An async generator: for each item sleeps, records `L:i` and yields
    /// it built; records `L:end` once done.
    fn async_generator(&self, items: Vec<Json>, label: Option<String>, delay_ms: u64) -> Node<'c> {
        let builder = self.clone();
        Node::new(scoped(move |scope| {
            let position = scope.position();
            let items = items.into_iter().enumerate();
            htpy::stream(stream::unfold(items, move |mut items| {
                let (builder, position, label) = (builder.clone(), position.clone(), label.clone());
                async move {
                    let Some((index, item)) = items.next() else {
                        builder.record(
                            item_label(label.as_deref(), "end"),
                            position.bytes_rendered(),
                        );
                        return None;
                    };
                    sleep(delay_ms).await;
                    builder.record(
                        item_label(label.as_deref(), index),
                        position.bytes_rendered(),
                    );
                    Some((builder.node(&item), items))
                }
            }))
        }))
    }

    fn context(&self, name: &Json) -> Result<&'c Context<String>> {
        let name = string(name)?;
        self.contexts
            .get(name)
            .map(|context| &**context)
            .ok_or_else(|| malformed("undeclared context", &Json::from(name)))
    }

    fn record(&self, label: Option<String>, bytes_rendered: u64) {
        if let Some(label) = label {
            self.traces.borrow_mut().push((label, bytes_rendered));
        }
    }
}

/// The shorthand and attributes of an element, checked as htpy checks them
/// when the element is called, before its children are built.
fn called(object: &Map<String, Json>) -> Result<(Option<Selector>, AttrList)> {
    let selector = match object.get("sel").map(string).transpose()? {
        None | Some("") => None,
        Some(selector) => Some(Selector::parse(selector.to_owned())?),
    };
    let attrs = match object.get("attrs") {
        None => AttrList::new(),
        Some(pairs) => attr_list(pairs)?,
    };
    attrs.check()?;
    Ok((selector, attrs))
}

/// Adds the shorthand and the attributes to an element with its children.
fn finish<'c, C: Render + 'c, T: Tag + 'c>(
    element: Element<(), C, T>,
    selector: Option<Selector>,
    attrs: AttrList,
) -> Result<Node<'c>> {
    Ok(match selector {
        Some(selector) => Node::new(element.sel(selector).attrs(attrs)?),
        None => Node::new(element.attrs(attrs)?),
    })
}

/// The attributes of `[[NAME, VALUE], ...]`, in order; a repeated name is
/// left to the crate, which keeps htpy's dict semantics.
fn attr_list(pairs: &Json) -> Result<AttrList> {
    let mut list = AttrList::new();
    for pair in array(pairs)? {
        let [name, value] = array(pair)?.as_slice() else {
            return Err(malformed("attribute pair", pair));
        };
        list.push(string(name)?.to_owned(), attr_value(value)?);
    }
    Ok(list)
}

fn attr_value(json: &Json) -> Result<htpy::Value> {
    Ok(match json {
        Json::String(text) => htpy::Value::Text(text.clone()),
        Json::Number(number) => match integer(number)? {
            Integer::Fits(int) => htpy::Value::Int(int),
            // Never zero, so it behaves as its decimal text, under `class` too.
            Integer::Big(digits) => htpy::Value::Text(digits.to_owned()),
        },
        Json::Bool(flag) => htpy::Value::Bool(*flag),
        Json::Null => htpy::Value::None,
        Json::Object(object) => match single(object) {
            Some(("markup", markup)) => htpy::Value::Markup(string(markup)?.to_owned()),
            Some(("classes", items)) => htpy::Value::Classes(
                array(items)?
                    .iter()
                    .map(class_item)
                    .collect::<Result<_>>()?,
            ),
            Some(("toggle", pairs)) => htpy::Value::Toggle(toggles(pairs)?),
            _ => return Err(malformed("attribute value", json)),
        },
        Json::Array(_) => return Err(malformed("attribute value", json)),
    })
}

fn class_item(json: &Json) -> Result<ClassItem> {
    Ok(match json {
        Json::String(name) => ClassItem::Text(name.clone()),
        Json::Null | Json::Bool(false) => ClassItem::Skip,
        Json::Object(object) => match single(object) {
            Some(("markup", markup)) => ClassItem::Markup(string(markup)?.to_owned()),
            Some(("toggle", pairs)) => ClassItem::Toggle(toggles(pairs)?),
            _ => return Err(malformed("class item", json)),
        },
        _ => return Err(malformed("class item", json)),
    })
}

fn toggles(pairs: &Json) -> Result<Vec<(String, bool)>> {
    array(pairs)?
        .iter()
        .map(|pair| match array(pair)?.as_slice() {
            [Json::String(name), Json::Bool(on)] => Ok((name.clone(), *on)),
            _ => Err(malformed("toggle pair", pair)),
        })
        .collect()
}

/// The key and value of a one-key object.
fn single(object: &Map<String, Json>) -> Option<(&str, &Json)> {
    let mut entries = object.iter();
    match (entries.next(), entries.next()) {
        (Some((key, value)), None) => Some((key.as_str(), value)),
        _ => None,
    }
}

/// `L:part` when the work is traced.
fn item_label(label: Option<&str>, part: impl fmt::Display) -> Option<String> {
    label.map(|label| format!("{label}:{part}"))
}

fn string(json: &Json) -> Result<&str> {
    json.as_str().ok_or_else(|| malformed("string", json))
}

fn array(json: &Json) -> Result<&Vec<Json>> {
    json.as_array().ok_or_else(|| malformed("array", json))
}

/// A case that breaks the contract. It fails the case as a component error,
/// which no fixture expects, so it is reported rather than skipped.
fn malformed(what: &str, json: &Json) -> Error {
    Error::component(format!(
        "malformed case: expected a valid {what}, got {json}"
    ))
}

/// A JSON integer, exact: Python's integers have no size limit.
enum Integer<'j> {
    /// Built as an `i128`, which htpy renders like any integer type.
    Fits(i128),
    /// Beyond `i128`: its decimal digits as written (with any `-`), which is
    /// what a big-integer type's `Display` would write.
    Big(&'j str),
}

/// The integer a JSON number holds. `-0` is the integer 0, as in Python. The
/// contract has no floats, so one is an unsupported case, not a rounding.
fn integer(number: &Number) -> Result<Integer<'_>> {
    if let Some(int) = number.as_i128() {
        return Ok(Integer::Fits(int));
    }
    let text = number.as_str();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.bytes().all(|byte| byte.is_ascii_digit()) {
        Ok(Integer::Big(text))
    } else {
        Err(Error::component(format!(
            "unsupported case: {text} is not an integer (the contract has no floats)"
        )))
    }
}
