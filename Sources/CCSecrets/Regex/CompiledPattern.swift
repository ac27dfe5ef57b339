import CPCRE2

/// One PCRE2 pattern, compiled (and JIT-compiled when the platform allows) in byte mode.
///
/// Rule files are written for Go's RE2 engine; ``PatternTranslation`` documents how their syntax
/// maps onto PCRE2. Matching needs a ``MatchScratch`` owned by the calling thread.
final class CompiledPattern: @unchecked Sendable {
    // Sendable: PCRE2 documents a compiled pattern (and its JIT code) as read-only during matching
    // and safe to share between threads; everything mutable lives in a per-thread MatchScratch.

    /// The pattern as written in the rule file.
    let source: String
    /// The pattern's capturing groups, not counting the whole match.
    let captureCount: Int
    /// Whether the pattern was compiled in UTF mode (only when it needs characters beyond bytes).
    let isUTF: Bool
    let code: OpaquePointer
    let isJIT: Bool

    /// Why PCRE2 refused a pattern: its message and the byte offset in the pattern.
    struct CompileError: Error, Equatable {
        var message: String
        var offset: Int
    }

    init(_ source: String, caseless: Bool = false) throws(CompileError) {
        self.source = source
        let translated = PatternTranslation.pcre2Pattern(from: source)
        var options = UInt32(PCRE2_DOLLAR_ENDONLY)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        let needsUTF = translated.utf8.contains { $0 >= 0x80 }
        var compiled = Self.compile(translated, options: needsUTF ? options | Self.utfOptions : options)
        var usedUTF = needsUTF
        if case .failure = compiled, !needsUTF {
            // Code points above 0xFF (\x{263a}, \p{...} ranges) need UTF mode; try it before failing.
            if case .success(let code) = Self.compile(translated, options: options | Self.utfOptions) {
                compiled = .success(code)
                usedUTF = true
            }
        }
        switch compiled {
        case .failure(let error): throw error
        case .success(let code):
            self.code = code
            isUTF = usedUTF
            isJIT = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            var count: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
            captureCount = Int(count)
        }
    }

    deinit { pcre2_code_free_8(code) }

    /// UTF mode that tolerates invalid UTF-8 in the subject instead of failing on it.
    static let utfOptions = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)

    private static func compile(_ pattern: String, options: UInt32) -> Result<OpaquePointer, CompileError> {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let utf8 = Array(pattern.utf8)
        let code = utf8.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        if let code { return .success(code) }
        var message = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &message, message.count)
        let text = String(decoding: message.prefix(max(0, Int(length))), as: UTF8.self)
        return .failure(CompileError(message: text, offset: errorOffset))
    }

    /// Finds the first match in `subject[from...]`, filling `scratch`'s ovector.
    ///
    /// Returns false when there is no match, and also when PCRE2 gives up (match or depth limit):
    /// a scan must never fail on a hostile file, it only loses that one match.
    @inline(__always)
    func firstMatch(in subject: UnsafePointer<UInt8>, length: Int, from start: Int, scratch: MatchScratch) -> Bool {
        var status: Int32
        if isJIT {
            status = pcre2_jit_match_8(code, subject, length, start, 0, scratch.matchData, scratch.context)
        } else {
            status = pcre2_match_8(code, subject, length, start, 0, scratch.matchData, scratch.context)
        }
        if status == PCRE2_ERROR_JIT_STACKLIMIT, scratch.growJITStack() {
            status = pcre2_jit_match_8(code, subject, length, start, 0, scratch.matchData, scratch.context)
        }
        // 0 is a match whose groups did not all fit the ovector (allowlist patterns may have more).
        return status >= 0
    }

    /// Whether the pattern matches anywhere in `text` (for allowlists and path filters).
    func matches(_ text: String, scratch: MatchScratch) -> Bool {
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { utf8 = [0] }
        let length = text.utf8.count
        return utf8.withUnsafeBufferPointer {
            firstMatch(in: $0.baseAddress!, length: length, from: 0, scratch: scratch)
        }
    }

    /// Whether the pattern matches anywhere in the given bytes.
    func matches(_ bytes: UnsafeRawBufferPointer, scratch: MatchScratch) -> Bool {
        guard let base = bytes.baseAddress else { return matches("", scratch: scratch) }
        return firstMatch(
            in: base.assumingMemoryBound(to: UInt8.self), length: bytes.count, from: 0, scratch: scratch)
    }
}
