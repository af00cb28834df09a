//! The story directory as one `.zip` file: browsers cannot write a folder, so the editor
//! exports the story's files as a zip and imports them back.
//!
//! Récit writes entries STORED (not compressed: story files are small text and the zip exists
//! to carry a folder), and reads them STORED or DEFLATED, as the zip tools of Windows, macOS
//! and Linux make them after a council member edits an unzipped export; inflating is
//! `miniz_oxide`'s (the inflater flate2 uses), which only the editor's app links. The reader
//! takes untrusted bytes: it checks every offset and size, refuses unsafe names, caps the
//! number of entries, their total size and how much each may inflate (checked while
//! inflating, whatever the archive declares), checks CRCs, and never panics.

use std::fmt;

/// The most entries [`read_zip`] accepts: a story has a few dozen files.
pub const MAX_ENTRIES: usize = 1000;

/// The most an entry may inflate per compressed byte. Story text deflates by a small factor; a
/// zip bomb, by hundreds to millions.
pub const MAX_RATIO: usize = 100;

/// Entries that inflate to no more than this are not held to [`MAX_RATIO`]: a short file of
/// repeated characters legitimately deflates further, and [`read_zip`]'s total bounds them.
pub const RATIO_FREE_BYTES: usize = 64 * 1024;

const METHOD_STORED: u16 = 0;
const METHOD_DEFLATED: u16 = 8;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const LOCAL_HEADER_LEN: usize = 30;
const CENTRAL_HEADER_LEN: usize = 46;
const END_LEN: usize = 22;
/// General purpose flag bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 1 << 11;
const FLAG_ENCRYPTED: u16 = 1;
/// 1980-01-01, the first day a DOS date can say: a fixed date makes the export of the same
/// story byte for byte the same file.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version 2.0: what readers need to read a stored entry with a directory name.
const VERSION: u16 = 20;
/// Made by Unix (3), so that unzip gives the files ordinary permissions (rw-r--r--).
const MADE_BY: u16 = (3 << 8) | VERSION;
const UNIX_FILE_ATTRIBUTES: u32 = 0o100_644 << 16;

/// What is wrong with an archive given to [`read_zip`], and how to get one that reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-archive record: not a zip at all, or cut short.
    NotAZip,
    /// A record points outside the file or does not start where it should.
    Damaged {
        /// What was found broken, in plain words.
        what: String,
    },
    /// An entry is compressed with a method other than deflate; `method` is its number.
    Compressed {
        /// The entry's name.
        name: String,
        /// The zip compression method number.
        method: u16,
    },
    /// An entry is encrypted.
    Encrypted {
        /// The entry's name.
        name: String,
    },
    /// An entry's name could escape the story folder or is not usable as a path.
    UnsafeName {
        /// The name as stored (lossily decoded).
        name: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// Two entries have the same name.
    DuplicateName {
        /// The repeated name.
        name: String,
    },
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries {
        /// How many the archive declares.
        count: usize,
        /// The most accepted.
        max: usize,
    },
    /// The files add up to more than allowed.
    TooLarge {
        /// Their total size in bytes, at least.
        total: u64,
        /// The most accepted, in bytes.
        max: usize,
    },
    /// An entry inflates more than [`MAX_RATIO`] times its compressed size, as zip bombs do.
    TooCompressed {
        /// The entry's name.
        name: String,
    },
    /// An entry's content does not match its checksum.
    BadChecksum {
        /// The entry's name.
        name: String,
    },
    /// A zip feature Récit does not read (split archives, ZIP64).
    Unsupported {
        /// The feature, in plain words.
        what: &'static str,
    },
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REEXPORT: &str = "re-export from Récit (Export the story as a .zip)";
        match self {
            ZipError::NotAZip => write!(f, "this file is not a zip archive, or it was cut short: choose the .zip exported by Récit, or {REEXPORT}"),
            ZipError::Damaged { what } => write!(f, "the zip archive is damaged ({what}): {REEXPORT}, or download it again"),
            ZipError::Compressed { name, method } => {
                write!(f, "`{name}` is compressed with method {method}, which Récit does not read: make the zip with the system's « Compress » or `zip -r story.zip story` (deflate), or {REEXPORT}")
            }
            ZipError::TooCompressed { name } => {
                write!(f, "`{name}` inflates to more than {MAX_RATIO} times its compressed size, as a zip bomb does, not a story file: zip the story folder again, or {REEXPORT}")
            }
            ZipError::Encrypted { name } => write!(f, "`{name}` is encrypted: make the zip without a password, or {REEXPORT}"),
            ZipError::UnsafeName { name, reason } => {
                write!(f, "the archive holds `{name}`, which {reason}: a story archive holds only paths inside the story folder, such as steps/archipel-vert.toml; {REEXPORT}")
            }
            ZipError::DuplicateName { name } => write!(f, "the archive holds `{name}` twice: keep one, or {REEXPORT}"),
            ZipError::TooManyEntries { count, max } => write!(f, "the archive holds {count} entries, more than the {max} a story may have: zip only the story folder"),
            ZipError::TooLarge { total, max } => write!(f, "the archive's files add up to {total} bytes, more than the {max} a story may have: zip only the story folder"),
            ZipError::BadChecksum { name } => write!(f, "`{name}` does not match its checksum, so the archive was damaged: {REEXPORT}, or download it again"),
            ZipError::Unsupported { what } => write!(f, "the archive uses {what}, which Récit does not read: {REEXPORT}"),
        }
    }
}

