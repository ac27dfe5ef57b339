/// Finds every occurrence of many keywords in bytes, ASCII-case-insensitively, in one pass.
///
/// Two stages, both over the buffer in place:
/// 1. A filter: the ``windowWidth`` bytes at each position (read as one little-endian word, bit 5
///    set to fold case) are hashed into a 65,536-bit set. Each keyword contributes one window: its
///    rarest run of ``windowWidth`` bytes by a fixed table of how common each byte is in source
///    text (so `confluent` is looked for by `flu`, not by the ubiquitous `con`). The tests of
///    different positions do not depend on each other, so the CPU overlaps them.
/// 2. Verification, only where the filter passes (about 1% of positions in source code): the exact
///    folded window selects a bucket of (keyword, offset) pairs, each compared byte by byte.
///
/// A dense Aho-Corasick DFA came first; its one dependent table load per byte (and a table of
/// several hundred KiB for ~300 keywords) kept the whole scan near 240 MB/s. See README.md.
struct KeywordMatcher: Sendable {
    /// The keywords, folded to lower case.
    let keywords: [[UInt8]]
    /// How many bytes the filter hashes: 3, or the shortest keyword's length.
    let windowWidth: Int
    /// The mask keeping the first ``windowWidth`` bytes of a little-endian word.
    let windowMask: UInt32
    /// 65,536 bits: bit `windowHash(window)` is set for each keyword's window.
    let windowBits: [UInt64]
    /// Open addressing: slot → exact folded window (or ``emptySlot``).
    let slotWindows: [UInt32]
    /// Slot → the range of ``bucket`` holding the keywords with that window.
    let slotRanges: [Range<Int32>]
    /// (keyword index, offset of the window in the keyword), grouped by window.
    let bucket: [(keyword: Int32, offset: Int32)]
    let slotMask: Int

    static let emptySlot = UInt32.max

    init(keywords: [[UInt8]]) {
        let folded = keywords.map { $0.map(Self.fold) }
        self.keywords = folded
        let width = min(3, folded.filter { !$0.isEmpty }.map(\.count).min() ?? 3)
        windowWidth = width
        windowMask = width >= 3 ? 0x00FF_FFFF : (width == 2 ? 0xFFFF : 0xFF)

        var bits = [UInt64](repeating: 0, count: 1024)
        var groups: [UInt32: [(keyword: Int32, offset: Int32)]] = [:]
        for (index, keyword) in folded.enumerated() where !keyword.isEmpty {
            let offset = Self.rarestWindow(in: keyword, width: width)
            let window = Self.word(keyword[offset..<offset + width])
            let hash = Self.windowHash(window, mask: windowMask)
            bits[hash >> 6] |= 1 << UInt64(hash & 63)
            groups[window, default: []].append((Int32(index), Int32(offset)))
        }
        windowBits = bits

        var slotCount = 16
        while slotCount < groups.count * 4 { slotCount *= 2 }
        var windows = [UInt32](repeating: Self.emptySlot, count: slotCount)
        var ranges = [Range<Int32>](repeating: 0..<0, count: slotCount)
        var flat: [(keyword: Int32, offset: Int32)] = []
        for (window, members) in groups.sorted(by: { $0.key < $1.key }) {
            var slot = Self.slot(window, mask: slotCount - 1)
            while windows[slot] != Self.emptySlot { slot = (slot + 1) & (slotCount - 1) }
            windows[slot] = window
            ranges[slot] = Int32(flat.count)..<Int32(flat.count + members.count)
            flat += members
        }
        slotWindows = windows
        slotRanges = ranges
        bucket = flat
        slotMask = slotCount - 1
    }

    /// The offset of the keyword's window whose bytes are rarest in source text.
    static func rarestWindow(in keyword: [UInt8], width: Int) -> Int {
        (0...(keyword.count - width)).min { left, right in
            let leftScore = keyword[left..<left + width].reduce(0) { $0 + commonness($1) }
            let rightScore = keyword[right..<right + width].reduce(0) { $0 + commonness($1) }
            return leftScore < rightScore
        }!
    }

