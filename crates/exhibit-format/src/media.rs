//! Media files an exhibit names (images, narration audio): where they may live and
//! whether they can be read.

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
    /// The file is there but is not audio this kiosk can play.
    #[error("`{path}` is not Ogg Vorbis or WAV audio this kiosk can play ({reason})")]
    BadAudio {
        /// The path as written.
        path: String,
        /// What the decoder said.
        reason: String,
    },
    /// The file is there but is not a font the kiosk can draw with.
    #[error("`{path}` is not a TrueType or OpenType font ({reason})")]
    BadFont {
        /// The path as written.
        path: String,
        /// What the font parser said.
        reason: String,
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
            MediaError::BadFont { .. } => {
                "use the font's .ttf or .otf file (a font collection .ttc, a web font or a zip will not do)".into()
            }
            MediaError::BadAudio { .. } => {
                "export it again as Ogg Vorbis (.ogg, smallest) or WAV (.wav)".into()
            }
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
    let path = dir.join(p);
    // A symbolic link (rsync and Syncthing copy them) may point anywhere: where the file
    // really is must be inside the folder too.
    if let (Ok(real), Ok(root)) = (path.canonicalize(), dir.canonicalize())
        && !real.starts_with(&root)
    {
        return Err(MediaError::OutsideFolder(rel.to_owned()));
    }
    Ok(path)
}

/// Largest text file a person writes for the kiosk (an exhibit, a kiosk config) that is
/// read: far above any real one, far below what would fill the kiosk's memory.
pub const MAX_TEXT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads the text file at `path`, checking first, without opening it, that it is a
/// regular file: a pipe would hang the reader, a device such as `/dev/zero` would fill
/// memory. With `inside`, the file (after following links) must also lie in that folder,
/// so a link cannot make the kiosk read, or the validator print, a file from elsewhere.
/// At most [`MAX_TEXT_FILE_BYTES`] are read.
pub fn read_text_file(path: &Path, inside: Option<&Path>) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file (a folder, pipe or device)",
        ));
    }
    if let Some(folder) = inside {
        let real = std::fs::canonicalize(path)?;
        let folder = std::fs::canonicalize(folder)?;
        if !real.starts_with(&folder) {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!("it is a link to {}, outside its folder", real.display()),
            ));
        }
    }
    if meta.len() > MAX_TEXT_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "it is {} bytes, more than the {MAX_TEXT_FILE_BYTES} a file of the kiosk may have",
                meta.len()
            ),
        ));
    }
    let mut text = String::new();
    // The size is checked again while reading: the file may grow after the look.
    std::fs::File::open(path)?
        .take(MAX_TEXT_FILE_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_TEXT_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("it grew past {MAX_TEXT_FILE_BYTES} bytes while being read"),
        ));
    }
    Ok(text)
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

/// Checks that audio file `rel` exists inside `dir` and is Ogg Vorbis or WAV the kiosk
/// can play (told apart by their first bytes, not the name); returns its length in
/// seconds.
pub fn check_audio(dir: &Path, rel: &str) -> Result<f64, MediaError> {
    let path = existing(dir, rel)?;
    let bad = |reason: String| MediaError::BadAudio {
        path: rel.to_owned(),
        reason,
    };
    let bytes = std::fs::read(&path).map_err(|e| bad(e.to_string()))?;
    if bytes.starts_with(b"OggS") {
        // The Vorbis headers say it is audio the kiosk can decode; the granule position of
        // the last page says how many samples it holds (what players show as its length),
        // without decoding it all: kiosks load content at start and on every update.
        let ogg = lewton::inside_ogg::OggStreamReader::new(std::io::Cursor::new(&bytes))
            .map_err(|e| bad(e.to_string()))?;
        let rate = f64::from(ogg.ident_hdr.audio_sample_rate.max(1));
        let last = last_ogg_granule(&bytes).ok_or_else(|| bad("no audio pages".into()))?;
        Ok(last as f64 / rate)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WAVE") {
        let mut wav =
            hound::WavReader::new(std::io::Cursor::new(&bytes)).map_err(|e| bad(e.to_string()))?;
        let spec = wav.spec();
        let frames = f64::from(wav.duration());
        // Decode every sample: a file cut short fails here, not in front of a visitor.
        let broken = match spec.sample_format {
            hound::SampleFormat::Int => wav.samples::<i32>().find_map(Result::err),
            hound::SampleFormat::Float => wav.samples::<f32>().find_map(Result::err),
        };
        if let Some(e) = broken {
            return Err(bad(e.to_string()));
        }
        Ok(frames / f64::from(spec.sample_rate.max(1)))
    } else {
        Err(bad("neither an Ogg nor a WAV file".into()))
    }
}

/// The granule position (samples per channel so far) of the last whole Ogg page in
/// `bytes`: a page starts with `OggS`, version 0, and holds the position at bytes 6..14.
fn last_ogg_granule(bytes: &[u8]) -> Option<u64> {
    let mut at = bytes.len().checked_sub(27)?;
    loop {
        if bytes[at..].starts_with(b"OggS") && bytes[at + 4] == 0 {
            let granule = u64::from_le_bytes(bytes[at + 6..at + 14].try_into().ok()?);
            // -1 marks a page on which no packet ends; look further back.
            if granule != u64::MAX {
                return Some(granule);
            }
        }
        at = at.checked_sub(1)?;
    }
}

