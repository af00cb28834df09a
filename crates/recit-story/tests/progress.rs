//! The workshop progress file: a progress written to its file reads back exactly, the file
//! is TOML that the `toml` crate reads to the same values, and every problem of a broken
//! file is reported with its code, line and column, without ever panicking.
#![cfg(feature = "progress")]

use std::collections::BTreeMap;
use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::*;

use recit_story::progress::{clean_text, AnswerKey, MyStory, Progress, FORMAT, MAX_PROGRESS_BYTES, MAX_TEXT_CHARS};
use recit_story::toml_format::load_dir;
use recit_story::{Code, Diagnostic, ScaleId, Story, Text};

const FILE: &str = "progression.toml";

/// The sample story, with three workshop questions and two quiz questions of four options
/// at every view, so that answers have room.
fn story() -> Story {
    let loaded = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample"), "sample/").expect("the sample story");
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let mut story = loaded.story;
    let quiz = story.step("archipel-noir").and_then(|s| s.view(ScaleId::Commune)).map(|v| v.quiz[0].clone()).expect("the sample's quiz question");
    for step in &mut story.steps {
        for view in &mut step.views {
            view.questions = (1..=3).map(|i| Text::new(format!("Question {i}"), format!("Question {i}"))).collect();
            let mut question = quiz.clone();
            question.options = (1..=4).map(|i| Text::new(i.to_string(), i.to_string())).collect();
            view.quiz = vec![question.clone(), question];
        }
    }
    story
}

fn read(text: &str) -> Result<Progress, Vec<Diagnostic>> {
    Progress::from_file(text, FILE, &story())
}

fn key(step: &str, scale: ScaleId, question: u8) -> AnswerKey {
    AnswerKey { step: step.into(), scale, question }
}

/// A progress with every field, and texts with what needs escaping.
fn full() -> Progress {
    let mut answers = BTreeMap::new();
    answers.insert(key("archipel-noir", ScaleId::Commune, 1), "Un « bassin minier » : des mines.\nEt des terrils 😀".to_string());
    answers.insert(key("archipel-noir", ScaleId::Pole, 3), "tab\there, \"quotes\", back\\slash, \\n not a break".to_string());
    answers.insert(key("fifty-fifty", ScaleId::Agglomeration, 2), "ends with a quote\"".to_string());
    answers.insert(key("archipel-vert", ScaleId::Commune, 1), "\n\nstarts with two line breaks".to_string());
    let mut quiz = BTreeMap::new();
    quiz.insert(key("archipel-noir", ScaleId::Commune, 1), 2);
    quiz.insert(key("archipel-vert", ScaleId::Pole, 2), 4);
    Progress {
        position: "/fr/commune/impliquer-les-habitants".into(),
        visited: vec!["archipel-noir".into(), "impliquer-les-habitants".into(), "fifty-fifty".into()],
        answers,
        quiz,
        my_story: MyStory {
            town: "Lens".into(),
            from: "Deux lignes\nde texte".into(),
            to: "\"\"\" trois guillemets, puis un antislash \\".into(),
            commune: "Œuvre commune — « ça » 🌱".into(),
            agglomeration: "ends with a line break\n".into(),
            pole: "Ünïcödé \u{1F600} and \u{FEFF} and \u{2028}".into(),
        },
    }
}

/// A file's values as the `toml` crate reads them, by (section, key).
#[derive(Debug, PartialEq, Eq)]
enum Flat {
    Text(String),
    Number(i64),
    List(Vec<String>),
}

fn flat_from_toml(file: &str) -> BTreeMap<(String, String), Flat> {
    use toml::de::{DeTable, DeValue};
    fn flat(value: &DeValue) -> Flat {
        match value {
            DeValue::String(s) => Flat::Text(s.to_string()),
            DeValue::Integer(i) => Flat::Number(i64::from_str_radix(i.as_str(), i.radix()).unwrap()),
            DeValue::Array(items) => Flat::List(items.iter().map(|i| i.get_ref().as_str().unwrap().to_string()).collect()),
            other => panic!("unexpected {other:?}"),
        }
    }
    let doc = DeTable::parse(file).unwrap_or_else(|e| panic!("not TOML: {e}\n{file}"));
    let mut out = BTreeMap::new();
    for (k, v) in doc.get_ref() {
        match v.get_ref() {
            DeValue::Table(table) => {
                for (k2, v2) in table {
                    out.insert((k.get_ref().to_string(), k2.get_ref().to_string()), flat(v2.get_ref()));
                }
            }
            value => {
                out.insert((String::new(), k.get_ref().to_string()), flat(value));
            }
        }
    }
    out
}

