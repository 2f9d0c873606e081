//! Files only the service's own user may read (review N1): the data folder (0700), the SQLite database with
//! its WAL and shared-memory files, and the signing secret (0600). Folders and files made before this existed
//! are tightened at start-up.
use std::path::Path;

/// Creates `dir` (and its parents) if needed and makes it owner-only.
pub fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    restrict(dir, 0o700)
}

/// Creates `file` empty if missing, owner-only either way (SQLite then gives its `-wal` and `-shm` files the
/// database file's mode).
pub fn ensure_file(file: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?;
    restrict(file, 0o600)
}

/// Makes an existing file owner-only; a missing one is fine.
pub fn restrict_if_present(file: &Path) -> std::io::Result<()> {
    match restrict(file, 0o600) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Writes `contents` to a new owner-only file (replacing any).
pub fn write(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())?;
    restrict(path, 0o600)
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}
