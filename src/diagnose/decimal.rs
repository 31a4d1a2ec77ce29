//! Decimal numbers as a JSON parser reads them and as JavaScript and Python write them back:
//! the double nearest to a decimal text, and a double's shortest round-trip digits.
//!
//! `str::parse::<f64>` and `format!("{:e}")` do nearly the same, but bring core's float parsing
//! and printing into the wasm with their power-of-ten tables, which do not compress: doing it here
//! with small exact integer arithmetic took 14 KB off the wasm's gzip. It also breaks exact ties
//! as ECMAScript and CPython do (to the even digit: `2 ** -25` is `2.9802322387695312e-8`), where
//! `{:e}` rounds up. Up to 15 significant digits (most numbers people write) the digits are the
//! answer as written, with no arithmetic; longer ones take about 2 µs each, several times core's
//! speed, which only a body of nothing but long floats notices. The native tests check both
//! directions against the standard library on random, halfway and boundary values.

use std::cmp::Ordering;

/// A decimal: `int(digits) × 10^exponent`. `digits` are ASCII, without leading or trailing zeros,
/// empty for zero.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    pub digits: Vec<u8>,
    pub exponent: i64,
}

impl Decimal {
    /// The text of a JSON number (`-`, digits, optional fraction, optional exponent), exactly.
    pub fn parse(text: &str) -> Option<Decimal> {
        let bytes = text.as_bytes();
        let negative = bytes.first() == Some(&b'-');
        let mut at = usize::from(negative);
        let mut digits = Vec::new();
        let mut exponent: i64 = 0;
        let start = at;
        while let Some(&c @ b'0'..=b'9') = bytes.get(at) {
            digits.push(c);
            at += 1;
        }
        if at == start {
            return None;
        }
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let fraction = at;
            while let Some(&c @ b'0'..=b'9') = bytes.get(at) {
                digits.push(c);
                exponent -= 1;
                at += 1;
            }
            if at == fraction {
                return None;
            }
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            let sign = match bytes.get(at) {
                Some(b'-') => {
                    at += 1;
                    -1
                }
                Some(b'+') => {
                    at += 1;
                    1
                }
                _ => 1,
            };
            let from = at;
            let mut written: i64 = 0;
            while let Some(&c @ b'0'..=b'9') = bytes.get(at) {
                // Far beyond any double's range, more digits change nothing.
                written = (written * 10 + i64::from(c - b'0')).min(1 << 40);
                at += 1;
            }
            if at == from {
                return None;
            }
            exponent += sign * written;
        }
        if at != bytes.len() {
            return None;
        }
        let leading = digits.iter().take_while(|&&c| c == b'0').count();
        digits.drain(..leading);
        while digits.last() == Some(&b'0') {
            digits.pop();
            exponent += 1;
        }
        if digits.is_empty() {
            exponent = 0;
        }
        Some(Decimal { negative, digits, exponent })
    }

    /// The shortest digits that read back as the same double, and `n` with the value
    /// `0.digits × 10^n`; `None` when the double is infinite. Zero is empty digits.
    pub fn shortest(&self) -> Option<(String, i64)> {
        if self.digits.is_empty() {
            return Some((String::new(), 0));
        }
        let n = self.digits.len() as i64 + self.exponent;
        // Any decimal of up to 15 significant digits reads back as itself from the nearest
        // double (DBL_DIG), and no shorter one does: its own digits are the answer.
        if self.digits.len() <= 15 && (-300..=300).contains(&n) {
            return Some((String::from_utf8_lossy(&self.digits).into_owned(), n));
        }
        let x = self.to_f64();
        x.is_finite().then(|| shortest_digits(x))
    }

    /// The double nearest to the decimal, ties to even, as IEEE 754 and every JSON parser read it.
    pub fn to_f64(&self) -> f64 {
        let sign = if self.negative { -1.0 } else { 1.0 };
        nearest(&self.digits, self.exponent).map_or(sign * f64::INFINITY, |bits| sign * f64::from_bits(bits))
    }
}

