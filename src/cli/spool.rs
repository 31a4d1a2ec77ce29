//! A request's body as `listen` receives it: held in memory up to `SPOOL_ABOVE` bytes, past that
//! written to a temporary file of its own while it arrives. A sender that trickles a 16 MiB body,
//! or sixty such senders at once, then holds disk rather than memory; the body comes back into
//! memory only for the one analysis at a time (`into_bytes`). On Unix the file's name is removed
//! the moment it is made: only listen's open handle reaches it, and the system frees it when that
//! closes, however listen ends (Ctrl-C, a kill, a crash), so no body outlives the process on
//! disk. On Windows it is opened delete-on-close, to the same end.

use std::fs::{File, OpenOptions};
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The most of a body held in memory while it arrives: a delivery from Cobinar is under a
/// kilobyte, so only a body far larger than any delivery goes to a file.
pub const SPOOL_ABOVE: usize = 1024 * 1024;
/// How every spool file's name starts (then 32 random hex digits and `.body`).
pub const SPOOL_PREFIX: &str = "webhook-echo-listen-";

/// A body as it arrives.
#[derive(Default)]
pub struct Body {
    held: Vec<u8>,
    spool: Option<Spool>,
    len: usize,
}

impl Body {
    /// Whether the body went to a file (it is larger than `SPOOL_ABOVE`).
    pub fn is_spooled(&self) -> bool {
        self.spool.is_some()
    }

    /// Appends `bytes`: in memory while the whole stays within `SPOOL_ABOVE`, else to the spool
    /// file, made on the first byte past it (what was held moves there and is freed).
    pub fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.spool.is_none() && self.held.len() + bytes.len() > SPOOL_ABOVE {
            let mut spool = Spool::create(&std::env::temp_dir())?;
            spool.file.write_all(&self.held)?;
            self.held = Vec::new();
            self.spool = Some(spool);
        }
        match &mut self.spool {
            Some(spool) => spool.file.write_all(bytes)?,
            None => self.held.extend_from_slice(bytes),
        }
        self.len += bytes.len();
        Ok(())
    }

    /// The whole body in memory: a spooled one read back, its file then removed.
    pub fn into_bytes(self) -> io::Result<Vec<u8>> {
        let Some(mut spool) = self.spool else {
            return Ok(self.held);
        };
        spool.file.seek(SeekFrom::Start(0))?;
        let mut bytes = Vec::with_capacity(self.len);
        (&spool.file).take(self.len as u64 + 1).read_to_end(&mut bytes)?;
        if bytes.len() != self.len {
            let why = format!("the spool file {} holds {} bytes, not {}", spool.path.display(), bytes.len(), self.len);
            return Err(io::Error::other(why));
        }
        Ok(bytes)
    }
}

/// A temporary file only this user can read, with no name left on disk (Unix) or deleted when
/// closed (Windows); the name is kept only to say which file in a message.
struct Spool {
    file: File,
    path: PathBuf,
}

impl Spool {
    /// A new file in `dir`, named at random and made with `create_new` (never an existing file,
    /// nor a link planted under the name), mode 0600 on Unix.
    fn create(dir: &Path) -> io::Result<Self> {
        for _ in 0..8 {
            let mut random = [0u8; 16];
            getrandom::getrandom(&mut random).map_err(|e| io::Error::other(format!("no random name: {e}")))?;
            let path = dir.join(format!("{SPOOL_PREFIX}{}.body", hex::encode(random)));
            let mut options = OpenOptions::new();
            options.read(true).write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            // FILE_FLAG_DELETE_ON_CLOSE: the system deletes it when the last handle closes.
            #[cfg(windows)]
            std::os::windows::fs::OpenOptionsExt::custom_flags(&mut options, 0x0400_0000);
            match options.open(&path) {
                Ok(file) => {
                    // Unix: no name from here on; a body never outlives listen on disk.
                    #[cfg(unix)]
                    std::fs::remove_file(&path)?;
                    return Ok(Self { file, path });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
            }
        }
        Err(io::Error::new(ErrorKind::AlreadyExists, format!("no free spool file name in {}", dir.display())))
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        // Unix removed the name at once and Windows deletes on close; this is for any other system.
        #[cfg(not(any(unix, windows)))]
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_body_stays_in_memory_up_to_the_limit_and_comes_back_whole_past_it() {
        let mut small = Body::default();
        small.push(&[7; SPOOL_ABOVE]).unwrap();
        assert!(!small.is_spooled());
        assert_eq!(small.into_bytes().unwrap(), vec![7; SPOOL_ABOVE]);

        let mut large = Body::default();
        large.push(&[1; SPOOL_ABOVE]).unwrap();
        large.push(&[2; 10]).unwrap();
        assert!(large.is_spooled());
        assert_eq!(large.len, SPOOL_ABOVE + 10);
        let path = large.spool.as_ref().unwrap().path.clone();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = &large.spool.as_ref().unwrap().file;
            assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
            assert!(!path.exists(), "the file has no name while the body arrives");
        }
        assert!(large.held.capacity() == 0, "what was held is freed once spooled");
        let bytes = large.into_bytes().unwrap();
        assert_eq!((bytes.len(), bytes[SPOOL_ABOVE - 1], bytes[SPOOL_ABOVE]), (SPOOL_ABOVE + 10, 1, 2));
        assert!(!path.exists(), "read back, the file is gone");

        let mut dropped = Body::default();
        dropped.push(&[0; SPOOL_ABOVE + 1]).unwrap();
        let path = dropped.spool.as_ref().unwrap().path.clone();
        drop(dropped);
        assert!(!path.exists(), "a request that ends early leaves no file");
    }

    #[test]
    fn a_spool_file_is_never_one_that_exists() {
        let dir = std::env::temp_dir().join(format!("webhook-echo-spool-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = Spool::create(&dir).unwrap();
        let second = Spool::create(&dir).unwrap();
        assert_ne!(first.path, second.path);
        drop((first, second));
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::remove_dir(&dir).unwrap();
    }
}
