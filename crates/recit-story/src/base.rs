//! The story's two axes, a language and a scale: the vocabulary every other module shares
//! (the model, the contributions, the progress file), kept apart so that none of them has to
//! import another for it.

/// A language of the story. French is the original; English is the complete translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 tag, also the URL segment and the key in story files.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The three territorial scales, nested: the commune is inside the agglomeration, which is
/// inside the metropolitan pole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScaleId {
    Commune,
    Agglomeration,
    Pole,
}

impl ScaleId {
    /// From the closest to residents to the widest.
    pub const ALL: [ScaleId; 3] = [ScaleId::Commune, ScaleId::Agglomeration, ScaleId::Pole];

    /// The id used in story files and URLs.
    pub fn id(self) -> &'static str {
        match self {
            ScaleId::Commune => "commune",
            ScaleId::Agglomeration => "agglomeration",
            ScaleId::Pole => "pole",
        }
    }

    pub fn from_id(id: &str) -> Option<ScaleId> {
        ScaleId::ALL.into_iter().find(|s| s.id() == id)
    }

    /// 0 for the commune, 2 for the pole: how far the view is zoomed out.
    pub fn depth(self) -> usize {
        self as usize
    }
}
