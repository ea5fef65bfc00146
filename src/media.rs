//! Media files an exhibit names (images now; audio with the animation scenes): where they
//! may live and whether they can be read.

use std::path::{Component, Path, PathBuf};

/// What is wrong with a media reference, with a hint for the designer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// `..` or an absolute path: exhibits may only use their own folder.
    #[error("`{0}` points outside the exhibit folder")]
    OutsideFolder(String),
    /// The file is not there.
    #[error("missing file `{0}`")]
    Missing(String),
    /// The image is larger than the kiosk takes.
    #[error("`{path}` is {width}×{height} pixels, larger than {MAX_IMAGE_SIDE} on a side")]
    TooLarge {
        /// The path as written.
        path: String,
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// The file is there but is not an image this kiosk can show.
    #[error("`{path}` is not a PNG or JPEG image this kiosk can read ({reason})")]
    Unreadable {
        /// The path as written.
        path: String,
        /// What the decoder said.
        reason: String,
    },
}

impl MediaError {
    /// What the designer can do about it.
    pub fn hint(&self) -> String {
        match self {
            MediaError::OutsideFolder(_) => {
                "copy the file into the exhibit folder and name it relative to it, e.g. `images/photo.png`".into()
            }
            MediaError::Missing(_) => {
                "paths are relative to the exhibit folder and case-sensitive; check the spelling".into()
            }
            MediaError::TooLarge { .. } => "scale it down: 1920 pixels wide is plenty for a full screen".into(),
            MediaError::Unreadable { .. } => "save it again as PNG or JPEG (sRGB)".into(),
        }
    }
}

/// The full path of `rel` inside exhibit folder `dir`, refusing anything that leaves it.
pub fn resolve(dir: &Path, rel: &str) -> Result<PathBuf, MediaError> {
    let p = Path::new(rel);
    let escapes = p.is_absolute()
        || rel.trim().is_empty()
        || p.components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return Err(MediaError::OutsideFolder(rel.to_owned()));
    }
    Ok(dir.join(p))
}

/// Largest side of an image, in pixels: larger ones cost the kiosk memory for nothing and
/// exceed what small GPUs take as one texture.
pub const MAX_IMAGE_SIDE: u32 = 4096;

/// The file of `rel` inside `dir`, which must exist.
fn existing(dir: &Path, rel: &str) -> Result<PathBuf, MediaError> {
    let path = resolve(dir, rel)?;
    if path.is_file() {
        Ok(path)
    } else {
        Err(MediaError::Missing(rel.to_owned()))
    }
}

/// Checks that image `rel` exists inside `dir`, is not too large and decodes whole (a
/// truncated file fails here, not in front of a visitor); returns its size in pixels.
pub fn check_image(dir: &Path, rel: &str) -> Result<(u32, u32), MediaError> {
    let path = existing(dir, rel)?;
    let unreadable = |e: image::ImageError| MediaError::Unreadable {
        path: rel.to_owned(),
        reason: e.to_string(),
    };
    let (w, h) = image::image_dimensions(&path).map_err(unreadable)?;
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE {
        return Err(MediaError::TooLarge {
            path: rel.to_owned(),
            width: w,
            height: h,
        });
    }
    image::open(&path).map_err(unreadable)?;
    Ok((w, h))
}

/// Reads image `rel` from exhibit folder `dir` as 8-bit RGBA: (width, height, pixels).
pub fn load_rgba(dir: &Path, rel: &str) -> Result<(u32, u32, Vec<u8>), MediaError> {
    let path = existing(dir, rel)?;
    let img = image::open(&path).map_err(|e| MediaError::Unreadable {
        path: rel.to_owned(),
        reason: e.to_string(),
    })?;
    let rgba = img.to_rgba8();
    Ok((rgba.width(), rgba.height(), rgba.into_raw()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = Path::new("/x/exhibit");
        assert!(matches!(
            resolve(dir, "../../etc/passwd"),
            Err(MediaError::OutsideFolder(_))
        ));
        assert!(matches!(
            resolve(dir, "/etc/passwd"),
            Err(MediaError::OutsideFolder(_))
        ));
        assert_eq!(
            resolve(dir, "img/a.png").unwrap(),
            Path::new("/x/exhibit/img/a.png")
        );
    }

    #[test]
    fn missing_and_unreadable_images_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.png"), b"not a png").unwrap();
        assert_eq!(
            check_image(dir.path(), "nope.png"),
            Err(MediaError::Missing("nope.png".into()))
        );
        assert!(matches!(
            check_image(dir.path(), "bad.png"),
            Err(MediaError::Unreadable { .. })
        ));
    }
}
