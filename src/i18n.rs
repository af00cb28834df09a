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
    pub touch_to_start: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub still_there: &'static str,
    pub restart_in: &'static str,
    pub continue_visit: &'static str,
    pub your_future: &'static str,
    pub send: &'static str,
    pub thanks: &'static str,
    pub close: &'static str,
    pub words: &'static str,
    pub workshop: &'static str,
    pub questions: &'static str,
    pub activity: &'static str,
    pub quiz: &'static str,
    pub quiz_here: &'static str,
    pub my_story: &'static str,
    pub worksheet_step: &'static str,
    pub worksheet_all: &'static str,
    pub print: &'static str,
    pub save_progress: &'static str,
    pub load_progress: &'static str,
    pub resume_here: &'static str,
    pub import_failed: &'static str,
    pub imported: &'static str,
    pub saved_here: &'static str,
    pub storage_full: &'static str,
    pub teacher_notes: &'static str,
    pub pupils_link: &'static str,
    pub pupils_link_help: &'static str,
    pub open_projection: &'static str,
    pub projection_help: &'static str,
    question_of: &'static str,
    pub check: &'static str,
    pub right: &'static str,
    pub wrong: &'static str,
    pub right_answer_was: &'static str,
    pub next_question: &'static str,
    pub see_score: &'static str,
    score: &'static str,
    pub restart_quiz: &'static str,
    pub no_quiz: &'static str,
    pub my_story_intro: &'static str,
    pub town: &'static str,
    pub from_where: &'static str,
    pub to_where: &'static str,
    pub commune_can: &'static str,
    pub agglomeration_can: &'static str,
    pub pole_can: &'static str,
    pub download_my_story: &'static str,
    pub back_to_story: &'static str,
    pub worksheet_title: &'static str,
    pub name_line: &'static str,
    pub date_line: &'static str,
    pub for_classes: &'static str,
    pub voices: &'static str,
    pub teacher_console: &'static str,
    pub pupil_tablet: &'static str,
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
    touch_to_start: "Touchez l'écran pour commencer",
    pause: "Mettre en pause",
    resume: "Reprendre le défilement",
    still_there: "Vous êtes toujours là ?",
    restart_in: "Retour à l'accueil dans {n} s",
    continue_visit: "Oui, je continue",
    your_future: "Et vous, quel avenir pour votre quartier ?",
    send: "Envoyer",
    thanks: "Merci ! Votre réponse est enregistrée pour le Conseil de développement.",
    close: "Fermer",
    words: "Mots à connaître",
    workshop: "Atelier",
    questions: "Questions",
    activity: "Activité",
    quiz: "Quiz",
    quiz_here: "Le quiz à cette échelle",
    my_story: "Mon récit",
    worksheet_step: "Fiche de cette étape à imprimer",
    worksheet_all: "Fiche de tout le récit à imprimer",
    print: "Imprimer",
    save_progress: "Enregistrer ma progression dans un fichier",
    load_progress: "Reprendre depuis un fichier",
    resume_here: "Reprendre où j'en étais",
    import_failed: "Ce fichier n'a pas été chargé : rien n'a changé.",
    imported: "Progression chargée.",
    saved_here: "Enregistré sur cet appareil.",
    storage_full: "L'appareil n'a plus de place : votre travail est téléchargé dans un fichier pour ne pas le perdre.",
    teacher_notes: "Notes pour l'enseignant — réponses attendues",
    pupils_link: "Lien pour les élèves",
    pupils_link_help: "Scannez ce code, ou tapez l'adresse, pour ouvrir cette étape à cette échelle sur les tablettes.",
    open_projection: "Ouvrir la vue projetée",
    projection_help: "La vue projetée suit cette console, sans les notes.",
    question_of: "Question {n} sur {total}",
    check: "Valider",
    right: "Bonne réponse !",
    wrong: "Pas tout à fait.",
    right_answer_was: "La bonne réponse : ",
    next_question: "Question suivante",
    see_score: "Voir mon score",
    score: "Score : {n} sur {total}",
    restart_quiz: "Recommencer le quiz",
    no_quiz: "Pas de quiz à cette échelle.",
    my_story_intro: "Écris la trajectoire de ta ville ou de ton village, comme le récit de Loos-en-Gohelle : d'où vous venez, où vous voulez aller, et ce que chaque échelle peut faire. C'est enregistré sur cet appareil.",
    town: "Ma ville ou mon village",
    from_where: "D'où venons-nous ?",
    to_where: "Où voulons-nous aller ?",
    commune_can: "Ce que peut faire la commune",
    agglomeration_can: "Ce que peut faire l'agglomération",
    pole_can: "Ce que peut faire le pôle métropolitain",
    download_my_story: "Télécharger mon récit",
    back_to_story: "Retour au récit",
    worksheet_title: "Fiche d'atelier",
    name_line: "Nom :",
    date_line: "Date :",
    for_classes: "En classe",
    voices: "Paroles d'habitants",
    teacher_console: "Console de l'enseignant (projection, notes)",
    pupil_tablet: "Tablette d'élève (questions, quiz, Mon récit)",
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
    touch_to_start: "Touch the screen to start",
    pause: "Pause",
    resume: "Resume",
    still_there: "Are you still there?",
    restart_in: "Back to the start in {n} s",
    continue_visit: "Yes, I'm here",
    your_future: "And you: what future for your neighbourhood?",
    send: "Send",
    thanks: "Thank you! Your answer is saved for the development council.",
    close: "Close",
    words: "Words to know",
    workshop: "Workshop",
    questions: "Questions",
    activity: "Activity",
    quiz: "Quiz",
    quiz_here: "The quiz at this scale",
    my_story: "My story",
    worksheet_step: "Printable worksheet of this step",
    worksheet_all: "Printable worksheet of the whole story",
    print: "Print",
    save_progress: "Save my progress to a file",
    load_progress: "Resume from a file",
    resume_here: "Resume where I was",
    import_failed: "This file was not loaded: nothing has changed.",
    imported: "Progress loaded.",
    saved_here: "Saved on this device.",
    storage_full: "This device is out of space: your work is downloaded as a file so that it is not lost.",
    teacher_notes: "Teacher's notes — expected answers",
    pupils_link: "Pupils' link",
    pupils_link_help: "Scan this code, or type the address, to open this step at this scale on the tablets.",
    open_projection: "Open the projected view",
    projection_help: "The projected view follows this console, without the notes.",
    question_of: "Question {n} of {total}",
    check: "Check",
    right: "Right!",
    wrong: "Not quite.",
    right_answer_was: "The right answer: ",
    next_question: "Next question",
    see_score: "See my score",
    score: "Score: {n} out of {total}",
    restart_quiz: "Start the quiz again",
    no_quiz: "No quiz at this scale.",
    my_story_intro: "Write the trajectory of your own town or village, like the story of Loos-en-Gohelle: where you come from, where you want to go, and what each scale can do. It is saved on this device.",
    town: "My town or village",
    from_where: "Where do we come from?",
    to_where: "Where do we want to go?",
    commune_can: "What the commune can do",
    agglomeration_can: "What the agglomeration can do",
    pole_can: "What the metropolitan pole can do",
    download_my_story: "Download my story",
    back_to_story: "Back to the story",
    worksheet_title: "Workshop worksheet",
    name_line: "Name:",
    date_line: "Date:",
    for_classes: "In class",
    voices: "Residents' voices",
    teacher_console: "Teacher's console (projection, notes)",
    pupil_tablet: "Pupil's tablet (questions, quiz, My story)",
};

impl Ui {
    /// « Étape 3 sur 13 ».
    pub fn step_of(&self, n: usize, total: usize) -> String {
        counted(self.step_of, n, total)
    }

    /// « Question 3 sur 13 ».
    pub fn question_of(&self, n: usize, total: usize) -> String {
        counted(self.question_of, n, total)
    }

    /// « Score : 9 sur 13 ».
    pub fn score(&self, n: usize, total: usize) -> String {
        counted(self.score, n, total)
    }
}

fn counted(template: &str, n: usize, total: usize) -> String {
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
