//! One submission folder linted on its own, as the pre-commit hook's `selfcheck lint
//! DIR/submission.yaml` lints it, with an editor's unsaved texts in place of the files
//! (`Options::overlay`): the language server's lint. Discovery, the choice of configuration, the
//! packs, the policy and the as-of date are the run's own ([`Plan`], [`Jobs`]), not copies.

use super::*;

/// What [`lint_folder`] gives.
pub struct Linted {
    pub report: SubmissionReport,
    /// The configuration that applied: the agency's, the seller's own, or the built-in defaults
    /// (also where the one found cannot be used, SEL003).
    pub config: Arc<config::Config>,
}

/// Lints the submission folder `dir` (the folder holding `submission.yaml`) as `selfcheck lint
/// DIR/submission.yaml` lints it: its configuration found as for any run (SPEC §7: an agency's
/// above the folder wins, and the seller's own is then SEL002), the rule packs that configuration
/// names, the policy, inline suppressions and the as-of date; every document's text taken from
/// `options.overlay` where it holds one. `options`' own packs, shard and `allow_no_submission` are
/// not used.
pub fn lint_folder(dir: &Path, options: &Options) -> Result<Linted, RunError> {
    let mut options = Options {
        shard: None,
        allow_no_submission: false,
        ..options.clone()
    };
    let mut plan = Plan::new(&[dir.join("submission.yaml")], &options);
    let packs = plan.load_packs(&[]).map_err(RunError::Config)?;
    // (The catalogue is rebuilt only where packs come or go.)
    if !(packs.is_empty() && options.packs.is_empty()) {
        options.set_packs(packs);
    }
    let jobs = plan.jobs(&options)?;
    let job = jobs
        .list
        .into_iter()
        .find(|job| normalize(&job.dir) == normalize(dir))
        .ok_or_else(|| RunError::Discover(discover::DiscoverError::NoSubmission(dir.into())))?;
    let config = job.config.clone();
    Ok(Linted {
        report: Linter::new(job, &options).lint(),
        config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::json;

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    fn clean_in(root: &Path, name: &str) -> PathBuf {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        let dir = root.join(name);
        copy(&fixture, &dir);
        dir
    }

    fn options() -> Options {
        Options {
            today: Date::parse("2026-11-20", false),
            ..Options::default()
        }
    }

    fn codes(report: &SubmissionReport) -> Vec<(String, String)> {
        report
            .findings
            .iter()
            .map(|f| {
                let file = report.loaded.db.get(f.place.file()).rel_path.clone();
                (f.code.as_str().to_owned(), file)
            })
            .collect()
    }

    #[test]
    fn a_folder_is_linted_as_the_run_lints_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let agency = root.join("agency");
        let dir = clean_in(&agency, "huacai");
        std::fs::write(
            agency.join(".selfcheck.yaml"),
            "rules:\n  RET003: warning\n",
        )
        .unwrap();
        std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
        std::fs::write(
            dir.join("returns.yaml"),
            std::fs::read_to_string(dir.join("returns.yaml"))
                .unwrap()
                .replace("CP 28009", "28009"),
        )
        .unwrap();
        let options = options();
        let alone = lint_folder(&dir, &options).unwrap();
        let run = lint(std::slice::from_ref(&dir), &options).unwrap();
        let lang = crate::finding::Lang::En;
        assert_eq!(
            json::submission(&alone.report, lang),
            json::submission(&run.submissions[0], lang)
        );
        // The agency's file applies: RET003 is a warning, and the seller's own is SEL002.
        let found = codes(&alone.report);
        assert!(
            found.contains(&("RET003".into(), "returns.yaml".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("SEL002".into(), ".selfcheck.yaml".into())),
            "{found:?}"
        );
        assert_eq!(alone.config.path, Some(agency.join(".selfcheck.yaml")));
    }

    #[test]
    fn unsaved_texts_are_linted_in_place_of_the_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = clean_in(&tmp.path().canonicalize().unwrap(), "huacai");
        let license = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
        let mut options = options();
        options.overlay = load::Overlay::new([(
            dir.join("license.yaml"),
            Arc::from(license.replace("华彩科技", "华彩供应链").as_str()),
        )]);
        let found = codes(&lint_folder(&dir, &options).unwrap().report);
        assert!(
            found.contains(&("CUS007".into(), "customs.yaml".into())),
            "{found:?}"
        );
        options.overlay = load::Overlay::default();
        assert!(codes(&lint_folder(&dir, &options).unwrap().report).is_empty());
    }

    #[test]
    fn a_configuration_may_say_where_the_rules_are_documented() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = clean_in(&tmp.path().canonicalize().unwrap(), "huacai");
        let url = "https://docs.example.com/rules/{code}.html";
        std::fs::write(dir.join(".selfcheck.yaml"), format!("docs_url: {url}\n")).unwrap();
        let linted = lint_folder(&dir, &options()).unwrap();
        assert_eq!(linted.config.docs_url.as_deref(), Some(url));
        for wrong in ["docs/{code}.html", "https://docs.example.com/rules.html"] {
            std::fs::write(dir.join(".selfcheck.yaml"), format!("docs_url: {wrong}\n")).unwrap();
            let linted = lint_folder(&dir, &options()).unwrap();
            assert_eq!(linted.config.docs_url, None);
            let found = codes(&linted.report);
            assert_eq!(
                found,
                [("SEL003".into(), ".selfcheck.yaml".into())],
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_folder_without_its_submission_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(lint_folder(tmp.path(), &options()).is_err());
    }
}