impl std::error::Error for ZipError {}

/// The CRC-32 (IEEE 802.3, as zip uses) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &b| CRC_TABLE[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8))
}

/// The byte-at-a-time table of the reflected polynomial 0xEDB88320, built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// A zip of `files` (path inside the archive, content), in the given order: STORED (no
/// compression), CRC-32, with a fixed DOS date (1980-01-01) so output is deterministic;
/// UTF-8 names (flag bit 11).
///
/// Names are written as given; [`read_zip`] refuses unsafe ones. The zip format without
/// ZIP64 caps an archive at 65,535 entries and 4 GiB, far beyond a story (and [`read_zip`]'s
/// own limits); beyond them the sizes would be wrong, so callers keep to story-sized input.
pub fn write_zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(files.iter().map(|(n, d)| LOCAL_HEADER_LEN + CENTRAL_HEADER_LEN + 2 * n.len() + d.len()).sum::<usize>() + END_LEN);
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        // Local header: what a streaming reader sees before the data.
        put32(&mut out, LOCAL_HEADER);
        for v in [VERSION, FLAG_UTF8, 0 /* stored */, 0 /* 00:00 */, DOS_DATE] {
            put16(&mut out, v);
        }
        for v in [crc, size, size] {
            put32(&mut out, v);
        }
        put16(&mut out, name_len);
        put16(&mut out, 0); // no extra field
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory record: the index readers trust.
        put32(&mut central, CENTRAL_HEADER);
        for v in [MADE_BY, VERSION, FLAG_UTF8, 0, 0, DOS_DATE] {
            put16(&mut central, v);
        }
        for v in [crc, size, size] {
            put32(&mut central, v);
        }
        for v in [name_len, 0 /* extra */, 0 /* comment */, 0 /* disk */, 0 /* internal attributes */] {
            put16(&mut central, v);
        }
        put32(&mut central, UNIX_FILE_ATTRIBUTES);
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, END_OF_CENTRAL_DIRECTORY);
    let count = files.len() as u16;
    for v in [0, 0, count, count] {
        put16(&mut out, v);
    }
    put32(&mut out, central.len() as u32);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // no comment
    out
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The files of a zip archive, as (path, content) in the archive's order, directories left
/// out.
///
/// Reads STORED and DEFLATED entries and refuses other methods with an error saying how to
/// make a zip that reads; refuses names with `..`, absolute paths and backslashes, more than
/// [`MAX_ENTRIES`] entries, files adding up to more than `max_total` bytes, and entries that
/// inflate more than [`MAX_RATIO`] times (both checked while inflating: the sizes an archive
/// declares are not trusted); checks every CRC. Never panics, whatever the bytes.
pub fn read_zip(bytes: &[u8], max_total: usize) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    let end = find_end(bytes).ok_or(ZipError::NotAZip)?;
    let at = Bytes(bytes);
    let (this_disk, directory_disk) = (at.u16(end + 4)?, at.u16(end + 6)?);
    let (on_this_disk, count) = (at.u16(end + 8)? as usize, at.u16(end + 10)? as usize);
    let (directory_size, directory_offset) = (at.u32(end + 12)? as usize, at.u32(end + 16)?);
    if this_disk != 0 || directory_disk != 0 || on_this_disk != count {
        return Err(ZipError::Unsupported { what: "an archive split over several files" });
    }
    if directory_offset == u32::MAX || count == 0xffff {
        return Err(ZipError::Unsupported { what: "ZIP64 (for huge archives)" });
    }
    if count > MAX_ENTRIES {
        return Err(ZipError::TooManyEntries { count, max: MAX_ENTRIES });
    }
    let directory_offset = directory_offset as usize;
    if directory_offset.checked_add(directory_size).is_none_or(|e| e > end) {
        return Err(damaged("the index points outside the file"));
    }

    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(count);
    let mut names = std::collections::HashSet::with_capacity(count);
    let mut total: u64 = 0;
    let mut record = directory_offset;
    for _ in 0..count {
        if at.u32(record)? != CENTRAL_HEADER {
            return Err(damaged("an index entry is missing"));
        }
        let flags = at.u16(record + 8)?;
        let method = at.u16(record + 10)?;
        let crc = at.u32(record + 16)?;
        let (packed, size) = (at.u32(record + 20)?, at.u32(record + 24)?);
        let name_len = at.u16(record + 28)? as usize;
        let skip = at.u16(record + 30)? as usize + at.u16(record + 32)? as usize;
        let local = at.u32(record + 42)? as usize;
        let raw_name = at.slice(record + CENTRAL_HEADER_LEN, name_len)?;
        record += CENTRAL_HEADER_LEN + name_len + skip;

        let name = entry_name(raw_name, flags)?;
        if flags & FLAG_ENCRYPTED != 0 {
            return Err(ZipError::Encrypted { name });
        }
        if packed == u32::MAX || size == u32::MAX || local == u32::MAX as usize {
            return Err(ZipError::Unsupported { what: "ZIP64 (for huge archives)" });
        }
        // Folders are implied by their files' paths; tools that zip a folder add them.
        if name.ends_with('/') {
            if size == 0 {
                continue;
            }
            return Err(damaged(&format!("the folder `{name}` has content")));
        }
        if method != METHOD_STORED && method != METHOD_DEFLATED {
            return Err(ZipError::Compressed { name, method });
        }
        if method == METHOD_STORED && packed != size {
            return Err(damaged(&format!("`{name}` is stored with two different sizes")));
        }
        total += size as u64;
        if total > max_total as u64 {
            return Err(ZipError::TooLarge { total, max: max_total });
        }
        if !names.insert(name.clone()) {
            return Err(ZipError::DuplicateName { name });
        }
        // The local header repeats the name and may carry its own extra field: the data
        // starts after both.
        if at.u32(local)? != LOCAL_HEADER {
            return Err(damaged(&format!("the entry of `{name}` is not where the index says")));
        }
        let local_skip = at.u16(local + 26)? as usize + at.u16(local + 28)? as usize;
        let data = at.slice(local + LOCAL_HEADER_LEN + local_skip, packed as usize)?;
        let content = if method == METHOD_STORED { data.to_vec() } else { inflate(&name, data, size as usize)? };
        if crc32(&content) != crc {
            return Err(ZipError::BadChecksum { name });
        }
        files.push((name, content));
    }
    Ok(files)
}