fn flat_from_progress(p: &Progress) -> BTreeMap<(String, String), Flat> {
    let mut out = BTreeMap::new();
    let mut put = |section: &str, key: &str, value: Flat| out.insert((section.to_string(), key.to_string()), value);
    put("", "format", Flat::Text(FORMAT.into()));
    if !p.position.is_empty() {
        put("", "position", Flat::Text(p.position.clone()));
    }
    if !p.visited.is_empty() {
        put("", "visited", Flat::List(p.visited.clone()));
    }
    let m = &p.my_story;
    for (k, v) in [("ville", &m.town), ("d-ou-nous-venons", &m.from), ("ou-nous-allons", &m.to), ("commune", &m.commune), ("agglomeration", &m.agglomeration), ("pole", &m.pole)] {
        if !v.is_empty() {
            put("mon-recit", k, Flat::Text(v.clone()));
        }
    }
    for (k, v) in &p.answers {
        put("reponses", &k.to_key(), Flat::Text(v.clone()));
    }
    for (k, v) in &p.quiz {
        put("quiz", &k.to_key(), Flat::Number(i64::from(*v)));
    }
    out
}

/// Reads `text`, which must fail, and returns its problems.
#[track_caller]
fn problems(text: &str) -> Vec<Diagnostic> {
    match read(text) {
        Ok(p) => panic!("read without a problem: {p:?}\n{text}"),
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(!p.message.is_empty() && !p.help.is_empty(), "{p}");
                assert_eq!(p.loc.as_ref().map(|l| l.file.as_str()), Some(FILE), "{p}");
            }
            problems
        }
    }
}

/// Asserts that reading `text` reports `code` at `line:col`, and returns that problem.
#[track_caller]
fn assert_reports(text: &str, code: Code, line: u32, col: u32) -> Diagnostic {
    let problems = problems(text);
    let found = problems.iter().find(|d| d.code == code && d.loc.as_ref().is_some_and(|l| (l.line, l.col) == (line, col)));
    let all: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    found.cloned().unwrap_or_else(|| panic!("expected {} at {line}:{col}, got:\n{}\n---\n{text}", code.as_str(), all.join("\n")))
}

/// A progress file's first line, then `rest` from line 2.
fn file(rest: &str) -> String {
    format!("format = \"{FORMAT}\"\n{rest}")
}

// Round trips.

#[test]
fn a_full_progress_reads_back_exactly() {
    let progress = full();
    let text = progress.to_file();
    assert_eq!(read(&text), Ok(progress.clone()), "\n{text}");
    assert_eq!(flat_from_toml(&text), flat_from_progress(&progress), "the toml crate reads the same values\n{text}");
}

#[test]
fn the_file_is_deterministic_and_as_documented() {
    let mut p = Progress { position: "/fr/commune/archipel-noir".into(), ..Progress::default() };
    p.visit("archipel-noir");
    p.visit("impliquer-les-habitants");
    p.visit("archipel-noir");
    p.my_story.town = "Lens".into();
    p.my_story.from = "Deux lignes\nde texte".into();
    p.answers.insert(key("archipel-noir", ScaleId::Commune, 1), "Une réponse".into());
    p.answers.insert(key("archipel-noir", ScaleId::Commune, 2), String::new());
    p.quiz.insert(key("archipel-noir", ScaleId::Commune, 1), 2);
    let expected = "\
# Récit — progression d'atelier. Réimportez ce fichier dans Récit (atelier → « Reprendre ») pour continuer sur un autre appareil.
format = \"recit-progression/1\"
position = \"/fr/commune/archipel-noir\"
visited = [\"archipel-noir\", \"impliquer-les-habitants\"]

[mon-recit]
ville = \"Lens\"
d-ou-nous-venons = \"\"\"
Deux lignes
de texte\"\"\"

[reponses]
\"archipel-noir.commune.1\" = \"Une réponse\"

[quiz]
\"archipel-noir.commune.1\" = 2
";
    assert_eq!(p.to_file(), expected);
    // The empty answer is no answer.
    p.answers.retain(|_, v| !v.is_empty());
    assert_eq!(read(expected), Ok(p));
}

#[test]
fn an_empty_progress_is_the_heading_and_the_format() {
    let empty = Progress::default();
    assert!(empty.is_empty() && empty.my_story.is_empty());
    let text = empty.to_file();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("# Récit"));
    assert_eq!(lines[1], "format = \"recit-progression/1\"");
    let back = read(&text).unwrap();
    assert!(back.is_empty());
    assert_eq!(back, empty);
    assert!(!full().is_empty());
}

