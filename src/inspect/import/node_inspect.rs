//! An object as Node's `util.inspect` writes it (`console.log(req.headers)`): single-quoted
//! strings, bare keys, `[Object: null prototype]`, read with the same bounds as every other form.

use super::*;

/// `{ host: 'localhost:3000', 'x-cobinar-event': 'otp.verified', … }`, as Node's util.inspect
/// writes an object.
pub(super) fn import_console_log(input: &[u8]) -> Result<Imported, ImportError> {
    console_log(input)?
}

/// `import_console_log`, telling a paste refused for its size (the outer error, said as is) from
/// one that is not in this form (the inner one, which a caller may word better).
pub(super) fn console_log(input: &[u8]) -> Result<Result<Imported, ImportError>, ImportError> {
    let Ok(text) = std::str::from_utf8(input) else {
        return Ok(Err(error("This is not text (UTF-8).")));
    };
    let mut reader =
        InspectReader { chars: text.char_indices().peekable(), text, refusal: None, budget: HeaderBudget::default() };
    let headers = reader.object();
    if let Some(refusal) = reader.refusal {
        return Err(refusal);
    }
    let Some(headers) = headers else {
        return Ok(Err(error(format!("This is not a format webhook-echo knows. {ACCEPTED}"))));
    };
    if headers.is_empty() || !headers.iter().any(|(name, _)| is_token(name)) {
        return Ok(Err(error(format!("This object has no header names in it. {ACCEPTED}"))));
    }
    Ok(Ok(Imported {
        format: ImportFormat::ConsoleLogHeaders,
        headers: Some(headers),
        body: None,
        notes: vec!["console.log shows no body: the body field was left as it was.".into()],
        passed_over: Vec::new(),
    }))
}

/// A reader of `util.inspect` text: where it is, and what the header lines took so far.
pub(super) struct InspectReader<'a> {
    pub(super) chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    pub(super) text: &'a str,
    /// Why reading stopped, when it was for the paste's size rather than its form.
    pub(super) refusal: Option<ImportError>,
    pub(super) budget: HeaderBudget,
}

impl InspectReader<'_> {
    fn skip_space(&mut self) {
        while self.chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            self.chars.next();
        }
    }

    fn eat(&mut self, wanted: char) -> bool {
        self.skip_space();
        if self.chars.peek().map(|&(_, c)| c) == Some(wanted) {
            self.chars.next();
            true
        } else {
            false
        }
    }

    fn object(&mut self) -> Option<Vec<(String, String)>> {
        if !self.eat('{') {
            return None;
        }
        let mut out = Vec::new();
        loop {
            if self.eat('}') {
                self.skip_space();
                return self.chars.peek().is_none().then_some(out);
            }
            let key = self.key()?;
            if !self.eat(':') {
                return None;
            }
            let values = self.values()?;
            let value_bytes = values.iter().map(String::len).sum();
            if let Err(refusal) = self.budget.take(&key, values.len(), value_bytes) {
                self.refusal = Some(refusal);
                return None;
            }
            for value in values {
                out.push((key.clone(), value));
            }
            if !self.eat(',') {
                if !self.eat('}') {
                    return None;
                }
                self.skip_space();
                return self.chars.peek().is_none().then_some(out);
            }
        }
    }

    fn key(&mut self) -> Option<String> {
        self.skip_space();
        match self.chars.peek().map(|&(_, c)| c)? {
            '\'' | '"' | '`' => self.string(),
            _ => self.word(),
        }
    }

    fn word(&mut self) -> Option<String> {
        let (start, _) = *self.chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = self.chars.peek() {
            if c.is_alphanumeric() || matches!(c, '_' | '$' | '-' | '.') {
                end = i + c.len_utf8();
                self.chars.next();
            } else {
                break;
            }
        }
        (end > start).then(|| self.text[start..end].to_string())
    }

    /// One value, or an array's values; a string may be split over lines with `+`.
    fn values(&mut self) -> Option<Vec<String>> {
        self.skip_space();
        if self.eat('[') {
            let mut items = Vec::new();
            loop {
                if self.eat(']') {
                    return Some(items);
                }
                items.push(self.scalar()?);
                if !self.eat(',') {
                    return self.eat(']').then_some(items);
                }
            }
        }
        Some(vec![self.scalar()?])
    }

    fn scalar(&mut self) -> Option<String> {
        self.skip_space();
        match self.chars.peek().map(|&(_, c)| c)? {
            '\'' | '"' | '`' => {
                let mut text = self.string()?;
                while self.eat('+') {
                    self.skip_space();
                    text.push_str(&self.string()?);
                }
                Some(text)
            }
            _ => self.word(),
        }
    }

    fn string(&mut self) -> Option<String> {
        let (_, quote) = self.chars.next()?;
        let mut out = String::new();
        loop {
            let (_, c) = self.chars.next()?;
            match c {
                c if c == quote => return Some(out),
                '\\' => {
                    let (_, escaped) = self.chars.next()?;
                    match escaped {
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        '0' => out.push('\0'),
                        'x' | 'u' => {
                            let digits: String = (0..if escaped == 'x' { 2 } else { 4 })
                                .filter_map(|_| self.chars.next().map(|(_, c)| c))
                                .collect();
                            out.push(char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?);
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }
}
