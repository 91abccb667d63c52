//! Files and folders only their owner reads (finding 9: the database, backups and the outbox were
//! world-readable): folders made 0700, files 0600. Folders that exist already are left as they are
//! (`--data-dir /srv` must not change `/srv`); files Passerelle owns are tightened when opened.

use std::fs::File;
use std::io;
use std::path::Path;

/// Creates `dir` and its missing parents, each 0700.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates (or truncates) `path` for writing, 0600.
pub fn private_file(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Makes an existing file 0600 (one written by a library, or by an older version).
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes sure the SQLite file `path` exists and is 0600 before SQLite opens it: SQLite gives its
/// `-wal` and `-shm` files the permissions of the database file.
pub(crate) fn private_sqlite_file(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir(dir)?;
    }
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let file = std::path::PathBuf::from(file);
        if file.exists() {
            make_private(&file)?;
        }
    }
    Ok(())
}

/// The file of a `sqlite:` URL (`sqlite:PATH`, `sqlite://PATH`, options after `?`), unless in memory.
pub(crate) fn sqlite_url_path(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let (path, options) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || options.contains("mode=memory") {
        return None;
    }
    Some(Path::new(path))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            super::sqlite_url_path("sqlite:./data/passerelle.db?mode=rwc"),
            Some(Path::new("./data/passerelle.db"))
        );
        assert_eq!(
            super::sqlite_url_path("sqlite:///tmp/p.sqlite"),
            Some(Path::new("/tmp/p.sqlite"))
        );
        assert_eq!(super::sqlite_url_path("sqlite::memory:"), None);
        assert_eq!(super::sqlite_url_path("sqlite:x.db?mode=memory"), None);
        assert_eq!(super::sqlite_url_path("postgres://h/db"), None);
    }
}
