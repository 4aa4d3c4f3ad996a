"""The right-hand detail panel: the selected problem's or measure's form, progress, history."""
