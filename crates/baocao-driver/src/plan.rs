//! What to make: the departments named on the command line, the periods
//! asked for, and the number of threads, settled once for `render`,
//! `batch` and `check`.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use baocao_config::Department;
use baocao_dataset::{Dataset, Period};
use baocao_narrative::Templates;

use crate::DriverError;
use crate::batch::Unit;

/// Worker threads: as asked, else one per core; never more than there is
/// work for (a thread per report at most), never 0.
pub fn jobs(asked: Option<NonZeroUsize>, work: usize) -> usize {
    let wanted = asked.map_or_else(
        || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        NonZeroUsize::get,
    );
    wanted.min(work.max(1))
}

/// The department a `render`, `figures` or `check` names: a folder, a
/// folder under `config/`, or the built-in `hanoi` (`None`).
pub fn department(name: Option<&str>) -> Result<Department, DriverError> {
    Ok(Department::resolve(name)?)
}

/// Departments of a batch: each argument is a department folder, a name
/// under `config/`, or a folder of department folders (each subfolder with
/// a `department.toml`, in name order); none means the built-in one. Two
/// departments with the same id would overwrite each other's reports.
pub fn departments(args: &[String]) -> Result<Vec<Department>, DriverError> {
    if args.is_empty() {
        return Ok(vec![Department::builtin()]);
    }
    let mut out = Vec::new();
    for a in args {
        let p = Path::new(a);
        if p.is_dir() && !p.join("department.toml").is_file() {
            let mut subs: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|reason| DriverError::Read {
                    path: p.to_path_buf(),
                    reason,
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|s| s.join("department.toml").is_file())
                .collect();
            if subs.is_empty() {
                return Err(DriverError::Usage(format!(
                    "{a}: no department.toml in it or in its subfolders"
                )));
            }
            subs.sort();
            for s in subs {
                out.push(Department::load(&s)?);
            }
        } else {
            out.push(Department::resolve(Some(a))?);
        }
    }
    let mut ids: Vec<&str> = out.iter().map(|d| d.settings.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(DriverError::Usage(format!(
            "two departments have the id `{}`: their reports would overwrite each other",
            w[0]
        )));
    }
    Ok(out)
}

/// `2019..=2024`, `2019..2025`, `2024`.
pub fn years(s: &str) -> Result<Vec<i32>, DriverError> {
    let bad = || {
        DriverError::Usage(format!(
            "bad --years `{s}`: write a year (2024) or a range (2019..=2024 or 2019..2025)"
        ))
    };
    let year = |t: &str| t.trim().parse::<i32>().map_err(|_| bad());
    let (from, to) = if let Some((a, b)) = s.split_once("..=") {
        (year(a)?, year(b)?)
    } else if let Some((a, b)) = s.split_once("..") {
        (year(a)?, year(b)? - 1)
    } else {
        let y = year(s)?;
        (y, y)
    };
    if from > to
        || !(baocao_dataset::MIN_YEAR..=baocao_dataset::MAX_YEAR).contains(&from)
        || to > baocao_dataset::MAX_YEAR
    {
        return Err(bad());
    }
    Ok((from..=to).collect())
}

/// The period asked for with `--year` or `--period`, if any.
pub fn asked_period(
    year: Option<u16>,
    period: Option<&str>,
) -> Result<Option<Period>, DriverError> {
    let asked = match (year, period) {
        (Some(y), _) => Some(y.to_string()),
        (None, p) => p.map(str::to_owned),
    };
    asked
        .map(|p| {
            p.parse::<Period>()
                .map_err(|e| DriverError::Usage(e.to_string()))
        })
        .transpose()
}

/// The period asked for (`--year` or `--period`), or the latest the
/// dataset has figures for.
pub fn period(
    year: Option<u16>,
    period: Option<&str>,
    ds: &Dataset,
) -> Result<Period, DriverError> {
    match asked_period(year, period)? {
        Some(p) => Ok(p),
        None => ds.latest_period().ok_or_else(|| {
            DriverError::Usage(
                "the dataset has no observations, so there is no period to report on".to_owned(),
            )
        }),
    }
}

/// Periods parsed from the command line (`2024-Q3,2024-9M`).
pub fn periods(asked: &[String]) -> Result<Vec<Period>, DriverError> {
    asked
        .iter()
        .map(|p| {
            p.trim()
                .parse::<Period>()
                .map_err(|e| DriverError::Usage(e.to_string()))
        })
        .collect()
}

/// A department ready to report: its dataset read and its templates.
#[derive(Debug)]
pub struct Loaded<'a> {
    /// The department.
    pub department: &'a Department,
    /// Its dataset.
    pub dataset: Dataset,
    /// Its templates.
    pub templates: Templates,
}

/// Reads each department's dataset (in parallel) and templates; a
/// department whose data does not read is returned apart, with why.
pub fn load<'a>(
    departments: &'a [Department],
    jobs: usize,
) -> (Vec<Loaded<'a>>, Vec<(&'a Department, DriverError)>) {
    let mut loaded = Vec::new();
    let mut failed = Vec::new();
    for (d, ds) in departments
        .iter()
        .zip(crate::batch::load_datasets(departments, jobs))
    {
        match ds {
            Ok(dataset) => loaded.push(Loaded {
                department: d,
                dataset,
                templates: crate::templates(d),
            }),
            Err(e) => failed.push((d, DriverError::Dataset(e))),
        }
    }
    (loaded, failed)
}

/// The reports of a batch: for each department, the years asked (default:
/// every year its data covers) and the extra periods, sorted, each once.
pub fn units<'a>(
    loaded: &'a [Loaded<'a>],
    years: Option<&[i32]>,
    extra: &[Period],
) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    for l in loaded {
        let mut periods: Vec<Period> = match years {
            Some(ys) => ys.iter().map(|y| Period::Year(*y)).collect(),
            None => l.dataset.years().into_iter().map(Period::Year).collect(),
        };
        periods.extend(extra.iter().copied());
        periods.sort();
        periods.dedup();
        units.extend(periods.into_iter().map(|period| Unit {
            department: l.department,
            dataset: &l.dataset,
            templates: &l.templates,
            period,
        }));
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(years("2019..=2021").unwrap(), [2019, 2020, 2021]);
        assert_eq!(years("2019..2021").unwrap(), [2019, 2020]);
        assert_eq!(years("2024").unwrap(), [2024]);
        assert!(years("2024..2019").is_err());
        assert!(years("20x4").is_err());
    }

    #[test]
    fn jobs_are_never_0_nor_more_than_the_work() {
        let n = |k| NonZeroUsize::new(k);
        assert_eq!(jobs(n(4), 2), 2);
        assert_eq!(jobs(n(10_000), 3), 3);
        assert_eq!(jobs(n(2), 0), 1);
        assert!(jobs(None, 100) >= 1);
    }
}
