import CYaml  // libyaml, which Yams bundles (a dependency of the Yams product's target)

/// Measures how large a YAML document becomes once its aliases are expanded, before Yams composes
/// it, so that a hostile pack cannot make loading take exponential time.
///
/// Why: anchors and aliases are YAML's entity expansion. Yams shares an aliased node in memory,
/// but hashes every mapping key to check for duplicates, and hashing walks the whole node: a
/// "billion laughs" (levels of ten aliases each) used as a key would keep `PackLoader` busy for
/// hours — six levels, 10⁶ nodes, took 14 s in the fuzzing build (found while probing fuzz-pack).
/// Packs are small (the built-in ones have a few thousand nodes), so a document that expands to
/// more than ``maxNodes`` is refused before Yams sees it.
enum YAMLAliasGuard {
    static let maxNodes = 100_000

    /// The number of nodes of the first document with aliases expanded (at most `maxNodes + 1`),
    /// or `nil` when libyaml stops at a syntax error (Yams then reports it).
    static func expandedNodeCount(_ yaml: String) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var sizes: [String: Int] = [:]
            // Open collections: their anchor and the expanded size so far (itself included).
            var open: [(anchor: String?, size: Int)] = []
            var total = 0
            var exceeded = false
            func add(_ size: Int) {
                if open.isEmpty {
                    total = min(total + size, maxNodes + 1)
                    exceeded = exceeded || total > maxNodes
                } else {
                    open[open.count - 1].size = min(open[open.count - 1].size + size, maxNodes + 1)
                    exceeded = exceeded || open[open.count - 1].size > maxNodes
                }
            }
            func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SCALAR_EVENT:
                    if let anchor = name(event.data.scalar.anchor) { sizes[anchor] = 1 }
                    add(1)
                case YAML_ALIAS_EVENT:
                    add(name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let finished = open.popLast() else { return nil }
                    if let anchor = finished.anchor { sizes[anchor] = finished.size }
                    add(finished.size)
                case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                    return total
                default:
                    break
                }
                if exceeded { return maxNodes + 1 }
            }
        }
    }
}
