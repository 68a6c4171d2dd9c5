// Tests for SiftPatterns.
