//! POSIX shell words, as bash reads a pasted command: single quotes, double quotes with their
//! backslash escapes, `$'…'` ANSI-C quoting, `\` line continuations, and the few operators a
//! pasted `curl` or `http` command uses (`|`, `<<<`, `<`, `>`, `;`, `&&`). Nothing is expanded:
//! a `$VAR`, `$(…)` or backquote outside single quotes is kept as typed and reported.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Word(String),
    Op(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub tokens: Vec<Token>,
    /// Bytes of the input the command took, through the newline that ended it.
    pub consumed: usize,
    /// A word held `$…` or a backquote the shell would have expanded; kept as typed.
    pub unexpanded: bool,
}

/// Reads one command from the start of `text`: up to an unquoted newline that does not follow a
/// `|`, `&&` or `||`. `None` when a quote is left open.
pub fn read_command(text: &str) -> Option<Command> {
    let mut tokens = Vec::new();
    let mut word: Option<String> = None;
    let mut unexpanded = false;
    let mut chars = text.char_indices().peekable();
    let push = |tokens: &mut Vec<Token>, word: &mut Option<String>| {
        if let Some(w) = word.take() {
            tokens.push(Token::Word(w));
        }
    };
    while let Some((at, c)) = chars.next() {
        match c {
            '\n' => {
                push(&mut tokens, &mut word);
                let continues = matches!(tokens.last(), Some(Token::Op("|" | "&&" | "||")));
                if !continues {
                    return Some(Command { tokens, consumed: at + 1, unexpanded });
                }
            }
            ' ' | '\t' | '\r' => push(&mut tokens, &mut word),
            '\\' => match chars.next() {
                Some((_, '\n')) => {}
                Some((_, '\r')) if chars.peek().is_some_and(|&(_, c)| c == '\n') => {
                    chars.next();
                }
                Some((_, escaped)) => word.get_or_insert_with(String::new).push(escaped),
                None => {}
            },
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        (_, '\'') => break,
                        (_, c) => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        (_, '"') => break,
                        (_, '\\') => match chars.next()? {
                            (_, '\n') => {}
                            (_, c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            (_, c) => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        (_, c) => {
                            if c == '`' || (c == '$' && chars.peek().is_some_and(|&(_, n)| n != '"')) {
                                unexpanded = true;
                            }
                            w.push(c);
                        }
                    }
                }
            }
            '$' if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        (_, '\'') => break,
                        (_, '\\') => {
                            let (_, e) = chars.next()?;
                            match e {
                                'n' => w.push('\n'),
                                't' => w.push('\t'),
                                'r' => w.push('\r'),
                                'e' | 'E' => w.push('\u{1b}'),
                                'a' => w.push('\u{7}'),
                                'b' => w.push('\u{8}'),
                                'f' => w.push('\u{c}'),
                                'v' => w.push('\u{b}'),
                                '0' => w.push('\0'),
                                '\\' | '\'' | '"' | '?' => w.push(e),
                                'x' => {
                                    let mut value = 0u32;
                                    let mut digits = 0;
                                    while digits < 2 {
                                        match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                                            Some(d) => {
                                                value = value * 16 + d;
                                                digits += 1;
                                                chars.next();
                                            }
                                            None => break,
                                        }
                                    }
                                    // Bytes above 0x7f would not be text; only ASCII is taken.
                                    if digits == 0 || value > 0x7f {
                                        return None;
                                    }
                                    w.push(char::from_u32(value)?);
                                }
                                other => {
                                    w.push('\\');
                                    w.push(other);
                                }
                            }
                        }
                        (_, c) => w.push(c),
                    }
                }
            }
            '#' if word.is_none() => {
                // A comment runs to the end of the line.
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
            }
            '|' | '&' | ';' | '<' | '>' => {
                push(&mut tokens, &mut word);
                let rest = &text[at..];
                let op = ["<<<", "&&", "||", "|", ";", "<", ">", "&"]
                    .into_iter()
                    .find(|op| rest.starts_with(op))
                    .unwrap_or(";");
                for _ in 1..op.len() {
                    chars.next();
                }
                tokens.push(Token::Op(op));
            }
            c => {
                if c == '`' || (c == '$' && chars.peek().is_some()) {
                    unexpanded = true;
                }
                word.get_or_insert_with(String::new).push(c);
            }
        }
    }
    push(&mut tokens, &mut word);
    Some(Command { tokens, consumed: text.len(), unexpanded })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Token> {
        read_command(text).unwrap().tokens
    }

    fn w(s: &str) -> Token {
        Token::Word(s.to_string())
    }

    #[test]
    fn quotes_escapes_and_continuations() {
        assert_eq!(
            words("curl 'a b' \"c\\\"d\\n\" e\\ f \\\n  g'h'\"i\""),
            [w("curl"), w("a b"), w("c\"d\\n"), w("e f"), w("ghi")]
        );
        assert_eq!(words(r"x 'it'\''s' $'a\nb\x41\'c'"), [w("x"), w("it's"), w("a\nbA'c")]);
        assert_eq!(
            words("printf '%s' 'x' |\n  http POST u <<< 'y'"),
            [w("printf"), w("%s"), w("x"), Token::Op("|"), w("http"), w("POST"), w("u"), Token::Op("<<<"), w("y")]
        );
        let command = read_command("curl x\n* rest\n").unwrap();
        assert_eq!((command.tokens.len(), command.consumed), (2, 7));
        assert!(read_command("curl 'open").is_none());
        assert!(read_command("curl $HOME").unwrap().unexpanded);
        assert!(!read_command("curl '$(x)'").unwrap().unexpanded);
    }
}
