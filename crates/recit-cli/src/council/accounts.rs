//! The council's members: their roles, their passwords (Argon2id) and the random tokens of
//! sessions and invitations.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// What a member may do; each role may do what the ones before it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads the draft.
    Lecture,
    /// Edits the draft.
    Membre,
    /// Also publishes.
    Editeur,
    /// Also manages members.
    Administrateur,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Lecture, Role::Membre, Role::Editeur, Role::Administrateur];

    /// The role's name, as stored and as the API spells it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Lecture => "lecture",
            Role::Membre => "membre",
            Role::Editeur => "editeur",
            Role::Administrateur => "administrateur",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A random secret of 256 bits, shown once (in a link or a cookie) and stored as its hash.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn random() -> Token {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the system's random source");
        Token(hex(&bytes))
    }

    /// A token as a link or a cookie carried it; `None` if it cannot be one.
    pub fn parse(text: &str) -> Option<Token> {
        (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())).then(|| Token(text.to_string()))
    }

    /// What is shown to its holder.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// What is stored.
    pub fn digest(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// A new member's id.
pub fn new_id() -> String {
    Token::random().0[..16].to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The shortest password accepted, in characters (ANSSI's advice for a password alone).
pub const PASSWORD_MIN: usize = 12;
/// The longest, in bytes: hashing is bounded whatever is sent.
pub const PASSWORD_MAX: usize = 256;
/// A name's longest, in characters.
pub const NAME_MAX: usize = 60;

/// Why a name or a password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    NameEmpty,
    NameTooLong,
    NameControl,
    PasswordShort,
    PasswordLong,
}

/// The name as kept: trimmed, one to [`NAME_MAX`] characters, no control character.
pub fn check_name(name: &str) -> Result<String, Refused> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(Refused::NameEmpty),
        n if n > NAME_MAX => Err(Refused::NameTooLong),
        _ if name.chars().any(char::is_control) => Err(Refused::NameControl),
        _ => Ok(name.to_string()),
    }
}

pub fn check_password(password: &str) -> Result<(), Refused> {
    if password.len() > PASSWORD_MAX {
        Err(Refused::PasswordLong)
    } else if password.chars().count() < PASSWORD_MIN {
        Err(Refused::PasswordShort)
    } else {
        Ok(())
    }
}

/// The password's Argon2id hash (the crate's default parameters, OWASP's first choice), as a
/// PHC string that carries its salt and parameters.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the system's random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("Argon2id hashes any password under the length limit").to_string()
}

/// Whether `password` is the one `hash` was made from.
pub fn verify_password(password: &str, hash: &str) -> bool {
    password.len() <= PASSWORD_MAX && PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash no password matches, checked when the name is unknown, so that the time a sign-in
/// takes does not tell whether a name is a member's.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(Token::random().secret()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_and_named_both_ways() {
        assert!(Role::Lecture < Role::Membre && Role::Membre < Role::Editeur && Role::Editeur < Role::Administrateur);
        for role in Role::ALL {
            assert_eq!(Role::parse(role.name()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn a_password_matches_its_hash_only() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
        assert_ne!(hash, hash_password("correct horse battery"), "salted");
    }

    #[test]
    fn tokens_are_random_parsed_strictly_and_stored_hashed() {
        let token = Token::random();
        assert_ne!(token, Token::random());
        assert_eq!(Token::parse(token.secret()), Some(token.clone()));
        assert_eq!(Token::parse(&token.secret().to_uppercase()), None);
        assert_eq!(Token::parse("abc"), None);
        assert_ne!(token.digest(), token.secret());
    }

    #[test]
    fn names_and_passwords_have_limits() {
        assert_eq!(check_name("  Anne  "), Ok("Anne".into()));
        assert_eq!(check_name(" "), Err(Refused::NameEmpty));
        assert_eq!(check_name(&"é".repeat(61)), Err(Refused::NameTooLong));
        assert_eq!(check_name("a\u{7}b"), Err(Refused::NameControl));
        assert_eq!(check_password("onze chars!"), Err(Refused::PasswordShort));
        assert_eq!(check_password("douze chars!"), Ok(()));
        assert_eq!(check_password(&"x".repeat(257)), Err(Refused::PasswordLong));
    }
}
