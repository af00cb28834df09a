//! The story's rules, checked on the model alone: the build, the tests and the editor all call
//! [`validate`]. Every problem is collected; nothing stops at the first.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::contribution::{contribution_path, Attribution, Contribution, Status};
use crate::diagnostic::{closing, code_point_name, control_char, quoted, Code, Diagnostic, SourceMap, MAX_PROBLEMS_PER_TEXT};
use crate::markdown::{self, Finding};
use crate::model::*;
use crate::path::FieldPath;
use crate::repeats;
use crate::texts::{TextPlace, ViewText};

/// Checks every rule of the story. `map` places the messages in files when the story was
/// read from files; without it they carry field paths only.
pub fn validate(story: &Story, map: Option<&SourceMap>) -> Vec<Diagnostic> {
    let main = story.trajectory.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let mut v = Validator { story, map, main, out: Vec::new() };
    v.scales();
    v.unique_ids();
    v.trajectory();
    v.steps();
    v.graph();
    v.texts();
    v.repeats();
    v.territory();
    v.contributions();
    v.out
}

struct Validator<'a> {
    story: &'a Story,
    map: Option<&'a SourceMap>,
    /// Trajectory positions by step id, so that the checks stay linear in the story's size.
    main: HashMap<&'a str, usize>,
    out: Vec<Diagnostic>,
}

/// A step id is a URL segment: lowercase ASCII letters, digits and hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `date` is ISO 8601 as contributions need it: a real calendar date `YYYY-MM-DD`,
/// alone or followed by a time (`T10:00:00Z`, or after a space).
pub fn is_valid_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !matches!(b.get(10), None | Some(b'T' | b' ')) {
        return false;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        let digits = &b[from..to];
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (number(0, 4), number(5, 7), number(8, 10)) else { return false };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// When a picture was taken: `YYYY`, `YYYY-MM` or a real date `YYYY-MM-DD`.
pub fn is_valid_picture_date(date: &str) -> bool {
    let digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    match date.len() {
        4 => digits(date),
        7 => is_valid_date(&format!("{date}-01")),
        10 => is_valid_date(date),
        _ => false,
    }
}

/// Each contribution with its field path (see [`contribution_path`]), in the story's order.
pub fn contribution_paths(contributions: &[Contribution]) -> impl Iterator<Item = (FieldPath, &Contribution)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    contributions.iter().map(move |c| {
        let nth = seen.entry(c.id.as_str()).or_insert(0);
        *nth += 1;
        (contribution_path(&c.id, *nth - 1), c)
    })
}

impl<'a> Validator<'a> {
    fn push(&mut self, code: Code, path: FieldPath, message: String, help: impl Into<String>) {
        let loc = self.map.and_then(|m| m.locate(&path));
        self.out.push(Diagnostic { code, path, loc, message, help: help.into() });
    }

    /// A reference to a source: present, and pointing to a declared source.
    fn source_ref(&mut self, path: FieldPath, source: &str, what: &str) {
        if source.is_empty() {
            self.push(
                Code::Unsourced,
                path,
                format!("{what} has no source"),
                "add `source = \"…\"` with the id of a [[source]] of story.toml: every figure and quote points to its place in the report or to a dataset",
            );
        } else if self.story.source(source).is_none() {
            let known: Vec<&str> = self.story.sources.iter().map(|s| s.id.as_str()).collect();
            let listed = match known.len() {
                0..=8 => known.join(", "),
                n => format!("{}, and {} more", known[..8].join(", "), n - 8),
            };
            self.push(
                Code::DanglingLink,
                path,
                format!("{what} cites the unknown source `{}`", quoted(source)),
                format!("use one of the sources declared in story.toml ({listed}), or declare it there"),
            );
        }
    }

    fn step_ref(&mut self, path: FieldPath, target: &str, what: &str) -> bool {
        if self.story.step(target).is_some() {
            return true;
        }
        let target = quoted(target);
        self.push(Code::DanglingLink, path, format!("{what} points to the unknown step `{target}`"), format!("create steps/{target}.toml, or use the id of an existing step"));
        false
    }

