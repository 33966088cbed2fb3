//! Distances on the Earth for "nearest hall first": the great-circle (haversine) distance in
//! whole metres, so the SPA shows it with integer arithmetic (float formatting costs Wasm).

/// Mean Earth radius (IUGG), metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A point in WGS-84 degrees, as halls and the browser's geolocation give it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub latitude: f64,
    pub longitude: f64,
}

/// Haversine distance between two points, rounded to whole metres.
pub fn distance_m(a: LatLon, b: LatLon) -> u32 {
    let (phi1, phi2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let half_d_phi = sin((b.latitude - a.latitude).to_radians() / 2.0);
    let half_d_lambda = sin((b.longitude - a.longitude).to_radians() / 2.0);
    let h = half_d_phi * half_d_phi + cos(phi1) * cos(phi2) * half_d_lambda * half_d_lambda;
    let c = 2.0 * asin(h.sqrt().min(1.0));
    (EARTH_RADIUS_M * c).round() as u32
}

// Trigonometry by series, not std's: std's sin/cos/asin come precompiled in
// compiler_builtins with bulk-memory instructions, which the SPA's WebAssembly 1.0 build for
// old webviews rejects. Accurate to about 1e-9, centimetres on the Earth.

/// sin(x) by its Taylor series after reducing x to [-π, π].
fn sin(x: f64) -> f64 {
    let tau = 2.0 * std::f64::consts::PI;
    let mut x = x - tau * ((x / tau) + 0.5).floor();
    if x > std::f64::consts::FRAC_PI_2 {
        x = std::f64::consts::PI - x;
    } else if x < -std::f64::consts::FRAC_PI_2 {
        x = -std::f64::consts::PI - x;
    }
    let (mut term, mut sum, x2) = (x, x, x * x);
    for n in 1..12 {
        term *= -x2 / f64::from((2 * n) * (2 * n + 1));
        sum += term;
    }
    sum
}

fn cos(x: f64) -> f64 {
    sin(x + std::f64::consts::FRAC_PI_2)
}

/// asin(x) for 0 ≤ x ≤ 1: its series up to ½, and asin(x) = π/2 − 2·asin(√((1−x)/2)) above.
fn asin(x: f64) -> f64 {
    if x > 0.5 {
        return std::f64::consts::FRAC_PI_2 - 2.0 * asin(((1.0 - x) / 2.0).sqrt());
    }
    // asin x = Σ (2n)! / (4ⁿ (n!)² (2n+1)) x^(2n+1)
    let (mut coefficient, mut power, mut sum, x2) = (1.0, x, x, x * x);
    for n in 1..30 {
        let n = f64::from(n);
        coefficient *= (2.0 * n - 1.0) / (2.0 * n);
        power *= x2;
        sum += coefficient * power / (2.0 * n + 1.0);
    }
    sum
}

/// The indices of `points` nearest `from` first, each with its distance; ties keep the
/// given order (a stable sort), so equally near halls stay in the catalogue's order.
pub fn nearest_first(from: LatLon, points: &[LatLon]) -> Vec<(usize, u32)> {
    let mut out: Vec<(usize, u32)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, distance_m(from, *p)))
        .collect();
    out.sort_by_key(|(_, d)| *d);
    out
}

/// A distance as a citizen reads it: whole metres under 1 km, else kilometres with one
/// decimal (`(whole km, tenths)`), rounded half up. Integer only.
pub fn km_tenths(metres: u32) -> (u32, u32) {
    let tenths = (metres + 50) / 100;
    (tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(latitude: f64, longitude: f64) -> LatLon {
        LatLon {
            latitude,
            longitude,
        }
    }

    #[test]
    fn known_distances() {
        // One degree of latitude is about 111.2 km.
        let d = distance_m(p(30.0, 112.0), p(31.0, 112.0));
        assert!((111_100..111_300).contains(&d), "{d}");
        assert_eq!(distance_m(p(30.3218, 112.2354), p(30.3218, 112.2354)), 0);
        // 荆州市民之家 to 沙市区政务服务中心 (data/halls.toml): about 4 km.
        let d = distance_m(p(30.3218, 112.2354), p(30.3052, 112.2711));
        assert!((3_800..4_100).contains(&d), "{d}");
        // Symmetric.
        assert_eq!(
            distance_m(p(30.3512, 112.1897), p(30.3052, 112.2711)),
            distance_m(p(30.3052, 112.2711), p(30.3512, 112.1897))
        );
    }

    #[test]
    fn orders_nearest_first_and_keeps_ties_stable() {
        let halls = [
            p(30.3512, 112.1897), // 荆州区, west
            p(30.3052, 112.2711), // 沙市区, east
            p(30.3218, 112.2354), // 市民之家, middle
            p(30.3052, 112.2711), // same place as [1]
        ];
        let near_east = p(30.3050, 112.2710);
        let order: Vec<usize> = nearest_first(near_east, &halls)
            .iter()
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(order, [1, 3, 2, 0]);
        assert!(nearest_first(near_east, &[]).is_empty());
    }

    #[test]
    fn series_match_std() {
        let mut x = -10.0;
        while x < 10.0 {
            assert!((sin(x) - x.sin()).abs() < 1e-9, "sin {x}");
            assert!((cos(x) - x.cos()).abs() < 1e-9, "cos {x}");
            x += 0.01;
        }
        let mut y = 0.0;
        while y <= 1.0 {
            assert!((asin(y) - y.asin()).abs() < 1e-8, "asin {y}");
            y += 0.001;
        }
        // Antipodes: half the circumference.
        let d = distance_m(p(0.0, 0.0), p(0.0, 180.0));
        assert!((20_015_000..20_016_000).contains(&d), "{d}");
    }

    #[test]
    fn reads_as_kilometres() {
        assert_eq!(km_tenths(0), (0, 0));
        assert_eq!(km_tenths(949), (0, 9));
        assert_eq!(km_tenths(1_249), (1, 2));
        assert_eq!(km_tenths(1_250), (1, 3));
        assert_eq!(km_tenths(12_345), (12, 3));
    }
}