#[test]
fn what_the_writer_does_not_write_is_read_too() {
    // Comments after values, CRLF line breaks, a byte order mark, blanks, quoted bare keys,
    // a trailing comma, a line-ending backslash, quotes before the closing ones, long escapes.
    let text = "\u{FEFF}# saved by hand\r\n  format = \"recit-progression/1\"   # the format\r\n\r\n\
        visited = [ \"archipel-noir\" ,\"fifty-fifty\", ]\r\n\
        [ \"mon-recit\" ] # mine\n\
        \"ville\"=\"L\\u00E9ns \\U0001F600\"\n\
        d-ou-nous-venons = \"\"\"one \\\n     two\"\"\"\n\
        ou-nous-allons = \"\"\"ends with quotes\"\"\"\"\"\n\
        commune = \"\"\"\r\nline\r\nbreaks\"\"\"\n\
        [quiz]\n\"archipel-noir.commune.2\" = +3\n";
    let p = read(text).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(p.visited, ["archipel-noir", "fifty-fifty"]);
    assert_eq!(p.my_story.town, "Léns 😀");
    assert_eq!(p.my_story.from, "one two");
    assert_eq!(p.my_story.to, "ends with quotes\"\"");
    assert_eq!(p.my_story.commune, "line\nbreaks");
    assert_eq!(p.quiz.get(&key("archipel-noir", ScaleId::Commune, 2)), Some(&3));
    // And what this reader accepts, the toml crate accepts.
    let _ = flat_from_toml(text.trim_start_matches('\u{FEFF}'));
}

#[test]
fn workshop_pages_and_home_are_positions_too() {
    for position in ["/fr", "/en/mon-recit", "/fr/quiz/pole", "/en/agglomeration/fifty-fifty"] {
        let p = Progress { position: position.into(), ..Progress::default() };
        assert_eq!(read(&p.to_file()), Ok(p));
    }
}

#[test]
fn clean_text_keeps_what_the_file_accepts() {
    assert_eq!(clean_text("a\r\nb\rc\u{0}d\te\u{7F}f\u{85}"), "a\nb\ncd\tef");
    assert_eq!(clean_text(&"é".repeat(MAX_TEXT_CHARS + 5)).chars().count(), MAX_TEXT_CHARS);
}

// One test per problem: its code, line and column.

#[test]
fn syntax_unclosed_text() {
    // At the end of the line, where the closing quote is missing.
    let d = assert_reports(&file("position = \"/fr/commune/archipel-noir\nvisited = []\n"), Code::Syntax, 2, 38);
    assert!(d.message.contains("expected `\"`"), "{d}");
}

#[test]
fn syntax_unclosed_multiline_text() {
    // At the end of the file, where the closing `"""` is missing.
    let d = assert_reports(&file("[mon-recit]\nville = \"\"\"Lens\n\nmore\n"), Code::Syntax, 6, 1);
    assert!(d.message.contains("multi-line"), "{d}");
}

#[test]
fn syntax_bad_escapes() {
    let text = file("[mon-recit]\nville = \"a\\qb\"\npole = \"\\uZZ\"\ncommune = \"\\uD800\"\nagglomeration = \"\"\"x\\ y\"\"\"\n");
    let d = assert_reports(&text, Code::Syntax, 3, 12);
    assert!(d.message.contains("escape"), "{d}");
    assert_reports(&text, Code::Syntax, 4, 11);
    assert_reports(&text, Code::Syntax, 5, 14);
    assert_reports(&text, Code::Syntax, 6, 23);
    assert_eq!(problems(&text).len(), 4);
}

