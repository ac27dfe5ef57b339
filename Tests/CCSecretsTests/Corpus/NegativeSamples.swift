/// Texts that look like credentials to a careless rule and are not: placeholders and template
/// references where a secret would go, environment and config lookups, documented example keys,
/// and random-looking values that are public by nature (hashes, commit ids, UUIDs, encoded text).
enum NegativeSamples {
    /// Names of settings that would hold a secret; a placeholder under any of them is not one.
    static let secretNames = [
        "api key", "auth token", "client secret", "db password", "github token", "stripe secret key",
        "airtable api key", "slack bot token", "access token", "private key",
    ].map(KeyName.init)

    /// Values that stand where a secret would go and are not one.
    static let placeholders = [
        "changeme", "xxxxxxxxxxxxxxxxxxxx", "<your-api-key>", "${API_TOKEN}", "${{ secrets.API_TOKEN }}",
        "{{ .Values.apiToken }}", "your_api_key_here", "REPLACE_ME", "********", "null", "true", "a1b2c3",
        "mysecretpassword", "%(api_token)s", "$API_TOKEN", "<API_TOKEN>", "TODO", "dummy-token-value",
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "0000000000000000", "abcdefghijklmnopqrstuvwxyz",
        "insert-your-token-here", "[REDACTED]", "", "%API_TOKEN%", "#{api_token}", "@@API_TOKEN@@",
        "/run/secrets/api_token", "~/.config/app/token.txt", "secret-key-placeholder-0000",
    ]

    /// Lines that read a secret from somewhere else instead of holding it.
    static let lookups: [(family: String, path: String, text: String)] = [
        ("python", "settings.py", "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]"),
        ("netrc", ".netrc", "machine host.domain.com login log1 password pass1 account acct1"),
        ("python", "test_urllib.py", "fp = urlopen(\"http://user:pass@python.org/\")"),
        ("swift", "Tests.swift", "\"ftp://user:password@\\(dnsName):4343/cat.txt\","),
        ("python", "settings.py", "api_token = os.getenv(\"API_TOKEN\", \"\")"),
        ("python", "client.py", "client = Client(api_key=settings.STRIPE_SECRET_KEY_V2)"),
        ("python", "auth.py", "token = secrets.token_urlsafe(32)"),
        ("python", "auth.py", "password = getpass.getpass(\"Password: \")"),
        ("python", "auth.py", "from app.security.tokens import generate_access_token, AccessToken2"),
        ("javascript", "config.js", "const apiKey = process.env.OPENAI_API_KEY;"),
        ("javascript", "config.js", "const githubToken = process.env.GITHUB_TOKEN_V2 || '';"),
        ("javascript", "auth.js", "import { refreshToken } from './auth/refreshToken2.js';"),
        ("typescript", "auth.ts", "const clientSecret: string = config.get<string>('auth.clientSecret');"),
        ("go", "main.go", "\ttoken := os.Getenv(\"GITHUB_TOKEN\")"),
        ("go", "main.go", "\timport \"github.com/golang-jwt/jwt/v5/token\""),
        ("go", "main.go", "\tsecret, err := vault.Read(ctx, \"kv/data/app/secret2\")"),
        ("java", "Config.java", "    private final String apiKey = System.getenv(\"API_KEY\");"),
        ("java", "Config.java", "    @Value(\"${app.security.jwt-secret}\") private String jwtSecret;"),
        ("kotlin", "Config.kt", "    val apiToken = BuildConfig.API_TOKEN_V2"),
        ("csharp", "Startup.cs", "        var clientSecret = Configuration[\"AzureAd:ClientSecret\"];"),
        ("csharp", "Startup.cs", "        var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\");"),
        ("ruby", "config.rb", "  config.secret_key_base = ENV.fetch(\"SECRET_KEY_BASE\")"),
        ("ruby", "config.rb", "  api_key = Rails.application.credentials.dig(:stripe, :secret_key)"),
        ("php", "config.php", "    'secret' => env('STRIPE_SECRET'),"),
        ("php", "config.php", "$password = getenv('DB_PASSWORD');"),
        ("shell", "deploy.sh", "export GITHUB_TOKEN=$(gh auth token)"),
        ("shell", "deploy.sh", "export AWS_SECRET_ACCESS_KEY=\"$(vault kv get -field=secret aws/creds)\""),
        ("shell", "deploy.sh", "TOKEN=$(cat /run/secrets/api_token)"),
        ("yaml", "ci.yml", "      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"),
        ("yaml", "values.yaml", "  apiKey: {{ .Values.apiKey | quote }}"),
        (
            "kubernetes", "deployment.yaml",
            "              secretKeyRef:\n                name: app-secrets\n                key: api-token"
        ),
        ("hcl", "main.tf", "  client_secret = var.client_secret"),
        ("hcl", "main.tf", "  password      = random_password.db.result"),
        ("dockerfile", "Dockerfile", "ARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}"),
        ("makefile", "Makefile", "API_TOKEN ?= $(shell cat .token)"),
        ("swift", "Config.swift", "    let token = ProcessInfo.processInfo.environment[\"API_TOKEN\"]"),
        ("rust", "main.rs", "    let api_key = std::env::var(\"API_KEY\").expect(\"API_KEY\");"),
        ("json", "package.json", "  \"scripts\": { \"token\": \"node scripts/print-token.js\" },"),
        ("xml", "pom.xml", "  <password>${env.MAVEN_PASSWORD}</password>"),
        ("ini", "setup.cfg", "password = %(DB_PASSWORD)s"),
        ("env", ".env.example", "STRIPE_SECRET_KEY=sk_test_your_key_here"),
        ("markdown", "README.md", "Set `OPENAI_API_KEY` to your key, e.g. `export OPENAI_API_KEY=sk-...`."),
        ("python", "test_auth.py", "assert token == \"expected-token\""),
        // Program source: an unquoted right-hand side is an expression (a type, a variable, a call).
        ("swift", "Signer.swift", "    var signingKey: Curve25519SigningKey2"),
        ("swift", "Signer.swift", "    init(privateKey: ed448PrivateKeyBytes) throws {"),
        ("swift", "Fixtures.swift", "    static let key3 = Fixtures._certAndKey3.1"),
        ("kotlin", "Keys.kt", "    private val key: MLKEM768PublicKey"),
        ("python", "test_parser.py", "        pass_node = module.body[12]"),
        ("python", "crypto.py", "EVP_PKEY_CTX2 = evp_pkey_ctx_st"),
        // An unquoted value after a comma is the next argument, not the setting's value.
        ("python", "test_proc.py", "        self.check(code='pass', exitcode=0, timeout=12.5)"),
        ("python", "request.py", "    def add_password(self, realm, uri, user, passwd, is_authenticated=False):"),
        // host:port beside a password setting is a server address.
        ("python", "test_urls.py", "        self.assertEqual(split(url), ('user', 'password', 'db.example.org:5432'))"),
    ]

