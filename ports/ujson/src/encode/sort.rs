//! `sort_keys`: a dict's keys in `list.sort` order, sorted in Rust.
//!
//! C ujson calls `PyList_Sort`, which HPy 0.9 lacks; calling `list.sort` through Python
//! would look the method up by a fresh (not interned) name on every dict, which is slow and
//! refills CPython's type-attribute cache (ujson's own reference-count tests then see `None`'s
//! count move). So keys are sorted here: keys that are all exact `str`s by their UTF-8 bytes
//! (code-point order, which is how `str` compares), anything else with Python's `<`.

use hpy::{BuiltinType, Context, Handle, Result};

/// The items of the list `keys`, sorted as `list.sort` sorts them (stable; `<` only).
pub fn sorted<'ctx>(cx: Context<'ctx>, keys: &Handle<'ctx>) -> Result<Vec<Handle<'ctx>>> {
    let len = keys.len()?;
    let mut items = Vec::with_capacity(len);
    for i in 0..len {
        items.push(keys.get_item_index(i as isize)?);
    }
    match exact_str_texts(cx, &items) {
        Some(texts) => {
            let mut order: Vec<usize> = (0..len).collect();
            order.sort_by(|&a, &b| texts[a].cmp(texts[b])); // stable
            let mut items: Vec<Option<Handle<'ctx>>> = items.into_iter().map(Some).collect();
            Ok(order.into_iter().filter_map(|i| items[i].take()).collect())
        }
        None => merge_sort(items),
    }
}

/// The UTF-8 texts of `items` when every one is an exact `str` (a subclass may define its own
/// `<`) without lone surrogates; `None` otherwise.
fn exact_str_texts<'a, 'ctx>(
    cx: Context<'ctx>,
    items: &'a [Handle<'ctx>],
) -> Option<Vec<&'a [u8]>> {
    let str_type = cx.builtin_type_ref(BuiltinType::UnicodeType);
    let mut texts = Vec::with_capacity(items.len());
    for item in items {
        if !item.get_type().is(&str_type) {
            return None;
        }
        match item.extract::<&str>() {
            Ok(text) => texts.push(text.as_bytes()),
            Err(err) => {
                err.clear(cx); // a lone surrogate: Python's `<` decides
                return None;
            }
        }
    }
    Some(texts)
}

/// A stable merge sort with Python's `<`, comparing a later item with an earlier one (as
/// CPython's sort does, so a failing comparison names the types in the same order).
fn merge_sort<'ctx>(mut items: Vec<Handle<'ctx>>) -> Result<Vec<Handle<'ctx>>> {
    let len = items.len();
    let mut width = 1;
    while width < len {
        let mut merged = Vec::with_capacity(len);
        let mut rest = items.into_iter().peekable();
        while rest.peek().is_some() {
            let left: Vec<Handle<'ctx>> = rest.by_ref().take(width).collect();
            let right: Vec<Handle<'ctx>> = rest.by_ref().take(width).collect();
            merge(left, right, &mut merged)?;
        }
        items = merged;
        width *= 2;
    }
    Ok(items)
}

/// Appends the sorted runs `left` and `right`, merged, to `out`: an item of `right` goes first
/// only when it is `<` the item of `left` (stability).
fn merge<'ctx>(
    left: Vec<Handle<'ctx>>,
    right: Vec<Handle<'ctx>>,
    out: &mut Vec<Handle<'ctx>>,
) -> Result<()> {
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        if r.lt(l)? {
            out.extend(right.next());
        } else {
            out.extend(left.next());
        }
    }
    out.extend(left);
    out.extend(right);
    Ok(())
}