/// Largest side of a picture as the kiosk draws it: wgpu's guaranteed texture size, and
/// the limit of Mesa's software renderer, where a larger texture ends the program. The
/// 1920 × 1080 design never shows a picture larger than this.
pub const MAX_TEXTURE_SIDE: u32 = 2048;

/// Reads image `rel` from exhibit folder `dir` as 8-bit RGBA: (width, height, pixels),
/// scaled down (keeping its proportions) when a side is over `max_side`.
pub fn load_rgba(dir: &Path, rel: &str, max_side: u32) -> Result<(u32, u32, Vec<u8>), MediaError> {
    let path = existing(dir, rel)?;
    let mut img = image::open(&path).map_err(|e| MediaError::Unreadable {
        path: rel.to_owned(),
        reason: e.to_string(),
    })?;
    if img.width() > max_side || img.height() > max_side {
        img = img.resize(max_side, max_side, image::imageops::FilterType::Triangle);
    }
    let rgba = img.to_rgba8();
    Ok((rgba.width(), rgba.height(), rgba.into_raw()))
}

/// Reads the font file `rel` in folder `dir` (a language's script the kiosk's own fonts
/// lack), checking that it is a font egui can draw with.
pub fn load_font(dir: &Path, rel: &str) -> Result<Vec<u8>, MediaError> {
    let path = resolve(dir, rel)?;
    let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => MediaError::Missing(rel.to_owned()),
        _ => MediaError::BadFont {
            path: rel.to_owned(),
            reason: e.to_string(),
        },
    })?;
    skrifa::FontRef::new(&bytes).map_err(|e| MediaError::BadFont {
        path: rel.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn text_files_must_be_regular_files_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("ex");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("ok.ron"), "()").unwrap();
        assert_eq!(
            read_text_file(&folder.join("ok.ron"), Some(&folder)).unwrap(),
            "()"
        );
        // A pipe is refused without being opened (opening it would wait for a writer).
        let fifo = folder.join("pipe.ron");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = read_text_file(&fifo, Some(&folder)).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        // A device is not a file either.
        let e = read_text_file(Path::new("/dev/zero"), None).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        // A link out of the folder is not followed.
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), folder.join("link.ron")).unwrap();
        let e = read_text_file(&folder.join("link.ron"), Some(&folder)).unwrap_err();
        assert!(e.to_string().contains("outside its folder"), "{e}");
        // A missing file is still told as missing.
        let e = read_text_file(&folder.join("nope.ron"), Some(&folder)).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn pictures_larger_than_a_texture_are_scaled_down_keeping_their_shape() {
        let dir = tempfile::tempdir().unwrap();
        image::RgbaImage::from_pixel(3000, 1500, image::Rgba([10, 20, 30, 255]))
            .save(dir.path().join("wide.png"))
            .unwrap();
        let (w, h, pixels) = load_rgba(dir.path(), "wide.png", MAX_TEXTURE_SIDE).unwrap();
        assert_eq!((w, h), (2048, 1024));
        assert_eq!(pixels.len(), 2048 * 1024 * 4);
        assert_eq!(&pixels[..4], &[10, 20, 30, 255]);
        // Smaller ones are left as they are.
        image::RgbaImage::new(640, 480)
            .save(dir.path().join("small.png"))
            .unwrap();
        let (w, h, _) = load_rgba(dir.path(), "small.png", MAX_TEXTURE_SIDE).unwrap();
        assert_eq!((w, h), (640, 480));
    }

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
    fn audio_length_is_read_from_the_file_and_broken_audio_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 8000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(dir.path().join("a.wav"), spec).unwrap();
        for _ in 0..(8000 * 2 * 3 / 2) {
            w.write_sample(0i16).unwrap();
        }
        w.finalize().unwrap();
        let len = check_audio(dir.path(), "a.wav").unwrap();
        assert!((len - 1.5).abs() < 1e-9, "{len}");
        // A real Vorbis file: 5.31 s of speech.
        std::fs::copy(
            "tests/fixtures/animation/rain/narration/en.ogg",
            dir.path().join("speech.ogg"),
        )
        .unwrap();
        let len = check_audio(dir.path(), "speech.ogg").unwrap();
        assert!((len - 5.3103).abs() < 1e-3, "{len}");
        std::fs::write(dir.path().join("b.ogg"), b"OggS not really").unwrap();
        assert!(matches!(
            check_audio(dir.path(), "b.ogg"),
            Err(MediaError::BadAudio { .. })
        ));
        assert_eq!(
            check_audio(dir.path(), "c.ogg"),
            Err(MediaError::Missing("c.ogg".into()))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ex = dir.path().join("ex");
        std::fs::create_dir_all(&ex).unwrap();
        std::fs::write(dir.path().join("secret.png"), b"x").unwrap();
        std::fs::write(ex.join("own.png"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.png"), ex.join("link.png")).unwrap();
        std::os::unix::fs::symlink(ex.join("own.png"), ex.join("inside.png")).unwrap();
        assert!(matches!(
            resolve(&ex, "link.png"),
            Err(MediaError::OutsideFolder(_))
        ));
        assert!(
            resolve(&ex, "inside.png").is_ok(),
            "a link within the folder is fine"
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
