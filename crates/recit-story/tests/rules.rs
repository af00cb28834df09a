//! One failing fixture per rule: the sample story in `tests/fixtures/sample`, broken in one
//! place, must give that rule's code at that file, line and column.

use std::path::Path;

use recit_story::toml_format::{load_dir, load_files, Loaded};
use recit_story::{Code, ScaleId, Severity};

mod common;
use common::sample;

/// The sample with `find` replaced by `replace` in `file` (which must contain it).
fn edited(file: &str, find: &str, replace: &str) -> Vec<(String, String)> {
    let mut files = sample();
    let (_, text) = files.iter_mut().find(|(name, _)| name == file).unwrap_or_else(|| panic!("no {file}"));
    assert!(text.contains(find), "{file} does not contain {find:?}");
    *text = text.replacen(find, replace, 1);
    files
}

/// The sample with `text` added at the end of `file`.
fn appended(file: &str, text: &str) -> Vec<(String, String)> {
    let mut files = sample();
    files.iter_mut().find(|(name, _)| name == file).unwrap_or_else(|| panic!("no {file}")).1.push_str(text);
    files
}

fn with_file(name: &str, text: &str) -> Vec<(String, String)> {
    let mut files = sample();
    files.push((name.into(), text.into()));
    files
}

/// Asserts that `loaded` reports `code` at `file:line:col`.
#[track_caller]
fn assert_reports(loaded: &Loaded, code: Code, at: &str) {
    let found = loaded.diagnostics.iter().any(|d| d.code == code && d.loc.as_ref().is_some_and(|l| l.to_string() == at));
    let all: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(found, "expected {} at {at}, got:\n{}", code.as_str(), all.join("\n"));
}

#[test]
fn the_sample_is_valid() {
    let loaded = load_files(&sample());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.story.steps.len(), 5);
    assert_eq!(loaded.story.trajectory, ["archipel-noir", "impliquer-les-habitants", "archipel-vert"]);
    let ids: Vec<&str> = loaded.story.contributions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["conseil-2026-01", "kiosque-1732540800000"]);
    assert!(loaded.story.contributions.iter().all(|c| c.origin == "conseil"));
    let accepted: Vec<&str> = loaded.story.accepted_contributions("archipel-vert", ScaleId::Commune).map(|c| c.author.as_str()).collect();
    assert_eq!(accepted, ["Camille"]);
    assert_eq!(loaded.story.accepted_contributions("impliquer-les-habitants", ScaleId::Agglomeration).count(), 0, "proposed, not shown");
}

#[test]
fn syntax() {
    let loaded = load_files(&edited("story.toml", "date = \"2017-09\"", "date = 2017-09\""));
    assert_reports(&loaded, Code::Syntax, "story.toml:24:8");
    assert_eq!(loaded.diagnostics.len(), 1, "a syntax error alone, without the noise of what it hid");
}

#[test]
fn unknown_file() {
    assert_reports(&load_files(&with_file("notes.toml", "a = 1")), Code::UnknownFile, "notes.toml:1:1");
}

#[test]
fn file_name() {
    let loaded = load_files(&edited("steps/archipel-vert.toml", "id = \"archipel-vert\"", "id = \"archipel-verte\""));
    assert_reports(&loaded, Code::FileName, "steps/archipel-vert.toml:1:1");
}

#[test]
fn unknown_field_with_suggestion() {
    let loaded = load_files(&edited("steps/archipel-vert.toml", "title.fr = \"Un démonstrateur", "titel.fr = \"Un démonstrateur"));
    assert_reports(&loaded, Code::UnknownField, "steps/archipel-vert.toml:16:1");
    assert!(loaded.diagnostics.iter().any(|d| d.help.contains("did you mean `title`")));
}

#[test]
fn missing_field() {
    let loaded = load_files(&edited("story.toml", "date = \"2017-09\"\n", ""));
    assert_reports(&loaded, Code::MissingField, "story.toml:12:1");
}

