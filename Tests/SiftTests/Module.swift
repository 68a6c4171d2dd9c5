// Tests for Sift.
