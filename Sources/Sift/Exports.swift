// The facade re-exports the modules an embedder or the CLI needs, so that `import Sift` is enough.
@_exported import SiftConfluence
@_exported import SiftCore
@_exported import SiftExtract
@_exported import SiftMatcher
@_exported import SiftPatterns
@_exported import SiftReport
@_exported import SiftStore
