//! Hashing of codes and session tokens, and random values.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// HMAC-SHA256 of phone and code under the server secret: what the database keeps of a code.
pub fn code_hash(secret: &[u8], phone: &str, code: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(phone.as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// SHA-256 of a session token: what the database keeps of a session.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A new unguessable session token (256 bits, hex).
pub fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(hex(&bytes))
}

/// A uniformly random code of `digits` decimal digits.
pub fn new_code(digits: usize) -> anyhow::Result<String> {
    let modulus = 10u32.pow(digits as u32);
    // Rejection sampling keeps every code equally likely.
    let limit = u32::MAX - u32::MAX % modulus;
    loop {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        let n = u32::from_le_bytes(b);
        if n < limit {
            return Ok(format!("{:0width$}", n % modulus, width = digits));
        }
    }
}

/// A random secret for a server started without one.
pub fn new_secret() -> anyhow::Result<Vec<u8>> {
    let mut bytes = vec![0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_digits() {
        for _ in 0..100 {
            let c = new_code(6).unwrap();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn code_hashes_depend_on_secret_phone_and_code() {
        let h = code_hash(b"k", "13800138000", "123456");
        assert_eq!(h.len(), 64);
        assert_ne!(h, code_hash(b"k2", "13800138000", "123456"));
        assert_ne!(h, code_hash(b"k", "13800138001", "123456"));
        assert_ne!(h, code_hash(b"k", "13800138000", "123457"));
        assert!(!h.contains("123456"));
    }
}