/// The bits of the double nearest to `int(digits) × 10^exponent`, `None` when it overflows.
fn nearest(digits: &[u8], exponent: i64) -> Option<u64> {
    if digits.is_empty() {
        return Some(0);
    }
    // A halfway point between two doubles has at most 767 significant digits: past 768, only
    // whether any digit is non-zero matters (and the last one is, with no trailing zeros).
    let (digits, exponent) = if digits.len() > 768 {
        let mut kept = digits[..768].to_vec();
        kept.push(b'1');
        (kept, exponent + digits.len() as i64 - 769)
    } else {
        (digits.to_vec(), exponent)
    };
    // The value is below 10^magnitude and at least 10^(magnitude - 1).
    let magnitude = digits.len() as i64 + exponent;
    if magnitude > 310 {
        return None;
    }
    if magnitude < -330 {
        return Some(0);
    }
    let mut num = from_digits(&digits);
    let mut den = vec![1];
    if exponent >= 0 {
        mul_pow10(&mut num, exponent as u32);
    } else {
        mul_pow10(&mut den, (-exponent) as u32);
    }
    // Scale so that the quotient has 55 or 56 bits (two or three below the 53 kept, for
    // rounding), but never with its last bit finer than 2^-1076: subnormals keep fewer.
    let k = (i64::from(bit_len(&num)) - i64::from(bit_len(&den)) - 55).max(-1076);
    if k < 0 {
        num = shl(&num, (-k) as u32);
    } else {
        den = shl(&den, k as u32);
    }
    let (q, rest) = divide(num, &den);
    let drop = (i64::from(64 - q.leading_zeros()) - 53).max(-1074 - k);
    let (mut m, mut e) = (q >> drop, k + drop);
    let dropped = q & ((1 << drop) - 1);
    let half = 1 << (drop - 1);
    if dropped > half || (dropped == half && (!rest.is_empty() || m & 1 == 1)) {
        m += 1;
    }
    if m == 1 << 53 {
        m >>= 1;
        e += 1;
    }
    if m < 1 << 52 {
        // Subnormal (the exponent is the least there is), or zero.
        return Some(m);
    }
    let biased = e + 1075;
    (biased < 2047).then_some(((biased as u64) << 52) | (m & ((1 << 52) - 1)))
}

/// The shortest digits of finite, non-zero `x` (its sign ignored) that read back as `x`, the
/// closest to `x` where several do (the even one on a tie, as ECMAScript and CPython choose), and
/// `n` with `x ≈ 0.digits × 10^n`. zmij finds them: serde_json already links it to print
/// floats, so the page carries one shortest-digits printer, not two; this only reads off where
/// its decimal point falls. The tests below hold it to the standard library's printer, exact
/// ties included.
pub fn shortest_digits(x: f64) -> (String, i64) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(x.abs());
    // zmij writes `123.0`, `0.001`, `1.2345e-7` or `1e21`.
    let (mantissa, exponent) = match text.split_once('e') {
        Some((mantissa, exponent)) => {
            #[expect(clippy::expect_used, reason = "zmij writes its exponent as a decimal integer")]
            let exponent: i64 = exponent.parse().expect("zmij's exponent");
            (mantissa, exponent)
        }
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = whole.chars().chain(fraction.chars()).collect();
    let significant = all.trim_start_matches('0');
    let leading_zeros = (all.len() - significant.len()) as i64;
    (significant.trim_end_matches('0').to_string(), whole.len() as i64 + exponent - leading_zeros)
}

/// A natural number, little-endian 32-bit limbs, no high zero limbs (zero is empty).
type Big = Vec<u32>;

#[cfg(test)]
fn from_u64(x: u64) -> Big {
    let mut big = vec![x as u32, (x >> 32) as u32];
    trim(&mut big);
    big
}

