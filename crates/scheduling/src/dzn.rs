//! Reader for the MiniZinc data format of the public B2B instances (see the README beside them).
//! It parses text only (the caller reads the file) and reports the line and field of any mistake.

use std::collections::HashMap;

use thiserror::Error;

use crate::model::{
    InstanceSpec, MeetingSpec, ModelError, ModelWarning, ParticipantSpec, SessionSpec,
};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("ligne {line}, champ « {field} » : {message} / line {line}, field \"{field}\": {message}")]
pub struct DznError {
    pub line: usize,
    pub field: String,
    pub message: String,
}

fn err(line: usize, field: &str, message: impl Into<String>) -> DznError {
    DznError {
        line,
        field: field.to_owned(),
        message: message.into(),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Int(i64),
    Sym(&'static str),
}

/// The text with `/* … */` comments blanked out (line breaks kept, so lines stay right).
fn strip_block_comments(text: &str) -> Result<String, DznError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut line = 1;
    while let Some(at) = rest.find("/*") {
        // A `%` comment earlier on the line hides the `/*`.
        let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
        if rest[line_start..at].contains('%') {
            let end = rest[at..].find('\n').map_or(rest.len(), |i| at + i);
            line += rest[..end].matches('\n').count();
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        out.push_str(&rest[..at]);
        line += rest[..at].matches('\n').count();
        let Some(len) = rest[at + 2..].find("*/") else {
            return Err(err(
                line,
                "",
                "commentaire /* non fermé / unterminated /* comment",
            ));
        };
        let comment = &rest[at..at + 2 + len + 2];
        let breaks = comment.matches('\n').count();
        line += breaks;
        out.push(' ');
        out.extend(std::iter::repeat_n('\n', breaks));
        rest = &rest[at + comment.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, DznError> {
    let mut toks = Vec::new();
    let text = strip_block_comments(text)?;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let code = raw.split('%').next().unwrap_or("");
        let bytes = code.as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            let c = bytes[j];
            match c {
                b' ' | b'\t' | b'\r' => j += 1,
                b'[' if bytes.get(j + 1) == Some(&b'|') => {
                    toks.push((line, Tok::Sym("[|")));
                    j += 2;
                }
                b'|' if bytes.get(j + 1) == Some(&b']') => {
                    toks.push((line, Tok::Sym("|]")));
                    j += 2;
                }
                b'.' if bytes.get(j + 1) == Some(&b'.') => {
                    toks.push((line, Tok::Sym("..")));
                    j += 2;
                }
                b'(' | b')' | b'=' | b';' | b'[' | b']' | b'{' | b'}' | b',' | b'|' => {
                    let s = match c {
                        b'(' => "(",
                        b')' => ")",
                        b'=' => "=",
                        b';' => ";",
                        b'[' => "[",
                        b']' => "]",
                        b'{' => "{",
                        b'}' => "}",
                        b',' => ",",
                        _ => "|",
                    };
                    toks.push((line, Tok::Sym(s)));
                    j += 1;
                }
                b'-' | b'0'..=b'9' => {
                    let start = j;
                    j += 1;
                    while j < bytes.len() && bytes[j].is_ascii_digit() {
                        j += 1;
                    }
                    let text = &code[start..j];
                    let v = text.parse().map_err(|_| {
                        err(
                            line,
                            "",
                            format!("nombre invalide « {text} » / invalid number \"{text}\""),
                        )
                    })?;
                    toks.push((line, Tok::Int(v)));
                }
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let start = j;
                    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_')
                    {
                        j += 1;
                    }
                    toks.push((line, Tok::Ident(code[start..j].to_owned())));
                }
                _ => {
                    let ch = code[j..].chars().next().unwrap_or('?');
                    return Err(err(
                        line,
                        "",
                        format!("caractère inattendu « {ch} » / unexpected character '{ch}'"),
                    ));
                }
            }
        }
    }
    Ok(toks)
}

#[derive(Debug, Clone)]
enum Elem {
    Int(i64),
    Set(Vec<i64>),
}

#[derive(Debug, Clone)]
enum Value {
    Int(i64),
    /// Elements with their lines.
    Array(Vec<(usize, Elem)>),
    /// Rows of a 2-D array with their lines.
    Rows(Vec<(usize, Vec<i64>)>),
    /// A value of a kind the engine does not read (a boolean, an enum).
    Other,
}

/// Most numbers a range in the file may stand for (slots and meetings are far fewer).
const MAX_RANGE: i64 = 1_000_000;

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    field: String,
}

impl Parser {
    fn line(&self) -> usize {
        self.toks
            .get(self.pos)
            .or(self.toks.last())
            .map_or(1, |t| t.0)
    }
    fn fail(&self, message: impl Into<String>) -> DznError {
        err(self.line(), &self.field, message)
    }
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|t| t.1.clone());
        self.pos += 1;
        t
    }
    fn expect(&mut self, sym: &'static str) -> Result<(), DznError> {
        match self.peek() {
            Some(Tok::Sym(s)) if *s == sym => {
                self.pos += 1;
                Ok(())
            }
            _ => Err(self.fail(format!("« {sym} » attendu / expected '{sym}'"))),
        }
    }
    fn int(&mut self) -> Result<i64, DznError> {
        match self.peek() {
            Some(Tok::Int(v)) => {
                let v = *v;
                self.pos += 1;
                Ok(v)
            }
            _ => Err(self.fail("nombre attendu / number expected")),
        }
    }
    fn is(&self, sym: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(s)) if *s == sym)
    }
    /// `a` or `a..b`, as the numbers it stands for.
    fn int_or_range(&mut self) -> Result<Vec<i64>, DznError> {
        let lo = self.int()?;
        if !self.is("..") {
            return Ok(vec![lo]);
        }
        self.pos += 1;
        let hi = self.int()?;
        if hi.saturating_sub(lo) >= MAX_RANGE {
            return Err(self.fail(format!(
                "intervalle {lo}..{hi} trop grand / range {lo}..{hi} too large"
            )));
        }
        Ok((lo..=hi).collect())
    }
    /// `{a, b..c, …}` or a bare range `a..b`.
    fn set(&mut self) -> Result<Vec<i64>, DznError> {
        if !self.is("{") {
            return self.int_or_range();
        }
        self.pos += 1;
        let mut items = Vec::new();
        while !self.is("}") {
            items.extend(self.int_or_range()?);
            if !self.is("}") {
                self.expect(",")?;
            }
        }
        self.expect("}")?;
        Ok(items)
    }
    /// An index set of `array1d`/`array2d`: `a..b` or `{…}`; its size.
    fn index_set(&mut self) -> Result<usize, DznError> {
        Ok(self.set()?.len())
    }
    /// `array1d(I, [ … ])` or `array2d(I, J, [ … ])`: a flat list read as an array or as rows.
    fn array_nd(&mut self, dims: usize) -> Result<Value, DznError> {
        self.expect("(")?;
        let mut sizes = Vec::new();
        for _ in 0..dims {
            sizes.push(self.index_set()?);
            self.expect(",")?;
        }
        let line = self.line();
        let Value::Array(items) = self.value()? else {
            return Err(self.fail("tableau [ … ] attendu / expected an array [ … ]"));
        };
        self.expect(")")?;
        let expected: usize = sizes.iter().product();
        if items.len() != expected {
            return Err(err(
                line,
                &self.field,
                format!(
                    "{} éléments pour des indices de taille {expected} / {} elements for index sets of size {expected}",
                    items.len(),
                    items.len()
                ),
            ));
        }
        if dims == 1 {
            return Ok(Value::Array(items));
        }
        let width = sizes[1].max(1);
        let mut rows = Vec::new();
        for chunk in items.chunks(width) {
            let mut row = Vec::with_capacity(width);
            for (line, e) in chunk {
                let Elem::Int(v) = e else {
                    return Err(err(*line, &self.field, "entier attendu / integer expected"));
                };
                row.push(*v);
            }
            rows.push((chunk[0].0, row));
        }
        Ok(Value::Rows(rows))
    }
    fn value(&mut self) -> Result<Value, DznError> {
        if let Some(Tok::Ident(name)) = self.peek() {
            let dims = match name.as_str() {
                "array1d" => Some(1),
                "array2d" => Some(2),
                _ => None,
            };
            self.pos += 1;
            return match dims {
                Some(d) => self.array_nd(d),
                // Booleans, enums…: fields the engine does not read.
                None => Ok(Value::Other),
            };
        }
        if self.is("[|") {
            self.pos += 1;
            let mut rows = Vec::new();
            while !self.is("|]") {
                let line = self.line();
                let mut row = vec![self.int()?];
                while self.is(",") {
                    self.pos += 1;
                    if self.is("|") || self.is("|]") {
                        break;
                    }
                    row.push(self.int()?);
                }
                rows.push((line, row));
                if self.is("|") {
                    self.pos += 1;
                } else if !self.is("|]") {
                    return Err(self.fail("« | » ou « |] » attendu / expected '|' or '|]'"));
                }
            }
            self.pos += 1;
            return Ok(Value::Rows(rows));
        }
        if self.is("[") {
            self.pos += 1;
            let mut items = Vec::new();
            while !self.is("]") {
                let line = self.line();
                let e = if self.is("{") {
                    Elem::Set(self.set()?)
                } else {
                    let v = self.int()?;
                    if self.is("..") {
                        // A range stands for the set of its numbers.
                        self.pos -= 1;
                        Elem::Set(self.int_or_range()?)
                    } else {
                        Elem::Int(v)
                    }
                };
                items.push((line, e));
                if !self.is("]") {
                    self.expect(",")?;
                }
            }
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        Ok(Value::Int(self.int()?))
    }
}