#[test]
fn syntax_a_backslash_ending_a_line_in_one_line_text() {
    let d = assert_reports(&file("[mon-recit]\nville = \"Lens \\\n\"\n"), Code::Syntax, 3, 16);
    assert!(d.help.contains("\"\"\""), "{d}");
}

#[test]
fn syntax_missing_equals() {
    let d = assert_reports(&file("position \"/fr\"\n"), Code::Syntax, 2, 10);
    assert!(d.message.contains("`=`"), "{d}");
}

#[test]
fn syntax_garbage_after_the_value() {
    let d = assert_reports(&file("position = \"/fr\" x\n"), Code::Syntax, 2, 18);
    assert!(d.message.contains("unexpected"), "{d}");
}

#[test]
fn unquoted_dotted_key() {
    // TOML reads it as tables inside tables: the key's first part is reported.
    let d = assert_reports(&file("[reponses]\narchipel-noir.commune.1 = \"x\"\n"), Code::BadValue, 3, 1);
    assert!(d.message.contains("double quotes"), "{d}");
}

#[test]
fn values_of_other_types_and_broken_values() {
    let text = file("[quiz]\n\"archipel-noir.commune.1\" = 2.5\n\"archipel-noir.commune.2\" = 01\n\"fifty-fifty.commune.2\" = true\n[mon-recit]\nville = 'Lens'\npole =\n");
    assert_reports(&text, Code::WrongType, 3, 29);
    assert_reports(&text, Code::Syntax, 4, 29);
    let d = assert_reports(&text, Code::WrongType, 5, 27);
    assert!(d.message.contains("true or false"), "{d}");
    assert_reports(&text, Code::Syntax, 8, 7);
    assert_eq!(problems(&text).len(), 4, "a literal string, 'Lens', is text too; a broken value is reported once");
}

#[test]
fn syntax_lists() {
    let text = file("visited = [\"archipel-noir\"\n");
    assert_reports(&text, Code::Syntax, 2, 27);
    assert_reports(&file("visited = [\"archipel-noir\" \"fifty-fifty\"]\n"), Code::Syntax, 2, 28);
    assert_reports(&file("visited = [archipel-noir]\n"), Code::Syntax, 2, 12);
    // A list on several lines is TOML too.
    assert_eq!(read(&file("visited = [\n  \"archipel-noir\",\n]\n")).map(|p| p.visited), Ok(vec!["archipel-noir".to_string()]));
}

#[test]
fn syntax_control_characters() {
    let text = file("# a bell \u{7}\n[mon-recit]\nville = \"nul \u{0} here\"\n");
    assert_reports(&text, Code::Syntax, 2, 10);
    assert_reports(&text, Code::Syntax, 4, 14);
    // Escaped, they are read, then refused as text.
    let d = assert_reports(&file("[mon-recit]\nville = \"bell \\u0007 and \\b\"\n"), Code::BadValue, 3, 9);
    assert!(d.message.contains("U+0007"), "{d}");
}

#[test]
fn unknown_sections() {
    let text = file("[notes]\nanything = \"goes\"\n[[quiz]]\n[mon-recit.x]\n");
    let d = assert_reports(&text, Code::UnknownField, 2, 2);
    assert!(d.help.contains("[mon-recit], [reponses] and [quiz]"), "{d}");
    assert_reports(&text, Code::WrongType, 4, 3);
    assert_reports(&text, Code::UnknownField, 5, 12);
    assert_eq!(problems(&text).len(), 3, "the keys of an unknown section are not reported one by one");
}

#[test]
fn not_a_progress_file_at_all() {
    // A story file, say: one problem, in plain words, not one per line.
    let text = "id = \"archipel-noir\"\n\n[commune]\ntitle.fr = \"Une commune\"\nbroken\n";
    let all = problems(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].code, Code::MissingField);
    assert_eq!(all[0].loc.as_ref().map(|l| (l.line, l.col)), Some((1, 1)));
    assert!(all[0].message.contains("not a Récit progress file"), "{}", all[0]);
    assert_eq!(problems("")[0].code, Code::MissingField);
    assert_eq!(problems("{\"json\": true}")[0].code, Code::MissingField);
}

