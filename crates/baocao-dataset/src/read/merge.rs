//! The checks that need every file: one `[dataset]`, unique ids, parents
//! that exist and form trees of one kind family, targets about indicators
//! that exist. Then, if nothing was wrong, the [`Dataset`].

use std::collections::BTreeMap;

use super::file::{FileParts, IndicatorPart, Located, TargetPart};
use crate::error::diag;
use crate::{
    Dataset, Diagnostic, Format, Indicator, IndicatorId, Kind, Location, Target, TargetMeasure,
};
use baocao_suggest::Budget;

/// Whether every file could be read. When one could not, what seems to be
/// missing (the `[dataset]` table, an indicator a parent names) may be in
/// it, so those checks are skipped rather than reported wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Completeness {
    Complete,
    SomeFilesUnread,
}

/// Checks the files together and builds the dataset. `None` when a
/// diagnostic was recorded, here or before.
pub(super) fn merge(
    files: Vec<FileParts>,
    completeness: Completeness,
    diags: &mut Vec<Diagnostic>,
) -> Option<Dataset> {
    let complete = completeness == Completeness::Complete;
    let mut dataset_part = None;
    let mut indicators = Vec::new();
    let mut targets = Vec::new();
    let mut notes = Vec::new();
    let mut format = Format::V1;
    for file in files {
        if file.format_1_1 {
            format = Format::V1_1;
        }
        if let Some(part) = file.dataset {
            match &dataset_part {
                None => dataset_part = Some(part),
                Some(first) => diags.push(diag(Some(part.at), format!(
                        "[dataset] is given again: a dataset has one [dataset] table, first given at {}",
                        first.at
                    ))),
            }
        }
        indicators.extend(file.indicators);
        targets.extend(file.targets);
        notes.extend(file.notes);
    }
    if dataset_part.is_none() && complete {
        diags.push(diag(
            None,
            "no [dataset] table: add one to a file, with region = \"…\"".to_owned(),
        ));
    }

    let known = unique_ids(&indicators, diags);
    let mut suggestions = Budget::new(SUGGESTION_WORK);
    check_parents(&indicators, &known, complete, &mut suggestions, diags);
    check_targets(&targets, &known, complete, &mut suggestions, diags);

    if !diags.is_empty() {
        return None;
    }
    let dataset_part = dataset_part?;
    Some(Dataset {
        format,
        region: dataset_part.region?,
        region_kind: dataset_part.region_kind,
        source: dataset_part.source,
        contribution_base: dataset_part.contribution_base.unwrap_or_default(),
        indicators: indicators
            .into_iter()
            .map(indicator)
            .collect::<Option<_>>()?,
        targets: targets.into_iter().map(target).collect::<Option<_>>()?,
        notes,
    })
}

/// The work "did you mean" may do for all the unknown ids of a dataset
/// together, each against every id: what 64 suggestions among thousands
/// of ids take at most, about a tenth of a second. A few typos among any
/// number of ids cost far less; beyond it (a file of thousands of
/// mistyped ids), the rest are told without a suggestion.
const SUGGESTION_WORK: usize = 64 * baocao_suggest::MAX_WORK;

/// What the other checks need to know of an indicator.
struct Known {
    at: Location,
    kind: Option<Kind>,
    parent: Option<Located<IndicatorId>>,
    /// Position in file order, to report a cycle once, at its first member.
    order: usize,
}

/// Every id once, with its first definition; reports the repeats.
fn unique_ids(
    indicators: &[IndicatorPart],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<IndicatorId, Known> {
    let mut known: BTreeMap<IndicatorId, Known> = BTreeMap::new();
    for (order, part) in indicators.iter().enumerate() {
        let Some(id) = &part.id else { continue };
        if let Some(first) = known.get(&id.value) {
            diags.push(diag(
                Some(id.at.clone()),
                format!(
                    "duplicate indicator id `{}`: it is already defined at {}",
                    id.value, first.at
                ),
            ));
            continue;
        }
        known.insert(
            id.value.clone(),
            Known {
                at: id.at.clone(),
                kind: part.kind,
                parent: part.parent.clone(),
                order,
            },
        );
    }
    known
}

fn check_parents(
    indicators: &[IndicatorPart],
    known: &BTreeMap<IndicatorId, Known>,
    complete: bool,
    suggestions: &mut Budget,
    diags: &mut Vec<Diagnostic>,
) {
    for part in indicators {
        let Some(parent) = &part.parent else { continue };
        let Some(parent_known) = known.get(&parent.value) else {
            if complete {
                let mut message = format!(
                    "unknown parent `{}`: no indicator has this id",
                    parent.value
                );
                if let Some(suggestion) = suggestions
                    .closest(parent.value.as_str(), known.keys().map(IndicatorId::as_str))
                {
                    message.push_str(&format!("; did you mean `{suggestion}`?"));
                }
                diags.push(diag(Some(parent.at.clone()), message));
            }
            continue;
        };
        if let (Some(kind), Some(parent_kind)) = (part.kind, parent_known.kind)
            && (kind == Kind::Index) != (parent_kind == Kind::Index)
        {
            let child = part.id.as_ref().map_or_else(
                || "this indicator".to_owned(),
                |id| format!("`{}`", id.value),
            );
            let rule = if kind == Kind::Index {
                "an index can only be a component of an index"
            } else {
                "a flow or stock can only be a component of a flow or stock"
            };
            diags.push(diag(
                Some(parent.at.clone()),
                format!(
                    "{child} is {} but its parent `{}` is {}: {rule}",
                    article(kind),
                    parent.value,
                    article(parent_kind)
                ),
            ));
        }
    }
    report_cycles(known, diags);
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Flow => "a flow",
        Kind::Stock => "a stock",
        Kind::Index => "an index",
    }
}