#[test]
fn wrong_type() {
    let loaded = load_files(&edited("story.toml", "population = 6500", "population = \"6 500\""));
    assert_reports(&loaded, Code::WrongType, "story.toml:32:14");
}

#[test]
fn bad_value() {
    let loaded = load_files(&edited("story.toml", "id = \"pole\"", "id = \"region\""));
    assert_reports(&loaded, Code::BadValue, "story.toml:44:1");
}

#[test]
fn motif() {
    let sample = load_files(&sample());
    assert_eq!(sample.story.step("impliquer-les-habitants").and_then(|s| s.motif), Some(recit_story::Motif::Habitants));
    let loaded = load_files(&edited("steps/impliquer-les-habitants.toml", "motif = \"habitants\"", "motif = \"mine\""));
    assert_reports(&loaded, Code::BadValue, "steps/impliquer-les-habitants.toml:2:9");
    let message = loaded.diagnostics.iter().map(|d| d.to_string()).collect::<String>();
    assert!(message.contains("unknown motif `mine`") && message.contains("collectif, cooperation, habitants, habitat, recit, reunion, contrat, forum"), "{message}");
}

#[test]
fn quiz_answer_out_of_range() {
    let loaded = load_files(&edited("steps/archipel-noir.toml", "answer = 2", "answer = 4"));
    assert_reports(&loaded, Code::BadValue, "steps/archipel-noir.toml:40:1");
}

#[test]
fn quiz_question_without_source() {
    let loaded = load_files(&edited("steps/archipel-noir.toml", "source = \"rapport-commune\"\n\n[agglomeration]", "\n[agglomeration]"));
    assert_reports(&loaded, Code::Unsourced, "steps/archipel-noir.toml:32:1");
}

#[test]
fn main_step_with_next() {
    let loaded = load_files(&edited("steps/archipel-vert.toml", "id = \"archipel-vert\"\n", "id = \"archipel-vert\"\nnext = \"archipel-noir\"\n"));
    assert_reports(&loaded, Code::BadValue, "steps/archipel-vert.toml:2:1");
}

#[test]
fn duplicate_id() {
    let loaded = load_files(&edited("story.toml", "id = \"rapport-pole\"", "id = \"rapport-commune\""));
    assert_reports(&loaded, Code::DuplicateId, "story.toml:82:1");
    assert!(loaded.diagnostics.iter().any(|d| d.message.contains("already used (at story.toml:")));
}

#[test]
fn dangling_link() {
    let loaded = load_files(&edited("steps/fifty-fifty.toml", "next = \"archipel-vert\"", "next = \"nulle-part\""));
    assert_reports(&loaded, Code::DanglingLink, "steps/fifty-fifty.toml:2:1");
}

#[test]
fn dangling_link_in_text() {
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "(fifty-fifty)", "(fifty-fourty)"));
    assert_reports(&loaded, Code::DanglingLink, "steps/reunion-de-concertation.toml:8:151");
}

#[test]
fn unreachable_step() {
    let orphan = r#"id = "orpheline"
next = "archipel-vert"
[commune]
title.fr = "a"
text.fr = "b"
[agglomeration]
title.fr = "a"
text.fr = "b"
[pole]
title.fr = "a"
text.fr = "b"
"#;
    assert_reports(&load_files(&with_file("steps/orpheline.toml", orphan)), Code::UnreachableStep, "steps/orpheline.toml:1:1");
}

#[test]
fn dead_end_loop() {
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "next = \"fifty-fifty\"", "next = \"reunion-de-concertation\""));
    assert_reports(&loaded, Code::DeadEnd, "steps/reunion-de-concertation.toml:1:1");
}

#[test]
fn dead_end_side_step_without_next() {
    let loaded = load_files(&edited("steps/fifty-fifty.toml", "next = \"archipel-vert\"\n", ""));
    assert_reports(&loaded, Code::DeadEnd, "steps/fifty-fifty.toml:1:1");
}

