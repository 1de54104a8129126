//! Type sizes and spacing of the workflow view, in px. The sequence and
//! architecture views draw their text and edge labels with the same sizes,
//! so one diagram reads alike in every view.

pub(crate) const FONT: f32 = 14.0;
pub(crate) const SMALL_FONT: f32 = 13.0;
/// Line height as a multiple of the font size.
pub(crate) const LINE: f32 = 1.3;
pub(crate) const RECT_PAD_X: f32 = 12.0;
pub(crate) const RECT_PAD_Y: f32 = 8.0;
pub(crate) const RECT_MIN_W: f32 = 120.0;
pub(crate) const RECT_MIN_H: f32 = 44.0;
pub(crate) const RECT_TEXT_MAX: f32 = 176.0;
pub(crate) const DIAMOND_TEXT_MAX: f32 = 128.0;
pub(crate) const CIRCLE_MIN: f32 = 36.0;
pub(crate) const TASK_MIN_W: f32 = 160.0;
pub(crate) const TASK_TEXT_MAX: f32 = 200.0;
pub(crate) const HEADER_MIN: f32 = 120.0;
pub(crate) const HEADER_MAX: f32 = 180.0;
pub(crate) const HEADER_PAD: f32 = 14.0;
pub(crate) const COL_GAP: f32 = 56.0;
pub(crate) const SUBROW_GAP: f32 = 52.0;
pub(crate) const LANE_PAD: f32 = 40.0;
pub(crate) const CONTENT_PAD_X: f32 = 40.0;
pub(crate) const LABEL_PAD_X: f32 = 6.0;
pub(crate) const LABEL_PAD_Y: f32 = 2.0;
pub(crate) const LOOP_MARGIN: f32 = 10.0;
pub(crate) const LOOP_TAB_H: f32 = 20.0;

/// The height of one line of text at `size` px.
pub(crate) fn line_h(size: f32) -> f32 {
    size * LINE
}
