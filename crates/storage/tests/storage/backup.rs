//! Backup tests (below).
