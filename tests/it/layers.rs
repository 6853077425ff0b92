//! The modules depend on each other one way only: data → query → search →
//! screen → app → view → tui and cli. A module that reaches a module above
//! it (the app drawing, the views reading the command line) fails here.

use std::path::Path;

/// The layers, lowest first. `text` and `heap` are helpers any layer uses;
/// `synth`, the generator of test datasets, serves tests and benchmarks only.
const LAYERS: [&[&str]; 7] = [
    &["data"],
    &["query"],
    &["search"],
    &["screen"],
    &["app"],
    &["view"],
    &["tui", "cli"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The crate modules a file's code (not its comments) names as `crate::x`.
fn uses(code: &str) -> Vec<String> {
    code.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
        .flat_map(|l| l.match_indices("crate::").map(move |(i, _)| &l[i + 7..]))
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut wrong = Vec::new();
    for path in all {
        let rel = path.strip_prefix(&src).expect("under src");
        let top = rel.iter().next().and_then(|s| s.to_str()).unwrap_or("");
        let module = top.trim_end_matches(".rs");
        let Some(own) = layer(module) else { continue };
        let code = std::fs::read_to_string(&path).expect("a source file is readable");
        for used in uses(&code) {
            if layer(&used).is_some_and(|l| l > own) {
                wrong.push(format!("{} uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run upwards:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    assert_eq!(uses("use crate::view::layout;\n// crate::cli"), ["view"]);
    assert!(layer("view") > layer("app"));
}
