//! `baocao-datagen`: writes synthetic departments for scale tests and
//! benchmarks. CLI definition plus glue; the work is in the library.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is where printing belongs"
)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes synthetic department folders (department.toml and data/) that
/// `baocao check` and `baocao render` read with the built-in templates.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// How many departments (the 34 provinces and cities, then again with a suffix).
    #[arg(long, default_value_t = 34)]
    departments: usize,
    /// How many years, from --first-year on.
    #[arg(long, default_value_t = 10)]
    years: usize,
    /// The first year reported.
    #[arg(long, default_value_t = 2015)]
    first_year: i32,
    /// The seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write the department folders into (with --stress, the
    /// dataset file to write).
    #[arg(long, default_value = "target/datagen")]
    out: PathBuf,
    /// Instead of departments, one dataset of extreme size (docs/performance.md).
    #[arg(long, value_enum)]
    stress: Option<Stress>,
    /// With --stress: how many children, levels, lines or mistyped ids.
    #[arg(long, default_value_t = 10_000)]
    size: usize,
}

/// The datasets of `baocao_datagen::stress`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Stress {
    /// Two roots with --size children each.
    Children,
    /// A chain --size levels deep.
    Chain,
    /// About --size lines of monthly figures.
    Rows,
    /// --size indicators with ids of 100 characters and mistyped parents.
    Typos,
}

/// Writes one stress dataset to `out`.
fn stress(kind: Stress, size: usize, out: &std::path::Path) -> ExitCode {
    let text = match kind {
        Stress::Children => baocao_datagen::stress::many_children(size),
        Stress::Chain => baocao_datagen::stress::deep_chain(size),
        Stress::Rows => baocao_datagen::stress::many_rows(size),
        Stress::Typos => baocao_datagen::stress::long_unknown_ids(size, 100),
    };
    match std::fs::write(out, &text) {
        Ok(()) => {
            println!("wrote {} bytes to {}", text.len(), out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(kind) = args.stress {
        return stress(kind, args.size, &args.out);
    }
    let spec = baocao_datagen::Spec {
        departments: args.departments,
        first_year: args.first_year,
        years: args.years,
        seed: args.seed,
    };
    match baocao_datagen::write(&spec, &args.out) {
        Ok(folders) => {
            let years = spec.year_list();
            let span = match (years.first(), years.last()) {
                (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
                (Some(first), _) => first.to_string(),
                _ => String::new(),
            };
            println!(
                "wrote {} departments ({} files), years {span}, seed {}, to {}",
                folders.len(),
                folders.len() * 3,
                spec.seed,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: cannot write to {}: {e}", args.out.display());
            ExitCode::from(1)
        }
    }
}
