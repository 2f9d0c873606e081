//! Every parser meets arbitrary input without panicking.
use super::{Format, Source, parse};
use proptest::prelude::*;

fn all_formats(bytes: &[u8]) {
    let source = Source {
        file: "fuzz",
        bank: None,
    };
    for format in [
        Format::Toml,
        Format::Xlsx,
        Format::Csv,
        Format::Aiken,
        Format::Gift,
        Format::MoodleXml,
    ] {
        let _ = parse(format, &source, bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_parser_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        all_formats(&bytes);
    }

    #[test]
    fn no_parser_panics_on_format_like_text(text in "[\\[\\]{}=~#%:\\\\/$<>&;,\"a-fA-F0-9 \n.)ếọ-]{0,300}") {
        all_formats(text.as_bytes());
    }

    #[test]
    fn no_parser_panics_on_zip_prefixed_bytes(tail in proptest::collection::vec(any::<u8>(), 0..256)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        all_formats(&bytes);
    }
}
