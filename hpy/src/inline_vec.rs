//! [`InlineVec`]: a list that keeps its first few items on the stack, for the per-call views
//! of `*args` and `**kwargs`, so that the common call allocates nothing and initialises only
//! what it stores.

use core::mem::MaybeUninit;

/// A list whose first `N` items live inline; the rest spill to a `Vec`.
pub(crate) struct InlineVec<T, const N: usize> {
    /// `inline[..min(len, N)]` are initialised.
    inline: [MaybeUninit<T>; N],
    len: usize,
    spilled: Vec<T>,
}

impl<T, const N: usize> InlineVec<T, N> {
    /// Empty.
    #[inline(always)]
    pub(crate) const fn new() -> Self {
        InlineVec {
            inline: [const { MaybeUninit::uninit() }; N],
            len: 0,
            spilled: Vec::new(),
        }
    }

    /// Appends `item`.
    #[inline(always)]
    pub(crate) fn push(&mut self, item: T) {
        if self.len < N {
            self.inline[self.len].write(item);
        } else {
            self.spilled.push(item);
        }
        self.len += 1;
    }

    /// Whether it holds no item.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The item at `index`, if there is one.
    #[inline]
    pub(crate) fn get(&self, index: usize) -> Option<&T> {
        if index < N {
            // SAFETY: the first `min(len, N)` inline items are initialised.
            (index < self.len).then(|| unsafe { self.inline[index].assume_init_ref() })
        } else {
            self.spilled.get(index - N)
        }
    }

    /// Appends the item of `item`, if there is one.
    #[inline(always)]
    pub(crate) fn extend(&mut self, item: Option<T>) {
        if let Some(item) = item {
            self.push(item);
        }
    }

    /// The items, in order.
    #[inline]
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator + '_ {
        (0..self.len).map(|i| self.get(i).expect("index below len"))
    }
}

impl<T, const N: usize> Drop for InlineVec<T, N> {
    fn drop(&mut self) {
        if core::mem::needs_drop::<T>() {
            for item in &mut self.inline[..self.len.min(N)] {
                // SAFETY: the first `min(len, N)` inline items are initialised, and each is
                // dropped once, here.
                unsafe { item.assume_init_drop() };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InlineVec;

    #[test]
    fn spills_past_the_inline_capacity_in_order() {
        let mut v = InlineVec::<String, 2>::new();
        for i in 0..5 {
            v.push(i.to_string());
        }
        assert_eq!(v.iter().len(), 5);
        let items: Vec<&str> = v.iter().map(String::as_str).collect();
        assert_eq!(items, ["0", "1", "2", "3", "4"]);
        assert_eq!(v.get(4).map(String::as_str), Some("4"));
        assert_eq!(v.get(5), None);
        let mut short = InlineVec::<String, 4>::new();
        short.push("a".to_owned());
        assert_eq!(short.get(1), None, "an inline slot past len is not an item");
    }
}
