//! Which screen is up ([`Screen`], a Bevy state) and the order of drawing in each egui
//! pass ([`UiPass`]): core vocabulary, because input, scenes, settings and the idle reset
//! all ask which screen they are on. The screens themselves are in `screens/`.

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>().configure_sets(
        EguiPrimaryContextPass,
        (UiPass::Begin, UiPass::Screen, UiPass::Overlay, UiPass::End).chain(),
    );
}

/// Which screen is up.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The animated "touch to start" loop; no visit in progress.
    #[default]
    Attract,
    /// The grid of exhibits.
    Hub,
    /// An exhibit's scenes.
    Exhibit,
    /// Outside opening hours: a dim screen that takes no visitors.
    Closed,
}

/// The order of drawing in each egui pass: screen, then overlays above it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiPass {
    /// Style and focus bookkeeping.
    Begin,
    /// The screen.
    Screen,
    /// Dialogs over the screen ("Still there?").
    Overlay,
    /// Focus bookkeeping.
    End,
}