#[test]
fn missing_view() {
    let files = sample();
    let text = &files.iter().find(|(n, _)| n == "steps/fifty-fifty.toml").unwrap().1;
    let without_pole = text[..text.find("[pole]").unwrap()].to_string();
    let loaded = load_files(&edited("steps/fifty-fifty.toml", text, &without_pole));
    assert_reports(&loaded, Code::MissingView, "steps/fifty-fifty.toml:1:1");
}

#[test]
fn unsourced_quote() {
    let loaded = load_files(&edited("steps/fifty-fifty.toml", "source = \"rapport-fifty-fifty\"\n", ""));
    assert_reports(&loaded, Code::Unsourced, "steps/fifty-fifty.toml:16:1");
}

#[test]
fn raw_html() {
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "Voyez plutôt", "<img src=x onerror=alert(1)> plutôt"));
    assert_reports(&loaded, Code::RawHtml, "steps/reunion-de-concertation.toml:8:121");
}

#[test]
fn javascript_link() {
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "(fifty-fifty)", "( JavaScript:alert(1))"));
    assert_reports(&loaded, Code::JavascriptLink, "steps/reunion-de-concertation.toml:8:151");
}

#[test]
fn external_link() {
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "(fifty-fifty)", "(https://example.org)"));
    assert_reports(&loaded, Code::ExternalLink, "steps/reunion-de-concertation.toml:8:151");
}

#[test]
fn missing_translation_is_a_warning() {
    let loaded = load_files(&edited("steps/archipel-noir.toml", "label.en = \"inhabitants (report, 2017)\"\n", ""));
    assert_reports(&loaded, Code::MissingTranslation, "steps/archipel-noir.toml:28:1");
    assert!(loaded.diagnostics.iter().all(|d| d.severity() == Severity::Warning));
    assert!(!loaded.has_errors());
}

#[test]
fn too_large() {
    let huge = format!("id = \"x\"\n# {}\n", "a".repeat(recit_story::toml_format::MAX_FILE_BYTES));
    assert_reports(&load_files(&with_file("steps/x.toml", &huge)), Code::TooLarge, "steps/x.toml:1:1");
}

const CONTRIBUTIONS: &str = "contributions/conseil.toml";

#[test]
fn contribution_unknown_field_with_suggestion() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "status = \"accepted\"", "statut = \"accepted\""));
    assert_reports(&loaded, Code::UnknownField, "contributions/conseil.toml:14:1");
    assert!(loaded.diagnostics.iter().any(|d| d.path == "contribution[conseil-2026-01].statut" && d.help.contains("did you mean `status`")));
    assert_reports(&loaded, Code::MissingField, "contributions/conseil.toml:3:1");
}

#[test]
fn contribution_bad_status() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "status = \"accepted\"", "status = \"acceptée\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:14:10");
    assert!(loaded.diagnostics.iter().any(|d| d.help.contains("proposed, accepted, rejected")));
}

#[test]
fn contribution_bad_scale_and_lang() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "scale = \"commune\"\nlang = \"fr\"", "scale = \"quartier\"\nlang = \"de\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:6:9");
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:7:8");
    assert!(loaded.diagnostics.iter().any(|d| d.help.contains("commune, agglomeration, pole")));
    assert!(loaded.diagnostics.iter().any(|d| d.help.contains("fr, en")));
}

#[test]
fn contribution_date_of_the_wrong_type() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "date = \"2026-11-25\"", "date = 2026-11-25"));
    assert_reports(&loaded, Code::WrongType, "contributions/conseil.toml:8:8");
}

#[test]
fn contribution_bad_date() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "date = \"2026-11-25\"", "date = \"2026-02-30\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:8:1");
    let loaded = load_files(&edited(CONTRIBUTIONS, "date = \"2026-11-25\"", "date = \"25/11/2026\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:8:1");
}