/// Reports each parent cycle once, at the `parent` of its member written
/// first, naming every id in it.
fn report_cycles(known: &BTreeMap<IndicatorId, Known>, diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Visit {
        OnPath,
        Done,
    }
    let mut visits: BTreeMap<&IndicatorId, Visit> = BTreeMap::new();
    let mut starts: Vec<(&IndicatorId, &Known)> = known.iter().collect();
    starts.sort_by_key(|(_, k)| k.order);
    for (start, _) in starts {
        let mut path: Vec<&IndicatorId> = Vec::new();
        let mut current = start;
        // Each step marks a new id, so the walk ends within known.len() steps.
        loop {
            match visits.get(current) {
                Some(Visit::Done) => break,
                Some(Visit::OnPath) => {
                    let from = path.iter().position(|id| *id == current).unwrap_or(0);
                    report_cycle(path.get(from..).unwrap_or_default(), known, diags);
                    break;
                }
                None => {}
            }
            visits.insert(current, Visit::OnPath);
            path.push(current);
            match known.get(current).and_then(|k| k.parent.as_ref()) {
                Some(parent) => match known.get_key_value(&parent.value) {
                    Some((next, _)) => current = next,
                    None => break,
                },
                None => break,
            }
        }
        for id in path {
            visits.insert(id, Visit::Done);
        }
    }
}

fn report_cycle(
    cycle: &[&IndicatorId],
    known: &BTreeMap<IndicatorId, Known>,
    diags: &mut Vec<Diagnostic>,
) {
    let order = |id: &IndicatorId| known.get(id).map_or(usize::MAX, |k| k.order);
    let Some(first) =
        (0..cycle.len()).min_by_key(|&n| cycle.get(n).map_or(usize::MAX, |id| order(id)))
    else {
        return;
    };
    let mut ids: Vec<&str> = cycle
        .iter()
        .cycle()
        .skip(first)
        .take(cycle.len())
        .map(|id| id.as_str())
        .collect();
    let Some(head) = ids.first().copied() else {
        return;
    };
    let Some(at) = known
        .get(head)
        .and_then(|k| k.parent.as_ref())
        .map(|p| p.at.clone())
    else {
        return;
    };
    let message = if ids.len() == 1 {
        format!("indicator `{head}` is its own parent")
    } else {
        ids.push(head);
        format!(
            "parent cycle: {}; an indicator cannot be inside its own components",
            ids.join(" → ")
        )
    };
    diags.push(diag(Some(at), message));
}

fn check_targets(
    targets: &[TargetPart],
    known: &BTreeMap<IndicatorId, Known>,
    complete: bool,
    suggestions: &mut Budget,
    diags: &mut Vec<Diagnostic>,
) {
    for target in targets {
        let Some(indicator) = &target.indicator else {
            continue;
        };
        let Some(found) = known.get(indicator.value.as_str()) else {
            if complete {
                let mut message = format!(
                    "unknown indicator `{}` in [[target]]: no indicator has this id",
                    indicator.value
                );
                if let Some(suggestion) =
                    suggestions.closest(&indicator.value, known.keys().map(IndicatorId::as_str))
                {
                    message.push_str(&format!("; did you mean `{suggestion}`?"));
                }
                diags.push(diag(Some(indicator.at.clone()), message));
            }
            continue;
        };
        let (Some(measure), Some(kind)) = (&target.measure, found.kind) else {
            continue;
        };
        let fits = match measure.value {
            TargetMeasure::Growth => true,
            TargetMeasure::Value => kind != Kind::Index,
            TargetMeasure::Index => kind == Kind::Index,
        };
        if !fits {
            let instead = if kind == Kind::Index {
                "growth or index"
            } else {
                "growth or value"
            };
            diags.push(diag(
                Some(measure.at.clone()),
                format!(
                    "measure `{}` does not fit `{}`, which is {}: use {instead}",
                    measure.value.as_str(),
                    indicator.value,
                    article(kind)
                ),
            ));
        }
    }
}

fn indicator(part: IndicatorPart) -> Option<Indicator> {
    Some(Indicator {
        id: part.id?.value,
        name: part.name?,
        name_en: part.name_en,
        kind: part.kind?,
        unit: part.unit,
        parent: part.parent.map(|p| p.value),
        exhaustive: part.exhaustive,
        better: part.better,
        weight: part.weight,
        value: part.value,
        index: part.index,
        growth: part.growth,
        contribution: part.contribution,
        share: part.share,
        structure: part.structure,
        value_current: part.value_current,
        contribution_to_year: part.contribution_to_year,
        at: part.at,
    })
}

fn target(part: TargetPart) -> Option<Target> {
    Some(Target {
        year: part.year?,
        indicator: IndicatorId::new(&part.indicator?.value)?,
        measure: part.measure?.value,
        op: part.op?,
        value: part.value?,
        upper: part.upper,
        label: part.label,
        at: part.at,
    })
}
