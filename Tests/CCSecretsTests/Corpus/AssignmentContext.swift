/// A way of writing "this setting has this value" in one language or file format.
struct AssignmentContext: Sendable {
    var family: String
    var name: String
    var path: String
    /// Whether the value stands inside quotes (or another delimiter), so it may hold spaces.
    var delimited: Bool
    var render: @Sendable (KeyName, String) -> String

    init(
        _ family: String, _ name: String, path: String, delimited: Bool = true,
        _ render: @escaping @Sendable (KeyName, String) -> String
    ) {
        self.family = family
        self.name = name
        self.path = path
        self.delimited = delimited
        self.render = render
    }
}

extension AssignmentContext {
    /// Every assignment syntax the corpus writes secrets in: shells, env files, configuration
    /// formats, build files and the common programming languages.
    static let all: [AssignmentContext] = shellAndConfig + buildAndMarkup + languages

    static let shellAndConfig: [AssignmentContext] = [
        .init("shell", "export", path: "deploy.sh", delimited: false) { "export \($0.upperSnake)=\($1)\n" },
        .init("shell", "export-quoted", path: "deploy.sh") { "export \($0.upperSnake)=\"\($1)\"\n" },
        .init("shell", "cli-flag", path: "run.sh", delimited: false) { "./tool --\($0.kebab)=\($1) --verbose\n" },
        .init("shell", "docker-run-env", path: "run.sh", delimited: false) {
            "docker run -e \($0.upperSnake)=\($1) app:latest\n"
        },
        .init("shell", "powershell", path: "deploy.ps1") { "$env:\($0.upperSnake) = \"\($1)\"\n" },
        .init("env", "dotenv", path: ".env", delimited: false) { "APP_ENV=production\n\($0.upperSnake)=\($1)\n" },
        .init("env", "dotenv-quoted", path: ".env") { "\($0.upperSnake)='\($1)'\n" },
        .init("yaml", "plain", path: "config.yaml", delimited: false) { "\($0.snake): \($1)\n" },
        .init("yaml", "quoted", path: "config.yml") { "service:\n  \($0.camel): \"\($1)\"\n" },
        .init("yaml", "compose-env", path: "docker-compose.yml", delimited: false) {
            "services:\n  app:\n    environment:\n      - \($0.upperSnake)=\($1)\n"
        },
        .init("json", "camel", path: "config.json") { "{\n  \"\($0.camel)\": \"\($1)\"\n}\n" },
        .init("json", "dotted", path: "appsettings.json") { "{\"\($0.dotted)\": \"\($1)\", \"debug\": false}\n" },
        .init("json", "env-blob", path: "task.json", delimited: false) {
            "{\"env\": \"APP_ENV=prod\\n\($0.upperSnake)=\($1)\\nLOG_LEVEL=info\"}\n"
        },
        .init("json", "escaped-json", path: "payload.json") {
            "{\"body\": \"{\\\"\($0.snake)\\\": \\\"\($1)\\\"}\"}\n"
        },
        .init("toml", "quoted", path: "config.toml") { "[service]\n\($0.snake) = \"\($1)\"\n" },
        .init("ini", "spaced", path: "settings.ini", delimited: false) { "[auth]\n\($0.snake) = \($1)\n" },
        .init("ini", "properties", path: "application.properties", delimited: false) { "\($0.dotted)=\($1)\n" },
        .init("hcl", "terraform", path: "main.tf") {
            "provider \"x\" {\n  \($0.snake) = \"\($1)\"\n}\n"
        },
        .init("logstash", "arrow", path: "pipeline.conf") {
            "output {\n  http {\n    \($0.snake) => \"\($1)\"\n  }\n}\n"
        },
        .init("http", "header", path: "request.http", delimited: false) { "GET /v1/items\n\($0.header): \($1)\n" },
    ]

