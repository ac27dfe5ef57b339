import CPCRE2

/// The mutable PCRE2 state one thread needs to match: match data (the ovector) and a match context
/// carrying a JIT stack that grows on demand.
///
/// Not Sendable on purpose: PCRE2 match data must never be used by two threads at once.
final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer?
    private var jitStack: OpaquePointer?
    /// The ovector: pairs of start/end byte offsets for the match and each group.
    let ovector: UnsafeMutablePointer<Int>
    let pairCount: Int

    init(pairs: Int) {
        pairCount = max(pairs, 1)
        matchData = pcre2_match_data_create_8(UInt32(pairCount), nil)!
        context = pcre2_match_context_create_8(nil)
        ovector = pcre2_get_ovector_pointer_8(matchData)
    }

    /// Gives the JIT a 4 MiB stack after it ran out of its default 32 KiB; false when already grown.
    func growJITStack() -> Bool {
        guard jitStack == nil, let context, let stack = pcre2_jit_stack_create_8(32 * 1024, 4 * 1024 * 1024, nil)
        else { return false }
        jitStack = stack
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        return true
    }

    /// The byte range of group `index` of the last match, or nil when the group did not take part.
    @inline(__always)
    func range(ofGroup index: Int) -> Range<Int>? {
        guard index < pairCount else { return nil }
        let start = ovector[2 * index]
        let end = ovector[2 * index + 1]
        guard start != ccpcre2_unset(), end != ccpcre2_unset() else { return nil }
        return start..<end
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let context { pcre2_match_context_free_8(context) }
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
