//! The plain-text overview of every relation.

use std::io::Write;

use crate::data::Dataset;
use crate::query::{self, mission_name, mission_status as status_text};
use crate::text::wrap;

/// Every relation as a card: establishment, summary, missions, latest trade, counts.
pub fn write_overview(
    ds: &Dataset,
    relations: &[usize],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (n, &r) in relations.iter().enumerate() {
        let Some(rel) = ds.relations.get(r) else {
            continue;
        };
        if n > 0 {
            writeln!(out)?;
        }
        let ov = query::overview(rel);
        writeln!(out, "{}  ({})", ds.relation_name(rel), rel.id)?;
        match rel.established {
            Some(d) => writeln!(out, "Diplomatic relations since {d}")?,
            None => writeln!(out, "Date of establishment not stated")?,
        }
        writeln!(out)?;
        for line in wrap(&rel.summary, 78) {
            writeln!(out, "  {line}")?;
        }
        writeln!(out)?;
        let label = |s: &str| format!("  {s:<16}");
        let mut first = true;
        for m in &ov.missions_today {
            let head = if first {
                label("Missions today")
            } else {
                label("")
            };
            first = false;
            writeln!(
                out,
                "{head}{} — {}",
                mission_name(ds, m),
                status_text(ds, m)
            )?;
        }
        if first {
            writeln!(out, "{}none recorded", label("Missions today"))?;
        }
        let currency = rel.currency();
        match ov.latest_trade {
            Some(f) => writeln!(
                out,
                "{}{} in {} (two-way)",
                label("Latest trade"),
                f.amount.display(currency),
                f.year
            )?,
            None => writeln!(out, "{}no figures", label("Latest trade"))?,
        }
        writeln!(out, "{}{}", label("Records"), query::record_counts(rel))?;
        for (title, facts) in [
            ("Memberships", &ov.memberships),
            ("Mechanisms", &ov.mechanisms),
        ] {
            for (i, f) in facts.iter().enumerate() {
                let head = if i == 0 { label(title) } else { label("") };
                writeln!(out, "{head}{}", f.text)?;
            }
        }
    }
    Ok(())
}
