// Tests for SiftStore.
