//! The state of a scrolling list: which row is selected and which is shown
//! first. Tab lists, the relation picker and the search results all scroll
//! this way; views draw from it and never compute a scroll of their own.

/// The selected row of a list and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    selected: usize,
    offset: usize,
}

impl ListState {
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Selects row `i`, or the last of `len` rows when there are fewer.
    pub fn select(&mut self, i: usize, len: usize) {
        self.selected = i.min(len.saturating_sub(1));
    }

    /// Moves the selection by `by` rows, stopping at the first and last.
    pub fn move_by(&mut self, by: isize, len: usize) {
        self.select(self.selected.saturating_add_signed(by), len);
    }

    /// Scrolls as little as needed for the selection to be among the `page`
    /// rows shown, and never past the last page of `len` rows.
    pub fn keep_visible(&mut self, len: usize, page: usize) {
        let page = page.max(1);
        self.select(self.selected, len);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_only_when_the_selection_leaves_the_page() {
        let mut l = ListState::default();
        l.move_by(7, 20);
        l.keep_visible(20, 5);
        assert_eq!((l.selected(), l.offset()), (7, 3));
        l.move_by(-2, 20);
        l.keep_visible(20, 5);
        assert_eq!((l.selected(), l.offset()), (5, 3), "still on the page");
        l.move_by(-100, 20);
        l.keep_visible(20, 5);
        assert_eq!((l.selected(), l.offset()), (0, 0));
    }

    #[test]
    fn stays_inside_a_list_that_shrinks() {
        let mut l = ListState::default();
        l.move_by(50, 100);
        l.keep_visible(100, 10);
        l.keep_visible(3, 10);
        assert_eq!((l.selected(), l.offset()), (2, 0));
        l.keep_visible(0, 10);
        assert_eq!((l.selected(), l.offset()), (0, 0));
    }
}