/// The `size` bytes that `data` deflates to. Inflating stops as soon as the output would pass
/// `size` (already counted in the archive's total) or [`MAX_RATIO`] times `data`'s length
/// beyond [`RATIO_FREE_BYTES`]: a lying header cannot make it allocate more.
fn inflate(name: &str, data: &[u8], size: usize) -> Result<Vec<u8>, ZipError> {
    let ratio_limit = data.len().saturating_mul(MAX_RATIO).max(RATIO_FREE_BYTES);
    if size > ratio_limit {
        return Err(ZipError::TooCompressed { name: name.to_string() });
    }
    match miniz_oxide::inflate::decompress_to_vec_with_limit(data, size) {
        Ok(content) if content.len() == size => Ok(content),
        Ok(_) => Err(damaged(&format!("`{name}` inflates to another size than the index says"))),
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Err(damaged(&format!("`{name}` inflates to more than the index says"))),
        Err(_) => Err(damaged(&format!("`{name}` does not inflate (its compressed data is broken)"))),
    }
}

/// The offset of the end-of-central-directory record, searched from the end: it is last,
/// followed only by a comment of at most 65,535 bytes.
fn find_end(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_LEN)?;
    let first = last.saturating_sub(u16::MAX as usize);
    (first..=last).rev().find(|&i| bytes[i..i + 4] == END_OF_CENTRAL_DIRECTORY.to_le_bytes() && i + END_LEN + u16::from_le_bytes([bytes[i + 20], bytes[i + 21]]) as usize <= bytes.len())
}

