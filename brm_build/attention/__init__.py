"""What needs attention as of "today": one set of rules, and what is due by them."""