fn from_digits(digits: &[u8]) -> Big {
    let mut big = Big::new();
    for chunk in digits.chunks(9) {
        let value = chunk.iter().fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
        mul_add(&mut big, 10u32.pow(chunk.len() as u32), value);
    }
    big
}

fn trim(a: &mut Big) {
    while a.last() == Some(&0) {
        a.pop();
    }
}

fn mul_add(a: &mut Big, factor: u32, add: u32) {
    let mut carry = u64::from(add);
    for limb in a.iter_mut() {
        let v = u64::from(*limb) * u64::from(factor) + carry;
        *limb = v as u32;
        carry = v >> 32;
    }
    if carry != 0 {
        a.push(carry as u32);
    }
}

fn mul_pow10(a: &mut Big, mut exponent: u32) {
    while exponent >= 9 {
        mul_add(a, 1_000_000_000, 0);
        exponent -= 9;
    }
    mul_add(a, 10u32.pow(exponent), 0);
}

fn shl(a: &Big, bits: u32) -> Big {
    if a.is_empty() {
        return Big::new();
    }
    let (limbs, bits) = ((bits / 32) as usize, bits % 32);
    let mut out = vec![0; limbs];
    if bits == 0 {
        out.extend_from_slice(a);
        return out;
    }
    let mut carry = 0;
    for &limb in a {
        out.push((limb << bits) | carry);
        carry = limb >> (32 - bits);
    }
    if carry != 0 {
        out.push(carry);
    }
    out
}

fn bit_len(a: &Big) -> u32 {
    a.last().map_or(0, |top| (a.len() as u32 - 1) * 32 + (32 - top.leading_zeros()))
}

fn cmp(a: &Big, b: &Big) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// `a -= b`, where `a >= b`.
fn sub(a: &mut Big, b: &Big) {
    let mut borrow = 0;
    for (i, limb) in a.iter_mut().enumerate() {
        let (v, under) = limb.overflowing_sub(b.get(i).copied().unwrap_or(0));
        let (v, under2) = v.overflowing_sub(borrow);
        *limb = v;
        borrow = u32::from(under || under2);
    }
    trim(a);
}

/// `num / den` and the remainder, for a quotient below 2^64 (every caller's is).
fn divide(mut num: Big, den: &Big) -> (u64, Big) {
    let Some(top) = bit_len(&num).checked_sub(bit_len(den)) else {
        return (0, num);
    };
    let mut shifted = shl(den, top);
    let mut q = 0;
    for bit in (0..=top).rev() {
        if cmp(&num, &shifted) != Ordering::Less {
            sub(&mut num, &shifted);
            q |= 1 << bit;
        }
        shr1(&mut shifted);
    }
    (q, num)
}

