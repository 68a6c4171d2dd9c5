// Tests for SiftMatcher.