#[test]
fn contribution_duplicate_id_across_two_files() {
    let other = "[[contribution]]\nid = \"conseil-2026-01\"\nstep = \"archipel-noir\"\nscale = \"pole\"\nlang = \"en\"\ndate = \"2026-12-01\"\nauthor = \"Sam\"\nstatus = \"rejected\"\ntext = \"Something else\"\n";
    let loaded = load_files(&with_file("contributions/kiosque-2026-12-01.toml", other));
    assert_reports(&loaded, Code::DuplicateId, "contributions/kiosque-2026-12-01.toml:2:1");
    assert!(loaded.diagnostics.iter().any(|d| d.message.contains("already used (at contributions/conseil.toml:4:1)")), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.story.contributions.len(), 3, "both kept, in reading order, for the council to fix");
}

#[test]
fn contribution_dangling_step() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "step = \"archipel-vert\"", "step = \"archipel-bleu\""));
    assert_reports(&loaded, Code::DanglingLink, "contributions/conseil.toml:5:1");
}

#[test]
fn contribution_raw_html_in_text() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "on se parle", "<b>on</b> se parle"));
    assert_reports(&loaded, Code::RawHtml, "contributions/conseil.toml:16:42");
    assert!(loaded.diagnostics.iter().any(|d| d.path == "contribution[conseil-2026-01].text"));
}

#[test]
fn contribution_links_stay_in_the_story() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "(fifty-fifty)", "(https://example.org)"));
    assert_reports(&loaded, Code::ExternalLink, "contributions/conseil.toml:16:105");
    let loaded = load_files(&edited(CONTRIBUTIONS, "(fifty-fifty)", "(javascript:alert(1))"));
    assert_reports(&loaded, Code::JavascriptLink, "contributions/conseil.toml:16:105");
}

#[test]
fn contribution_missing_text() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "text = \"Il faudrait plus de bus le soir.\"\n", ""));
    assert_reports(&loaded, Code::MissingField, "contributions/conseil.toml:19:1");
    let loaded = load_files(&edited(CONTRIBUTIONS, "text = \"Il faudrait plus de bus le soir.\"", "text = \"  \""));
    assert_reports(&loaded, Code::MissingField, "contributions/conseil.toml:30:1");
}

#[test]
fn contribution_empty_author() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "author = \"Camille\"", "author = \"\""));
    assert_reports(&loaded, Code::MissingField, "contributions/conseil.toml:9:1");
}

#[test]
fn an_accepted_testimony_needs_its_authors_consent() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "consent = \"2026-11-20\"\n", ""));
    // Placed at the contribution (the line of its `[[contribution]]`), saying how to fix it.
    assert_reports(&loaded, Code::MissingField, "contributions/conseil.toml:3:1");
    let d = loaded.diagnostics.iter().find(|d| d.path == "contribution[conseil-2026-01].consent").unwrap();
    assert!(d.help.contains("consent = \"YYYY-MM-DD\"") && d.help.contains("status = \"proposed\""), "{d}");
    // Proposed, it needs none yet.
    let loaded =
        load_files(&edited(CONTRIBUTIONS, "consent = \"2026-11-20\"\n", "").iter().map(|(n, t)| (n.clone(), t.replacen("status = \"accepted\"", "status = \"proposed\"", 1))).collect::<Vec<_>>());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let loaded = load_files(&edited(CONTRIBUTIONS, "consent = \"2026-11-20\"", "consent = \"oui\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:11:1");
}

#[test]
fn attribution_is_name_pseudonym_or_anonymous() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "attribution = \"name\"", "attribution = \"initiales\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:10:15");
    assert!(loaded.diagnostics.iter().any(|d| d.help.contains("name, pseudonym, anonymous")));
    // Anonymous needs no author; a name does.
    let loaded = load_files(&edited(CONTRIBUTIONS, "author = \"Visiteur ou visiteuse du kiosque\"\n", ""));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_reports(&load_files(&edited(CONTRIBUTIONS, "author = \"Camille\"\n", "")), Code::MissingField, "contributions/conseil.toml:3:1");
    // Absent, it is anonymous.
    let loaded = load_files(&edited(CONTRIBUTIONS, "attribution = \"anonymous\"\n", ""));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.story.contributions[1].attribution, recit_story::Attribution::Anonymous);
}

