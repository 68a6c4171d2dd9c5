// Tests for SiftReport.
