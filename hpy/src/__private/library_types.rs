//! The types of the library itself, created in every module that uses it (as its
//! `PanicException` is): the type of [`PyIter`](crate::PyIter) objects.

use super::{TypeDefinition, TypeInfo};
use crate::iterator::RustIterator;
use crate::{Handle, PyType, Result, TypeObject};

/// Creates the library's types, named after `module` (unless an earlier load did).
pub(crate) fn create(module: &Handle<'_>) -> Result<()> {
    super::create_type::<RustIterator>(module).map(drop)
}

/// The library types' infos and type objects, for the module definition: their globals are
/// registered with every module's.
pub(crate) const LIBRARY_TYPES: [(&TypeInfo, &TypeObject); 1] = [(
    <RustIterator as TypeDefinition>::INFO,
    <RustIterator as PyType>::TYPE_OBJECT,
)];
