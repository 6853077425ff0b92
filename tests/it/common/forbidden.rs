//! The test oracle for terminal safety, kept apart from the cleaning code it
//! checks (`src/data/sanitize.rs`) so that a mistake there cannot hide here.
//! Included by path from the tests and the fuzz target.

/// Characters that must never reach a terminal from a dataset: they move the
/// cursor, start escape sequences, hide text or reorder it.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            u32::from(c),
            0x00AD
                | 0x061C
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0xE0000..=0xE007F
        )
}
