//! Typed indices into the model's lists. An entry's index and a
//! category's are both positions in a list; as types of their own, kept
//! in lists that take nothing else ([`TiVec`]), one cannot be passed where
//! the other is meant, nor a page number where either is.

use serde::Serialize;
use typed_index_collections::TiVec;

/// Where an entry is in [`super::Site::entries`], for the model's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct EntryId(usize);

/// Where a category is in [`super::Site::categories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CategoryId(usize);

/// The site's entries, by [`EntryId`].
pub type Entries = TiVec<EntryId, super::Entry>;

/// The site's categories, by [`CategoryId`].
pub type Categories = TiVec<CategoryId, super::Category>;

// What `TiVec` asks of its keys.
impl From<usize> for EntryId {
    fn from(i: usize) -> EntryId {
        EntryId(i)
    }
}

impl From<EntryId> for usize {
    fn from(id: EntryId) -> usize {
        id.0
    }
}

impl From<usize> for CategoryId {
    fn from(i: usize) -> CategoryId {
        CategoryId(i)
    }
}

impl From<CategoryId> for usize {
    fn from(id: CategoryId) -> usize {
        id.0
    }
}
