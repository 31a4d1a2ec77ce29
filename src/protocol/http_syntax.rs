//! HTTP/1.1's syntax that more than one reader needs: what a token is, and the chunked transfer
//! coding (RFC 9112 §7.1), decoded by one state machine that `listen` feeds from a socket and an
//! import feeds a pasted body.
//!
//! The decoder is pushed bytes and hands back the chunks' data as it finds it, holding no more
//! than a chunk-size line (at most `ChunkedLimits::size_line` bytes) in between: a reader over a
//! stream stores or refuses each piece as it comes, and never holds a line it did not ask for.

/// An HTTP token (RFC 9110 §5.6.2): a method or a header name.
pub fn is_token(text: impl AsRef<[u8]>) -> bool {
    let bytes = text.as_ref();
    !bytes.is_empty() && bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// How much a chunked body may take. Each line's count includes its `\n` (not a `\r` before it
/// for a trailer line, as a line is counted once its line end is taken off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkedLimits {
    /// A chunk-size line, its chunk extensions and line end included.
    pub size_line: usize,
    /// All the trailer lines together.
    pub trailers: usize,
    /// The data of all the chunks together.
    pub body: u64,
}

impl ChunkedLimits {
    /// No limit but the input's own length: for a body already held whole.
    pub const NONE: Self = Self { size_line: usize::MAX, trailers: usize::MAX, body: u64::MAX };
}

/// Why a chunked body is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkedError {
    /// A chunk-size line reached `ChunkedLimits::size_line` without ending.
    SizeLineTooLong,
    /// A chunk size that is not hexadecimal digits: the line, its first 40 bytes.
    BadSize(String),
    /// The chunks add up to more than `ChunkedLimits::body`.
    TooLarge,
    /// A chunk's data is not followed by its line end.
    LongerThanItsSize,
    /// The trailers reached `ChunkedLimits::trailers`.
    TrailersTooLarge,
    /// The input ended inside a chunk's data: `got` of its `size` bytes.
    EndedInData { got: u64, size: u64 },
    /// The input ended inside a chunk-size line, a chunk's line end, or the trailers.
    Ended,
}

/// What one `ChunkedDecoder::push` did: it took the first `used` bytes of the input, the last
/// `data.len()` of which are chunk data (the bytes before them are framing).
#[derive(Debug, PartialEq, Eq)]
pub struct Pushed<'a> {
    pub used: usize,
    pub data: &'a [u8],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reading a chunk-size line (held in `line`).
    SizeLine,
    /// Inside a chunk of `size` bytes, `left` of them still to come.
    Data { size: u64, left: u64 },
    /// After a chunk's data: its line end, `\r\n` or `\n` (what has come is in `line`).
    DataEnd,
    /// Reading the trailer lines: `taken` bytes of the current one, the last one `\r` or not;
    /// `left` bytes the trailers may still take.
    Trailers { taken: usize, after_cr: bool, left: usize },
    /// The empty line after the trailers was read: the body is whole.
    Done,
}

/// A chunked body's decoder, pushed bytes as they come.
#[derive(Debug, Clone)]
pub struct ChunkedDecoder {
    limits: ChunkedLimits,
    state: State,
    /// The chunk-size line, or the chunk's line end, read so far.
    line: Vec<u8>,
    /// Data bytes handed out so far.
    body: u64,
}

impl ChunkedDecoder {
    pub fn new(limits: ChunkedLimits) -> Self {
        Self { limits, state: State::SizeLine, line: Vec::new(), body: 0 }
    }

    /// Whether the body has ended (the empty line after the trailers was read).
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Whether the last chunk has been read: what remains are trailers (or nothing).
    pub fn last_chunk_read(&self) -> bool {
        matches!(self.state, State::Trailers { .. } | State::Done)
    }

    /// Why input that ends here is not a whole body; `None` when it is.
    pub fn ended(&self) -> Option<ChunkedError> {
        match self.state {
            State::Done => None,
            State::Data { size, left } => Some(ChunkedError::EndedInData { got: size - left, size }),
            State::SizeLine | State::DataEnd | State::Trailers { .. } => Some(ChunkedError::Ended),
        }
    }