    fn scales(&mut self) {
        let mut seen = HashSet::new();
        for (i, scale) in self.story.scales.iter().enumerate() {
            if !seen.insert(scale.id) {
                self.push(
                    Code::DuplicateId,
                    story_field("scale").key(i).field("id"),
                    format!("the scale `{}` is defined twice", scale.id.id()),
                    "keep one [[scale]] per scale: commune, agglomeration, pole",
                );
            }
            self.source_ref(story_field("scale").key(i).field("population_source"), &scale.population_source, "the population of this scale");
        }
        for id in ScaleId::ALL {
            if !seen.contains(&id) {
                self.push(Code::MissingField, story_field("scale"), format!("the scale `{}` is not defined", id.id()), format!("add a [[scale]] with id = \"{}\" to story.toml", id.id()));
            }
        }
    }

    fn unique_ids(&mut self) {
        let story = self.story;
        let check = |v: &mut Self, kind: &str, ids: Vec<(FieldPath, &str)>| {
            let mut first: HashMap<&str, FieldPath> = HashMap::new();
            for (path, id) in ids {
                if let Some((_, c)) = control_char(id) {
                    v.push(
                        Code::BadValue,
                        path.clone(),
                        format!("the {kind} id `{}` holds the control character {}", quoted(id), code_point_name(c)),
                        "remove it: an id is lowercase letters without accents, digits and hyphens",
                    );
                }
                if let Some(previous) = first.get(id) {
                    let at = v.map.and_then(|m| m.locate(previous)).map_or(previous.to_string(), |l| l.to_string());
                    v.push(Code::DuplicateId, path, format!("the {kind} id `{}` is already used (at {at})", quoted(id)), format!("give this {kind} another id"));
                } else {
                    first.insert(id, path);
                }
            }
        };
        let sources = (0..story.sources.len()).map(|i| (source_path(story, i).field("id"), story.sources[i].id.as_str())).collect();
        check(self, "source", sources);
        let terms = story.glossary.iter().enumerate().map(|(i, t)| (FieldPath::new("glossary").item("term", i).field("id"), t.id.as_str())).collect();
        check(self, "glossary term", terms);
        let steps = story.steps.iter().map(|s| (FieldPath::step(&s.id).field("id"), s.id.as_str())).collect();
        check(self, "step", steps);
        let contributions = contribution_paths(&story.contributions).map(|(at, c)| (at.field("id"), c.id.as_str())).collect();
        check(self, "contribution", contributions);
        for step in &story.steps {
            let choices = step.choices.iter().enumerate().map(|(i, c)| (FieldPath::step(&step.id).item("choice", i).field("id"), c.id.as_str())).collect();
            check(self, "choice", choices);
        }
    }

    fn trajectory(&mut self) {
        if self.story.trajectory.is_empty() {
            self.push(Code::MissingField, story_field("trajectory"), "the trajectory is empty".into(), "list the main steps in story.toml: trajectory = [\"starting-point\", …, \"desired-model\"]");
        }
        let mut seen = HashSet::new();
        for (i, id) in self.story.trajectory.iter().enumerate() {
            let path = story_field("trajectory").key(i);
            if !seen.insert(id) {
                self.push(Code::DuplicateId, path, format!("`{id}` is twice on the trajectory"), "a step stands once on the trajectory; for a detour, use a [[branch]] to a side step");
            } else {
                self.step_ref(path, id, "the trajectory");
            }
        }
    }