#[test]
fn wrong_format() {
    let other = problems("format = \"something-else\"\nbroken =\n");
    assert_eq!(other.len(), 1);
    assert_eq!((other[0].code, other[0].loc.as_ref().map(|l| (l.line, l.col))), (Code::BadValue, Some((1, 10))));
    assert!(other[0].message.contains("not a Récit progress file"), "{}", other[0]);

    let newer = problems("format = \"recit-progression/2\"\n");
    assert_eq!(newer[0].code, Code::BadValue);
    assert!(newer[0].message.contains("does not read"), "{}", newer[0]);

    let number = problems("\n  format = 1\n");
    assert_eq!((number[0].code, number[0].loc.as_ref().map(|l| (l.line, l.col))), (Code::WrongType, Some((2, 12))));
}

#[test]
fn unknown_keys() {
    let text = file("colour = \"blue\"\n[mon-recit]\ntown = \"Lens\"\n");
    let d = assert_reports(&text, Code::UnknownField, 2, 1);
    assert!(d.help.contains("`position`"), "{d}");
    let d = assert_reports(&text, Code::UnknownField, 4, 1);
    assert!(d.help.contains("ville"), "{d}");
    assert_eq!(d.path, "mon-recit.town");
}

#[test]
fn wrong_types() {
    let text = file("visited = \"archipel-noir\"\nposition = [\"/fr\"]\n[mon-recit]\nville = 3\n[reponses]\n\"archipel-noir.commune.1\" = 2\n[quiz]\n\"archipel-noir.commune.1\" = \"2\"\n");
    assert_reports(&text, Code::WrongType, 2, 11);
    assert_reports(&text, Code::WrongType, 3, 12);
    let d = assert_reports(&text, Code::WrongType, 5, 9);
    assert!(d.message.contains("must be text, not a number"), "{d}");
    assert_reports(&text, Code::WrongType, 7, 29);
    let d = assert_reports(&text, Code::WrongType, 9, 29);
    assert_eq!(d.path, "quiz.\"archipel-noir.commune.1\"");
}

#[test]
fn duplicates() {
    let text = file("[mon-recit]\nville = \"a\"\n\"ville\" = \"b\"\n[reponses]\n[mon-recit]\n");
    let d = assert_reports(&text, Code::DuplicateId, 4, 1);
    assert!(d.message.contains("ville"), "{d}");
    assert_reports(&text, Code::DuplicateId, 6, 2);
    let d = assert_reports(&file("visited = [\"archipel-noir\", \"fifty-fifty\", \"archipel-noir\"]\n"), Code::DuplicateId, 2, 44);
    assert_eq!(d.path, "visited[2]");
}

#[test]
fn answer_keys() {
    let text = file(
        "[reponses]\n\"archipel-noir.commune\" = \"x\"\n\"nowhere.commune.1\" = \"x\"\n\"archipel-noir.ville.1\" = \"x\"\n\"archipel-noir.commune.0\" = \"x\"\n\"archipel-noir.commune.4\" = \"x\"\n\"archipel-noir.commune.999\" = \"x\"\n",
    );
    let d = assert_reports(&text, Code::BadValue, 3, 1);
    assert!(d.message.contains("step.scale.number"), "{d}");
    assert_eq!(d.path, "reponses.\"archipel-noir.commune\"");
    assert_reports(&text, Code::DanglingLink, 4, 1);
    assert_reports(&text, Code::DanglingLink, 5, 1);
    assert_reports(&text, Code::BadValue, 6, 1);
    let d = assert_reports(&text, Code::DanglingLink, 7, 1);
    assert!(d.message.contains("3 workshop questions"), "{d}");
    assert_reports(&text, Code::BadValue, 8, 1);
    assert_eq!(problems(&text).len(), 6);
}