/// Decodes and checks an entry's name: a relative path inside the story folder.
fn entry_name(raw: &[u8], flags: u16) -> Result<String, ZipError> {
    let unsafe_name = |reason| ZipError::UnsafeName { name: String::from_utf8_lossy(raw).into_owned(), reason };
    // Without the UTF-8 flag a name is in the old DOS code page, which agrees with UTF-8 on
    // ASCII only; most tools now set the flag or write ASCII.
    let name = match std::str::from_utf8(raw) {
        Ok(name) if flags & FLAG_UTF8 != 0 || name.is_ascii() => name,
        _ => return Err(unsafe_name("is not written in UTF-8")),
    };
    if name.is_empty() {
        return Err(unsafe_name("is empty"));
    }
    if name.contains('\\') {
        return Err(unsafe_name("contains a backslash"));
    }
    if name.starts_with('/') || name.as_bytes().get(1) == Some(&b':') {
        return Err(unsafe_name("is an absolute path"));
    }
    if name.split('/').any(|part| part == "..") {
        return Err(unsafe_name("goes up out of the folder with `..`"));
    }
    if name.chars().any(char::is_control) {
        return Err(unsafe_name("contains a control character"));
    }
    Ok(name.to_string())
}

fn damaged(what: &str) -> ZipError {
    ZipError::Damaged { what: what.to_string() }
}

