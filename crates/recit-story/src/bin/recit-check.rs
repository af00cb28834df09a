//! Checks a story directory and prints every problem: `recit-check story/`.
//! Exit status 1 when there is an error (warnings alone pass).
//! `recit-check story/ --titles` also prints, tab-separated on standard output, every
//! (language, scale, step, main index or "side", title) for the browser tests to expect;
//! `--workshop` prints the workshop material the same way: `note`, `quiz` and `term` records;
//! `--easy-read` prints, per view, its easy read and what « Écouter » reads (see
//! [`print_easy_read`]); these three print the texts as readers see them, French typeset
//! ([`recit_story::typography`]);
//! `--routes` prints, one tab-separated line each, which addresses need which app (the
//! build's hook writes them into `web/boot.js`; see [`recit_story::reader::MODES_PAGES`]):
//! `editor`, then `langs`, `pages`, `flags`, each followed by its words;
//! `--site DIR` writes, once the story is checked, the story's files a site carries beside
//! its apps (see [`recit_story::site`]): `story-reader.bin` and `story-reader-en.bin` (the
//! plain reader's, French and English), `story.bin` (the other apps'), `english.bin`,
//! `french.bin` and `passages.bin` (fetched by the plain reader when first needed), and the
//! pictures the story uses into `DIR/media/` (the build's hook: dist/).

use std::process::ExitCode;

fn main() -> ExitCode {
    let titles = std::env::args().any(|a| a == "--titles");
    let workshop = std::env::args().any(|a| a == "--workshop");
    let easy_read = std::env::args().any(|a| a == "--easy-read");
    let routes = std::env::args().any(|a| a == "--routes");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let output = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let site = output("--site");
    let dir = args.iter().enumerate().find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--site")).map(|(_, a)| a.clone()).unwrap_or_else(|| "story".into());
    let loaded = match recit_story::check::check_dir(&dir) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let s = &loaded.story;
    if titles || workshop || easy_read {
        let shown = s.typeset();
        if titles {
            print_titles(&shown);
        }
        if workshop {
            print_workshop(&shown);
        }
        if easy_read {
            print_easy_read(&shown);
        }
    }
    if routes {
        use recit_story::reader::{EDITOR, MODES_FLAGS, MODES_PAGES};
        let langs = recit_story::Lang::ALL.map(|l| l.code());
        for (kind, words) in [("editor", &[EDITOR][..]), ("langs", &langs), ("pages", &MODES_PAGES), ("flags", &MODES_FLAGS)] {
            println!("{kind}\t{}", words.join("\t"));
        }
    }
    if let (Some(out), false) = (site, loaded.has_errors()) {
        if let Err(e) = write_site(std::path::Path::new(&dir), s, std::path::Path::new(&out)) {
            eprintln!("error: cannot write the story's files into {out}: {e}");
            return ExitCode::FAILURE;
        }
    }
    loaded.exit_code()
}

/// Writes the story's files and the pictures it uses (checked with the story) into `out`.
fn write_site(dir: &std::path::Path, story: &recit_story::Story, out: &std::path::Path) -> std::io::Result<()> {
    let files = story.site_files();
    for (name, bytes) in [
        ("story-reader.bin", files.reader),
        ("story-reader-en.bin", files.reader_english),
        ("story.bin", files.full),
        ("english.bin", files.english),
        ("french.bin", files.french),
        ("passages.bin", files.passages),
    ] {
        std::fs::write(out.join(name), bytes)?;
    }
    let media = recit_story::toml_format::read_media(dir)?;
    let used = recit_story::media::used_media(story, &media);
    if !used.is_empty() {
        std::fs::create_dir_all(out.join("media"))?;
    }
    for (name, bytes) in used {
        std::fs::write(out.join("media").join(name), bytes)?;
    }
    Ok(())
}

fn print_titles(story: &recit_story::Story) {
    for lang in recit_story::Lang::ALL {
        for step in &story.steps {
            let index = story.main_index(&step.id).map_or("side".to_string(), |i| i.to_string());
            for view in &step.views {
                let title = view.title.get(lang).replace(['\t', '\n'], " ");
                println!("{}\t{}\t{}\t{index}\t{title}", lang.code(), view.scale.id(), step.id);
            }
        }
    }
}

/// One line per record, fields tab-separated, a text's tabs and line breaks as spaces:
/// `note lang scale step text`, `quiz lang scale step index answer question option…`,
/// `term lang scale step id word`.
fn print_workshop(story: &recit_story::Story) {
    let flat = |text: &str| text.replace(['\t', '\n'], " ");
    for lang in recit_story::Lang::ALL {
        for step in &story.steps {
            for view in &step.views {
                let at = format!("{}\t{}\t{}", lang.code(), view.scale.id(), step.id);
                if !view.notes.is_empty() {
                    println!("note\t{at}\t{}", flat(view.notes.get(lang)));
                }
                for (i, q) in view.quiz.iter().enumerate() {
                    let options: Vec<String> = q.options.iter().map(|o| flat(o.get(lang))).collect();
                    println!("quiz\t{at}\t{i}\t{}\t{}\t{}", q.answer, flat(q.question.get(lang)), options.join("\t"));
                }
                for term in view.terms.iter().filter_map(|id| story.term(id)) {
                    println!("term\t{at}\t{}\t{}", term.id, flat(term.word.get(lang)));
                }
            }
        }
    }
}

/// One line per view, fields tab-separated, line breaks as spaces: `lang scale step easy
/// spoken-easy spoken-text`: its easy read as plain text (empty if it has none), and what
/// « Écouter » reads with the easy read shown, and with the text shown.
fn print_easy_read(story: &recit_story::Story) {
    use recit_story::spoken::{plain_text, spoken};
    let flat = |text: &str| text.replace(['\t', '\n'], " ");
    for lang in recit_story::Lang::ALL {
        for step in &story.steps {
            for view in &step.views {
                let (title, easy) = (view.title.get(lang), view.easy.get(lang));
                println!("{}\t{}\t{}\t{}\t{}\t{}", lang.code(), view.scale.id(), step.id, flat(&plain_text(easy)), flat(&spoken(title, easy)), flat(&spoken(title, view.text.get(lang))));
            }
        }
    }
}
