//! Password hashing, in one place: Argon2id with the crate's defaults (OWASP's recommended parameters),
//! PHC string format stored as text. Hashing is deliberately slow: call it from `spawn_blocking` in handlers.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use passerelle_domain::Password;

/// The hash checked against when an account does not exist, so that a failed sign-in takes as long whether
/// or not the address is known. Made once, from a random secret.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret = SaltString::generate(&mut OsRng);
        let password = Password::parse(&format!("{}-dummy", secret.as_str())).expect("long enough");
        hash_password(&password)
    })
}

/// Hashes a password that passed the policy.
pub fn hash_password(password: &Password) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .expect("Argon2 with default parameters hashes any input")
        .to_string()
}

/// Checks a typed password against a stored hash; a malformed hash never matches.
pub fn verify_password(typed: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|hash| {
            Argon2::default()
                .verify_password(typed.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password_and_are_salted() {
        let p = Password::parse("correct horse battery").unwrap();
        let h1 = hash_password(&p);
        let h2 = hash_password(&p);
        assert!(h1.starts_with("$argon2id$"));
        assert_ne!(h1, h2, "each hash has its own salt");
        assert!(verify_password("correct horse battery", &h1));
        assert!(!verify_password("correct horse batterY", &h1));
        assert!(!verify_password("correct horse battery", "not a hash"));
        assert!(!verify_password("", ""));
    }
}
