//! Plane geometry for layout, routing and the quality checker: points and
//! rectangles in SVG user units, and the axis-aligned segments of paths.

/// A point in SVG user units (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Left to right.
    pub x: f32,
    /// Top to bottom.
    pub y: f32,
}

impl Point {
    /// The point (`x`, `y`).
    pub fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// The left edge.
    pub x: f32,
    /// The top edge.
    pub y: f32,
    /// The width.
    pub w: f32,
    /// The height.
    pub h: f32,
}

impl Rect {
    /// The rectangle with its top-left corner at (`x`, `y`).
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    /// The `w` × `h` rectangle centred on (`cx`, `cy`).
    pub fn centered(cx: f32, cy: f32, w: f32, h: f32) -> Self {
        Rect::new(cx - w / 2.0, cy - h / 2.0, w, h)
    }

    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// The horizontal centre.
    pub fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }

    /// The vertical centre.
    pub fn cy(&self) -> f32 {
        self.y + self.h / 2.0
    }

    /// Grown by `m` on every side.
    pub fn inflate(&self, m: f32) -> Rect {
        Rect::new(self.x - m, self.y - m, self.w + 2.0 * m, self.h + 2.0 * m)
    }

    /// True when the interiors overlap (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        const EPS: f32 = 0.01;
        self.x < o.right() - EPS
            && o.x < self.right() - EPS
            && self.y < o.bottom() - EPS
            && o.y < self.bottom() - EPS
    }

    /// True when `o` lies inside (edges may touch).
    pub fn contains_rect(&self, o: &Rect) -> bool {
        const EPS: f32 = 0.01;
        o.x >= self.x - EPS
            && o.y >= self.y - EPS
            && o.right() <= self.right() + EPS
            && o.bottom() <= self.bottom() + EPS
    }

    /// True when `p` lies inside or on the edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }

    /// True when the axis-aligned segment a–b passes through the interior.
    pub fn cut_by(&self, a: Point, b: Point) -> bool {
        const EPS: f32 = 0.5;
        if (a.y - b.y).abs() < 1e-3 {
            let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
            a.y > self.y + EPS
                && a.y < self.bottom() - EPS
                && x1 > self.x + EPS
                && x0 < self.right() - EPS
        } else if (a.x - b.x).abs() < 1e-3 {
            let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
            a.x > self.x + EPS
                && a.x < self.right() - EPS
                && y1 > self.y + EPS
                && y0 < self.bottom() - EPS
        } else {
            // Not axis-aligned: test the bounding boxes, conservatively.
            let r = Rect::new(
                a.x.min(b.x),
                a.y.min(b.y),
                (a.x - b.x).abs(),
                (a.y - b.y).abs(),
            );
            r.overlaps(self)
        }
    }
}

/// An axis-aligned segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pub(crate) a: Point,
    pub(crate) b: Point,
}

impl Seg {
    pub(crate) fn is_horizontal(&self) -> bool {
        (self.a.y - self.b.y).abs() < 1e-3
    }

    pub(crate) fn is_vertical(&self) -> bool {
        (self.a.x - self.b.x).abs() < 1e-3
    }

    /// The length (along either axis).
    pub(crate) fn len(&self) -> f32 {
        (self.a.x - self.b.x).abs() + (self.a.y - self.b.y).abs()
    }

    /// Length of the collinear overlap with `o` (0 when not collinear).
    pub(crate) fn overlap(&self, o: &Seg) -> f32 {
        const EPS: f32 = 0.5;
        if self.is_horizontal() && o.is_horizontal() && (self.a.y - o.a.y).abs() < EPS {
            let (a0, a1) = (self.a.x.min(self.b.x), self.a.x.max(self.b.x));
            let (b0, b1) = (o.a.x.min(o.b.x), o.a.x.max(o.b.x));
            (a1.min(b1) - a0.max(b0)).max(0.0)
        } else if self.is_vertical() && o.is_vertical() && (self.a.x - o.a.x).abs() < EPS {
            let (a0, a1) = (self.a.y.min(self.b.y), self.a.y.max(self.b.y));
            let (b0, b1) = (o.a.y.min(o.b.y), o.a.y.max(o.b.y));
            (a1.min(b1) - a0.max(b0)).max(0.0)
        } else {
            0.0
        }
    }

