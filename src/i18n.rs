//! The interface's own words, in French and English. The story's words are in `story/`.

use recit_story::{Lang, Motif, ScaleId};

/// Every interface string, one struct per language, so a missing translation is a
/// compile error rather than a blank button.
pub struct Ui {
    pub start: &'static str,
    pub start_at_scale: &'static str,
    /// The start page's picture: the territory where the story starts, and where it goes.
    pub hero_from: &'static str,
    pub hero_to: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub scale_switcher: &'static str,
    pub trajectory: &'static str,
    step_of: &'static str,
    pub visited: &'static str,
    pub figures: &'static str,
    pub quotes: &'static str,
    pub actors: &'static str,
    pub sources: &'static str,
    /// Between a label and what it labels: French puts a no-break space before the colon.
    pub colon: &'static str,
    pub report_figure: &'static str,
    pub other_language: &'static str,
    pub other_language_name: &'static str,
    pub skip_to_content: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_start: &'static str,
    pub goal_reached: &'static str,
    pub side_path: &'static str,
    pub choices: &'static str,
    pub branches: &'static str,
    pub lines: &'static str,
    pub from_report: &'static str,
    pub about: &'static str,
    pub inhabitants: &'static str,
    pub official_figure: &'static str,
    pub three_agglomerations: &'static str,
    pub questions: &'static str,
    pub activity: &'static str,
    pub resume_here: &'static str,
    pub import_failed: &'static str,
    pub imported: &'static str,
    pub for_classes: &'static str,
    pub voices: &'static str,
    /// How an anonymous testimony is signed.
    pub anonymous: &'static str,
    pub loading: &'static str,
    pub passage_unavailable: &'static str,
    pub teacher_console: &'static str,
    pub pupil_tablet: &'static str,
    pub easy_read: &'static str,
    pub listen: &'static str,
    /// The drawn landscape's name, in three parts: the scale (commune, agglomeration, pole),
    /// the stage of the trajectory (start, first changes, greening, goal), the step's motif
    /// (in [`recit_story::Motif::ALL`] order).
    land_scales: [&'static str; 3],
    land_stages: [&'static str; 4],
    land_motifs: [&'static str; 8],
    /// Between the stage and the motif: French puts a space before a semicolon.
    land_motif_after: &'static str,
}

const FR: Ui = Ui {
    start: "Commencer le récit",
    start_at_scale: "Ou commencez à une échelle\u{A0}:",
    hero_from: "D'où l'on part",
    hero_to: "Où l'on va",
    previous: "Précédent",
    next: "Suivant",
    scale_switcher: "Échelle",
    trajectory: "Trajectoire",
    step_of: "Étape {n} sur {total}",
    visited: "déjà vue",
    figures: "Chiffres clés",
    quotes: "Citations",
    actors: "Qui agit",
    sources: "Sources",
    colon: "\u{A0}: ",
    report_figure: "rapport (2017)",
    other_language: "English",
    other_language_name: "Read in English",
    skip_to_content: "Aller au contenu",
    not_found_title: "Cette page n'existe pas",
    not_found_text: "L'adresse ne correspond à aucune étape du récit.",
    back_to_start: "Revenir au début du récit",
    goal_reached: "Vous êtes arrivé au modèle souhaité.",
    side_path: "Chemin de traverse",
    choices: "À vous de choisir",
    branches: "Pour aller plus loin",
    lines: "lignes",
    from_report: "Extrait du rapport",
    about: "D'après la «\u{A0}Réécoute territoriale\u{A0}» (UNADEL, Territoires Conseils, septembre 2017).",
    inhabitants: "habitants",
    official_figure: "population légale INSEE",
    three_agglomerations: "les 3 agglomérations, ",
    questions: "Questions",
    activity: "Activité",
    resume_here: "Reprendre où j'en étais",
    import_failed: "Ce fichier n'a pas été chargé\u{A0}: rien n'a changé.",
    imported: "Progression chargée.",
    for_classes: "En classe",
    voices: "Paroles d'habitants",
    anonymous: "Anonyme",
    loading: "Chargement…",
    passage_unavailable: "Le passage n'a pas pu être chargé (hors ligne\u{202F}?). Réessayez une fois connecté.",
    teacher_console: "Console de l'enseignant (projection, notes)",
    pupil_tablet: "Tablette d'élève (questions, quiz, Mon récit)",
    easy_read: "Facile à lire",
    listen: "Écouter",
    land_scales: ["La commune, de près", "L'agglomération, ses villes comme des îles reliées", "Le pôle métropolitain, trois groupes d'îles\u{A0}: un archipel"],
    land_stages: [
        "au départ\u{A0}: terrils noirs, chevalement et corons",
        "qui commence à changer\u{A0}: les premiers arbres",
        "qui verdit\u{A0}: terrils couverts, jardins et toits solaires",
        "à l'arrivée, l'Archipel vert\u{A0}: terrils verts, jardins, toits solaires et habitants réunis",
    ],
    land_motifs: [
        "un groupe réuni autour d'un projet",
        "des liens forts entre les îles",
        "des habitants qui prennent la parole",
        "des maisons en travaux, des panneaux solaires sur les toits",
        "une histoire qui se raconte",
        "une table de réunion",
        "un contrat moral entre habitants et commune",
        "un forum et ses stands",
    ],
    land_motif_after: "\u{202F}; ",
};

const EN: Ui = Ui {
    start: "Start the story",
    start_at_scale: "Or start at a scale:",
    hero_from: "Where we come from",
    hero_to: "Where we are going",
    previous: "Previous",
    next: "Next",
    scale_switcher: "Scale",
    trajectory: "Trajectory",
    step_of: "Step {n} of {total}",
    visited: "visited",
    figures: "Key figures",
    quotes: "Quotes",
    actors: "Who acts",
    sources: "Sources",
    colon: ": ",
    report_figure: "report (2017)",
    other_language: "Français",
    other_language_name: "Lire en français",
    skip_to_content: "Skip to content",
    not_found_title: "This page does not exist",
    not_found_text: "The address matches no step of the story.",
    back_to_start: "Back to the start of the story",
    goal_reached: "You have reached the desired model.",
    side_path: "Side path",
    choices: "Your choice",
    branches: "To go further",
    lines: "lines",
    from_report: "From the report",
    about: "Based on the \"Réécoute territoriale\" report (UNADEL, Territoires Conseils, September 2017).",
    inhabitants: "inhabitants",
    official_figure: "INSEE legal population",
    three_agglomerations: "the 3 agglomerations, ",
    questions: "Questions",
    activity: "Activity",
    resume_here: "Resume where I was",
    import_failed: "This file was not loaded: nothing has changed.",
    imported: "Progress loaded.",
    for_classes: "In class",
    voices: "Residents' voices",
    anonymous: "Anonymous",
    loading: "Loading…",
    passage_unavailable: "The passage could not be loaded (offline?). Try again once connected.",
    teacher_console: "Teacher's console (projection, notes)",
    pupil_tablet: "Pupil's tablet (questions, quiz, My story)",
    easy_read: "Easy read",
    listen: "Listen",
    land_scales: ["The town, close up", "The agglomeration, its towns like linked islands", "The metropolitan pole, three groups of islands: an archipelago"],
    land_stages: [
        "at the start: black slag heaps, a pit headframe and miners' houses",
        "starting to change: the first trees",
        "turning green: slag heaps grown over, gardens and solar roofs",
        "at the end, the Green Archipelago: green slag heaps, gardens, solar roofs and people together",
    ],
    land_motifs: [
        "a group gathered around a project",
        "strong links between the islands",
        "residents speaking up",
        "houses being renovated, solar panels on the roofs",
        "a story being told",
        "a meeting table",
        "a moral contract between residents and the town",
        "a forum and its stands",
    ],
    land_motif_after: "; ",
};

impl Ui {
    /// « Étape 3 sur 13 ».
    pub fn step_of(&self, n: usize, total: usize) -> String {
        counted(self.step_of, n, total)
    }

    /// What a motif draws, in words (the editor's list of motifs).
    pub fn motif(&self, motif: Motif) -> &'static str {
        self.land_motifs[motif as usize]
    }

    /// What the drawn landscape shows, as its accessible name: « La commune, de près, au
    /// départ : terrils noirs, chevalement et corons ». `greening` in percent, as
    /// [`recit_story::Story::greening`] gives it.
    pub fn landscape(&self, scale: ScaleId, greening: u32, motif: Option<Motif>) -> String {
        let stage = match greening {
            0 => 0,
            1..=49 => 1,
            50..=99 => 2,
            _ => 3,
        };
        let mut name = format!("{}, {}", self.land_scales[scale.depth()], self.land_stages[stage]);
        if let Some(motif) = motif {
            name = format!("{name}{}{}", self.land_motif_after, self.motif(motif));
        }
        name
    }
}

/// `template` with `{n}` and `{total}` filled in.
pub fn counted(template: &str, n: usize, total: usize) -> String {
    template.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
}

/// Declares the words of an app beside the reader's (the modes', the editor's; `recit::words!`
/// from another crate): a struct whose every field is a `&'static str`, for the calling
/// module's `FR` and `EN` tables (a missing translation is a compile error), and `text(lang)`,
/// which picks one of them. Fields named in `private { … }` are not public (templates that
/// methods fill in). French words are written typeset (`recit_story::typography`), no-break
/// spaces as escapes; a test of the calling module's checks each of them.
#[macro_export]
macro_rules! words {
    ($(#[$doc:meta])* pub struct $name:ident { $($field:ident),* $(,)? } $(private { $($private:ident),* $(,)? })?) => {
        $(#[$doc])*
        pub struct $name {
            $(pub $field: &'static str,)*
            $($($private: &'static str,)*)?
        }

        pub fn text(lang: recit_story::Lang) -> &'static $name {
            match lang {
                recit_story::Lang::Fr => &FR,
                recit_story::Lang::En => &EN,
            }
        }

        #[cfg(test)]
        mod french_words {
            #[test]
            fn are_typeset() {
                for word in [$(super::FR.$field,)* $($(super::FR.$private,)*)?] {
                    assert_eq!(word, recit_story::typography::french(word), "{word:?}");
                }
            }
        }
    };
}

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The scale's kind, as the switcher names it (its accessible name).
pub fn scale_label(scale: ScaleId, lang: Lang) -> &'static str {
    match (scale, lang) {
        (ScaleId::Commune, _) => "Commune",
        (ScaleId::Agglomeration, Lang::Fr) => "Agglomération",
        (ScaleId::Agglomeration, Lang::En) => "Agglomeration",
        (ScaleId::Pole, Lang::Fr) => "Pôle métropolitain",
        (ScaleId::Pole, Lang::En) => "Metropolitan pole",
    }
}

/// The other language, for the language switch.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    }
}

/// A whole number the way `lang` writes it: 245 000 in French, 245,000 in English.
pub fn number(value: u64, lang: Lang) -> String {
    let digits = value.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202F}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_landscape_says_what_it_shows() {
        assert_eq!(ui(Lang::Fr).landscape(ScaleId::Commune, 0, None), "La commune, de près, au départ\u{A0}: terrils noirs, chevalement et corons");
        assert_eq!(
            ui(Lang::En).landscape(ScaleId::Pole, 100, Some(Motif::Forum)),
            "The metropolitan pole, three groups of islands: an archipelago, at the end, the Green Archipelago: green slag heaps, gardens, solar roofs and people together; a forum and its stands"
        );
        let stages: Vec<String> = [1, 49, 50, 99].iter().map(|&g| ui(Lang::Fr).landscape(ScaleId::Agglomeration, g, None)).collect();
        assert!(stages[0] == stages[1] && stages[2] == stages[3] && stages[1] != stages[2], "{stages:?}");
    }

    #[test]
    fn french_words_are_typeset() {
        // Every field named, so that a new word is a compile error here until listed.
        macro_rules! every {
            ($($word:ident),* ; $($list:ident),*) => {{
                let Ui { $($word,)* $($list,)* } = &FR;
                let mut all = vec![$(*$word),*];
                $(all.extend(*$list);)*
                all
            }};
        }
        let all = every!(
            start, start_at_scale, hero_from, hero_to, previous, next, scale_switcher, trajectory, step_of, visited, figures, quotes, actors, sources, colon, report_figure, other_language,
            other_language_name, skip_to_content, not_found_title, not_found_text, back_to_start, goal_reached, side_path, choices, branches, lines, from_report,
            about, inhabitants, official_figure, three_agglomerations, questions, activity, resume_here, import_failed, imported, for_classes, voices, anonymous,
            loading, passage_unavailable, teacher_console, pupil_tablet, easy_read, listen, land_motif_after;
            land_scales, land_stages, land_motifs
        );
        for word in all {
            assert_eq!(word, recit_story::typography::french(word), "{word:?}");
        }
    }

    #[test]
    fn numbers_by_language() {
        assert_eq!(number(245000, Lang::En), "245,000");
        assert_eq!(number(6500, Lang::Fr), "6\u{202F}500");
        assert_eq!(number(999, Lang::Fr), "999");
    }
}