    fn steps(&mut self) {
        let story = self.story;
        for step in &story.steps {
            let at = FieldPath::step(&step.id);
            // An id with a control character is already reported, naming it.
            if !is_valid_id(&step.id) && control_char(&step.id).is_none() {
                self.push(
                    Code::BadValue,
                    at.clone().field("id"),
                    format!("`{}` is not a valid step id", quoted(&step.id)),
                    "a step id is part of its URL: use lowercase letters without accents, digits and hyphens (le-point-de-depart)",
                );
            }
            let on_trajectory = self.main.contains_key(step.id.as_str());
            match (&step.next, on_trajectory) {
                (Some(_), true) => self.push(
                    Code::BadValue,
                    at.clone().field("next"),
                    format!("`{}` is on the trajectory and has a `next`", step.id),
                    "remove `next`: a main step leads on to the following step of story.toml's trajectory",
                ),
                (Some(next), false) => {
                    self.step_ref(at.clone().field("next"), next, "`next`");
                }
                (None, false) => self.push(
                    Code::DeadEnd,
                    at.clone(),
                    format!("the side step `{}` has no `next`", step.id),
                    "add `next = \"…\"` with the step the reader returns to, or add the step to the trajectory",
                ),
                (None, true) => {}
            }
            for (i, branch) in step.branches.iter().enumerate() {
                self.step_ref(at.clone().item("branch", i).field("to"), &branch.to, "this branch");
            }
            for (i, choice) in step.choices.iter().enumerate() {
                if choice.options.len() < 2 {
                    self.push(
                        Code::MissingField,
                        at.clone().item("choice", i),
                        format!("the choice `{}` offers {} answer(s)", choice.id, choice.options.len()),
                        "a choice offers at least two [[choice.option]]",
                    );
                }
                for (j, option) in choice.options.iter().enumerate() {
                    self.step_ref(at.clone().item("choice", i).item("option", j).field("to"), &option.to, "this answer");
                }
            }
            self.views(step, &at);
        }
    }

    fn views(&mut self, step: &Step, at: &FieldPath) {
        let mut seen = HashSet::new();
        for view in &step.views {
            let vat = at.clone().field(view.scale.id());
            if !seen.insert(view.scale) {
                self.push(Code::DuplicateId, vat.clone(), format!("the step `{}` has two `{}` views", step.id, view.scale.id()), "keep one view per scale");
            }
            if view.easy.fr.trim().is_empty() {
                self.push(Code::MissingEasyRead, vat.clone().field("easy"), "this view has no easy-read text in French".into(),
                    "add `easy.fr = \"\"\"…\"\"\"` (and `easy.en`) after `text`: the same story in « Facile à lire » — short sentences, one idea each, everyday words, abbreviations explained, no figure without its unit");
            }
            for (i, figure) in view.figures.iter().enumerate() {
                self.source_ref(vat.clone().item("figure", i).field("source"), &figure.source, "this figure");
            }
            for (i, quote) in view.quotes.iter().enumerate() {
                self.source_ref(vat.clone().item("quote", i).field("source"), &quote.source, "this quote");
            }
            for (i, question) in view.quiz.iter().enumerate() {
                let qat = vat.clone().item("quiz", i);
                self.source_ref(qat.clone().field("source"), &question.source, "this quiz question");
                if question.options.len() < 2 {
                    self.push(
                        Code::MissingField,
                        qat.clone().field("options"),
                        format!("this quiz question offers {} option(s)", question.options.len()),
                        "give `options` at least two answers, one of them right",
                    );
                } else if question.answer == 0 || question.answer > question.options.len() as u64 {
                    self.push(
                        Code::BadValue,
                        qat.clone().field("answer"),
                        format!("`answer = {}` but there are {} options", question.answer, question.options.len()),
                        format!("set `answer` to the number of the right option, from 1 to {}", question.options.len()),
                    );
                }
            }
            for (i, term) in view.terms.iter().enumerate() {
                if self.story.term(term).is_none() {
                    self.push(
                        Code::DanglingLink,
                        vat.clone().item("terms", i),
                        format!("the glossary has no term `{term}`"),
                        format!("add a [[term]] with id = \"{term}\" to glossary.toml, or remove it from `terms`"),
                    );
                }
            }
            if let Some(picture) = &view.picture {
                self.picture(&vat.field("picture"), picture);
            }
        }
        for scale in ScaleId::ALL {
            if !seen.contains(&scale) {
                self.push(
                    Code::MissingView,
                    at.clone(),
                    format!("the step `{}` has no `{}` view", step.id, scale.id()),
                    format!("add a [{}] table with at least a title and a text: every step is told at the three scales", scale.id()),
                );
            }
        }
    }

