// swift-tools-version:6.1
import PackageDescription

/// One settings array for every Swift target, so the whole package speaks the same dialect.
let swiftSettings: [SwiftSetting] = [
    // SE-0335: spell existential types out as `any P`.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // SE-0409: imports are internal unless a public API needs them.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ccteam",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ccteam", targets: ["ccteam"]),
        .executable(name: "ccprompt", targets: ["ccprompt"]),
        .executable(name: "ccverify", targets: ["ccverify"]),
        .executable(name: "ccmodel", targets: ["ccmodel"]),
        .plugin(name: "VerifyChanges", targets: ["VerifyChanges"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // Already resolved for swift-sdk; named here because the MCP transport wrapper spells `Logger`.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        // Already resolved for swift-sdk; named here because a socket transport spells `FileDescriptor`.
        .package(url: "https://github.com/apple/swift-system.git", from: "1.0.0"),
        // Already resolved for swift-sdk; named here because ccmodel serves HTTP with NIOHTTP1.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // The team report's HTML, built as a typed document so agent text is always escaped.
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
    ],
    targets: [
        // C libraries, each wrapped by exactly one Swift module.
        .systemLibrary(
            name: "CGit2", pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(
            name: "CPCRE2", pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]),

        // Plain models and vocabulary shared by every tool: no C, no I/O, no processes.
        .target(name: "CCCore", swiftSettings: swiftSettings),
        // The built-in prompt pack and policies, compiled into the binaries by the EmbedBuiltins plugin.
        .target(
            name: "CCResources", swiftSettings: swiftSettings,
            plugins: ["EmbedBuiltins"]),
        // The one Swift API over libgit2.
        .target(
            name: "CCGit", dependencies: ["CCCore", "CGit2"], exclude: ["README.md"], swiftSettings: swiftSettings),
        // The one Swift API over PCRE2: secret rules, keyword prefilter, entropy, redaction.
        .target(
            name: "CCSecrets", dependencies: ["CCCore", "CCResources", "CPCRE2"], exclude: ["README.md"],
            swiftSettings: swiftSettings),
        // The GNU posix_spawn extensions (setsid, chdir, closefrom) Glibc's Swift module hides.
        .target(name: "CProcessSpawn"),
        // renameat2(RENAME_EXCHANGE), which the task store replaces files with, also hidden by Glibc.
        .target(name: "CFileExchange"),
        // The one place that spawns processes: sessions, teardown, budgets, watchdogs.
        .target(
            name: "CCProcess", dependencies: ["CCCore", "CProcessSpawn"], exclude: ["README.md"],
            swiftSettings: swiftSettings),
        // A scripted stand-in for the Anthropic Messages API, for end-to-end tests and the offline demo.
        .target(
            name: "CCModelServer",
            dependencies: [
                "CCCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["README.md"], swiftSettings: swiftSettings),
        // Prompt pack loading, rendering, personas, the worker preamble.
        .target(
            name: "CCPrompt",
            dependencies: [
                "CCCore", "CCResources",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings),
        // Diff summary, write scope, secret findings, test gate, rollback, reports.
        .target(
            name: "CCVerify",
            dependencies: [
                "CCCore", "CCGit", "CCSecrets", "CCProcess", "CCResources",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"], swiftSettings: swiftSettings),
        // Task store, run records, agent backends, scheduler, merge queue, MCP tools.
        .target(
            name: "CCTeam",
            dependencies: [
                "CCCore", "CCGit", "CCVerify", "CCPrompt", "CCProcess", "CCSecrets", "CFileExchange",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings),
        // `ccteam report`: a team's records as one HTML page (Plot), Markdown or JSON.
        .target(
            name: "CCReport",
            dependencies: [
                "CCCore", "CCTeam", "CCVerify", "CCGit", .product(name: "Plot", package: "Plot"),
            ],
            exclude: ["README.md"], swiftSettings: swiftSettings),
        // Every ArgumentParser type, shared options and error presentation.
        .target(
            name: "CCCommands",
            dependencies: [
                "CCCore", "CCPrompt", "CCVerify", "CCTeam", "CCReport", "CCGit", "CCSecrets", "CCProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // Entry points: one line each.
        .executableTarget(name: "ccteam", dependencies: ["CCCommands"], swiftSettings: swiftSettings),
        .executableTarget(name: "ccprompt", dependencies: ["CCCommands"], swiftSettings: swiftSettings),
        .executableTarget(name: "ccverify", dependencies: ["CCCommands"], swiftSettings: swiftSettings),
        .executableTarget(name: "ccmodel", dependencies: ["CCModelServer"], swiftSettings: swiftSettings),
        // Benchmarks that print measured figures (never run as timed unit tests).
        .executableTarget(
            name: "ccbench",
            dependencies: ["CCCore", "CCSecrets", "CCGit", "CCVerify", "CCTeam", "CCProcess"],
            swiftSettings: swiftSettings),

        // Build tooling: embeds prompt-pack/ and policies/ as Swift source keyed by relative path.
        .executableTarget(name: "ccembed", swiftSettings: swiftSettings),
        .plugin(name: "EmbedBuiltins", capability: .buildTool(), dependencies: ["ccembed"]),
        // `swift package verify-changes`: runs `ccverify diff`, needs no permissions.
        .plugin(
            name: "VerifyChanges",
            capability: .command(
                intent: .custom(
                    verb: "verify-changes",
                    description: "Verify a commit range: write scope, secrets and tests (ccverify diff)")),
            dependencies: ["ccverify"]),

        // Tests: Swift Testing, one target per module, plus end-to-end runs of the built tools.
        .target(
            name: "CCTestSupport", dependencies: ["CCCore"], path: "Tests/CCTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CCCoreTests", dependencies: ["CCCore", "CCTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CCSecretsTests", dependencies: ["CCSecrets", "CCTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CCTeamTests",
            dependencies: ["CCTeam", "CCCore", "CCTestSupport", .product(name: "MCP", package: "swift-sdk")],
            swiftSettings: swiftSettings),
        // Runs the built `ccteam` (tasks CLI, MCP server over stdio, many processes on one store).
        .testTarget(
            name: "TeamEndToEndTests", dependencies: ["CCCore", "CCProcess", "CCTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CCGitTests", dependencies: ["CCGit", "CCTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CCPromptTests", dependencies: ["CCPrompt", "CCTestSupport"], swiftSettings: swiftSettings),
        // Runs the built `ccprompt` end to end; golden renders live in Golden/ (CCTEAM_RECORD_GOLDEN=1 re-records).
        .testTarget(
            name: "PromptEndToEndTests", dependencies: ["CCTestSupport"], exclude: ["Golden"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "NativeLibrariesTests", dependencies: ["CGit2", "CPCRE2", "CCTestSupport"],
            swiftSettings: swiftSettings),
        // Runs the built `ccteam launch` with scripted agents (command backend) and the real Claude Code CLI.
        .testTarget(
            name: "LaunchEndToEndTests", dependencies: ["CCTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LaunchTests", dependencies: ["CCTeam", "CCCore", "CCTestSupport"], swiftSettings: swiftSettings),
        // Team operations (status, logs, stop, gc, doctor) on hand-written team and run files in temp repos.
        .testTarget(
            name: "TeamOpsTests",
            dependencies: ["CCTeam", "CCReport", "CCVerify", "CCCore", "CCProcess", "CCTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CCVerifyTests", dependencies: ["CCCore", "CCVerify", "CCTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VerifyEndToEndTests", dependencies: ["CCCore", "CCTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CCProcessTests", dependencies: ["CCProcess", "CCTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CCModelServerTests", dependencies: ["CCModelServer", "CCProcess", "CCTestSupport", "ccmodel"],
            swiftSettings: swiftSettings),
    ]
)
