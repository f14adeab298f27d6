//! Synthetic departments for scale tests and benchmarks.
//!
//! [`write()`] makes any number of department folders shaped like
//! `config/hanoi`: a `department.toml` that uses the built-in templates, and
//! a dataset (`data/<id>.toml`, `data/notes.toml`) with every indicator the
//! built-in report names, for every year asked for. The departments are
//! named after the 34 provinces and centrally governed cities of Việt Nam
//! (since 1 July 2025), then again with a suffix ("Hà Nội 2").
//!
//! The figures are invented but plausible: value added that grows a few
//! percent a year, with a shock shared by every department in a year;
//! indices around 100; quarters that rise in some years and not in others.
//! They are consistent by construction: every written parent level is the
//! exact sum of its written parts, and a growth written beside levels is
//! their growth rounded to what two decimals stand for, so `baocao check
//! --strict` passes.
//!
//! The output depends on the [`Spec`] only: randomness comes from a
//! SplitMix64 generator written out in this crate, arithmetic is on
//! integers (no floating point, no platform differences), and nothing reads
//! the clock. Each department and each year draws from its own stream, so
//! department 3's figures are the same whether 5 or 50 are written, and a
//! 3-year run's figures are the first three years of a 10-year run's.
//!
//! [`shape`] writes one dataset at a time, of any shape the format allows
//! (any subset of the standard indicators, any period kinds, figures
//! written every way, hostile text), for property tests that no dataset
//! breaks a department.
//!
//! [`stress`] writes datasets of extreme size (ten thousand children under
//! one parent, a million lines, long mistyped ids) for measuring that
//! reading and computing stay linear, and for tests that the answers are
//! still right at that size.
//!
//! This crate sits beside the pipeline: it writes files the pipeline reads,
//! and depends on no baocao crate (its tests use them to prove the output).
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let spec = baocao_datagen::Spec { departments: 2, first_year: 2022, years: 3, seed: 1 };
//! let folders = baocao_datagen::write(&spec, dir.path()).unwrap();
//! assert_eq!(folders, [dir.path().join("tinh-01"), dir.path().join("tinh-02")]);
//!
//! let ds = baocao_dataset::read_path(&folders[1].join("data")).unwrap();
//! assert_eq!((ds.region.as_str(), ds.years()), ("Huế", vec![2022, 2023, 2024]));
//! ```

mod dataset_file;
mod department_file;
mod economy;
mod fixed;
mod notes_file;
mod region;
mod rng;
pub mod shape;
pub mod stress;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use economy::Economy;
use region::Region;

/// The earliest first year: the dataset format's first year.
pub const MIN_FIRST_YEAR: i32 = 1900;
/// The latest year a department may cover: the dataset format's last year
/// (2200) minus one, because each report sets targets for the next year.
pub const MAX_LAST_YEAR: i32 = 2199;
/// The most years one run may cover; levels growing up to 25% a year stay
/// far inside 64-bit integers for that long.
pub const MAX_YEARS: usize = 100;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// How many departments: `tinh-01`, `tinh-02`, …
    pub departments: usize,
    /// The first year reported.
    pub first_year: i32,
    /// How many years, from `first_year` on (1 to [`MAX_YEARS`]).
    pub years: usize,
    /// The seed: the same seed gives the same bytes.
    pub seed: u64,
}

impl Spec {
    /// The years reported, in order (at most [`MAX_YEARS`] of them, as
    /// [`write()`] allows no more).
    pub fn year_list(&self) -> Vec<i32> {
        (0..self.years.min(MAX_YEARS))
            .map(|i| {
                let offset = i32::try_from(i).expect("at most MAX_YEARS");
                self.first_year.saturating_add(offset)
            })
            .collect()
    }

    /// The id (and folder name) of department `n` (0-based): `tinh-01`, or
    /// with more digits when there are more than 99 departments, so that
    /// folders sort in order.
    pub fn department_id(&self, n: usize) -> String {
        let width = self.departments.to_string().len().max(2);
        format!("tinh-{:0width$}", n + 1)
    }

    fn check(&self) -> io::Result<()> {
        let invalid = |message: String| Err(io::Error::new(io::ErrorKind::InvalidInput, message));
        if self.years == 0 || self.years > MAX_YEARS {
            return invalid(format!(
                "years must be 1 to {MAX_YEARS}, not {}",
                self.years
            ));
        }
        let last = i64::from(self.first_year) + self.years as i64 - 1;
        if self.first_year < MIN_FIRST_YEAR || last > i64::from(MAX_LAST_YEAR) {
            return invalid(format!(
                "the years {}–{last} must lie within {MIN_FIRST_YEAR}–{MAX_LAST_YEAR}",
                self.first_year
            ));
        }
        Ok(())
    }
}

/// Writes `dir/<id>/department.toml`, `dir/<id>/data/<id>.toml` and
/// `dir/<id>/data/notes.toml` for each department of `spec`, creating
/// folders as needed and replacing files of the same names (nothing else in
/// `dir` is touched). Returns the department folders, in order: each one is
/// what `baocao check` and `baocao_config::Department::load` take.
///
/// A spec with no years, more than [`MAX_YEARS`], or years outside
/// [`MIN_FIRST_YEAR`]–[`MAX_LAST_YEAR`] is refused with
/// [`io::ErrorKind::InvalidInput`] before anything is written.
pub fn write(spec: &Spec, dir: &Path) -> io::Result<Vec<PathBuf>> {
    spec.check()?;
    let years = spec.year_list();
    let mut folders = Vec::with_capacity(spec.departments);
    for n in 0..spec.departments {
        let id = spec.department_id(n);
        let region = Region::nth(n);
        let economy = Economy::simulate(spec.seed, n, &region, spec.first_year, spec.years);
        let header = dataset_file::Header {
            region: &region,
            seed: spec.seed,
            number: n + 1,
            of: spec.departments,
        };
        let folder = dir.join(&id);
        let data = folder.join("data");
        fs::create_dir_all(&data)?;
        fs::write(
            folder.join("department.toml"),
            department_file::text(&id, &region, spec.seed, n, &years),
        )?;
        fs::write(
            data.join(format!("{id}.toml")),
            dataset_file::text(&header, &economy),
        )?;
        fs::write(
            data.join("notes.toml"),
            notes_file::text(&region, spec.seed, n, &years),
        )?;
        folders.push(folder);
    }
    Ok(folders)
}