#[test]
fn contribution_bad_id() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "id = \"conseil-2026-01\"", "id = \"Conseil 2026/01\""));
    assert_reports(&loaded, Code::BadValue, "contributions/conseil.toml:4:1");
}

#[test]
fn a_contributions_file_holds_only_contributions() {
    let loaded = load_files(&edited(CONTRIBUTIONS, "[[contribution]]\nid = \"kiosque", "[[temoignage]]\nid = \"kiosque"));
    assert_reports(&loaded, Code::UnknownField, "contributions/conseil.toml:19:3");
    assert_reports(&load_files(&with_file("contributions/2026/a.toml", "")), Code::UnknownFile, "contributions/2026/a.toml:1:1");
    let huge = format!("# {}\n", "a".repeat(recit_story::toml_format::MAX_FILE_BYTES));
    assert_reports(&load_files(&with_file("contributions/x.toml", &huge)), Code::TooLarge, "contributions/x.toml:1:1");
}

#[test]
fn the_sample_writes_back_to_the_same_contributions_files() {
    use recit_story::toml_format::{read_files, write_files};
    let story = load_files(&sample()).story;
    let files = write_files(&story);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).filter(|n| n.starts_with("contributions/")).collect();
    assert_eq!(names, ["contributions/conseil.toml"]);
    assert_eq!(read_files(&files).story, story);
    // A contribution made in the editor has no file yet: it gets the default one.
    let mut more = story.clone();
    more.contributions.push(recit_story::Contribution { id: "zz-nouvelle".into(), origin: String::new(), ..story.contributions[0].clone() });
    let files = write_files(&more);
    assert!(files.iter().any(|(n, t)| n == "contributions/contributions.toml" && t.contains("zz-nouvelle")));
    let read = load_files(&files);
    assert!(read.diagnostics.is_empty(), "{:#?}", read.diagnostics);
    assert_eq!(read.story.contributions[2].origin, "contributions");
}

#[test]
fn a_kiosk_export_is_imported_and_merged() {
    use recit_story::contribution::{contributions_file, merge};
    use recit_story::toml_format::read_contributions;
    let story = load_files(&sample()).story;
    let kiosk = recit_story::Contribution { id: "kiosque-1732627200000".into(), ..story.contributions[1].clone() };
    let export = contributions_file("Réponses des visiteurs\nÀ importer", [&story.contributions[1], &kiosk]);
    let (theirs, diagnostics) = read_contributions("kiosque-2026-11-26", &export);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert!(theirs.iter().all(|c| c.origin == "kiosque-2026-11-26"));
    let m = merge(&story.contributions, &theirs);
    assert_eq!((m.added, m.same, m.conflicts.len(), m.merged.len()), (1, 1, 0, 3));
    let (_, diagnostics) = read_contributions("kiosque", "[[contribution]]\nid = \"a\"\nstatus = \"ok\"\n");
    assert!(diagnostics.iter().any(|d| d.code == Code::BadValue && d.loc.as_ref().is_some_and(|l| l.to_string() == "contributions/kiosque.toml:3:10")));
    assert!(diagnostics.iter().any(|d| d.code == Code::MissingField && d.path == "contribution[a].text"));
}

#[test]
fn every_problem_at_once() {
    let mut files = edited("story.toml", "population = 6500", "population = \"6 500\"");
    files.push(("notes.toml".into(), "x".into()));
    let (_, step) = files.iter_mut().find(|(n, _)| n == "steps/fifty-fifty.toml").unwrap();
    *step = step.replace("next = \"archipel-vert\"", "next = \"nulle-part\"");
    let codes: Vec<Code> = load_files(&files).diagnostics.iter().map(|d| d.code).collect();
    for code in [Code::WrongType, Code::UnknownFile, Code::DanglingLink] {
        assert!(codes.contains(&code), "{code:?} missing from {codes:?}");
    }
}

