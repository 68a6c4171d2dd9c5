// Tests for SiftCLI.