    /// A picture's own fields (its alt text is checked with every text; its file, by
    /// [`crate::media::check_media`]): all are required, for the readers and the rights holder.
    fn picture(&mut self, at: &FieldPath, picture: &Picture) {
        if picture.file.is_empty() {
            self.push(Code::MissingField, at.clone().field("file"), "this picture has no file".into(), "add `file = \"…\"` with the name of a picture of story/media/, e.g. \"terril-74.jpg\"");
        } else if !crate::media::is_valid_name(&picture.file) {
            self.push(
                Code::BadValue,
                at.clone().field("file"),
                format!("`{}` is not a valid media file name", picture.file),
                "name the file with lowercase letters without accents, digits and hyphens, and a .jpg, .jpeg, .png, .webp or .svg extension (terril-74.jpg)",
            );
        }
        let required = [
            ("credit", &picture.credit, "whom to credit, as the rights holder asks (« Photo : Ville de Loos-en-Gohelle »)"),
            ("licence", &picture.licence, "the licence the council may show it under (« CC BY 4.0 », « tous droits réservés, avec autorisation »)"),
            ("source.by", &picture.by, "who took or made the picture"),
            ("source.date", &picture.date, "when it was taken: YYYY, YYYY-MM or YYYY-MM-DD"),
        ];
        for (field, value, what) in required {
            if value.trim().is_empty() {
                // The table's names are TOML dotted keys: one field each part.
                self.push(Code::MissingField, field.split('.').fold(at.clone(), FieldPath::field), format!("this picture has no `{field}`"), format!("add `{field} = \"…\"`: {what}"));
            }
        }
        if !picture.date.trim().is_empty() && !is_valid_picture_date(&picture.date) {
            self.push(
                Code::BadValue,
                at.clone().field("source").field("date"),
                format!("`{}` is not a date", picture.date),
                "write when it was taken as YYYY, YYYY-MM or YYYY-MM-DD (2019, 2019-05, 2019-05-14)",
            );
        }
    }

    /// Reachability from the start, and of the desired model from every step.
    fn graph(&mut self) {
        let story = self.story;
        let (Some(start), Some(goal)) = (story.start(), story.goal()) else { return };
        if story.step(start).is_none() || story.step(goal).is_none() {
            return;
        }
        let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
        for step in &story.steps {
            let out = edges.entry(step.id.as_str()).or_default();
            match self.main.get(step.id.as_str()) {
                Some(i) => out.extend(story.trajectory.get(i + 1).map(String::as_str)),
                None => out.extend(step.next.as_deref()),
            }
            out.extend(step.branches.iter().map(|b| b.to.as_str()));
            out.extend(step.choices.iter().flat_map(|c| c.options.iter().map(|o| o.to.as_str())));
        }
        let reach = |from: &'a str, edges: &HashMap<&'a str, Vec<&'a str>>| -> HashSet<&'a str> {
            let mut seen = HashSet::from([from]);
            let mut queue = VecDeque::from([from]);
            while let Some(id) = queue.pop_front() {
                for &next in edges.get(id).into_iter().flatten() {
                    if seen.insert(next) {
                        queue.push_back(next);
                    }
                }
            }
            seen
        };
        let from_start = reach(start, &edges);
        let mut reverse: HashMap<&str, Vec<&str>> = HashMap::new();
        for (from, tos) in &edges {
            for to in tos {
                reverse.entry(to).or_default().push(from);
            }
        }
        let to_goal = reach(goal, &reverse);
        for step in &story.steps {
            let at = FieldPath::step(&step.id);
            if !from_start.contains(step.id.as_str()) {
                self.push(
                    Code::UnreachableStep,
                    at.clone(),
                    format!("no path leads from the start to `{}`", step.id),
                    "add it to the trajectory, or offer it from another step with a [[branch]] or a [[choice.option]]",
                );
            }
            if !to_goal.contains(step.id.as_str()) {
                self.push(Code::DeadEnd, at, format!("the desired model `{goal}` cannot be reached from `{}`", step.id), "make its `next` lead back to a step of the trajectory");
            }
        }
    }

    /// Every text: not empty where required, no raw HTML, no link out of the story, links to
    /// existing steps, and translated.
    fn texts(&mut self) {
        let story = self.story;
        story.for_each_text(|place, text| self.text(place, text));
    }