#[test]
fn the_real_story_has_no_error_and_no_warning() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story");
    let loaded = load_dir(&dir, "story/").unwrap();
    let all: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(all.is_empty(), "story/ has problems:\n{}", all.join("\n\n"));
}

#[test]
fn official_populations_come_from_the_open_data_and_stay_apart_from_the_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../story");
    let story = load_dir(&dir, "story/").unwrap().story;
    use recit_story::ScaleId::*;
    let territory = story.territory.as_ref().expect("story/data/territory.toml");
    assert_eq!(territory.groupings.len(), 3, "the pole's three agglomerations");
    let call = territory.groupings.iter().find(|g| Some(&g.code) == story.scale(Agglomeration).unwrap().code.as_ref()).unwrap();
    assert_eq!(call.communes.len(), 36);
    assert!(call.communes.iter().any(|c| c.name == "Loos-en-Gohelle"));
    assert_eq!(story.scale(Commune).unwrap().population, 6500, "the report's figure stays the report's");
    let today = story.official_population(Commune).unwrap();
    assert!(today > 0 && today != 6500);
    assert_eq!(story.official_population(Agglomeration), Some(call.population()));
    assert_eq!(story.official_population(Pole), Some(territory.groupings.iter().map(|g| g.population()).sum()));
}

#[test]
fn missing_easy_read_is_an_error_and_its_english_a_missing_translation() {
    let loaded = load_files(&edited(
        "steps/fifty-fifty.toml",
        "easy.fr = \"La ville fait sa part. Les habitants font leur part. C'est un accord entre eux.\"\neasy.en = \"The town does its share. Residents do theirs. It is an agreement between them.\"\n",
        "",
    ));
    assert_reports(&loaded, Code::MissingEasyRead, "steps/fifty-fifty.toml:4:2");
    assert!(loaded.diagnostics.iter().any(|d| d.code == Code::MissingEasyRead && d.is_error()));
    let loaded = load_files(&edited("steps/fifty-fifty.toml", "easy.en = \"The town does its share. Residents do theirs. It is an agreement between them.\"\n", ""));
    assert_reports(&loaded, Code::MissingTranslation, "steps/fifty-fifty.toml:13:1");
    assert!(loaded.diagnostics.iter().all(|d| d.severity() == Severity::Warning));
}

#[test]
fn easy_read_texts_follow_the_rules_of_every_text() {
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "marche mieux", "<b>marche</b> mieux"));
    assert_reports(&loaded, Code::RawHtml, "steps/reunion-de-concertation.toml:13:81");
    let loaded = load_files(&edited("steps/reunion-de-concertation.toml", "The [fifty/fifty](fifty-fifty)", "The [fifty/fifty](https://example.org)"));
    assert_reports(&loaded, Code::ExternalLink, "steps/reunion-de-concertation.toml:14:62");
    let loaded = load_files(&edited("steps/fifty-fifty.toml", "easy.fr = \"La ville", "easy.fr = 3\neasy.de = \"La ville"));
    assert_reports(&loaded, Code::WrongType, "steps/fifty-fifty.toml:13:11");
    assert_reports(&loaded, Code::UnknownField, "steps/fifty-fifty.toml:14:6");
}

#[test]
fn the_same_quotation_twice_is_a_warning_naming_both_places() {
    let quote = "\n[[pole.quote]]\ntext.fr = \"« De l'Archipel Noir, à l’Archipel vert ! »\"\ntext.en = \"From the Black Archipelago to the Green Archipelago\"\nsource = \"rapport-pole\"\n";
    let loaded = load_files(&appended("steps/archipel-vert.toml", quote));
    assert_reports(&loaded, Code::RepeatedQuote, "steps/archipel-vert.toml:45:1");
    let d = loaded.diagnostics.iter().find(|d| d.code == Code::RepeatedQuote).unwrap();
    assert!(d.message.contains("steps/archipel-noir.toml:76:1"), "{}", d.message);
    assert_eq!(d.severity(), Severity::Warning);
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
}

