import CCTestSupport
import CGit2
import CPCRE2
import Foundation
import Testing

/// The two C libraries really link and work from Swift: the foundation everything else stands on.
@Suite struct NativeLibrariesTests {
    @Test func libgit2OpensATemporaryRepository() throws {
        #expect(git_libgit2_init() >= 1)
        let directory = try TemporaryDirectory()
        try Shell.git(["init", "-q", "-b", "main"], in: directory.url)

        var repository: OpaquePointer?
        #expect(git_repository_open(&repository, directory.path) == 0)
        defer { git_repository_free(repository) }
        let workdir = try #require(git_repository_workdir(repository))
        #expect(String(cString: workdir) == directory.path + "/")
        #expect(git_repository_head_unborn(repository) == 1)
    }

    @Test func libgit2RefusesAFolderThatIsNotARepository() throws {
        #expect(git_libgit2_init() >= 1)
        let directory = try TemporaryDirectory()
        var repository: OpaquePointer?
        let status = git_repository_open_ext(
            &repository, directory.path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        #expect(status == GIT_ENOTFOUND.rawValue)
    }

    @Test func pcre2JITCompilesAndMatchesAPattern() throws {
        let pattern = #"AKIA[0-9A-Z]{16}"#
        var errorCode: Int32 = 0
        var errorOffset = 0
        let code = try #require(
            pcre2_compile_8(pattern, pattern.utf8.count, 0, &errorCode, &errorOffset, nil))
        defer { pcre2_code_free_8(code) }
        #expect(pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE) == 0)

        let subject = Array("key = AKIAIOSFODNN7EXAMPLE;".utf8)
        let matchData = try #require(pcre2_match_data_create_from_pattern_8(code, nil))
        defer { pcre2_match_data_free_8(matchData) }
        let status = pcre2_jit_match_8(code, subject, subject.count, 0, 0, matchData, nil)
        #expect(status == 1)
        let ovector = try #require(pcre2_get_ovector_pointer_8(matchData))
        #expect(ovector[0] == 6)
        #expect(ovector[1] == 26)

        let miss = Array("no key here".utf8)
        #expect(pcre2_jit_match_8(code, miss, miss.count, 0, 0, matchData, nil) == PCRE2_ERROR_NOMATCH)
    }
}
