// Tests for SiftConfluence.
