// Tests for SiftExtract.