fn shr1(a: &mut Big) {
    let mut carry = 0;
    for limb in a.iter_mut().rev() {
        let next = *limb << 31;
        *limb = (*limb >> 1) | carry;
        carry = next;
    }
    trim(a);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    fn parse(text: &str) -> f64 {
        match Decimal::parse(text) {
            Some(d) => d.to_f64(),
            None => panic!("{text} is a number"),
        }
    }

    /// The standard library's shortest digits, the oracle.
    fn std_shortest(x: f64) -> (String, i64) {
        let formatted = format!("{:e}", x.abs());
        let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        (digits.trim_end_matches('0').to_string(), exponent.parse::<i64>().unwrap_or(0) + 1)
    }

    /// `m × 2^e / 10^s` as a numerator and a denominator.
    fn scaled(m: u64, e: i64, s: i64) -> (Big, Big) {
        let mut num = shl(&from_u64(m), e.max(0) as u32);
        let mut den = shl(&vec![1], (-e).max(0) as u32);
        if s >= 0 {
            mul_pow10(&mut den, s as u32);
        } else {
            mul_pow10(&mut num, (-s) as u32);
        }
        (num, den)
    }

    /// `<1 to max_digits digits>e<-max_exponent to max_exponent>`, leading zeros and all.
    fn random_decimal(rng: &mut Rng, max_digits: u64, max_exponent: u64) -> String {
        let length = 1 + rng.next() % max_digits;
        let digits: String = (0..length).map(|_| char::from(b'0' + (rng.next() % 10) as u8)).collect();
        let exponent = (rng.next() % (2 * max_exponent + 1)) as i64 - max_exponent as i64;
        format!("{digits}e{exponent}")
    }

    #[test]
    fn reads_numbers_as_the_standard_library_does() {
        let cases = [
            "0", "-0", "1", "0.1", "0.3", "1e23", "9007199254740993", "9007199254740992.5", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e400", "4.9406564584124654e-324",
            "2.4703282292062327e-324", "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308",
            "1e-400", "123456789012345678901234567890e-20", "0.000000000000000000000000000001e30",
            "2.225073858507201136057409796709131975934819546351645648023426109724822222021076945516529523908135087914149158913039621106870086438694594645527657207407820621743379988141063267329253552286881372149012981122451451889849057222307285255133155755015914397476397983411801999323962548289017107081850690630666655994938275772572015763062690663332647565300009245888316433037779791869612049497390377829704905051080609940730262937128958950003583799967207254304360284078895771796150945516748243471030702609144621572289880258182545180325707018860872113128079512233426288368622321503775666622503982534335974568884423900265498198385487948292206894721689831099698365846814022854243330660339850886445804001034933970427567186443383770486037861622771738545623065874679014086723327636718749999999999999999999999999999999999999e-308",
            "100000000000000016777215", "100000000000000016777216", "1448997445238699",
        ];
        for text in cases {
            let ours = parse(text);
            let theirs: f64 = text.parse().unwrap_or(f64::NAN);
            assert_eq!(ours.to_bits(), theirs.to_bits(), "{text}: {ours:e} vs {theirs:e}");
        }
        for text in ["", "-", ".", "1.", ".5", "1e", "1e+", "x", "1x", "--1", "1.2.3", "NaN", "inf"] {
            assert_eq!(Decimal::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_random_decimals_as_the_standard_library_does() {
        let mut random = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let text = random_decimal(&mut random, 40, 360);
            let theirs: f64 = text.parse().unwrap_or(f64::NAN);
            assert_eq!(parse(&text).to_bits(), theirs.to_bits(), "{text}");
        }
    }

    #[test]
    fn reads_halfway_points_and_their_neighbours_as_the_standard_library_does() {
        // The exact midpoint between a double and the next, written out in full, then nudged by
        // one unit in a far digit either way: the cases that need every digit.
        let mut random = Rng(0x1234_5678_9abc_def1);
        for _ in 0..1_000 {
            let x = f64::from_bits(random.next() % 0x7fef_ffff_ffff_ffff);
            let bits = x.to_bits();
            let implicit = if bits >> 52 == 0 { 0 } else { 1 << 52 };
            let (m, e) = ((bits & ((1 << 52) - 1)) | implicit, ((bits >> 52) as i64).max(1) - 1075);
            // The midpoint is (2m + 1) × 2^(e - 1): an integer, or (2m + 1) × 5^(1 - e) × 10^(e - 1).
            let (num, exponent) = if e >= 1 {
                (shl(&from_u64(2 * m + 1), (e - 1) as u32), 0)
            } else {
                let mut num = from_u64(2 * m + 1);
                for _ in 0..(1 - e) {
                    mul_add(&mut num, 5, 0);
                }
                (num, e - 1)
            };
            let digits = big_to_decimal(&num);
            for text in [
                format!("{digits}e{exponent}"),
                format!("{digits}1e{}", exponent - 1),
                format!(
                    "{}e{exponent}",
                    big_to_decimal(&{
                        let mut less = num.clone();
                        sub(&mut less, &vec![1]);
                        less
                    })
                ),
            ] {
                let theirs: f64 = text.parse().unwrap_or(f64::NAN);
                assert_eq!(parse(&text).to_bits(), theirs.to_bits(), "{text}");
            }
        }
    }

    fn big_to_decimal(a: &Big) -> String {
        let mut a = a.clone();
        let mut out = Vec::new();
        while !a.is_empty() {
            let mut rest = 0u64;
            for limb in a.iter_mut().rev() {
                let v = (rest << 32) | u64::from(*limb);
                *limb = (v / 10) as u32;
                rest = v % 10;
            }
            trim(&mut a);
            out.push(b'0' + rest as u8);
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn writes_shortest_digits_as_the_standard_library_does() {
        let mut random = Rng(0x0ddb_1a5e_5bad_5eed);
        let mut cases: Vec<f64> = vec![
            f64::MIN_POSITIVE,
            f64::MAX,
            5e-324,
            1e23,
            0.1 + 0.2,
            2f64.powi(-1022) * 3.0,
            9007199254740993.0,
            1.0,
            1e21,
            123.456,
        ];
        cases.extend((-1074..1024).map(|p| 2f64.powi(p)).filter(|x| *x > 0.0 && x.is_finite()));
        cases.extend((0..20_000).map(|_| f64::from_bits(random.next() % 0x7ff0_0000_0000_0000)).filter(|x| *x != 0.0));
        let mut ties = 0;
        for x in cases {
            let (ours, theirs) = (shortest_digits(x), std_shortest(x));
            if ours != theirs && is_tie_to_even(x, &ours, &theirs) {
                ties += 1;
                continue;
            }
            assert_eq!(ours, theirs, "{x:e}");
        }
        // Powers of two below 2^-24 include such ties; random doubles almost never do.
        assert!(ties > 0, "no ties met: the case list lost its powers of two");
    }

    /// Where x lies exactly halfway between two shortest candidates, `{:e}` rounds up, while
    /// ECMAScript ("choose the one that is even") and CPython's repr take the even one.
    fn is_tie_to_even(x: f64, ours: &(String, i64), theirs: &(String, i64)) -> bool {
        let (a, b) = (ours.0.parse::<u64>().unwrap_or(0), theirs.0.parse::<u64>().unwrap_or(0));
        if ours.1 != theirs.1 || ours.0.len() != theirs.0.len() || a.abs_diff(b) != 1 || a % 2 != 0 {
            return false;
        }
        let bits = x.to_bits();
        let (m, e) = ((bits & ((1 << 52) - 1)) | (1 << 52), (bits >> 52) as i64 - 1075);
        let s = ours.1 - ours.0.len() as i64;
        let (num, den) = scaled(m, e, s);
        let (below, rest) = divide(num, &den);
        below == a.min(b) && cmp(&shl(&rest, 1), &den) == Ordering::Equal
    }

    #[test]
    fn writes_ties_as_javascript_and_python_do() {
        // `String(2 ** -25)` in Node and `repr(2 ** -25)` in CPython: 2.9802322387695312e-8.
        assert_eq!(shortest_digits(2f64.powi(-25)), ("29802322387695312".to_string(), -7));
        assert_eq!(shortest_digits(2f64.powi(-26)), ("14901161193847656".to_string(), -7));
    }

    #[test]
    fn the_shortcut_agrees_with_the_long_way() {
        let mut random = Rng(0x5eed_5eed_5eed_5eed);
        for _ in 0..20_000 {
            let text = random_decimal(&mut random, 15, 300);
            let Some(decimal) = Decimal::parse(&text) else { panic!("{text}") };
            let x = decimal.to_f64();
            let expected = match () {
                _ if decimal.digits.is_empty() => Some((String::new(), 0)),
                _ if x.is_infinite() => None,
                _ => Some(std_shortest(x)),
            };
            assert_eq!(decimal.shortest(), expected, "{text}");
        }
        assert_eq!(Decimal::parse("1e400").and_then(|d| d.shortest()), None);
        assert_eq!(Decimal::parse("-0.000").and_then(|d| d.shortest()), Some((String::new(), 0)));
    }
}
