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
    /// The folder to write the department folders into.
    #[arg(long, default_value = "target/datagen")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
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
