//! Reading an input file with a size limit that holds for pipes and devices too: the bytes read are
//! counted, not the size the file declares (`/dev/zero` and `<(yes)` declare none), so a wrong file
//! stops at the limit instead of exhausting memory.

use std::io::Read;
use std::path::Path;

/// The whole of `path`, or an error in French and English once more than `limit` bytes came.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let fail = |e: std::io::Error| {
        format!(
            "lecture impossible de {0} : {e} / cannot read {0}: {e}",
            path.display()
        )
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(fail)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

/// The message for an input over `limit` bytes.
pub fn too_large(path: &Path, limit: u64) -> String {
    format!(
        "{0} dépasse {1} Mio : lecture arrêtée / {0} exceeds {1} MiB: reading stopped",
        path.display(),
        limit >> 20
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_device_without_end_stops_at_the_limit() {
        let e = super::read_bounded(std::path::Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(
            e.contains("dépasse 1 Mio") && e.contains("exceeds 1 MiB"),
            "{e}"
        );
        let small = super::read_bounded(std::path::Path::new("/dev/null"), 10).unwrap();
        assert!(small.is_empty());
    }
}
