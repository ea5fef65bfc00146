//! Exhibit images as egui textures, decoded once on first use and kept until the content
//! changes. A missing or broken image is logged once and drawn as its text description; a
//! picture larger than a texture may be is scaled down as it is decoded.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::egui;

use crate::kiosk_app::core::content::Content;
use exhibit_format::media;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ImageCache>()
        .add_systems(Update, drop_on_content_change);
}

/// Decoded images by file path; `None` remembers a file that failed.
#[derive(Resource, Default)]
pub struct ImageCache {
    textures: HashMap<PathBuf, Option<egui::TextureHandle>>,
    generation: u64,
    /// Images that failed since the usage log last looked: (exhibit folder, message).
    failures: Vec<(PathBuf, String)>,
}

impl ImageCache {
    /// The texture for image `rel` of the exhibit in `dir`, decoding it on first use.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        dir: &Path,
        rel: &str,
    ) -> Option<egui::TextureHandle> {
        let key = dir.join(rel);
        let failures = &mut self.failures;
        self.textures
            .entry(key.clone())
            .or_insert_with(
                || match media::load_rgba(dir, rel, media::MAX_TEXTURE_SIDE) {
                    Ok((w, h, pixels)) => {
                        let image = egui::ColorImage::from_rgba_unmultiplied(
                            [w as usize, h as usize],
                            &pixels,
                        );
                        Some(ctx.load_texture(
                            key.to_string_lossy(),
                            image,
                            egui::TextureOptions::LINEAR,
                        ))
                    }
                    Err(e) => {
                        error!("image {}: {e}", key.display());
                        failures.push((dir.to_owned(), format!("image {rel}: {e}")));
                        None
                    }
                },
            )
            .clone()
    }

    /// Images that failed to load since the last call: (exhibit folder, message). Each
    /// image fails once per content version, so this stays short.
    pub fn take_failures(&mut self) -> Vec<(PathBuf, String)> {
        std::mem::take(&mut self.failures)
    }

    /// Number of images held (for memory checks).
    pub fn len(&self) -> usize {
        self.textures.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.textures.is_empty()
    }
}

fn drop_on_content_change(content: Res<Content>, mut cache: ResMut<ImageCache>) {
    if content.generation != cache.generation {
        cache.textures.clear();
        cache.failures.clear();
        cache.generation = content.generation;
    }
}

/// Paints `texture` to fill `rect`, cropping (not stretching) to keep its proportions.
pub fn paint_cover(
    painter: &egui::Painter,
    texture: &egui::TextureHandle,
    rect: egui::Rect,
    corner: f32,
) {
    let [w, h] = texture.size();
    let (tw, th) = (w as f32, h as f32);
    let (ra, ta) = (rect.width() / rect.height(), tw / th);
    let uv = if ta > ra {
        let u = ra / ta;
        egui::Rect::from_min_max(
            egui::pos2((1.0 - u) / 2.0, 0.0),
            egui::pos2((1.0 + u) / 2.0, 1.0),
        )
    } else {
        let v = ta / ra;
        egui::Rect::from_min_max(
            egui::pos2(0.0, (1.0 - v) / 2.0),
            egui::pos2(1.0, (1.0 + v) / 2.0),
        )
    };
    let shape = egui::epaint::RectShape::filled(rect, corner, egui::Color32::WHITE)
        .with_texture(texture.id(), uv);
    painter.add(shape);
}

/// Size that fits `texture` inside `max` keeping its proportions.
pub fn fit(texture: &egui::TextureHandle, max: egui::Vec2) -> egui::Vec2 {
    let [w, h] = texture.size();
    let s = (max.x / w as f32).min(max.y / h as f32);
    egui::vec2(w as f32 * s, h as f32 * s)
}
