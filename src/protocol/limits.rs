//! Every size the program refuses past, in one place: bodies, headers, links and fixture files,
//! imports, and the `listen` server's requests. Each reader checks its own limit, before the
//! work it bounds; only the numbers live here, so that a paste, a link, a file and a captured
//! request agree on them.

// Bodies.

/// The largest file the page reads as a body or an import: larger files are refused before
/// they are read, since reading copies the whole file into the wasm memory at once.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;

/// Bodies larger than this are checked from their bytes but not put in the text box: laying
/// out megabytes of text would freeze the page, and nobody edits them by hand.
pub const TEXT_BOX_LIMIT: usize = 2 * 1024 * 1024;

/// Bodies larger than this are verified by the worker; smaller ones on every keystroke, in place
/// (a 1 MiB body takes about 20 ms in place; a 10 MiB one would take over a second).
pub const WORKER_ABOVE_BYTES: usize = 1024 * 1024;

/// Bodies larger than this are diagnosed by the worker (a 1 MiB mismatch takes about 0.4 s).
pub const DIAGNOSE_IN_PLACE_UP_TO_BYTES: usize = 64 * 1024;

/// Bodies larger than this are not kept: browsers keep about 5 MB per site, and writing megabytes
/// blocks the page.
pub const MAX_SAVED_BODY_BYTES: usize = 1024 * 1024;

// Headers, wherever they come from: a paste, a link, a file or a request.

/// Received headers are a few hundred bytes; a link or file holding more is crafted, and
/// megabytes of header lines would be parsed on the page's thread at every keystroke.
pub const MAX_HEADERS_BYTES: usize = 256 * 1024;

/// A header name longer than this is not one a server took: Node refuses a whole header block
/// over 16 KiB. Past it a paste is refused, since a name given many values (`{"<name>": ["", …]}`)
/// is copied once for each.
pub const MAX_HEADER_NAME_BYTES: usize = 8 * 1024;

/// The most header lines a paste, a link's or file's headers, or a request to `listen` may have:
/// a delivery carries a dozen, and each line costs more held than its bytes. An import is
/// refused past it; `listen` answers 431.
pub const MAX_HEADER_LINES: usize = 4096;

// Links and fixture files.

/// Longer fragments are refused before any work: browsers cut URLs near 2 MB anyway.
pub const MAX_FRAGMENT_CHARS: usize = 4 * 1024 * 1024;

/// Larger fixtures are refused when read: a sane cap on what a link or file may make us hold.
pub const MAX_FIXTURE_BYTES: usize = 16 * 1024 * 1024;

/// A fixture's note longer than this, in characters, is refused.
pub const MAX_NOTE_CHARS: usize = 2000;

/// Cobinar's event names are a dozen bytes; a longer one is none of them.
pub const MAX_EVENT_BYTES: usize = 64;

/// Webhook secrets are tens of characters (`whsec_` and 32 random bytes in base64 is 49): 4 KiB
/// is eighty times that, so a longer secret in a link or file was crafted. It is bounded, plain
/// or sealed, because the page lays the secret out in its masked field and the cause finder keys
/// HMAC with it for each of some 25 variants it tries, at every keystroke: a 15 MiB secret froze
/// the page for seconds a keystroke and held hundreds of MB.
pub const MAX_SECRET_BYTES: usize = 4 * 1024;

// The `listen` server's requests (with `MAX_HEADERS_BYTES` and `MAX_HEADER_LINES` above).

/// The most a request line may take (`METHOD TARGET HTTP/1.1`, its line end included): 414
/// past it.
pub const MAX_REQUEST_LINE_BYTES: usize = 64 * 1024;

/// The most a chunked body's trailers may take: read, then dropped.
pub const MAX_CHUNKED_TRAILER_BYTES: usize = 256 * 1024;

/// The most a chunk-size line may take (hex digits and any chunk extensions).
pub const MAX_CHUNK_LINE_BYTES: usize = 4 * 1024;