/// A parsed instance, with the lines it came from so that model errors can point at the file.
#[derive(Debug, Clone)]
pub struct DznInstance {
    pub spec: InstanceSpec,
    requested_lines: Vec<usize>,
    forbidden_lines: Vec<usize>,
    fixed_lines: Vec<usize>,
    precedence_lines: Vec<usize>,
}

impl DznInstance {
    /// Where in the file a model error comes from, as (line, field).
    pub fn locate(&self, e: &ModelError) -> Option<(usize, &'static str)> {
        use ModelError::*;
        match *e {
            UnknownParticipant { meeting, .. }
            | SelfMeeting { meeting, .. }
            | UnknownSession { meeting, .. } => {
                self.requested_lines.get(meeting).map(|&l| (l, "requested"))
            }
            ForbiddenOutOfRange { participant, .. } => self
                .forbidden_lines
                .get(participant)
                .map(|&l| (l, "forbidden")),
            FixedOutOfRange { meeting, .. } => self.fixed_lines.get(meeting).map(|&l| (l, "fixed")),
            UnknownPrecedence { meeting, .. } | SelfPrecedence { meeting } => self
                .precedence_lines
                .get(meeting)
                .map(|&l| (l, "precedences")),
            _ => None,
        }
    }
}

impl DznInstance {
    /// The line of the second request of a repeated pair.
    pub fn locate_warning(&self, w: &ModelWarning) -> Option<(usize, &'static str)> {
        let ModelWarning::RepeatedPair { second, .. } = *w;
        self.requested_lines.get(second).map(|&l| (l, "requested"))
    }
}

