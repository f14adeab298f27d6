//! A batch of generated reports, phase by phase: 34 departments × 10 years
//! (2015–2024) from `baocao-datagen` (seed 1), the 340 reports that
//! `baocao batch target/datagen` makes, in its three default formats.
//!
//! `phase` goes through all 340 reports once per iteration, in the batch's
//! order, so a time divided by 340 is the mean cost of one report (divan
//! prints the throughput, reports per second, below each time):
//!
//! - `figures`: `baocao_calc::compute`;
//! - `narrative`: `baocao_driver::document_with` (wording, the
//!   `Document`) with the department's templates kept across reports, as
//!   the batch keeps them, from figures made beforehand (last year's
//!   taken from the report before, as the batch keeps them too);
//! - `encode`: `baocao_driver::encode`, the document's JSON;
//! - `render_md`, `render_html`, `render_txt`: each plugin's `render`
//!   through the C ABI (decode, render, copy), from the JSON;
//! - `hash`: the SHA-256 hex of each report's document (its JSON, once for
//!   all formats) and of each output, which `baocao_driver::batch::run` computes for
//!   `--skip-unchanged` and `manifest.json`;
//! - `all`: all of the above, report after report as a batch makes them
//!   (`Job::run_with` with the kept templates and last year's figures
//!   kept from the report before, the document's hash, then per format
//!   render and hash), without writing: against the sum of the others, what
//!   interleaving the phases costs.
//!
//! `fresh` and `overwrite` write files, per iteration: `batch` runs
//! `baocao_driver::batch::run` over the 340 reports with 1 and 2 worker
//! threads; `write` writes the 1020 outputs, made beforehand, to
//! `<dir>/<department>/<period>.<ext>` as the batch does
//! (`baocao_driver::Staged`: temporaries, one flush, renames). `fresh` writes
//! into a new folder each iteration and deletes nothing until the end;
//! `overwrite` writes over the files of the previous iteration in one
//! folder. Everything goes under cargo's `target/tmp`, on the file system
//! of `target/`, and is removed when the benchmark ends.
//!
//! Divan runs the groups by name, so `fresh` runs before anything has
//! been deleted: on ext4 without a journal (as on the project's machine),
//! creating a file skips every inode freed in the last minute or so, and
//! each overwrite frees one. See `docs/performance.md`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use baocao_calc::Figures;
use baocao_config::Department;
use baocao_dataset::{Dataset, Period};
use baocao_document::Document;
use baocao_driver::batch::{self, BatchOptions, Layout, Plugins, Unit};
use baocao_plugin_host::Plugin;
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use tempfile::TempDir;

/// The allocator of the `baocao` binary, so that the figures are its.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The formats of `baocao batch`'s default.
const FORMATS: [&str; 3] = ["md", "html", "txt"];

fn main() {
    // Generates, loads and makes everything outside any measurement, and
    // checks that a whole batch writes every file.
    let written = whole_batch(&new_folder(), 2);
    assert_eq!(written.files.len(), units().len() * FORMATS.len());
    assert_eq!(
        written.failures().count(),
        0,
        "{:?}",
        written.failures().next()
    );
    let _ = made();
    divan::main();
    // A static is never dropped, so its folder is removed here.
    let _ = std::fs::remove_dir_all(scratch().path());
}

/// The generated departments and their datasets, read once.
struct Generated {
    departments: Vec<Department>,
    datasets: Vec<Dataset>,
    /// Each department's templates, compiled on first use, as `baocao batch` keeps them.
    templates: Vec<baocao_narrative::Templates>,
}

fn generated() -> &'static Generated {
    static GENERATED: LazyLock<Generated> = LazyLock::new(|| {
        let spec = baocao_datagen::Spec {
            departments: 34,
            first_year: 2015,
            years: 10,
            seed: 1,
        };
        let folders = baocao_datagen::write(&spec, &scratch().path().join("data"))
            .expect("the departments are written");
        let departments: Vec<Department> = folders
            .iter()
            .map(|f| Department::load(f).expect("a generated department loads"))
            .collect();
        let datasets = departments
            .iter()
            .map(|d| baocao_driver::load_dataset(d, None).expect("a generated dataset reads"))
            .collect();
        let templates = departments.iter().map(baocao_driver::templates).collect();
        Generated {
            departments,
            datasets,
            templates,
        }
    });
    &GENERATED
}

