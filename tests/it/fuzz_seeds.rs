//! The fuzz target's checks on its seeds, the embedded dataset and the
//! hostile fixture, so they compile and hold in every test run, not only
//! when someone fuzzes.

#[test]
fn the_fuzz_checks_hold_on_the_seeds() {
    let mut files: Vec<_> = std::fs::read_dir("fuzz/seeds/load")
        .expect("the fuzz seeds")
        .map(|e| e.expect("a seed").path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files.push("assets/relations.json".into());
    files.push("tests/fixtures/hostile.json".into());
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        crate::check_load::check(&bytes);
    }
}