/// Bounds-checked little-endian reads: every offset in an archive comes from the archive.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn slice(&self, at: usize, len: usize) -> Result<&'a [u8], ZipError> {
        at.checked_add(len).and_then(|end| self.0.get(at..end)).ok_or_else(|| damaged("a record runs past the end of the file"))
    }

    fn u16(&self, at: usize) -> Result<u16, ZipError> {
        let b = self.slice(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, at: usize) -> Result<u32, ZipError> {
        let b = self.slice(at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::PathBuf;
    use std::process::Command;

    const MAX: usize = 1 << 20;

    fn story_files() -> Vec<(String, Vec<u8>)> {
        vec![
            ("story.toml".into(), "title.fr = \"De l'Archipel noir à l'Archipel vert\"\n".into()),
            ("glossary.toml".into(), Vec::new()),
            ("steps/archipel-noir.toml".into(), "id = \"archipel-noir\"\n".into()),
            ("steps/réunion.toml".into(), vec![0, 1, 2, 255]),
            ("data/territory.toml".into(), "x".repeat(5000).into()),
        ]
    }

    #[test]
    fn crc32_of_known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn what_is_written_reads_back_and_is_deterministic() {
        let files = story_files();
        let zip = write_zip(&files);
        assert_eq!(read_zip(&zip, MAX), Ok(files.clone()));
        assert_eq!(zip, write_zip(&files));
        assert_eq!(read_zip(&write_zip(&[]), MAX), Ok(vec![]));
    }

    #[test]
    fn limits() {
        let files = story_files();
        let zip = write_zip(&files);
        assert!(matches!(read_zip(&zip, 5000), Err(ZipError::TooLarge { max: 5000, .. })));
        let many: Vec<_> = (0..=MAX_ENTRIES).map(|i| (format!("{i}.toml"), vec![])).collect();
        assert_eq!(read_zip(&write_zip(&many), MAX), Err(ZipError::TooManyEntries { count: 1001, max: 1000 }));
    }

    #[test]
    fn unsafe_names_are_refused() {
        for (name, reason) in
            [("../story.toml", "goes up"), ("steps/../../x", "goes up"), ("/etc/passwd", "absolute"), ("C:/x.toml", "absolute"), ("steps\\a.toml", "backslash"), ("", "empty"), ("a\nb", "control")]
        {
            let err = read_zip(&write_zip(&[(name.into(), b"x".to_vec())]), MAX).unwrap_err();
            assert!(matches!(err, ZipError::UnsafeName { .. }), "{name}: {err:?}");
            assert!(err.to_string().contains(reason), "{name}: {err}");
        }
        let twice = write_zip(&[("a".into(), vec![]), ("a".into(), vec![])]);
        assert_eq!(read_zip(&twice, MAX), Err(ZipError::DuplicateName { name: "a".into() }));
    }

    #[test]
    fn damage_is_found() {
        let zip = write_zip(&story_files());
        let mut flipped = zip.clone();
        let at = zip.windows(5).position(|w| w == b"title").unwrap();
        flipped[at] ^= 1;
        assert_eq!(read_zip(&flipped, MAX), Err(ZipError::BadChecksum { name: "story.toml".into() }));
        assert_eq!(read_zip(&zip[..zip.len() - 1], MAX), Err(ZipError::NotAZip));
        assert_eq!(read_zip(b"not a zip", MAX), Err(ZipError::NotAZip));
        let cut = &zip[100..];
        assert!(matches!(read_zip(cut, MAX), Err(ZipError::Damaged { .. })), "{:?}", read_zip(cut, MAX));
    }

    #[test]
    fn other_compressions_are_refused_with_a_way_out() {
        let mut zip = write_zip(&[("story.toml".into(), b"x".to_vec())]);
        let central = zip.windows(4).position(|w| w == CENTRAL_HEADER.to_le_bytes()).unwrap();
        zip[central + 10] = 12; // bzip2
        let err = read_zip(&zip, MAX).unwrap_err();
        assert_eq!(err, ZipError::Compressed { name: "story.toml".into(), method: 12 });
        assert!(err.to_string().contains("zip -r story.zip story") && err.to_string().contains("re-export from Récit"), "{err}");
    }

    #[test]
    fn folder_entries_are_skipped() {
        let files = vec![("steps/".to_string(), vec![]), ("steps/a.toml".to_string(), b"a".to_vec())];
        assert_eq!(read_zip(&write_zip(&files), MAX), Ok(files[1..].to_vec()));
    }

    /// Runs a tool the tests need; a missing tool fails the test, saying how to get it
    /// (`scripts/setup.sh` installs both), rather than passing without testing anything.
    fn run(tool: &str, args: &[&str], dir: &std::path::Path) {
        let status = Command::new(tool).args(args).current_dir(dir).status().unwrap_or_else(|e| panic!("cannot run `{tool}` ({e}): run scripts/setup.sh, which installs python3 and zip"));
        assert!(status.success(), "{tool} {args:?}: {status}");
    }

    /// A fresh folder for one test, removed on drop.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let dir = std::env::temp_dir().join(format!("recit-zip-{}-{name}", std::process::id()));
            std::fs::remove_dir_all(&dir).ok();
            std::fs::create_dir_all(&dir).unwrap();
            Folder(dir)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }

    #[test]
    fn python_reads_what_is_written() {
        let dir = Folder::new("written");
        std::fs::write(dir.0.join("story.zip"), write_zip(&story_files())).unwrap();
        let check = "import zipfile; z=zipfile.ZipFile('story.zip'); assert z.testzip() is None; assert len(z.namelist()) == 5";
        run("python3", &["-c", check], &dir.0);
    }

    type Files = Vec<(String, Vec<u8>)>;

    /// Has Python's zipfile zip the sample files with `compression`, and reads the result.
    fn written_by_python(compression: &str) -> Result<Files, ZipError> {
        let dir = Folder::new(compression);
        let script = format!(
            "import zipfile\n\
             with zipfile.ZipFile('story.zip', 'w', zipfile.{compression}) as z:\n\
             \x20   z.writestr('steps/', '')\n\
             \x20   z.writestr('story.toml', 'title.fr = \"Récit\"\\n' * 200)\n\
             \x20   z.writestr('steps/réunion.toml', 'x' * 3000)\n\
             \x20   z.comment = b'made by Python'\n"
        );
        run("python3", &["-c", &script], &dir.0);
        read_zip(&std::fs::read(dir.0.join("story.zip")).unwrap(), MAX)
    }

    fn python_sample() -> Files {
        vec![("story.toml".to_string(), "title.fr = \"Récit\"\n".repeat(200).into_bytes()), ("steps/réunion.toml".to_string(), vec![b'x'; 3000])]
    }

    #[test]
    fn reads_what_python_writes_stored() {
        assert_eq!(written_by_python("ZIP_STORED"), Ok(python_sample()));
    }

    #[test]
    fn reads_what_python_writes_deflated() {
        assert_eq!(written_by_python("ZIP_DEFLATED"), Ok(python_sample()));
    }

    /// Info-ZIP's `zip -r`, as Linux and scripts zip a folder, deflated (its default) and
    /// stored (`-0`): it adds folder entries and extra fields (timestamps, owners) that the
    /// reader skips.
    fn written_by_zip(options: &[&str]) -> Files {
        let dir = Folder::new(&format!("zip{}", options.concat()));
        std::fs::create_dir_all(dir.0.join("story/steps")).unwrap();
        std::fs::write(dir.0.join("story/story.toml"), "title.fr = \"Récit\"\n".repeat(100)).unwrap();
        std::fs::write(dir.0.join("story/steps/a.toml"), "id = \"a\"\n").unwrap();
        run("zip", &[options, &["-r", "-q", "story.zip", "story"]].concat(), &dir.0);
        let mut files = read_zip(&std::fs::read(dir.0.join("story.zip")).unwrap(), MAX).unwrap();
        files.sort();
        files
    }

    #[test]
    fn reads_what_zip_writes_deflated_and_stored() {
        let expected = vec![("story/steps/a.toml".to_string(), b"id = \"a\"\n".to_vec()), ("story/story.toml".to_string(), "title.fr = \"Récit\"\n".repeat(100).into_bytes())];
        assert_eq!(written_by_zip(&[]), expected);
        assert_eq!(written_by_zip(&["-0"]), expected);
    }

    /// An archive of one deflated entry made by Python: `size` zero bytes.
    fn zeros_deflated(size: usize) -> Vec<u8> {
        let dir = Folder::new(&format!("zeros{size}"));
        let script = format!("import zipfile\nwith zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED) as z:\n    z.writestr('story.toml', bytes({size}))\n");
        run("python3", &["-c", &script], &dir.0);
        std::fs::read(dir.0.join("bomb.zip")).unwrap()
    }

    #[test]
    fn zip_bombs_are_refused() {
        // Over the ratio: 1 MB of zeros deflates a thousand times.
        let bomb = zeros_deflated(1 << 20);
        let err = read_zip(&bomb, 8 << 20).unwrap_err();
        assert_eq!(err, ZipError::TooCompressed { name: "story.toml".into() });
        assert!(err.to_string().contains("zip bomb"), "{err}");
        // Under the ratio-free size, the same zeros read.
        assert_eq!(read_zip(&zeros_deflated(RATIO_FREE_BYTES), MAX), Ok(vec![("story.toml".into(), vec![0; RATIO_FREE_BYTES])]));
        // Over the total, whatever the ratio.
        assert!(matches!(read_zip(&zeros_deflated(RATIO_FREE_BYTES), 1000), Err(ZipError::TooLarge { max: 1000, .. })));
    }

    #[test]
    fn a_lying_size_stops_inflating_at_what_it_says() {
        let mut zip = zeros_deflated(RATIO_FREE_BYTES);
        // The index says 100 bytes; the data inflates to 64 KB: inflating stops at 100.
        let central = zip.windows(4).position(|w| w == CENTRAL_HEADER.to_le_bytes()).unwrap();
        zip[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
        let err = read_zip(&zip, MAX).unwrap_err();
        assert!(matches!(&err, ZipError::Damaged { what } if what.contains("inflates to more than the index says")), "{err:?}");
        // Says more than it holds.
        let mut zip = zeros_deflated(1000);
        let central = zip.windows(4).position(|w| w == CENTRAL_HEADER.to_le_bytes()).unwrap();
        zip[central + 24..central + 28].copy_from_slice(&2000u32.to_le_bytes());
        let err = read_zip(&zip, MAX).unwrap_err();
        assert!(matches!(&err, ZipError::Damaged { what } if what.contains("another size")), "{err:?}");
        // Broken deflate data.
        let mut broken = zeros_deflated(1000);
        let data = broken.windows(10).position(|w| w == b"story.toml").unwrap() + 10;
        broken[data] = 0xff;
        broken[data + 1] = 0xff;
        assert!(matches!(read_zip(&broken, MAX), Err(ZipError::Damaged { .. } | ZipError::BadChecksum { .. })), "{:?}", read_zip(&broken, MAX));
    }

    proptest! {
        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_zip(&bytes, MAX);
        }

        /// Random bytes seldom hold an end record; these do, with small counts and offsets
        /// into the bytes, so that the index and entry checks run on garbage.
        #[test]
        fn any_end_record_never_panics(body in proptest::collection::vec(any::<u8>(), 0..300), count in 0..4u16,
                                       size in any::<prop::sample::Index>(), offset in any::<prop::sample::Index>()) {
            let mut bytes = body.clone();
            bytes.extend_from_slice(&END_OF_CENTRAL_DIRECTORY.to_le_bytes());
            for v in [0, 0, count, count] {
                put16(&mut bytes, v);
            }
            put32(&mut bytes, size.index(body.len() + 1) as u32);
            put32(&mut bytes, offset.index(body.len() + 1) as u32);
            put16(&mut bytes, 0);
            let _ = read_zip(&bytes, MAX);
        }

        #[test]
        fn damaged_zips_never_panic(files in proptest::collection::vec(("[a-z]{1,8}(/[a-z]{1,8})?", proptest::collection::vec(any::<u8>(), 0..50)), 0..5),
                                    cut in any::<prop::sample::Index>(),
                                    flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
            let zip = write_zip(&files);
            let _ = read_zip(&zip[..cut.index(zip.len() + 1)], MAX);
            let mut flipped = zip.clone();
            for (at, mask) in flips {
                let i = at.index(flipped.len());
                flipped[i] ^= mask;
            }
            let _ = read_zip(&flipped, MAX);
        }

        #[test]
        fn written_files_read_back(files in proptest::collection::btree_map("[a-zà-ÿ0-9._-]{1,12}(/[a-z0-9]{1,8}){0,2}", proptest::collection::vec(any::<u8>(), 0..100), 0..8)) {
            let files: Vec<(String, Vec<u8>)> = files.into_iter().filter(|(n, _)| !n.split('/').any(|p| p == "..")).collect();
            prop_assert_eq!(read_zip(&write_zip(&files), MAX), Ok(files));
        }
    }
}