    /// The same quotation in two places, and quiz questions too alike: warnings placed at
    /// the later one, naming the earlier.
    fn repeats(&mut self) {
        let story = self.story;
        let views = || story.steps.iter().flat_map(|s| s.views.iter().map(move |v| (FieldPath::view(&s.id, v.scale), v)));
        let (paths, quotes): (Vec<FieldPath>, Vec<&str>) =
            views().flat_map(|(vat, v)| v.quotes.iter().enumerate().map(move |(i, q)| (vat.clone().item("quote", i).field("text"), q.text.fr.as_str()))).unzip();
        for (earlier, later) in repeats::repeated(&quotes) {
            let at = self.place(&paths[earlier]);
            self.push(
                Code::RepeatedQuote,
                paths[later].clone(),
                format!("this quotation is already quoted at {at}"),
                "quote a passage of the report in one view only: keep it where it belongs and quote, here, what the report says at this step and scale",
            );
        }
        let (paths, quiz): (Vec<FieldPath>, Vec<repeats::QuizKey>) = views()
            .flat_map(|(vat, v)| {
                v.quiz.iter().enumerate().map(move |(i, q)| {
                    let answer = q.answer.checked_sub(1).and_then(|a| q.options.get(a as usize)).map_or("", |o| o.fr.as_str());
                    (vat.clone().item("quiz", i).field("question"), repeats::QuizKey::new(&q.question.fr, answer))
                })
            })
            .unzip();
        for (earlier, later) in repeats::similar_quiz(&quiz) {
            let at = self.place(&paths[earlier]);
            self.push(
                Code::SimilarQuiz,
                paths[later].clone(),
                format!("this quiz question is too like the one at {at}"),
                "ask, here, about what this view itself tells: two questions with the same answer teach nothing new",
            );
        }
    }

    /// Where a field is, for a message that names another place: its file, line and
    /// column when the story came from files, its path otherwise.
    fn place(&self, path: &FieldPath) -> String {
        self.map.and_then(|m| m.locate(path)).map_or(path.to_string(), |l| format!("{l} ({path})"))
    }

    /// Checks one text; its path is only built when there is something to report, so that
    /// a valid story of any size costs no string per text.
    fn text(&mut self, place: TextPlace, text: &Text) {
        let story = self.story;
        let path = || text_path(story, place);
        if is_required(place) && text.fr.trim().is_empty() {
            self.push(Code::MissingField, path().field("fr"), "this text is empty in French".into(), "write the French text: it is the original");
        }
        for (lang, body) in [(Lang::Fr, &text.fr), (Lang::En, &text.en)] {
            self.body(&|| path().field(lang.code()), body);
        }
        if !text.fr.is_empty() && text.en.trim().is_empty() {
            let path = path();
            // A picture's description is required in both languages: English readers who
            // cannot see it get nothing else.
            if matches!(place, TextPlace::View { text: ViewText::PictureAlt, .. }) {
                self.push(Code::MissingField, path.clone().field("en"), "this picture has no English description".into(), "add `alt.en = \"…\"`: what the picture shows, for those who cannot see it");
            } else {
                self.push(Code::MissingTranslation, path.field("en"), "this text has no English translation".into(), "add `en = \"…\"` beside `fr`: the English version is complete");
            }
        }
    }

    /// The problems inside one text: a control character, markup the subset forbids, links
    /// to nothing. At most [`MAX_PROBLEMS_PER_TEXT`], then one message counts the rest, so that
    /// a pasted web page gives a list a person can read.
    fn body(&mut self, field: &dyn Fn() -> FieldPath, body: &str) {
        let control = control_char(body).map(|(offset, c)| {
            (
                Code::BadValue,
                offset,
                format!("the control character {} in a text", code_point_name(c)),
                "remove it (a copy-paste or a broken export often brings it): a text holds letters, punctuation, newlines and tabs".to_string(),
            )
        });
        let findings = markdown::lint(body);
        if control.is_none() && findings.is_empty() {
            return;
        }
        let field = field();
        let story = self.story;
        let problems = control.into_iter().chain(findings.into_iter().filter_map(|f| problem(story, f)));
        let mut left_out: Option<(Diagnostic, usize)> = None;
        for (n, (code, offset, message, help)) in problems.enumerate() {
            if n < MAX_PROBLEMS_PER_TEXT {
                let loc = self.map.and_then(|m| m.locate_in_text(&field, body, offset));
                self.out.push(Diagnostic { code, path: field.clone(), loc, message, help });
            } else if let Some((_, count)) = &mut left_out {
                *count += 1;
            } else {
                let loc = self.map.and_then(|m| m.locate_in_text(&field, body, offset));
                left_out = Some((Diagnostic { code, path: field.clone(), loc, message, help }, 1));
            }
        }
        if let Some((first, count)) = left_out {
            self.out.push(closing(first, count, true, "text", MAX_PROBLEMS_PER_TEXT));
        }
    }