    /// Random-looking values that are public, each with a name that says what it is.
    static func lookAlikes(_ g: inout FakeCredential) -> [(name: KeyName, value: String)] {
        [
            (KeyName("commit sha"), g.hex(40)),
            (KeyName("base commit"), g.hex(40)),
            (KeyName("sha256 checksum"), g.hex(64)),
            (KeyName("token hash"), g.hex(64)),
            (KeyName("password digest"), g.hex(64)),
            (KeyName("file md5"), g.hex(32)),
            (KeyName("request id"), g.uuid()),
            (KeyName("tenant id"), g.uuid()),
            (KeyName("correlation id"), g.uuid().uppercased()),
            (KeyName("encoded body"), Corpus.base64(Corpus.proseLine(&g))),
            (KeyName("description b64"), Corpus.base64(Corpus.proseLine(&g))),
            (KeyName("module path"), "github.com/acme/auth-token-service/internal/tokens/v2"),
            (KeyName("image"), "ghcr.io/acme/api@sha256:" + g.hex(64)),
            (KeyName("integrity"), "sha512-" + g.base64(86) + "=="),
            (KeyName("build version"), "v2." + g.digits(2) + "." + g.digits(1) + "-rc." + g.digits(1)),
            (KeyName("public key"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.base64(43) + " deploy@ci"),
            (KeyName("stripe publishable key"), "pk_live_" + g.alnum(24)),
            (KeyName("token endpoint"), "https://login.example.com/oauth2/v2.0/token"),
            (KeyName("secret name"), "prod/app/database-credentials"),
            (KeyName("key file"), "/etc/ssl/private/server-2024.key"),
            (KeyName("password policy"), "min_length=12,require_digit=true"),
            (KeyName("api key header"), "X-Api-Key"),
            (KeyName("auth token ttl"), g.digits(4)),
            (KeyName("color"), "#" + g.hex(6)),
        ]
    }
}