/// Every (department, period) of the data, in the order of `baocao batch`.
fn units() -> &'static [Unit<'static>] {
    static UNITS: LazyLock<Vec<Unit<'static>>> = LazyLock::new(|| {
        let g = generated();
        g.departments
            .iter()
            .zip(&g.datasets)
            .zip(&g.templates)
            .flat_map(|((department, dataset), templates)| {
                dataset.years().into_iter().map(move |y| Unit {
                    department,
                    dataset,
                    templates,
                    period: Period::Year(y),
                })
            })
            .collect()
    });
    &UNITS
}

/// One report made, with what each phase takes as input.
struct Made {
    figures: std::sync::Arc<Figures>,
    document: Document<'static>,
    json: Vec<u8>,
    /// Per format: options, the file relative to the output folder, bytes.
    outputs: Vec<Output>,
}

struct Output {
    plugin: &'static Plugin,
    options: Vec<u8>,
    path: PathBuf,
    bytes: Vec<u8>,
}

fn made() -> &'static [Made] {
    static MADE: LazyLock<Vec<Made>> = LazyLock::new(|| {
        units()
            .iter()
            .map(|u| {
                let mut job = baocao_driver::Job::new(u.department, u.period);
                job.templates = Some(u.templates);
                let m = job.run_with(u.dataset).expect("a generated report is made");
                let outputs = FORMATS
                    .iter()
                    .map(|&f| {
                        let plugin = baocao_bench::plugin(f);
                        let options = baocao_driver::format_options(u.department, f)
                            .expect("a generated department's options read");
                        let bytes = plugin
                            .render(&m.document_json, &options)
                            .expect("a generated report renders");
                        let path = Path::new(&u.department.settings.id)
                            .join(format!("{}.{}", u.period, plugin.extension));
                        Output {
                            plugin,
                            options,
                            path,
                            bytes,
                        }
                    })
                    .collect();
                Made {
                    figures: m.figures,
                    document: m.document,
                    json: m.document_json,
                    outputs,
                }
            })
            .collect()
    });
    &MADE
}

/// The benchmark's folder under `target/tmp`, removed when it ends.
fn scratch() -> &'static TempDir {
    static SCRATCH: LazyLock<TempDir> =
        LazyLock::new(|| TempDir::new_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder"));
    &SCRATCH
}

/// A folder that does not exist yet, under [`scratch()`].
fn new_folder() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    scratch().path().join(format!("out-{n}"))
}

fn whole_batch(out: &Path, jobs: usize) -> batch::BatchOutcome {
    let opts = BatchOptions {
        formats: Some(FORMATS.iter().map(|&f| f.to_owned()).collect()),
        out: out.to_path_buf(),
        layout: Layout::Batch,
        jobs,
        skip_unchanged: false,
        overview: Default::default(),
    };
    let plugins = Plugins::shared(baocao_bench::plugins());
    batch::run(units(), &plugins, &opts, &|| {}).expect("the batch runs")
}

/// The 1020 files as a batch writes them: staged, flushed once, renamed.
fn write_all(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the output folder is made");
    let staged = baocao_driver::Staged::new(dir);
    for m in made() {
        for o in &m.outputs {
            staged
                .write(&dir.join(&o.path), &o.bytes)
                .expect("the file is written");
        }
    }
    assert!(staged.finish().is_empty(), "every file is put in place");
}

fn reports() -> ItemsCount {
    ItemsCount::new(units().len())
}

/// Into a new folder each iteration.
#[divan::bench_group(sample_count = 10, sample_size = 1)]
mod fresh {
    use super::*;

    #[divan::bench(args = [1, 2])]
    fn batch(bencher: Bencher, jobs: usize) {
        bencher
            .counter(reports())
            .with_inputs(new_folder)
            .bench_local_refs(|dir| whole_batch(dir, jobs));
    }

    #[divan::bench]
    fn write(bencher: Bencher) {
        bencher
            .counter(reports())
            .with_inputs(new_folder)
            .bench_local_refs(|dir| write_all(dir));
    }
}

/// Over the files of the previous iteration.
#[divan::bench_group(sample_count = 10, sample_size = 1)]
mod overwrite {
    use super::*;