#[test]
fn quiz_questions_too_alike_are_a_warning_naming_both_places() {
    let quiz = "\n[[pole.quiz]]\nquestion.fr = \"D'après le rapport, combien d'habitants compte Loos-en-Gohelle ?\"\noptions = [ { fr = \"6 500 habitants\" }, { fr = \"650\" } ]\nanswer = 1\nexplanation.fr = \"Le rapport le dit.\"\nsource = \"rapport-commune\"\n";
    let loaded = load_files(&appended("steps/archipel-vert.toml", quiz));
    assert_reports(&loaded, Code::SimilarQuiz, "steps/archipel-vert.toml:45:1");
    let d = loaded.diagnostics.iter().find(|d| d.code == Code::SimilarQuiz).unwrap();
    assert!(d.message.contains("steps/archipel-noir.toml:33:1"), "{}", d.message);
    // Another question on the same subject is not a repeat.
    let other = quiz.replace("combien d'habitants compte Loos-en-Gohelle", "quel axe le Pôle donne-t-il à la culture").replace("6 500 habitants", "L'enjeu culturel et sociétal");
    assert!(load_files(&appended("steps/archipel-vert.toml", &other)).diagnostics.iter().all(|d| d.code != Code::SimilarQuiz));
}

/// Asserts that `loaded` refuses a control character at `at`, naming its code point.
#[track_caller]
fn assert_control(loaded: &Loaded, at: &str, named: &str) {
    assert_reports(loaded, Code::BadValue, at);
    let d = loaded.diagnostics.iter().find(|d| d.loc.as_ref().is_some_and(|l| l.to_string() == at)).unwrap();
    assert!(d.message.contains(named), "{d}");
}

#[test]
fn control_character_in_a_title() {
    let loaded = load_files(&edited("steps/archipel-noir.toml", "\"Une commune de", "\"Une commune\\u0000 de"));
    assert_control(&loaded, "steps/archipel-noir.toml:4:24", "U+0000 NUL");
}

#[test]
fn control_character_in_a_text() {
    let loaded = load_files(&edited("steps/archipel-noir.toml", "fait partie", "fait\\u0007 partie"));
    assert_control(&loaded, "steps/archipel-noir.toml:7:21", "U+0007 BEL");
}

#[test]
fn control_character_in_an_id() {
    let loaded = load_files(&edited("story.toml", "id = \"rapport-methode\"", "id = \"rapport\\u001bmethode\""));
    assert_control(&loaded, "story.toml:54:1", "U+001B ESC");
    let loaded = load_files(&edited("steps/impliquer-les-habitants.toml", "id = \"comment-impliquer\"", "id = \"comment\\u0000\""));
    assert_control(&loaded, "steps/impliquer-les-habitants.toml:5:1", "U+0000 NUL");
}

#[test]
fn control_character_in_a_contribution() {
    let loaded = load_files(&edited("contributions/conseil.toml", "plus de bus", "plus de\\u0008 bus"));
    assert_control(&loaded, "contributions/conseil.toml:30:28", "U+0008 BS");
}

/// Files saved on Windows end their lines with CR LF: that CR is part of the newline; a lone
/// one is not text.
#[test]
fn carriage_returns_of_windows_lines_are_text_and_others_are_not() {
    let crlf: Vec<(String, String)> = common::sample().into_iter().map(|(name, text)| (name, text.replace('\n', "\r\n"))).collect();
    let loaded = load_files(&crlf);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let loaded = load_files(&edited("steps/archipel-noir.toml", "fait partie", "fait\\r partie"));
    assert_control(&loaded, "steps/archipel-noir.toml:7:21", "U+000D CR");
}