    /// How far two parallel segments on distinct lines less than `within`
    /// apart run side by side (0 when they are not parallel, share a line,
    /// or do not run alongside each other).
    pub(crate) fn alongside(&self, o: &Seg, within: f32) -> f32 {
        let (gap, a, b) = if self.is_horizontal() && o.is_horizontal() {
            (
                (self.a.y - o.a.y).abs(),
                (self.a.x, self.b.x),
                (o.a.x, o.b.x),
            )
        } else if self.is_vertical() && o.is_vertical() {
            (
                (self.a.x - o.a.x).abs(),
                (self.a.y, self.b.y),
                (o.a.y, o.b.y),
            )
        } else {
            return 0.0;
        };
        if gap < 0.5 || gap >= within {
            return 0.0;
        }
        (a.0.max(a.1).min(b.0.max(b.1)) - a.0.min(a.1).max(b.0.min(b.1))).max(0.0)
    }

    /// True when a horizontal and a vertical segment cross at a point strictly
    /// inside both.
    pub(crate) fn crosses(&self, o: &Seg) -> bool {
        const EPS: f32 = 0.5;
        let (h, v) = if self.is_horizontal() && o.is_vertical() {
            (self, o)
        } else if self.is_vertical() && o.is_horizontal() {
            (o, self)
        } else {
            return false;
        };
        let (hx0, hx1) = (h.a.x.min(h.b.x), h.a.x.max(h.b.x));
        let (vy0, vy1) = (v.a.y.min(v.b.y), v.a.y.max(v.b.y));
        v.a.x > hx0 + EPS && v.a.x < hx1 - EPS && h.a.y > vy0 + EPS && h.a.y < vy1 - EPS
    }
}

/// The segments of a polyline.
pub(crate) fn segments(points: &[Point]) -> impl Iterator<Item = Seg> + '_ {
    points.windows(2).map(|w| Seg { a: w[0], b: w[1] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_cut_and_overlap() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(r.cut_by(Point::new(-5.0, 5.0), Point::new(15.0, 5.0)));
        assert!(
            !r.cut_by(Point::new(-5.0, 10.0), Point::new(15.0, 10.0)),
            "running along an edge is not a cut"
        );
        assert!(!r.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)));
        assert!(r.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
    }

    #[test]
    fn segment_relations() {
        let h = Seg {
            a: Point::new(0.0, 5.0),
            b: Point::new(10.0, 5.0),
        };
        let v = Seg {
            a: Point::new(5.0, 0.0),
            b: Point::new(5.0, 10.0),
        };
        assert!(h.crosses(&v));
        let h2 = Seg {
            a: Point::new(8.0, 5.0),
            b: Point::new(20.0, 5.0),
        };
        assert_eq!(h.overlap(&h2), 2.0);
        assert_eq!(h.overlap(&v), 0.0);
        let seg = |x0, y0, x1, y1| Seg {
            a: Point::new(x0, y0),
            b: Point::new(x1, y1),
        };
        // Beside it, 4 px below, running back over 6 px of it.
        assert_eq!(h.alongside(&seg(16.0, 9.0, 4.0, 9.0), 6.0), 6.0);
        assert_eq!(v.alongside(&seg(1.0, 2.0, 1.0, 4.0), 6.0), 2.0);
        assert_eq!(h.alongside(&h2, 6.0), 0.0, "on its line is overlap");
        assert_eq!(h.alongside(&seg(0.0, 11.0, 10.0, 11.0), 6.0), 0.0, "far");
        assert_eq!(h.alongside(&v, 6.0), 0.0, "not parallel");
        assert_eq!(
            h.alongside(&seg(11.0, 7.0, 15.0, 7.0), 6.0),
            0.0,
            "not level"
        );
    }
}
