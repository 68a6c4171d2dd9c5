import Foundation
import SiftCore
import SiftBuiltinPacks

/// The packs that ship with Sift: `secrets`, `pii` and `objects` (the YAML files of Patterns/).
public enum BuiltinPacks {
    /// Loads every built-in pack; with `cache`, packs it holds are not parsed again.
    ///
    /// - Throws: ``PackLoadError`` if a pack does not load, which the tests rule out for every build.
    public static func all(cache: PackCache? = nil) throws(PackLoadError) -> [Pack] {
        let urls = BuiltinPackFiles.urls
        guard urls.count == 3 else {
            throw PackLoadError(problems: [PackProblem(code: "missing-pack",
                "the built-in packs are not next to the executable (the resource bundle is missing)", at: SourceLocation())])
        }
        return try PackLoader.load(contentsOf: urls, cache: cache)
    }
}

