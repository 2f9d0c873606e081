//! Self-registration rules: a self-registered person counts for their unit only once an organiser approved them;
//! their login is generated (never the phone, which judges must not see); and a login that is a phone number or
//! a CCCD (older accounts, roster files) is hidden from everyone but organisers.
use rand::RngExt;

/// A self-registered account waiting for an organiser.
pub const PENDING: &str = "pending";
/// A self-registered account an organiser approved.
pub const APPROVED: &str = "approved";
/// A registration whose CCCD or phone already had an account: created like any other (so the answer never tells),
/// without the CCCD and phone, for organisers to look at; never counts for a unit.
pub const DUPLICATE: &str = "duplicate";

/// Whether a person with this `users.registration` counts for their unit (organiser-made accounts: `None`).
pub fn counts_for_unit(registration: Option<&str>) -> bool {
    matches!(registration, None | Some(APPROVED))
}

/// Letters and digits that cannot be mistaken for one another when read out or copied from a screen.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A new login for a self-registered person: `dk-` and eight characters, never derived from personal data.
pub fn generate_login() -> String {
    let mut rng = rand::rng();
    let tail: String = (0..8)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    format!("dk-{tail}")
}

/// The login as someone other than an organiser may see it: hidden when it is the person's phone or CCCD.
pub fn login_for(organiser: bool, login: &str, phone: Option<&str>, cccd: Option<&str>) -> String {
    let personal = [phone, cccd]
        .into_iter()
        .flatten()
        .any(|p| !p.is_empty() && p == login);
    if organiser || !(personal || looks_like_phone_or_cccd(login)) {
        login.to_owned()
    } else {
        HIDDEN_LOGIN.to_owned()
    }
}

/// What replaces a login that is personal data.
pub const HIDDEN_LOGIN: &str = "(ẩn)";

/// A login of 9 to 12 digits (with an optional leading +) is a phone number or a CCCD.
pub fn looks_like_phone_or_cccd(login: &str) -> bool {
    let digits = login.strip_prefix('+').unwrap_or(login);
    (9..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_organiser_made_or_approved_people_count_for_their_unit() {
        assert!(counts_for_unit(None));
        assert!(counts_for_unit(Some(APPROVED)));
        assert!(!counts_for_unit(Some(PENDING)));
        assert!(!counts_for_unit(Some(DUPLICATE)));
    }

    #[test]
    fn a_generated_login_is_not_personal_data() {
        let login = generate_login();
        assert!(login.starts_with("dk-") && login.len() == 11, "{login}");
        assert!(!looks_like_phone_or_cccd(&login));
        assert_ne!(generate_login(), login);
    }

    #[test]
    fn a_phone_or_cccd_login_is_hidden_from_everyone_but_organisers() {
        let phone = Some("0912000111");
        assert_eq!(login_for(true, "0912000111", phone, None), "0912000111");
        assert_eq!(login_for(false, "0912000111", phone, None), HIDDEN_LOGIN);
        assert_eq!(login_for(false, "001089000111", None, None), HIDDEN_LOGIN);
        assert_eq!(login_for(false, "ttt-01", phone, None), "ttt-01");
    }
}
