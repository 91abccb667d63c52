//! Building the `sys.inputs` a template reads: plain typst values (strings, arrays, dictionaries,
//! bytes), never markup.

use typst::foundations::{Array, Bytes, Dict, IntoValue, Str, Value};

use super::engine::printable;

pub(crate) struct Fields(Dict);

/// Every string a template receives goes through here, so that none holds what the fonts cannot print.
pub(crate) fn str_value(text: &str) -> Value {
    Value::Str(Str::from(printable(text)))
}

impl Fields {
    pub(crate) fn new() -> Self {
        Fields(Dict::new())
    }

    pub(crate) fn text(mut self, key: &str, value: &str) -> Self {
        self.0.insert(Str::from(key), str_value(value));
        self
    }

    /// `none` in the template when absent or blank.
    pub(crate) fn maybe(self, key: &str, value: Option<&str>) -> Self {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => self.text(key, v),
            None => self.value(key, Value::None),
        }
    }

    /// An array of strings, `none` when empty.
    pub(crate) fn list<'a>(self, key: &str, items: impl IntoIterator<Item = &'a str>) -> Self {
        let array: Array = items
            .into_iter()
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(str_value)
            .collect();
        if array.is_empty() {
            self.value(key, Value::None)
        } else {
            self.value(key, array.into_value())
        }
    }

    pub(crate) fn bytes(self, key: &str, data: Vec<u8>) -> Self {
        self.value(key, Value::Bytes(Bytes::new(data)))
    }

    pub(crate) fn value(mut self, key: &str, value: Value) -> Self {
        self.0.insert(Str::from(key), value);
        self
    }

    pub(crate) fn into_value(self) -> Value {
        Value::Dict(self.0)
    }

    pub(crate) fn into_dict(self) -> Dict {
        self.0
    }
}

/// A user's text cut into paragraphs at blank lines; single line breaks inside a paragraph are kept.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}