    /// Every contribution, whatever its status: the app ships them all.
    fn contributions(&mut self) {
        let story = self.story;
        for (at, c) in contribution_paths(&story.contributions) {
            if !is_valid_id(&c.id) && control_char(&c.id).is_none() {
                self.push(
                    Code::BadValue,
                    at.clone().field("id"),
                    format!("`{}` is not a valid contribution id", quoted(&c.id)),
                    "use lowercase letters without accents, digits and hyphens, e.g. conseil-2026-01",
                );
            }
            self.step_ref(at.clone().field("step"), &c.step, "this contribution");
            if !is_valid_date(&c.date) {
                self.push(
                    Code::BadValue,
                    at.clone().field("date"),
                    format!("`{}` is not an ISO 8601 date", quoted(&c.date)),
                    "write the date as YYYY-MM-DD, optionally followed by the time: \"2026-11-25\" or \"2026-11-25T10:00:00Z\"",
                );
            }
            if c.author.trim().is_empty() && c.attribution != Attribution::Anonymous {
                self.push(
                    Code::MissingField,
                    at.clone().field("author"),
                    format!("this contribution is attributed to a {} but has no author", c.attribution.id()),
                    "write the name or the pseudonym its author chose, or set `attribution = \"anonymous\"`",
                );
            }
            match &c.consent {
                None if c.status == Status::Accepted => self.push(Code::MissingField, at.clone().field("consent"),
                    "this testimony is accepted, but its author's consent to publication is not recorded".into(),
                    "add `consent = \"YYYY-MM-DD\"`, the date its author agreed to its publication as `attribution` says (name, pseudonym or anonymous), or set `status = \"proposed\"` until they agree"),
                Some(date) if !is_valid_date(date) || date.len() != 10 => self.push(Code::BadValue, at.clone().field("consent"),
                    format!("`{}` is not the date of a consent", quoted(date)), "write the day its author agreed, as YYYY-MM-DD: \"2026-11-20\""),
                _ => {}
            }
            for (key, value) in [("author", &c.author), ("role", &c.role)] {
                if let Some((_, ch)) = control_char(value) {
                    self.push(Code::BadValue, at.clone().field(key), format!("the {key} holds the control character {}", code_point_name(ch)), "remove it: a name is letters, spaces and punctuation");
                }
            }
            let field = at.field("text");
            if c.text.trim().is_empty() {
                self.push(Code::MissingField, field, "this contribution's text is empty".into(), "write the testimony, or remove the contribution");
                continue;
            }
            self.body(&|| field.clone(), &c.text);
        }
    }

    fn territory(&mut self) {
        let story = self.story;
        let Some(territory) = &story.territory else { return };
        match story.source(&territory.source).map(|s| &s.kind) {
            Some(SourceKind::Dataset { .. }) => {}
            _ => self.push(
                Code::BadValue,
                FieldPath::new("territory").field("source"),
                "the open data's source must be a dataset".into(),
                "give data/territory.toml a [source] with kind = \"dataset\", its publisher, version, year and licence",
            ),
        }
        for (i, scale) in story.scales.iter().enumerate() {
            let Some(code) = &scale.code else { continue };
            let found = match scale.id {
                ScaleId::Commune => territory.groupings.iter().any(|g| g.communes.iter().any(|c| &c.code == code)),
                ScaleId::Agglomeration => territory.groupings.iter().any(|g| &g.code == code),
                ScaleId::Pole => true,
            };
            if !found {
                self.push(
                    Code::DanglingLink,
                    story_field("scale").key(i).field("code"),
                    format!("the code `{code}` is not in data/territory.toml"),
                    "use the official code found in data/territory.toml, or re-run the script that extracts it",
                );
            }
        }
    }
}

