// SiftStore: see ARCHITECTURE.md for what this module owns.
