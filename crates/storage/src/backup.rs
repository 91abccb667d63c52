//! Backup (filled in below).

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    pub path: std::path::PathBuf,
    pub tables: usize,
    pub rows: usize,
}
