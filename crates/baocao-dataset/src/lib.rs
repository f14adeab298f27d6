//! Dataset types and the TOML reader.
//!
//! A dataset is one region's statistics over several periods, written by a
//! statistics clerk in TOML as `../shared/spec/dataset.md` (format 1)
//! describes. This crate is the first stage of the pipeline: it turns files
//! into a [`Dataset`] whose every number keeps its exact decimal value, the
//! number of decimals it was written with (which the consistency checks need)
//! and its file, line and column. Every mistake is reported with its place and
//! what was expected; nothing is silently repaired.
//!
//! It depends on no other baocao crate.
//!
//! ```
//! let text = r#"
//! format = 1
//! [dataset]
//! region = "Hà Nội"
//!
//! [[indicator]]
//! id = "iip"
//! name = "chỉ số sản xuất công nghiệp (IIP)"
//! kind = "index"
//! index = { 2024 = 105.9 }
//! "#;
//! let ds = baocao_dataset::read_str(text, "hanoi.toml").unwrap();
//! let iip = ds.indicator("iip").unwrap();
//! let n = &iip.index[&"2024".parse().unwrap()];
//! assert_eq!((n.value.to_string(), n.scale), ("105.9".to_string(), 1));
//! assert_eq!(n.at.to_string(), "hanoi.toml:10:18");
//!
//! let err = baocao_dataset::read_str("format = 1\n[dataset]\nregion = 5\n", "bad.toml").unwrap_err();
//! assert!(err.to_string().starts_with("bad.toml:3:10: "));
//! ```

mod date;
mod error;
mod model;
mod period;
mod read;
mod standard;

pub use date::Date;
pub use error::{DatasetError, Diagnostic, Span};
pub use model::{
    Approx, Better, ContributionBase, Dataset, Format, Indicator, IndicatorId, Kind, Location,
    Note, Number, Op, Target, TargetMeasure,
};
pub use period::{MAX_YEAR, MIN_YEAR, Period, PeriodError};
pub use read::{read_path, read_sources, read_str};
pub use standard::{STANDARD, Standard, standard};