/// Parses `.dzn` text into an instance description (participants, meetings and slots 0-based).
pub fn parse(text: &str) -> Result<DznInstance, DznError> {
    let mut p = Parser {
        toks: tokenize(text)?,
        pos: 0,
        field: String::new(),
    };
    let mut fields: HashMap<String, (usize, Value)> = HashMap::new();
    while p.peek().is_some() {
        p.field.clear();
        let line = p.line();
        let name = match p.next() {
            Some(Tok::Ident(n)) => n,
            _ => return Err(err(line, "", "nom de champ attendu / field name expected")),
        };
        p.field.clone_from(&name);
        p.expect("=")?;
        let v = p.value()?;
        p.expect(";")?;
        if fields.insert(name.clone(), (line, v)).is_some() {
            return Err(err(
                line,
                &name,
                "champ défini deux fois / field defined twice",
            ));
        }
    }
    let last_line = text.lines().count().max(1);
    let count = |name: &str, min: i64| -> Result<usize, DznError> {
        match fields.get(name) {
            None => Err(err(last_line, name, "champ manquant / missing field")),
            Some((line, Value::Int(v))) if *v >= min && *v <= 1_000_000 => Ok(*v as usize),
            Some((line, Value::Int(v))) => Err(err(
                *line,
                name,
                format!("valeur {v} hors limites / value {v} out of range"),
            )),
            Some((line, _)) => Err(err(*line, name, "entier attendu / integer expected")),
        }
    };
    let n_business = count("nBusiness", 1)?;
    let n_meetings = count("nMeetings", 1)?;
    let n_tables = count("nTables", 1)?;
    let n_slots = count("nTotalSlots", 1)?;
    // Without a morning count, the whole day is one session.
    let n_morning = if fields.contains_key("nMorningSlots") {
        count("nMorningSlots", 0)?
    } else {
        n_slots
    };
    if n_morning > n_slots {
        let line = fields["nMorningSlots"].0;
        return Err(err(
            line,
            "nMorningSlots",
            format!("{n_morning} > nTotalSlots = {n_slots}"),
        ));
    }
    let mut sessions = Vec::new();
    if n_morning > 0 {
        sessions.push(SessionSpec {
            name: "matin / morning".into(),
            slots: n_morning,
        });
    }
    if n_slots > n_morning {
        sessions.push(SessionSpec {
            name: "après-midi / afternoon".into(),
            slots: n_slots - n_morning,
        });
    }
    let (req_line, rows) = match fields.get("requested") {
        None => {
            return Err(err(
                last_line,
                "requested",
                "champ manquant / missing field",
            ));
        }
        Some((line, Value::Rows(rows))) => (*line, rows),
        Some((line, _)) => {
            return Err(err(
                *line,
                "requested",
                "tableau [| a, b, s | … |] attendu / expected [| a, b, s | … |]",
            ));
        }
    };
    if rows.len() != n_meetings {
        return Err(err(
            req_line,
            "requested",
            format!(
                "{} lignes, nMeetings = {n_meetings} / {} rows, nMeetings = {n_meetings}",
                rows.len(),
                rows.len()
            ),
        ));
    }
    let mut meetings = Vec::with_capacity(n_meetings);
    let mut requested_lines = Vec::with_capacity(n_meetings);
    for (line, row) in rows {
        let &[a, b, s] = row.as_slice() else {
            return Err(err(
                *line,
                "requested",
                format!(
                    "3 valeurs attendues, {} trouvées / expected 3 values, found {}",
                    row.len(),
                    row.len()
                ),
            ));
        };
        for v in [a, b] {
            if v < 1 || v as usize > n_business {
                return Err(err(
                    *line,
                    "requested",
                    format!(
                        "participant {v} hors de 1..{n_business} / participant {v} outside 1..{n_business}"
                    ),
                ));
            }
        }
        let session = match s {
            3 => None,
            1 if n_morning > 0 => Some(0),
            2 if n_slots > n_morning => Some(sessions.len() - 1),
            1 | 2 => {
                return Err(err(
                    *line,
                    "requested",
                    format!("session {s} sans créneau / session {s} has no slot"),
                ));
            }
            _ => {
                return Err(err(
                    *line,
                    "requested",
                    format!("session {s} : 1, 2 ou 3 attendu / session {s}: expected 1, 2 or 3"),
                ));
            }
        };
        meetings.push(MeetingSpec {
            a: a as usize - 1,
            b: b as usize - 1,
            session,
            fixed: None,
            after: Vec::new(),
        });
        requested_lines.push(*line);
    }
    let array = |name: &str, len: usize| -> Result<Option<&Vec<(usize, Elem)>>, DznError> {
        match fields.get(name) {
            None => Ok(None),
            // An empty array says as much as no array.
            Some((_, Value::Array(items))) if items.is_empty() => Ok(None),
            Some((line, Value::Array(items))) if items.len() == len => Ok(Some(items)),
            Some((line, Value::Array(items))) => Err(err(
                *line,
                name,
                format!(
                    "{} éléments, {len} attendus / {} elements, expected {len}",
                    items.len(),
                    items.len()
                ),
            )),
            Some((line, _)) => Err(err(
                *line,
                name,
                "tableau [ … ] attendu / expected an array [ … ]",
            )),
        }
    };
    let mut participants = vec![ParticipantSpec::default(); n_business];
    for (i, p) in participants.iter_mut().enumerate() {
        p.name = (i + 1).to_string();
    }
    let mut forbidden_lines = Vec::new();
    if let Some(items) = array("forbidden", n_business)? {
        for (i, (line, e)) in items.iter().enumerate() {
            let Elem::Set(set) = e else {
                return Err(err(
                    *line,
                    "forbidden",
                    "ensemble { … } attendu / expected a set { … }",
                ));
            };
            for &v in set {
                if v == 0 {
                    continue; // placeholder, not a slot
                }
                if v < 0 || v as usize > n_slots {
                    return Err(err(
                        *line,
                        "forbidden",
                        format!("créneau {v} hors de 1..{n_slots} / slot {v} outside 1..{n_slots}"),
                    ));
                }
                participants[i].forbidden.push(v as usize - 1);
            }
            forbidden_lines.push(*line);
        }
    }
    let mut fixed_lines = Vec::new();
    if let Some(items) = array("fixed", n_meetings)? {
        for (m, (line, e)) in items.iter().enumerate() {
            let Elem::Int(v) = *e else {
                return Err(err(*line, "fixed", "entier attendu / integer expected"));
            };
            if v < 0 || v as usize > n_slots {
                return Err(err(
                    *line,
                    "fixed",
                    format!(
                        "rencontre {} : créneau {v} hors de 0..{n_slots} / meeting {}: slot {v} outside 0..{n_slots}",
                        m + 1,
                        m + 1
                    ),
                ));
            }
            meetings[m].fixed = (v > 0).then(|| v as usize - 1);
            fixed_lines.push(*line);
        }
    }
    let mut precedence_lines = Vec::new();
    if let Some(items) = array("precedences", n_meetings)? {
        for (m, (line, e)) in items.iter().enumerate() {
            let Elem::Set(set) = e else {
                return Err(err(
                    *line,
                    "precedences",
                    "ensemble { … } attendu / expected a set { … }",
                ));
            };
            for &v in set {
                if v < 1 || v as usize > n_meetings {
                    return Err(err(
                        *line,
                        "precedences",
                        format!(
                            "rencontre {v} hors de 1..{n_meetings} / meeting {v} outside 1..{n_meetings}"
                        ),
                    ));
                }
                meetings[m].after.push(v as usize - 1);
            }
            precedence_lines.push(*line);
        }
    }
    let spec = InstanceSpec {
        participants,
        meetings,
        sessions,
        tables: InstanceSpec::numbered_tables(n_tables),
        fairness: None,
        hosts_keep_tables: false,
    };
    Ok(DznInstance {
        spec,
        requested_lines,
        forbidden_lines,
        fixed_lines,
        precedence_lines,
    })
}

