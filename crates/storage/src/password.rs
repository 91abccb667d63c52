//! Password hashing, in one place: Argon2id with the crate's defaults (OWASP's recommended parameters),
//! PHC string format stored as text. Hashing is deliberately slow and holds 19 MiB while it runs: requests
//! use [`hash_password_bounded`] and [`verify_password_bounded`], which queue for one of a fixed set of
//! hashing threads (one per core), so that no mix of requests makes the process grow past that.

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
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

/// A job for the hashing threads.
type Job = Box<dyn FnOnce() + Send>;

/// One hashing thread per core, started at the first use, and a queue in front of them. Argon2 holds
/// 19 MiB while it runs, and the allocator keeps that memory in the arena of the thread that ran it: on the
/// blocking pool 96 parallel sign-ins held 96 × 19 MiB (5.8 GB seen), and even with their number capped,
/// each new pool thread kept 19 MiB more. A fixed set of threads bounds both, to the cores × 19 MiB.
fn hashers() -> &'static std::sync::mpsc::Sender<Job> {
    static QUEUE: std::sync::OnceLock<std::sync::mpsc::Sender<Job>> = std::sync::OnceLock::new();
    QUEUE.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        for n in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only while waiting for the next job, not while hashing.
                        let next = receiver.lock().map(|r| r.recv());
                        match next {
                            Ok(Ok(job)) => {
                                // A job that panics loses its answer (the caller sees an error), not the thread.
                                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                            }
                            _ => return,
                        }
                    }
                })
                .expect("starting a password hashing thread");
        }
        sender
    })
}

/// Runs a hashing step on the hashing threads, in its turn; the caller waits as a future, not a thread.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> crate::Result<T> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    hashers()
        .send(Box::new(move || {
            let _ = answer.send(work());
        }))
        .map_err(|e| crate::Error::Config(format!("password hashing stopped: {e}")))?;
    answered
        .await
        .map_err(|e| crate::Error::Config(format!("password hashing interrupted: {e}")))
}

/// [`hash_password`] on the hashing threads, in its turn.
pub async fn hash_password_bounded(password: Password) -> crate::Result<String> {
    in_turn(move || hash_password(&password)).await
}

/// [`verify_password`] on the hashing threads, in its turn. Without a stored hash (no
/// such account) it checks against the dummy hash, so that the answer takes as long, and is `false`.
pub async fn verify_password_bounded(
    typed: String,
    stored_hash: Option<String>,
) -> crate::Result<bool> {
    in_turn(move || match &stored_hash {
        Some(hash) => verify_password(&typed, hash),
        None => {
            verify_password(&typed, dummy_hash());
            false
        }
    })
    .await
}

/// The most memory a stored hash may ask for (64 MiB; ours use 19 MiB): a hash from elsewhere (a restored
/// backup) asking for gigabytes never matches rather than being computed.
const MAX_MEMORY_KIB: u32 = 64 * 1024;

thread_local! {
    /// The Argon2 memory of this thread, allocated at its first check and reused by every later one:
    /// allocated and freed at each check, it stayed in the allocator's arenas and the process grew by
    /// about 19 MiB per check (up to 280 MiB with two hashing threads).
    static MEMORY: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Argon2 of `password` into `out`, in this thread's memory.
fn compute(argon: &Argon2, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    let blocks = argon.params().block_count();
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, argon2::Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
}

/// Hashes a password that passed the policy.
pub fn hash_password(password: &Password) -> String {
    let salt = SaltString::generate(&mut OsRng);
    let argon = Argon2::default();
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut salt_bytes)
        .expect("a generated salt decodes");
    let hash = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        compute(&argon, password.expose().as_bytes(), salt_bytes, out).map_err(Into::into)
    })
    .expect("Argon2 with default parameters hashes any input");
    PasswordHash {
        algorithm: Algorithm::default().ident(),
        version: Some(Version::default().into()),
        params: ParamsString::try_from(argon.params()).expect("default parameters"),
        salt: Some(salt.as_salt()),
        hash: Some(hash),
    }
    .to_string()
}

/// Checks a typed password against a stored hash (any Argon2 PHC string up to 64 MiB); a malformed hash
/// never matches. The comparison takes constant time.
pub fn verify_password(typed: &str, stored_hash: &str) -> bool {
    let Some((argon, salt, expected)) = parse_hash(stored_hash) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    Output::init_with(expected.len(), |out| {
        compute(&argon, typed.as_bytes(), salt_bytes, out).map_err(Into::into)
    })
    .is_ok_and(|computed| computed == expected)
}

/// Whether a stored hash is one [`verify_password`] would check (an Argon2 PHC string with its salt,
/// asking for at most 64 MiB): a restored backup holding anything else is refused.
pub fn is_usable_hash(stored_hash: &str) -> bool {
    parse_hash(stored_hash).is_some_and(|(_, salt, _)| salt.decode_b64(&mut [0u8; 64]).is_ok())
}

/// The hasher, salt and expected output of an acceptable stored hash.
fn parse_hash(
    stored_hash: &str,
) -> Option<(Argon2<'static>, argon2::password_hash::Salt<'_>, Output)> {
    let hash = PasswordHash::new(stored_hash).ok()?;
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        Algorithm::try_from(hash.algorithm),
        Params::try_from(&hash),
        hash.salt,
        hash.hash,
    ) else {
        return None;
    };
    let version = hash.version.map(Version::try_from).transpose().ok()?;
    if params.m_cost() > MAX_MEMORY_KIB {
        return None;
    }
    Some((
        Argon2::new(algorithm, version.unwrap_or_default(), params),
        salt,
        expected,
    ))
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

    #[test]
    fn hashes_are_standard_argon2id_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_password(&Password::parse("correct horse battery").unwrap());
        let standard = Argon2::default()
            .hash_password(b"correct horse battery", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &PasswordHash::new(&ours).unwrap())
                .is_ok()
        );
        assert!(verify_password("correct horse battery", &standard));
        assert!(!verify_password("correct horse batterY", &standard));
        // Another variant and other parameters, as a restored backup may carry.
        let argon2i = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(8192, 3, 1, None).unwrap(),
        )
        .hash_password(b"secret phrase", &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        assert!(verify_password("secret phrase", &argon2i));
        // A hash asking for 4 GiB is refused, not computed.
        let greedy = standard.replace("m=19456", "m=4194304");
        assert!(!verify_password("correct horse battery", &greedy));
    }
}