    #[divan::bench(args = [1, 2])]
    fn batch(bencher: Bencher, jobs: usize) {
        let dir = new_folder();
        whole_batch(&dir, jobs);
        bencher
            .counter(reports())
            .bench_local(|| whole_batch(&dir, jobs));
    }

    #[divan::bench]
    fn write(bencher: Bencher) {
        let dir = new_folder();
        write_all(&dir);
        bencher.counter(reports()).bench_local(|| write_all(&dir));
    }
}

/// Each phase over the 340 reports, in memory; time ÷ 340 is the cost of
/// one report.
#[divan::bench_group(sample_count = 20)]
mod phase {
    use super::*;

    #[divan::bench]
    fn figures(bencher: Bencher) {
        bencher.counter(reports()).bench_local(|| {
            for u in units() {
                black_box(baocao_calc::compute(u.dataset, black_box(u.period)));
            }
        });
    }

    #[divan::bench]
    fn narrative(bencher: Bencher) {
        bencher.counter(reports()).bench_local(|| {
            for (k, (u, m)) in units().iter().zip(made()).enumerate() {
                // Last year's figures as the batch keeps them: the previous
                // report's, computed here only for a department's first year.
                let before = k.checked_sub(1).map(|j| (&units()[j], &made()[j]));
                let of = |p: Period| match before {
                    Some((bu, bm))
                        if bu.department.settings.id == u.department.settings.id
                            && bu.period == p =>
                    {
                        std::sync::Arc::clone(&bm.figures)
                    }
                    _ => std::sync::Arc::new(baocao_calc::compute(u.dataset, p)),
                };
                black_box(
                    baocao_driver::document_with(
                        u.department,
                        u.templates,
                        u.dataset,
                        black_box(&m.figures),
                        Some(baocao_driver::FiguresOf(&of)),
                    )
                    .expect("a generated report is worded"),
                );
            }
        });
    }

    #[divan::bench]
    fn encode(bencher: Bencher) {
        bencher.counter(reports()).bench_local(|| {
            for m in made() {
                black_box(baocao_driver::encode(black_box(&m.document)));
            }
        });
    }

    fn render(bencher: Bencher, format: usize) {
        bencher.counter(reports()).bench_local(|| {
            for m in made() {
                let o = &m.outputs[format];
                black_box(
                    o.plugin
                        .render(black_box(&m.json), &o.options)
                        .expect("a generated report renders"),
                );
            }
        });
    }

    #[divan::bench]
    fn render_md(bencher: Bencher) {
        render(bencher, 0);
    }

    #[divan::bench]
    fn render_html(bencher: Bencher) {
        render(bencher, 1);
    }

    #[divan::bench]
    fn render_txt(bencher: Bencher) {
        render(bencher, 2);
    }

    /// Every phase above, report after report, as the batch makes them,
    /// but without writing.
    #[divan::bench]
    fn all(bencher: Bencher) {
        bencher.counter(reports()).bench_local(|| {
            // The figures of the report before, which the batch keeps for
            // the next year's targets table.
            let mut last: Option<(&str, Period, Arc<Figures>)> = None;
            for (u, m) in units().iter().zip(made()) {
                let before = last.take();
                let of = |p: Period| match &before {
                    Some((id, period, f)) if *id == u.department.settings.id && *period == p => {
                        Arc::clone(f)
                    }
                    _ => Arc::new(baocao_calc::compute(u.dataset, p)),
                };
                let mut job = baocao_driver::Job::new(u.department, u.period);
                job.templates = Some(u.templates);
                job.figures_of = Some(baocao_driver::FiguresOf(&of));
                let made = job.run_with(u.dataset).expect("a generated report is made");
                black_box(batch::sha256_hex(&made.document_json));
                for o in &m.outputs {
                    let bytes = o
                        .plugin
                        .render(&made.document_json, &o.options)
                        .expect("a generated report renders");
                    black_box(batch::sha256_hex(&bytes));
                }
                last = Some((&u.department.settings.id, u.period, made.figures));
            }
        });
    }

    #[divan::bench]
    fn hash(bencher: Bencher) {
        bencher.counter(reports()).bench_local(|| {
            for m in made() {
                black_box(batch::sha256_hex(black_box(&m.json)));
                for o in &m.outputs {
                    black_box(batch::sha256_hex(black_box(&o.bytes)));
                }
            }
        });
    }
}
