//! Checks a story directory and prints every problem: `recit-check story/`.
//! Exit status 1 when there is an error (warnings alone pass).
//! `recit-check story/ --titles` also prints, tab-separated on standard output, every
//! (language, scale, step, main index or "side", title) for the browser tests to expect;
//! `--workshop` prints the workshop material the same way: `note`, `quiz` and `term` records;
//! `--easy-read` prints, per view, its easy read and what « Écouter » reads (see
//! [`print_easy_read`]);
//! `--routes` prints, one tab-separated line each, which addresses need which app (the
//! build's hook writes them into `web/boot.js`; see [`recit_story::reader::MODES_PAGES`]):
//! `editor`, then `langs`, `pages`, `flags`, each followed by its words;
//! `--passages FILE` writes the report's passages in the compact form the plain reader fetches
//! (the build's hook puts it in dist/);
//! `--english FILE` writes the English half the plain reader fetches (see
//! [`recit_story::Story::for_plain_reader`]); `--media DIR` copies the pictures the story uses, once checked, into DIR (the build's hook:
//! dist/media/).

use std::process::ExitCode;

fn main() -> ExitCode {
    let titles = std::env::args().any(|a| a == "--titles");
    let workshop = std::env::args().any(|a| a == "--workshop");
    let easy_read = std::env::args().any(|a| a == "--easy-read");
    let routes = std::env::args().any(|a| a == "--routes");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let output = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let (passages, english, media_out) = (output("--passages"), output("--english"), output("--media"));
    let dir = args.iter().enumerate().find(|(i, a)| !a.starts_with("--") && (*i == 0 || !matches!(args[i - 1].as_str(), "--passages" | "--english" | "--media"))).map(|(_, a)| a.clone()).unwrap_or_else(|| "story".into());
    let loaded = match recit_story::check::check_dir(&dir) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let s = &loaded.story;
    if titles {
        print_titles(s);
    }
    if workshop {
        print_workshop(s);
    }
    if easy_read {
        print_easy_read(s);
    }
    if routes {
        use recit_story::reader::{EDITOR, MODES_FLAGS, MODES_PAGES};
        let langs = recit_story::Lang::ALL.map(|l| l.code());
        for (kind, words) in [("editor", &[EDITOR][..]), ("langs", &langs), ("pages", &MODES_PAGES), ("flags", &MODES_FLAGS)] {
            println!("{kind}\t{}", words.join("\t"));
        }
    }
    let files = [
        passages.map(|path| (path, recit_story::compact::passages_to_compact(&s.clone().take_passages()))),
        english.map(|path| (path, recit_story::compact::language_to_compact(&s.for_plain_reader().1))),
    ];
    for (path, bytes) in files.into_iter().flatten() {
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("error: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let (Some(out), false) = (media_out, loaded.has_errors()) {
        if let Err(e) = copy_media(std::path::Path::new(&dir), s, std::path::Path::new(&out)) {
            eprintln!("error: cannot copy the pictures to {out}: {e}");
            return ExitCode::FAILURE;
        }
    }
    loaded.exit_code()
}

/// Writes the media files the story uses (checked with the story) into `out`.
fn copy_media(dir: &std::path::Path, story: &recit_story::Story, out: &std::path::Path) -> std::io::Result<()> {
    let media = recit_story::toml_format::read_media(dir)?;
    let used = recit_story::media::used_media(story, &media);
    if !used.is_empty() {
        std::fs::create_dir_all(out)?;
    }
    for (name, bytes) in used {
        std::fs::write(out.join(name), bytes)?;
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