    /// Takes framing bytes from `input` until it meets chunk data (handed back, as much of it as
    /// `input` holds), the body ends, or `input` does. Nothing past the body's end is taken.
    pub fn push<'a>(&mut self, input: &'a [u8]) -> Result<Pushed<'a>, ChunkedError> {
        let mut used = 0;
        while let Some(&byte) = input.get(used) {
            match self.state {
                State::Done => break,
                State::Data { size, left } => {
                    let room = usize::try_from(left).unwrap_or(usize::MAX);
                    let data = input.get(used..).unwrap_or_default();
                    let data = data.get(..room.min(data.len())).unwrap_or_default();
                    let left = left - data.len() as u64;
                    self.state = if left == 0 { State::DataEnd } else { State::Data { size, left } };
                    return Ok(Pushed { used: used + data.len(), data });
                }
                State::SizeLine => {
                    used += 1;
                    if let Some(size) =
                        self.take_line_byte(byte, self.limits.size_line, ChunkedError::SizeLineTooLong)?
                    {
                        let size = chunk_size(&size)?;
                        self.state = if size == 0 {
                            State::Trailers { taken: 0, after_cr: false, left: self.limits.trailers }
                        } else if size > self.limits.body - self.body {
                            return Err(ChunkedError::TooLarge);
                        } else {
                            self.body += size;
                            State::Data { size, left: size }
                        };
                    }
                }
                State::DataEnd => {
                    used += 1;
                    if let Some(line) = self.take_line_byte(byte, 2, ChunkedError::LongerThanItsSize)? {
                        if !line.is_empty() {
                            return Err(ChunkedError::LongerThanItsSize);
                        }
                        self.state = State::SizeLine;
                    }
                }
                State::Trailers { taken, after_cr, left } => {
                    used += 1;
                    if taken >= left {
                        return Err(ChunkedError::TrailersTooLarge);
                    }
                    self.state = if byte == b'\n' {
                        // The line without its line end: a `\r` before the `\n` is not counted.
                        let length = taken - usize::from(after_cr);
                        if length == 0 {
                            State::Done
                        } else {
                            State::Trailers { taken: 0, after_cr: false, left: left.saturating_sub(length + 1) }
                        }
                    } else if taken + 1 >= left {
                        return Err(ChunkedError::TrailersTooLarge);
                    } else {
                        State::Trailers { taken: taken + 1, after_cr: byte == b'\r', left }
                    };
                }
            }
        }
        Ok(Pushed { used, data: &[] })
    }

    /// Adds `byte` to the line being read, at most `max` bytes with its `\n`: the line, its
    /// line end taken off, once `byte` ends it.
    fn take_line_byte(
        &mut self,
        byte: u8,
        max: usize,
        too_long: ChunkedError,
    ) -> Result<Option<Vec<u8>>, ChunkedError> {
        if self.line.len() >= max {
            return Err(too_long);
        }
        if byte == b'\n' {
            let mut line = std::mem::take(&mut self.line);
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(line));
        }
        self.line.push(byte);
        if self.line.len() >= max {
            return Err(too_long);
        }
        Ok(None)
    }
}

/// A chunk-size line's size: hex digits, then spaces or tabs, then any chunk extensions after
/// `;` (ignored). More digits than a `u64` holds are a size past any limit: `u64::MAX`.
fn chunk_size(line: &[u8]) -> Result<u64, ChunkedError> {
    let digits = line.split(|&b| b == b';').next().unwrap_or_default();
    let end = digits.iter().rposition(|&b| b != b' ' && b != b'\t').map_or(0, |i| i + 1);
    let digits = digits.get(..end).unwrap_or_default();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_hexdigit) {
        let shown = String::from_utf8_lossy(line.get(..line.len().min(40)).unwrap_or_default()).into_owned();
        return Err(ChunkedError::BadSize(shown));
    }
    let size = digits.iter().try_fold(0u64, |size, &digit| {
        let value = (digit as char).to_digit(16).unwrap_or_default();
        size.checked_mul(16)?.checked_add(u64::from(value))
    });
    Ok(size.unwrap_or(u64::MAX))
}

/// A chunked body held whole, decoded. It may stop once its last chunk is read: a pasted body
/// often lacks the empty line that ends the trailers, and whatever follows that line is not
/// looked at.
pub fn dechunk(bytes: &[u8], limits: ChunkedLimits) -> Result<Vec<u8>, ChunkedError> {
    let mut decoder = ChunkedDecoder::new(limits);
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() && !decoder.is_done() {
        let Pushed { used, data } = decoder.push(rest)?;
        out.extend_from_slice(data);
        rest = rest.get(used..).unwrap_or_default();
    }
    match decoder.ended() {
        Some(_) if decoder.last_chunk_read() => Ok(out),
        Some(why) => Err(why),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests;
