/// An Aho-Corasick automaton over bytes, compiled to a dense DFA, that finds every keyword
/// (case-insensitively) in one pass with one table load per byte.
///
/// Bytes that occur in no keyword share one class, so a row holds only as many entries as the
/// keywords have distinct letters; rows are stored pre-multiplied by the row width and the top
/// bit of an entry says "the state reached has keywords ending here".
struct KeywordAutomaton: Sendable {
    /// The bit set in a transition entry whose target state reports keywords.
    static let acceptBit: UInt32 = 1 << 31

    /// Byte → class index.
    let classes: [UInt32]
    /// Row width: the number of byte classes.
    let classCount: Int
    /// `table[row + class]` = next row (state × classCount), with ``acceptBit`` when it reports.
    let table: [UInt32]
    /// For each state: the indices of the keywords that end there (its own and its suffixes').
    let outputs: [[Int32]]

    /// Builds the automaton; `keywords` are matched ASCII-case-insensitively.
    init(keywords: [[UInt8]]) {
        let folded = keywords.map { $0.map(Self.fold) }
        var classes = [UInt32](repeating: 0, count: 256)
        var classCount = 1
        for keyword in folded {
            for byte in keyword where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt32(classCount)
                classCount += 1
            }
        }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { classes[Int(byte)] = classes[Int(byte) + 32] }

        // The trie, with goto edges by class.
        var gotos: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var own: [[Int32]] = [[]]
        for (index, keyword) in folded.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let cls = Int(classes[Int(byte)])
                if gotos[state][cls] < 0 {
                    gotos.append([Int32](repeating: -1, count: classCount))
                    own.append([])
                    gotos[state][cls] = Int32(gotos.count - 1)
                }
                state = Int(gotos[state][cls])
            }
            own[state].append(Int32(index))
        }

        // Breadth-first: failure links, merged outputs and the dense transition table.
        let stateCount = gotos.count
        var failure = [Int](repeating: 0, count: stateCount)
        var delta = [Int](repeating: 0, count: stateCount * classCount)
        var outputs = own
        var queue: [Int] = []
        for cls in 0..<classCount {
            let next = Int(gotos[0][cls])
            if next > 0 {
                delta[cls] = next
                queue.append(next)
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]].filter { !outputs[state].contains($0) }
            for cls in 0..<classCount {
                let next = Int(gotos[state][cls])
                if next > 0 {
                    failure[next] = delta[failure[state] * classCount + cls]
                    delta[state * classCount + cls] = next
                    queue.append(next)
                } else {
                    delta[state * classCount + cls] = delta[failure[state] * classCount + cls]
                }
            }
        }
        var table = [UInt32](repeating: 0, count: stateCount * classCount)
        for index in 0..<delta.count {
            let next = delta[index]
            table[index] = UInt32(next * classCount) | (outputs[next].isEmpty ? 0 : Self.acceptBit)
        }
        self.classes = classes
        self.classCount = classCount
        self.table = table
        self.outputs = outputs
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Every keyword index found anywhere in `bytes` (for tests and diagnostics).
    func keywordsFound(in bytes: [UInt8]) -> Set<Int> {
        var found: Set<Int> = []
        var row = 0
        for byte in bytes {
            let entry = table[row + Int(classes[Int(byte)])]
            row = Int(entry & ~Self.acceptBit)
            if entry & Self.acceptBit != 0 { found.formUnion(outputs[row / classCount].map(Int.init)) }
        }
        return found
    }
}
