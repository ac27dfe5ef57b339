import CCCore
import Testing

@Suite struct GlobTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pattern: String
        let path: String
        let matches: Bool
        var testDescription: String { "'\(pattern)' \(matches ? "matches" : "does not match") '\(path)'" }
        init(_ pattern: String, _ path: String, _ matches: Bool) {
            self.pattern = pattern
            self.path = path
            self.matches = matches
        }
    }

    static let table: [Case] = [
        // `*` stays inside one component; unanchored patterns match a name at any depth.
        Case("*.pem", "server.pem", true),
        Case("*.pem", "deploy/keys/server.pem", true),
        Case("*.pem", "server.pem.txt", false),
        Case("*.swift", "Sources/a/b.swift", true),
        Case("src/*.swift", "src/a.swift", true),
        Case("src/*.swift", "src/a/b.swift", false),
        Case("src/*.swift", "lib/src/a.swift", false),
        Case("*", "anything/at/all", true),
        Case("a*b*c", "aXXbYYc", true),
        Case("a*b*c", "aXXbYY", false),
        Case("*a", "banana", true),
        // `?` is exactly one character, never `/`, and counts characters, not bytes.
        Case("?.txt", "a.txt", true),
        Case("?.txt", "ab.txt", false),
        Case("a?b", "a/b", false),
        Case("?.txt", "é.txt", true),
        // Sets, ranges, negation and escapes.
        Case("id_[rd]sa*", "home/id_rsa.pub", true),
        Case("id_[rd]sa*", "id_dsa", true),
        Case("id_[rd]sa*", "id_ecdsa", false),
        Case("file[0-9].txt", "file7.txt", true),
        Case("file[0-9].txt", "fileA.txt", false),
        Case("file[!0-9].txt", "fileA.txt", true),
        Case("file[^0-9].txt", "file1.txt", false),
        Case("[]]x", "]x", true),
        Case("\\*.txt", "*.txt", true),
        Case("\\*.txt", "a.txt", false),
        // `**` across directories.
        Case("**/foo", "foo", true),
        Case("**/foo", "a/b/foo", true),
        Case("**/foo/bar", "x/foo/bar", true),
        Case("src/**", "src/a", true),
        Case("src/**", "src/a/b/c.swift", true),
        Case("src/**", "src", false),
        Case("src/**", "srcx/a", false),
        Case("a/**/b", "a/b", true),
        Case("a/**/b", "a/x/y/b", true),
        Case("a/**/b", "a/x/y/c", false),
        Case("**", "a/b/c", true),
        Case(".github/workflows/**", ".github/workflows/ci.yml", true),
        Case(".github/workflows/**", ".github/CODEOWNERS", false),
        // Anchoring: a slash inside anchors; a leading `/` or `./` anchors a single name.
        Case("/Makefile", "Makefile", true),
        Case("/Makefile", "sub/Makefile", false),
        Case("./Makefile", "Makefile", true),
        Case("./Makefile", "sub/Makefile", false),
        Case("Makefile", "sub/Makefile", true),
        Case("doc/a.md", "x/doc/a.md", false),
        // A trailing `/` matches directories only; a matching directory covers what it holds.
        Case("build/", "build/out.o", true),
        Case("build/", "a/build/out.o", true),
        Case("build/", "build", false),
        Case("src/api", "src/api/x.swift", true),
        Case("src/api", "src/api", true),
        Case("src/api", "src/apis/x.swift", false),
        Case(".git/**", ".git/config", true),
        Case(".git/**", "sub/.git/config", false),
        // Case matters unless the glob ignores it.
        Case(".git/**", ".GIT/config", false),
        Case("README.md", "readme.md", false),
    ]

    @Test(arguments: table)
    func matchesLikeGitignore(_ example: Case) throws {
        let glob = try Glob(example.pattern)
        #expect(glob.matches(example.path) == example.matches)
    }

    @Test(arguments: [
        (".git/**", ".GIT/config"), ("*.PEM", "a/key.pem"), ("[A-C]x", "bx"), ("id_rsa*", "ID_RSA.pub"),
    ])
    func ignoringCaseFoldsBothPatternAndPath(_ pattern: String, _ path: String) throws {
        #expect(try Glob(pattern, ignoresCase: true).matches(path))
        #expect(try !Glob(pattern).matches(path))
    }

    @Test func reportsAnchoringAndDirectoryOnly() throws {
        #expect(try Glob("src/*.swift").isAnchored)
        #expect(try !Glob("*.swift").isAnchored)
        #expect(try !Glob("build/").isAnchored)
        #expect(try Glob("build/").matchesDirectoriesOnly)
        #expect(try Glob("/x").isAnchored)
    }

    @Test(arguments: [
        ("", "the pattern matches no path"), ("/", "the pattern matches no path"),
        ("a[bc", "a '[' set is never closed with ']'"), ("x\\", "it ends with a lone '\\'"),
        ("[z-a]", "the range 'z-a' runs backwards"),
    ])
    func rejectsMalformedPatterns(_ pattern: String, _ reason: String) {
        #expect(throws: GlobError(pattern: pattern, reason: reason)) { try Glob(pattern) }
    }

    @Test func anEmptyPathNeverMatches() throws {
        #expect(try !Glob("**").matches(""))
    }
}