#[test]
fn quiz_options_out_of_range() {
    let text = file(
        "[quiz]\n\"archipel-noir.commune.1\" = 5\n\"archipel-noir.commune.2\" = 0\n\"archipel-noir.pole.1\" = -1\n\"archipel-noir.pole.2\" = 99999999999999999999\n\"archipel-noir.pole.3\" = 1\n",
    );
    let d = assert_reports(&text, Code::BadValue, 3, 29);
    assert!(d.message.contains("4 options"), "{d}");
    assert_reports(&text, Code::BadValue, 4, 29);
    assert_reports(&text, Code::BadValue, 5, 26);
    assert_reports(&text, Code::BadValue, 6, 26);
    let d = assert_reports(&text, Code::DanglingLink, 7, 1);
    assert!(d.message.contains("2 quiz questions"), "{d}");
}

#[test]
fn positions_outside_the_story() {
    let d = assert_reports(&file("position = \"/fr/commune/nowhere\"\n"), Code::DanglingLink, 2, 12);
    assert!(d.message.contains("nowhere"), "{d}");
    assert_reports(&file("position = \"/de/commune/archipel-noir\"\n"), Code::BadValue, 2, 12);
    assert_reports(&file("position = \"/fr/a/b/c\"\n"), Code::BadValue, 2, 12);
    assert_reports(&file("visited = [\"archipel-noir\", \"nowhere\"]\n"), Code::DanglingLink, 2, 29);
}

#[test]
fn too_large() {
    let big = file(&format!("# {}\n", "x".repeat(MAX_PROGRESS_BYTES)));
    let all = problems(&big);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].code, all[0].loc.as_ref().map(|l| (l.line, l.col))), (Code::TooLarge, Some((1, 1))));

    let long = file(&format!("[mon-recit]\nville = \"ok\"\npole = \"{}\"\n", "é".repeat(MAX_TEXT_CHARS + 1)));
    let d = assert_reports(&long, Code::TooLarge, 4, 8);
    assert!(d.message.contains("10000"), "{d}");
    let just = file(&format!("[mon-recit]\npole = \"{}\"\n", "é".repeat(MAX_TEXT_CHARS)));
    assert_eq!(read(&just).unwrap().my_story.pole.chars().count(), MAX_TEXT_CHARS);
}

#[test]
fn pathological_files_stay_fast_and_capped() {
    use recit_story::progress::MAX_PROBLEMS;
    let room = MAX_PROGRESS_BYTES - 200;
    // One line of bad escapes, a list of unknown steps, many duplicate keys: a problem every
    // few bytes, each located on a long line.
    for body in [
        format!("[mon-recit]\nville = \"{}\"\n", "\\q".repeat(room / 2)),
        format!("visited = [{}]\n", "\"x\",".repeat(room / 4)),
        format!("[mon-recit]\n{}", "ville = \"a\"\n".repeat(room / 12)),
        "\"".repeat(room),
        "[".repeat(room),
    ] {
        let text = file(&body);
        assert!(text.len() <= MAX_PROGRESS_BYTES);
        let all = problems(&text);
        assert!(all.len() <= MAX_PROBLEMS, "{}", all.len());
    }
}

#[test]
fn every_problem_of_a_file_is_reported_in_order() {
    let text = file("position = \"/fr/commune/nowhere\"\n[mon-recit]\nville = \"a\\qb\"\n[quiz]\n\"archipel-noir.commune.1\" = 7\n");
    let all = problems(&text);
    let found: Vec<(Code, u32, u32)> = all.iter().map(|d| (d.code, d.loc.as_ref().unwrap().line, d.loc.as_ref().unwrap().col)).collect();
    assert_eq!(found, [(Code::DanglingLink, 2, 12), (Code::Syntax, 4, 12), (Code::BadValue, 6, 29)]);
}

// Properties.

fn text() -> impl Strategy<Value = String> {
    let no_control = |s: String| s.chars().filter(|&c| c == '\n' || c == '\t' || !c.is_control()).collect::<String>();
    prop_oneof![any::<String>().prop_map(no_control), "[ -~\n\t\"\\\\«»éœ😀]{0,40}", Just("\"\"\"".to_string()), Just("\n".to_string()), Just("\\".to_string()), Just("a\"".to_string()),]
}