    /// How common a (folded) byte is in source text, in rough tenths of a percent: English letter
    /// frequencies for letters, guesses for the rest. Only the ordering matters.
    static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "): 150
        case UInt8(ascii: "e"): 127
        case UInt8(ascii: "t"): 91
        case UInt8(ascii: "a"): 82
        case UInt8(ascii: "o"): 75
        case UInt8(ascii: "i"): 70
        case UInt8(ascii: "n"): 67
        case UInt8(ascii: "s"): 63
        case UInt8(ascii: "h"): 61
        case UInt8(ascii: "r"): 60
        case UInt8(ascii: "d"): 43
        case UInt8(ascii: "l"): 40
        case UInt8(ascii: "c"), UInt8(ascii: "u"): 28
        case UInt8(ascii: "m"), UInt8(ascii: "w"): 24
        case UInt8(ascii: "f"): 22
        case UInt8(ascii: "g"), UInt8(ascii: "y"): 20
        case UInt8(ascii: "p"): 19
        case UInt8(ascii: "b"): 15
        case UInt8(ascii: "v"): 10
        case UInt8(ascii: "k"): 8
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: "="), UInt8(ascii: "\""), UInt8(ascii: "'"):
            30
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "0")...UInt8(ascii: "9"): 15
        case UInt8(ascii: "j"), UInt8(ascii: "x"): 2
        case UInt8(ascii: "q"), UInt8(ascii: "z"): 1
        default: 5
        }
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    static func word<C: Collection<UInt8>>(_ bytes: C) -> UInt32 {
        var value: UInt32 = 0
        for (offset, byte) in bytes.enumerated() { value |= UInt32(byte) << (8 * offset) }
        return value
    }

    /// Hashes the masked word to 16 bits after setting bit 5 of each byte: that folds ASCII upper
    /// case onto lower case (and merges a few punctuation pairs, which only costs an occasional
    /// extra verification, never a missed keyword).
    @inline(__always)
    static func windowHash(_ bytes: UInt32, mask: UInt32) -> Int {
        let folded = (bytes | 0x2020_2020) & mask
        return Int((folded &* 0x9E37_79B1) &>> 16)
    }

    @inline(__always)
    static func slot(_ prefix: UInt32, mask: Int) -> Int {
        Int((prefix &* 0x85EB_CA6B) &>> 20) & mask
    }

    /// Calls `found(keyword, start)` for each keyword whose window sits at `position` and which
    /// lies wholly inside `base[0..<count]`.
    @inline(__always)
    func keywords(
        withWindowAt position: Int, in base: UnsafePointer<UInt8>, count: Int, _ found: (Int, Int) -> Void
    ) {
        guard position + windowWidth <= count else { return }
        var window: UInt32 = 0
        for offset in 0..<windowWidth { window |= UInt32(Self.fold(base[position + offset])) << (8 * offset) }
        var slot = Self.slot(window, mask: slotMask)
        while true {
            let stored = slotWindows[slot]
            if stored == Self.emptySlot { return }
            if stored == window { break }
            slot = (slot + 1) & slotMask
        }
        for member in slotRanges[slot] {
            let (keywordIndex, offset) = bucket[Int(member)]
            let keyword = keywords[Int(keywordIndex)]
            let start = position - Int(offset)
            guard start >= 0, start + keyword.count <= count else { continue }
            var index = 0
            while index < keyword.count && Self.fold(base[start + index]) == keyword[index] { index += 1 }
            if index == keyword.count { found(Int(keywordIndex), start) }
        }
    }

    /// Every keyword index found anywhere in `bytes` (for tests and diagnostics).
    func keywordsFound(in bytes: [UInt8]) -> Set<Int> {
        var found: Set<Int> = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for position in 0..<buffer.count {
                var value: UInt32 = 0
                for offset in 0..<min(4, buffer.count - position) {
                    value |= UInt32(base[position + offset]) << (8 * offset)
                }
                let hash = Self.windowHash(value, mask: windowMask)
                guard windowBits[hash >> 6] & (1 << UInt64(hash & 63)) != 0 else { continue }
                keywords(withWindowAt: position, in: base, count: buffer.count) { keyword, _ in found.insert(keyword) }
            }
        }
        return found
    }
}
