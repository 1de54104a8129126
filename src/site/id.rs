//! Typed indices into the model's lists. An entry's index and a
//! category's are both positions in a list; as types of their own, kept
//! in lists that take nothing else ([`TiVec`]), one cannot be passed where
//! the other is meant, nor a page number where either is.

use serde::Serialize;
use typed_index_collections::TiVec;

/// Declares an id type: a position that `TiVec` takes as its key (which
/// asks for the conversions from and to `usize`).
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(usize);

        impl From<usize> for $name {
            fn from(i: usize) -> $name {
                $name(i)
            }
        }

        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                id.0
            }
        }
    };
}

id! {
    /// Where an entry is in [`super::Site::entries`], for the model's life.
    EntryId
}

id! {
    /// Where a category is in [`super::Site::categories`].
    CategoryId
}

/// The site's entries, by [`EntryId`].
pub type Entries = TiVec<EntryId, super::Entry>;

/// The site's categories, by [`CategoryId`].
pub type Categories = TiVec<CategoryId, super::Category>;