/// What a finding of [`markdown::lint`] is as a problem (code, offset, message, help), if it
/// is one: a link to an existing step is not.
fn problem(story: &Story, finding: Finding) -> Option<(Code, usize, String, String)> {
    Some(match finding {
        Finding::RawHtml { offset, tag } => (
            Code::RawHtml,
            offset,
            format!("raw HTML `{tag}` in a text"),
            "texts are plain Markdown: use *emphasis*, **strong**, lists and [label](step-id) links; write `&lt;` or words instead of tags".to_string(),
        ),
        Finding::JavascriptLink { offset } => (Code::JavascriptLink, offset, "a `javascript:` link in a text".into(), "remove it: links point to steps of the story, as [label](step-id)".into()),
        Finding::ExternalLink { offset, target } => (
            Code::ExternalLink,
            offset,
            format!("the link `{}` leaves the story", quoted(&target)),
            "links point to steps of the story, as [label](step-id); cite outside material as a [[source]]".into(),
        ),
        Finding::StepLink { offset, target } => {
            if story.step(&target).is_some() {
                return None;
            }
            let target = quoted(&target);
            (Code::DanglingLink, offset, format!("the link points to the unknown step `{target}`"), format!("use the id of an existing step, or create steps/{target}.toml"))
        }
    })
}

/// The field path of the `index`-th source: the open data's source is in its own file.
fn source_path(story: &Story, index: usize) -> FieldPath {
    match &story.territory {
        Some(t) if t.source == story.sources[index].id && index + 1 == story.sources.len() => FieldPath::new("territory").field("source"),
        _ => story_field("source").key(index),
    }
}

/// A field of story.toml: `story.name`.
fn story_field(name: &str) -> FieldPath {
    FieldPath::new("story").field(name)
}

/// The field path the reader records for a text at `place`.
fn text_path(story: &Story, place: TextPlace) -> FieldPath {
    match place {
        TextPlace::StoryTitle => story_field("title"),
        TextPlace::StoryPromise => story_field("promise"),
        TextPlace::ReportTitle => story_field("report").field("title"),
        TextPlace::ScaleName { index, .. } => story_field("scale").key(index).field("name"),
        TextPlace::ScaleShort { index, .. } => story_field("scale").key(index).field("short"),
        TextPlace::SourceTitle { index, .. } => source_path(story, index).field("title"),
        TextPlace::SourcePassage { index, .. } => source_path(story, index).field("passage"),
        TextPlace::TermWord { index, .. } => FieldPath::new("glossary").item("term", index).field("word"),
        TextPlace::TermDefinition { index, .. } => FieldPath::new("glossary").item("term", index).field("definition"),
        TextPlace::Branch { step, index } => FieldPath::step(step).item("branch", index).field("label"),
        TextPlace::ChoicePrompt { step, index, .. } => FieldPath::step(step).item("choice", index).field("prompt"),
        TextPlace::ChoiceOption { step, choice, option, .. } => FieldPath::step(step).item("choice", choice).item("option", option).field("label"),
        TextPlace::View { step, scale, text } => {
            let at = FieldPath::view(step, scale);
            match text {
                ViewText::Title => at.field("title"),
                ViewText::Text => at.field("text"),
                ViewText::Easy => at.field("easy"),
                ViewText::Activity => at.field("activity"),
                ViewText::Notes => at.field("notes"),
                ViewText::QuizQuestion(i) => at.item("quiz", i).field("question"),
                ViewText::QuizExplanation(i) => at.item("quiz", i).field("explanation"),
                ViewText::QuizOption { question, option } => at.item("quiz", question).item("options", option),
                ViewText::Actor(i) => at.item("actors", i),
                ViewText::Question(i) => at.item("questions", i),
                ViewText::FigureLabel(i) => at.item("figure", i).field("label"),
                ViewText::QuoteText(i) => at.item("quote", i).field("text"),
                ViewText::QuoteBy(i) => at.item("quote", i).field("by"),
                ViewText::PictureAlt => at.field("picture").field("alt"),
            }
        }
    }
}

/// Whether the text at `place` must be written in French: a source's passage, a quote's
/// author and a view's workshop texts may stay empty (a missing easy-read text is reported by
/// `views`, with its own code).
fn is_required(place: TextPlace) -> bool {
    !matches!(place, TextPlace::SourcePassage { .. } | TextPlace::View { text: ViewText::Easy | ViewText::Activity | ViewText::Notes | ViewText::QuoteBy(_), .. })
}
