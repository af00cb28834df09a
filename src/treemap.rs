//! Squarified treemap layout (Bruls, Huizing, van Wijk): tiles whose areas are proportional
//! to their values, as close to squares as the values allow. Pure, tested on the host.

/// A rectangle in the map's own units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The same rectangle shrunk by `by` on every side (never below nothing).
    pub fn inset(self, by: f64) -> Rect {
        let (dx, dy) = (by.min(self.w / 2.0), by.min(self.h / 2.0));
        Rect { x: self.x + dx, y: self.y + dy, w: self.w - 2.0 * dx, h: self.h - 2.0 * dy }
    }
}

/// Lays out `values` (in the given order, which should be decreasing for the best squares)
/// in `area`; returns one rectangle per value, in the same order.
pub fn squarify(values: &[f64], area: Rect) -> Vec<Rect> {
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 {
        return vec![Rect { w: 0.0, h: 0.0, ..area }; values.len()];
    }
    let scale = area.w * area.h / total;
    let areas: Vec<f64> = values.iter().map(|v| v * scale).collect();
    let mut out = Vec::with_capacity(values.len());
    let mut free = area;
    let mut start = 0;
    while start < areas.len() {
        let side = free.w.min(free.h);
        // Grow the row while it makes its worst aspect ratio better.
        let mut end = start + 1;
        while end < areas.len() && worst(&areas[start..=end], side) <= worst(&areas[start..end], side) {
            end += 1;
        }
        let row = &areas[start..end];
        let row_area: f64 = row.iter().sum();
        if free.w >= free.h {
            // A column on the left.
            let width = if free.h > 0.0 { row_area / free.h } else { 0.0 };
            let mut y = free.y;
            for a in row {
                let h = if width > 0.0 { a / width } else { 0.0 };
                out.push(Rect { x: free.x, y, w: width, h });
                y += h;
            }
            free = Rect { x: free.x + width, w: free.w - width, ..free };
        } else {
            // A row on top.
            let height = if free.w > 0.0 { row_area / free.w } else { 0.0 };
            let mut x = free.x;
            for a in row {
                let w = if height > 0.0 { a / height } else { 0.0 };
                out.push(Rect { x, y: free.y, w, h: height });
                x += w;
            }
            free = Rect { y: free.y + height, h: free.h - height, ..free };
        }
        start = end;
    }
    out
}

/// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
fn worst(areas: &[f64], side: f64) -> f64 {
    let sum: f64 = areas.iter().sum();
    let (max, min) = areas.iter().fold((f64::MIN, f64::MAX), |(hi, lo), &a| (hi.max(a), lo.min(a)));
    if sum <= 0.0 || min <= 0.0 {
        return f64::MAX;
    }
    let (s2, w2) = (sum * sum, side * side);
    (w2 * max / s2).max(s2 / (w2 * min))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect { x: 0.0, y: 0.0, w: 120.0, h: 80.0 };

    #[test]
    fn areas_are_proportional_and_inside() {
        let values = [32920.0, 30000.0, 14000.0, 6799.0, 3000.0, 1200.0, 300.0];
        let total: f64 = values.iter().sum();
        let rects = squarify(&values, AREA);
        assert_eq!(rects.len(), values.len());
        for (v, r) in values.iter().zip(&rects) {
            let expected = v / total * AREA.w * AREA.h;
            assert!((r.w * r.h - expected).abs() < 1e-6, "{r:?} has area {} not {expected}", r.w * r.h);
            assert!(r.x >= -1e-9 && r.y >= -1e-9 && r.x + r.w <= AREA.w + 1e-9 && r.y + r.h <= AREA.h + 1e-9);
        }
    }

    #[test]
    fn tiles_do_not_overlap() {
        let rects = squarify(&[5.0, 4.0, 3.0, 2.0, 1.0, 1.0], AREA);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                let overlap_w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                let overlap_h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(overlap_w <= 1e-9 || overlap_h <= 1e-9, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn nothing_to_lay_out() {
        assert!(squarify(&[], AREA).is_empty());
        assert_eq!(squarify(&[0.0, 0.0], AREA).len(), 2);
    }
}