    static let buildAndMarkup: [AssignmentContext] = [
        .init("xml", "element", path: "config.xml") { "<config>\n  <\($0.camel)>\($1)</\($0.camel)>\n</config>\n" },
        .init("xml", "element-own-line", path: "settings.xml") { "<\($0.camel)>\n    \($1)\n</\($0.camel)>\n" },
        .init("xml", "attribute", path: "config.xml") { "<service \($0.camel)=\"\($1)\" enabled=\"true\"/>\n" },
        .init("xml", "app-settings", path: "Web.config") {
            "<appSettings>\n  <add key=\"\($0.pascal)\" value=\"\($1)\" />\n</appSettings>\n"
        },
        .init("makefile", "immediate", path: "Makefile", delimited: false) { "\($0.upperSnake) := \($1)\n" },
        .init("makefile", "conditional", path: "Makefile", delimited: false) { "\($0.upperSnake) ?= \($1)\n" },
        .init("makefile", "shell-assign", path: "Makefile", delimited: false) { "\($0.upperSnake) != echo \($1)\n" },
        .init("makefile", "shell-function", path: "Makefile", delimited: false) {
            "\($0.upperSnake) := $(shell echo \($1))\n"
        },
        .init("dockerfile", "env", path: "Dockerfile", delimited: false) {
            "FROM alpine:3.20\nENV \($0.upperSnake)=\($1)\n"
        },
        .init("dockerfile", "env-space", path: "Dockerfile", delimited: false) { "ENV \($0.upperSnake) \($1)\n" },
        .init("dockerfile", "arg", path: "Dockerfile", delimited: false) { "ARG \($0.upperSnake)=\($1)\n" },
        .init("kubernetes", "secret-string-data", path: "secret.yaml", delimited: false) {
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  \($0.kebab): \($1)\n"
        },
        .init("kubernetes", "container-env", path: "deployment.yaml") {
            "        env:\n          - name: \($0.upperSnake)\n            value: \"\($1)\"\n"
        },
        .init("github-actions", "env", path: ".github/workflows/ci.yml") {
            "    env:\n      \($0.upperSnake): '\($1)'\n"
        },
    ]

    static let languages: [AssignmentContext] = [
        .init("python", "constant", path: "settings.py") { "\($0.upperSnake) = \"\($1)\"\n" },
        .init("python", "keyword-argument", path: "client.py") { "client = Client(\($0.snake)='\($1)')\n" },
        .init("python", "dict", path: "config.py") { "CONFIG = {\"\($0.snake)\": \"\($1)\"}\n" },
        .init("javascript", "const", path: "config.js") { "const \($0.camel) = '\($1)';\n" },
        .init("javascript", "object", path: "config.js") { "module.exports = {\n  \($0.camel): \"\($1)\",\n};\n" },
        .init("javascript", "template", path: "config.js") { "const \($0.camel) = `\($1)`;\n" },
        .init("typescript", "typed-const", path: "config.ts") { "export const \($0.camel): string = \"\($1)\";\n" },
        .init("go", "short-declaration", path: "main.go") { "\t\($0.camel) := \"\($1)\"\n" },
        .init("go", "backticks", path: "main.go") { "\t\($0.camel) := `\($1)`\n" },
        .init("go", "const", path: "config.go") { "const \($0.pascal) = \"\($1)\"\n" },
        .init("java", "field", path: "Config.java") {
            "    private static final String \($0.upperSnake) = \"\($1)\";\n"
        },
        .init("kotlin", "val", path: "Config.kt") { "    val \($0.camel) = \"\($1)\"\n" },
        .init("kotlin", "typed-const", path: "Config.kt") { "const val \($0.upperSnake): String = \"\($1)\"\n" },
        .init("csharp", "const", path: "Config.cs") { "    public const string \($0.pascal) = \"\($1)\";\n" },
        .init("csharp", "property", path: "Options.cs") {
            "    public string \($0.pascal) { get; set; } = \"\($1)\";\n"
        },
        .init("csharp", "verbatim", path: "Program.cs") { "        var \($0.camel) = @\"\($1)\";\n" },
        .init("swift", "let", path: "Config.swift") { "    static let \($0.camel): String = \"\($1)\"\n" },
        .init("ruby", "constant", path: "config.rb") { "\($0.upperSnake) = '\($1)'\n" },
        .init("ruby", "hash-rocket", path: "config.rb") { "config = { :\($0.snake) => '\($1)' }\n" },
        .init("php", "variable", path: "config.php") { "$\($0.camel) = \"\($1)\";\n" },
        .init("php", "concatenation", path: "config.php") { "$\($0.camel) .= \"\($1)\";\n" },
        .init("php", "array", path: "config.php") { "return [\n    '\($0.snake)' => '\($1)',\n];\n" },
        .init("php", "define", path: "wp-config.php") { "define('\($0.upperSnake)', '\($1)');\n" },
        .init("rust", "const", path: "main.rs") { "const \($0.upperSnake): &str = \"\($1)\";\n" },
        .init("c", "char-array", path: "config.c") { "static const char \($0.snake)[] = \"\($1)\";\n" },
        .init("objective-c", "nsstring", path: "Config.m") { "NSString *\($0.camel) = @\"\($1)\";\n" },
        .init("perl", "my", path: "config.pl") { "my $\($0.snake) = \"\($1)\";\n" },
        .init("r", "arrow", path: "config.R") { "\($0.snake) <- \"\($1)\"\n" },
        .init("clojure", "def", path: "config.clj") { "(def \($0.kebab) \"\($1)\")\n" },
        .init("visual-basic", "dim", path: "Module1.vb") { "Dim \($0.camel) As String = \"\($1)\"\n" },
        .init("lua", "local", path: "config.lua") { "local \($0.snake) = \"\($1)\"\n" },
        .init("elixir", "config", path: "config.exs") { "config :app, \($0.snake): \"\($1)\"\n" },
    ]
}
