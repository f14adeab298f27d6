//! Properties of the public API that must hold for any input.

use baocao_gazetteer::{foreign_places, language_of, places_in};
use proptest::prelude::*;

/// Text that often comes close to a name: pieces of names, their separators,
/// combining marks (so that some texts are not NFC), and arbitrary strings.
fn texts() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("Hà".to_owned()),
        Just("Nội".to_owned()),
        Just("Ha\u{300}".to_owned()),
        Just("No\u{323}\u{302}i".to_owned()),
        Just("Bà Rịa".to_owned()),
        Just("Vũng Tàu".to_owned()),
        Just("TP".to_owned()),
        Just("Hồ Chí Minh".to_owned()),
        Just("Thái Bình".to_owned()),
        Just("Dương".to_owned()),
        Just("Thị".to_owned()),
        Just("HCM".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just(".".to_owned()),
        Just("-".to_owned()),
        Just("\u{2013}".to_owned()),
        Just("\u{0301}".to_owned()),
        Just("\u{0323}".to_owned()),
        Just("{{".to_owned()),
        Just("%}".to_owned()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn places_in_never_panics_and_returns_sound_offsets(text in texts()) {
        let found = places_in(&text);
        let mut previous_end = 0;
        for m in &found {
            prop_assert!(m.start < m.end, "empty mention {m:?}");
            prop_assert!(m.end <= text.len(), "{m:?} out of bounds");
            prop_assert!(text.is_char_boundary(m.start), "{m:?}");
            prop_assert!(text.is_char_boundary(m.end), "{m:?}");
            prop_assert!(m.start >= previous_end, "overlapping or unsorted {found:?}");
            previous_end = m.end;
        }
        // Foreign mentions are some of the mentions.
        let foreign = foreign_places(&text, "Hải Phòng");
        prop_assert!(foreign.iter().all(|f| found.contains(f)));
    }

    #[test]
    fn language_of_never_panics(text in texts()) {
        // Whatever the answer, asking twice gives the same one.
        prop_assert_eq!(language_of(&text), language_of(&text));
    }
}