fn progress(story: &Story) -> impl Strategy<Value = Progress> {
    let ids: Vec<String> = story.steps.iter().map(|s| s.id.clone()).collect();
    let scale = prop_oneof![Just(ScaleId::Commune), Just(ScaleId::Agglomeration), Just(ScaleId::Pole)];
    let answer_key = (proptest::sample::select(ids.clone()), scale.clone(), 1..=3u8).prop_map(|(step, scale, question)| AnswerKey { step, scale, question });
    let quiz_key = (proptest::sample::select(ids.clone()), scale.clone(), 1..=2u8).prop_map(|(step, scale, question)| AnswerKey { step, scale, question });
    let position = prop_oneof![
        Just(String::new()),
        Just("/en/mon-recit".to_string()),
        (prop_oneof![Just("fr"), Just("en")], scale, proptest::sample::select(ids.clone())).prop_map(|(lang, scale, step)| format!("/{lang}/{}/{step}", scale.id())),
    ];
    let n = ids.len();
    let visited = proptest::sample::subsequence(ids, 0..=n).prop_shuffle();
    let my_story = (text(), text(), text(), text(), text(), text()).prop_map(|(town, from, to, commune, agglomeration, pole)| MyStory { town, from, to, commune, agglomeration, pole });
    (position, visited, vec((answer_key, text()), 0..6), vec((quiz_key, 1..=4u8), 0..4), my_story).prop_map(|(position, visited, answers, quiz, my_story)| Progress {
        position,
        visited,
        // An empty answer is no answer.
        answers: answers.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
        quiz: quiz.into_iter().collect(),
        my_story,
    })
}

/// A mutation of a file: cut it, flip a byte, insert or remove some.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(prop::sample::Index),
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, String),
    Remove(prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (any::<prop::sample::Index>(), prop_oneof!["[\"\\\\\\[\\]=#\n\r. a1\u{0}]{1,3}", any::<String>()]).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<prop::sample::Index>(), 1..8usize).prop_map(|(i, n)| Mutation::Remove(i, n)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Truncate(i) => bytes.truncate(i.index(len)),
            Mutation::Flip(i, x) if !bytes.is_empty() => bytes[i.index(len)] ^= x,
            Mutation::Insert(i, s) => {
                let at = i.index(len + 1).min(bytes.len());
                bytes.splice(at..at, s.bytes());
            }
            Mutation::Remove(i, n) if !bytes.is_empty() => {
                let at = i.index(len);
                bytes.drain(at..(at + n).min(bytes.len()));
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// What every reading must give: a progress that reads back the same, or located problems.
fn check_outcome(text: &str, story: &Story) -> Result<(), TestCaseError> {
    match Progress::from_file(text, FILE, story) {
        Ok(p) => prop_assert_eq!(Progress::from_file(&p.to_file(), FILE, story), Ok(p)),
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            let lines = text.trim_start_matches('\u{FEFF}').split('\n').count() as u32;
            for d in problems {
                let loc = d.loc.as_ref().expect("located");
                prop_assert!(loc.line >= 1 && loc.line <= lines && loc.col >= 1, "{} in {} lines", d, lines);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_progress_reads_back_exactly(p in progress(&story())) {
        let story = story();
        let text = p.to_file();
        prop_assert_eq!(Progress::from_file(&text, FILE, &story), Ok(p.clone()), "{}", text);
        prop_assert_eq!(flat_from_toml(&text), flat_from_progress(&p));
    }

    #[test]
    fn reading_any_text_never_panics(text in any::<String>()) {
        check_outcome(&text, &story())?;
        check_outcome(&file(&text), &story())?;
    }

    #[test]
    fn reading_a_mutated_file_never_panics(p in progress(&story()), mutations in vec(mutation(), 1..4)) {
        check_outcome(&mutate(&p.to_file(), &mutations), &story())?;
    }

    #[test]
    fn reading_subset_shaped_lines_never_panics(lines in vec(prop_oneof![
        "\\[(mon-recit|reponses|quiz|x)\\]",
        "(ville|pole|position|visited|\"archipel-noir.commune.[0-3]\"|format) ?= ?(\"[^\"\n]{0,6}\"|\"\"\"[a-z\n\"\\\\]{0,8}\"\"\"|[0-9+-]{1,3}|\\[(\"[a-z-]{0,13}\", ?){0,3}\\]?)( #.*)?",
        ".{0,12}",
    ], 0..12)) {
        let story = story();
        check_outcome(&lines.join("\n"), &story)?;
        check_outcome(&file(&lines.join("\n")), &story)?;
    }
}
