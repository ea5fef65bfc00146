//! Colour contrast as WCAG 2.x measures it: relative luminance of sRGB colours and the
//! contrast ratio between two of them, with see-through colours blended over their
//! background first (in sRGB, as browsers and egui blend).
//!
//! Used by the validator on designers' text colours, and by tests of the kiosk's own
//! palettes.

/// sRGB colour, 8 bits a channel.
pub type Rgb = [u8; 3];

/// sRGB colour with alpha (`0` transparent, `255` solid), as `"#rrggbbaa"` gives.
pub type Rgba = [u8; 4];

/// Contrast WCAG 2.x asks of body text (level AA, success criterion 1.4.3).
pub const AA: f64 = 4.5;

/// Contrast WCAG 2.x asks at level AAA (1.4.6), and the kiosk's high-contrast mode.
pub const AAA: f64 = 7.0;

/// One sRGB channel (0–255) as linear light (0–1), by the WCAG 2.x formula.
fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    // WCAG 2.x writes 0.03928, the sRGB standard 0.04045: no 8-bit value lies between.
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Relative luminance: 0 for black, 1 for white.
pub fn luminance(c: Rgb) -> f64 {
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

/// Contrast ratio of two solid colours, from 1 (the same) to 21 (black and white). The
/// order does not matter.
pub fn ratio(fg: Rgb, bg: Rgb) -> f64 {
    let (a, b) = (luminance(fg), luminance(bg));
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// `fg` with its alpha, further multiplied by `opacity` (0–1), painted over the solid
/// `bg`: the colour the eye sees.
pub fn over(fg: Rgba, opacity: f64, bg: Rgb) -> Rgb {
    let a = (f64::from(fg[3]) / 255.0 * opacity.clamp(0.0, 1.0)).clamp(0.0, 1.0);
    let mix = |f: u8, b: u8| (f64::from(f) * a + f64::from(b) * (1.0 - a)).round() as u8;
    [mix(fg[0], bg[0]), mix(fg[1], bg[1]), mix(fg[2], bg[2])]
}

/// Contrast of `fg` (with its alpha times `opacity`) drawn on the solid `bg`.
pub fn ratio_over(fg: Rgba, opacity: f64, bg: Rgb) -> f64 {
    ratio(over(fg, opacity, bg), bg)
}

/// A ratio as people write it: `4.48:1`, rounded down so that a colour just below a
/// threshold never reads as reaching it.
pub fn format_ratio(r: f64) -> String {
    let down = (r * 100.0).floor() / 100.0;
    let s = format!("{down:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}:1")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLACK: Rgb = [0, 0, 0];
    const WHITE: Rgb = [255, 255, 255];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    #[test]
    fn black_on_white_is_21_and_equal_colours_are_1() {
        assert!(close(ratio(BLACK, WHITE), 21.0));
        assert!(close(ratio(WHITE, BLACK), 21.0), "order does not matter");
        assert!(close(ratio([0x77; 3], [0x77; 3]), 1.0));
        assert!(close(luminance(WHITE), 1.0));
        assert!(close(luminance(BLACK), 0.0));
    }

    #[test]
    fn known_values_from_wcag_tools() {
        // #777 on white: the classic "just fails AA".
        assert!(
            close(ratio([0x77; 3], WHITE), 4.48),
            "{}",
            ratio([0x77; 3], WHITE)
        );
        // #767676 on white: the lightest grey that passes AA.
        assert!(
            close(ratio([0x76; 3], WHITE), 4.54),
            "{}",
            ratio([0x76; 3], WHITE)
        );
        // #595959 on white passes AAA: 7.0.
        assert!(
            close(ratio([0x59; 3], WHITE), 7.0),
            "{}",
            ratio([0x59; 3], WHITE)
        );
        // Pure red, green and blue on white.
        assert!(close(ratio([255, 0, 0], WHITE), 4.0));
        assert!(close(ratio([0, 128, 0], WHITE), 5.14));
        assert!(close(ratio([0, 0, 255], WHITE), 8.59));
        // The kiosk's own main text on its background (`layout::Palette` says 15:1).
        let r = ratio([0xf4, 0xf6, 0xfa], [0x0d, 0x16, 0x24]);
        assert!(r > 15.0 && r < 17.5, "{r}");
    }

    #[test]
    fn see_through_text_is_blended_over_its_background() {
        // Half-transparent white on black is a mid grey.
        assert_eq!(over([255, 255, 255, 255], 0.5, BLACK), [128, 128, 128]);
        assert_eq!(over([255, 255, 255, 128], 1.0, BLACK), [128, 128, 128]);
        assert_eq!(over([255, 255, 255, 255], 1.0, BLACK), WHITE);
        assert_eq!(over([255, 255, 255, 0], 1.0, BLACK), BLACK);
        assert!(close(ratio_over([255, 255, 255, 255], 0.0, BLACK), 1.0));
        let half = ratio_over([255, 255, 255, 255], 0.5, BLACK);
        assert!(close(half, ratio([128; 3], BLACK)), "{half}");
        assert!(half < 5.5 && half > 5.0, "{half}");
    }

    #[test]
    fn ratios_are_written_rounded_down() {
        assert_eq!(format_ratio(4.4999), "4.49:1");
        assert_eq!(format_ratio(21.0), "21:1");
        assert_eq!(format_ratio(3.1), "3.1:1");
    }
}
