//! README's key table is the key table: generated from the bindings, and
//! checked against them here, so it cannot drift from what the keys do.

use std::path::Path;

const BEGIN: &str = "<!-- keys: generated from src/app/keymap.rs -->\n";
const END: &str = "<!-- end of keys -->";

#[test]
fn the_readme_key_table_matches_the_bindings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let start = readme.find(BEGIN).expect("README marks its key table") + BEGIN.len();
    let end = start + readme[start..].find(END).expect("the key table ends");
    let expected = bilateral::app::keymap::markdown();
    if readme[start..end] == expected {
        return;
    }
    // BILATERAL_UPDATE_README=1 cargo test readme_keys: writes the table in.
    if std::env::var_os("BILATERAL_UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    panic!(
        "README's key table differs from the bindings; run \
         BILATERAL_UPDATE_README=1 cargo test readme_keys, or paste:\n{expected}"
    );
}
