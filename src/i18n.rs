//! The interface's own words, in French and English. The story's words are in `story/`.

use recit_story::{Lang, ScaleId};

/// Every interface string, one struct per language, so a missing translation is a
/// compile error rather than a blank button.
pub struct Ui {
    pub start: &'static str,
    pub start_at_scale: &'static str,
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
    pub loading: &'static str,
    pub passage_unavailable: &'static str,
    pub teacher_console: &'static str,
    pub pupil_tablet: &'static str,
    pub easy_read: &'static str,
    pub easy_unavailable: &'static str,
    pub listen: &'static str,
}

const FR: Ui = Ui {
    start: "Commencer le récit",
    start_at_scale: "Ou commencez à une échelle :",
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
    about: "D'après la « Réécoute territoriale » (UNADEL, Territoires Conseils, septembre 2017).",
    inhabitants: "habitants",
    official_figure: "population légale INSEE",
    three_agglomerations: "les 3 agglomérations, ",
    questions: "Questions",
    activity: "Activité",
    resume_here: "Reprendre où j'en étais",
    import_failed: "Ce fichier n'a pas été chargé : rien n'a changé.",
    imported: "Progression chargée.",
    for_classes: "En classe",
    voices: "Paroles d'habitants",
    loading: "Chargement…",
    passage_unavailable: "Le passage n'a pas pu être chargé (hors ligne ?). Réessayez une fois connecté.",
    teacher_console: "Console de l'enseignant (projection, notes)",
    pupil_tablet: "Tablette d'élève (questions, quiz, Mon récit)",
    easy_read: "Facile à lire",
    easy_unavailable: "Le texte facile à lire n'a pas pu être chargé (hors ligne ?). Voici le texte complet.",
    listen: "Écouter",
};

const EN: Ui = Ui {
    start: "Start the story",
    start_at_scale: "Or start at a scale:",
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
    loading: "Loading…",
    passage_unavailable: "The passage could not be loaded (offline?). Try again once connected.",
    teacher_console: "Teacher's console (projection, notes)",
    pupil_tablet: "Pupil's tablet (questions, quiz, My story)",
    easy_read: "Easy read",
    easy_unavailable: "The easy-read text could not be loaded (offline?). Here is the full text.",
    listen: "Listen",
};

impl Ui {
    /// « Étape 3 sur 13 ».
    pub fn step_of(&self, n: usize, total: usize) -> String {
        counted(self.step_of, n, total)
    }
}

/// `template` with `{n}` and `{total}` filled in.
pub fn counted(template: &str, n: usize, total: usize) -> String {
    template.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
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
        if i > 0 && (digits.len() - i) % 3 == 0 {
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
    fn numbers_by_language() {
        assert_eq!(number(245000, Lang::En), "245,000");
        assert_eq!(number(6500, Lang::Fr), "6\u{202F}500");
        assert_eq!(number(999, Lang::Fr), "999");
    }
}