/// Writes an event in the same format, so that generated events can go through the CLI. Only what the
/// format can say is written: at most two sessions (morning, afternoon), numbered tables; fairness and
/// hosts are command-line matters. `None` when the event has more than two sessions.
pub fn write(spec: &InstanceSpec) -> Option<String> {
    use std::fmt::Write as _;
    if spec.sessions.len() > 2 {
        return None;
    }
    let n_slots: usize = spec.sessions.iter().map(|s| s.slots).sum();
    let morning = spec.sessions.first().map_or(0, |s| s.slots);
    let mut out = String::new();
    let _ = writeln!(out, "nBusiness = {};", spec.participants.len());
    let _ = writeln!(out, "nMeetings = {};", spec.meetings.len());
    let _ = writeln!(out, "nTables = {};", spec.tables.len());
    let _ = writeln!(out, "nTotalSlots = {n_slots};");
    let _ = writeln!(out, "nMorningSlots = {morning};\n");
    let rows: Vec<String> = spec
        .meetings
        .iter()
        .map(|m| {
            let s = m.session.map_or(3, |s| s + 1);
            format!("{}, {},{}, ", m.a + 1, m.b + 1, s)
        })
        .collect();
    let _ = writeln!(out, "requested = [|{}|];\n", rows.join("\n|"));
    let mut by_participant = vec![Vec::new(); spec.participants.len()];
    for (i, m) in spec.meetings.iter().enumerate() {
        for p in [m.a, m.b] {
            if let Some(list) = by_participant.get_mut(p) {
                list.push(i + 2);
            }
        }
    }
    let sets = |items: Vec<Vec<usize>>| -> String {
        items
            .iter()
            .map(|v| {
                format!(
                    "{{{}}}",
                    v.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let with_one = by_participant
        .iter()
        .map(|v| std::iter::once(1).chain(v.iter().copied()).collect())
        .collect();
    let _ = writeln!(out, "meetingsxBusiness = [{}];\n", sets(with_one));
    let counts: Vec<String> = by_participant.iter().map(|v| v.len().to_string()).collect();
    let _ = writeln!(out, "nMeetingsBusiness = [{}];\n", counts.join(","));
    let forbidden = spec
        .participants
        .iter()
        .map(|p| {
            std::iter::once(0)
                .chain(p.forbidden.iter().map(|s| s + 1))
                .collect()
        })
        .collect();
    let _ = writeln!(out, "forbidden = [{}];\n", sets(forbidden));
    let fixed: Vec<String> = spec
        .meetings
        .iter()
        .map(|m| m.fixed.map_or(0, |s| s + 1).to_string())
        .collect();
    let _ = writeln!(out, "fixed = [{}];\n", fixed.join(","));
    let precedences = spec
        .meetings
        .iter()
        .map(|m| m.after.iter().map(|o| o + 1).collect())
        .collect();
    let _ = writeln!(out, "precedences = [{}];", sets(precedences));
    Some(out)
}
