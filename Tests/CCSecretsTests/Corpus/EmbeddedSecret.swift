/// A secret that carries its own context: a URL with a password, a connection string, a webhook,
/// a header, or a multi-line key block. It is written as it stands and inside a few containers.
struct EmbeddedSecret {
    var ruleID: String
    /// Whether the text spans lines (a key block), so it can only be written raw, JSON-escaped or as
    /// a YAML block scalar.
    var isBlock: Bool
    var make: (inout FakeCredential) -> String

    init(_ ruleID: String, block: Bool = false, _ make: @escaping (inout FakeCredential) -> String) {
        self.ruleID = ruleID
        self.isBlock = block
        self.make = make
    }
}

extension EmbeddedSecret {
    static var all: [EmbeddedSecret] { urlsAndConnectionStrings + headersAndFiles + keyBlocks }

    static var urlsAndConnectionStrings: [EmbeddedSecret] {
        [
            .init("azure-storage-connection-string") {
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + $0.base64(86) + "==;EndpointSuffix=x"
            },
            .init("azure-cosmosdb-connection-string") {
                "AccountEndpoint=https://db.documents.azure.com:443/;AccountKey=" + $0.base64(86) + "==;"
            },
            .init("azure-sas-token") {
                "https://x.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=" + $0.alnum(44) + "%3D"
            },
            .init("zapier-webhook-url") {
                "https://hooks.zapier.com/hooks/catch/" + $0.digits(7) + "/" + $0.lower(7) + "/"
            },
            .init("slack-webhook-url") {
                "https://hooks.slack.com/services/T" + $0.upper(10) + "/B" + $0.upper(10) + "/" + $0.alnum(24)
            },
            .init("discord-webhook-url") { "https://discord.com/api/webhooks/" + $0.digits(18) + "/" + $0.urlSafe(68) },
            .init("microsoft-teams-webhook-url") {
                "https://contoso.webhook.office.com/webhookb2/" + $0.uuid() + "@" + $0.uuid() + "/IncomingWebhook/"
                    + $0.hex(32) + "/" + $0.uuid()
            },
            .init("sidekiq-sensitive-url") { "https://" + $0.hex(8) + ":" + $0.hex(8) + "@gems.contribsys.com/" },
            .init("postgres-connection-string") { "postgres://app:" + $0.alnum(16) + "@db.internal:5432/app" },
            .init("mysql-connection-string") { "mysql://root:" + $0.alnum(16) + "@localhost:3306/db" },
            .init("mongodb-connection-string") { "mongodb+srv://admin:" + $0.alnum(16) + "@cluster0.mongodb.net/db" },
            .init("redis-connection-string") { "redis://:" + $0.alnum(16) + "@cache:6379/0" },
            .init("amqp-connection-string") { "amqp://guest:" + $0.alnum(16) + "@rabbit:5672/" },
            .init("mssql-connection-string") { "mssql://sa:" + $0.alnum(16) + "@sql:1433/db" },
            .init("oracle-connection-string") { "oracle://scott:" + $0.alnum(16) + "@ora:1521/orcl" },
            .init("clickhouse-connection-string") { "clickhouse://default:" + $0.alnum(16) + "@ch:9000/db" },
            .init("neo4j-connection-string") { "neo4j+s://neo4j:" + $0.alnum(16) + "@graph.internal" },
            .init("snowflake-connection-string") { "snowflake://user:" + $0.alnum(16) + "@acct/db" },
            .init("cassandra-connection-string") { "cassandra://cass:" + $0.alnum(16) + "@node1:9042/ks" },
            .init("jdbc-password") { "jdbc:sqlserver://db:1433;user=sa;password=" + $0.alnum(16) + ";" },
            .init("jdbc-url-credentials") { "jdbc:mysql://app:" + $0.alnum(16) + "@db:3306/app" },
            .init("ado-net-connection-string") {
                "Server=tcp:db.internal,1433;Database=app;User ID=app;Password=" + $0.alnum(16) + ";"
            },
            .init("url-credentials") { "https://deploy:" + $0.alnum(20) + "@git.internal/repo.git" },
            .init("gitlab-session-cookie") { "_gitlab_session=" + $0.hex(32) },
        ]
    }

    static var headersAndFiles: [EmbeddedSecret] {
        [
            .init("gcp-service-account-key-id") { "\"private_key_id\": \"" + $0.hex(40) + "\"" },
            .init("google-oauth-access-token") { "Bearer ya29." + $0.urlSafe(60) },
            .init("firebase-cloud-messaging-key") { "AAAA" + $0.urlSafe(7) + ":APA91b" + $0.urlSafe(134) },
            .init("age-secret-key") { "AGE-SECRET-KEY-1" + $0.from("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) },
            .init("onepassword-secret-key") {
                "A3-" + $0.upper(6) + "-" + $0.upper(11) + "-" + $0.upper(5) + "-" + $0.upper(5) + "-" + $0.upper(5)
            },
            .init("npmrc-auth-token") { "//registry.npmjs.org/:_authToken=" + $0.urlSafe(36) },
            .init("docker-config-auth") { "{\"auths\": {\"r.io\": {\"auth\": \"" + $0.base64(32) + "\"}}}" },
            .init("authorization-bearer-token") { "Authorization: Bearer " + $0.urlSafe(40) },
            .init("authorization-basic-credentials") { "Authorization: Basic " + $0.base64(28) + "=" },
            .init("curl-user-password") { "curl -u deploy:" + $0.alnum(16) + " https://api.internal" },
            .init("authorization-bearer-token") {
                "curl -H \"Authorization: Bearer " + $0.urlSafe(40) + "\" https://api.internal/v1"
            },
            .init("netrc-password") { "machine api.internal login deploy password " + $0.alnum(16) },
            .init("htpasswd-apr1-hash") { "admin:$apr1$" + $0.alnum(8) + "$" + $0.alnum(22) },
            .init("kafka-jaas-password") {
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\""
                    + $0.alnum(16) + "\";"
            },
            .init("nuget-config-password") {
                "<add key=\"ClearTextPassword\" value=\"" + $0.alnum(16) + "\" />"
            },
            .init("kubeconfig-client-key-data") { "client-key-data: " + $0.base64(80) + "==" },
        ]
    }

    static var keyBlocks: [EmbeddedSecret] {
        func pem(_ label: String, _ g: inout FakeCredential, lines: Int = 4) -> String {
            var text = "-----BEGIN \(label)-----\n"
            for _ in 0..<lines { text += g.base64(64) + "\n" }
            return text + "-----END \(label)-----"
        }
        return [
            .init("private-key-rsa", block: true) { pem("RSA PRIVATE KEY", &$0) },
            .init("private-key-ec", block: true) { pem("EC PRIVATE KEY", &$0) },
            .init("private-key-dsa", block: true) { pem("DSA PRIVATE KEY", &$0) },
            .init("private-key-pkcs8", block: true) { pem("PRIVATE KEY", &$0) },
            .init("private-key-pkcs8", block: true) { pem("ENCRYPTED PRIVATE KEY", &$0) },
            .init("private-key-openssh", block: true) { pem("OPENSSH PRIVATE KEY", &$0, lines: 6) },
            .init("private-key-other", block: true) { pem("X509 CRL PRIVATE KEY", &$0) },
            .init("private-key-pgp", block: true) {
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Fake 1\n\n" + $0.base64(64) + "\n" + $0.base64(64)
                    + "\n=" + $0.alnum(4) + "\n-----END PGP PRIVATE KEY BLOCK-----"
            },
            .init("private-key-putty", block: true) {
                "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: fake\nPublic-Lines: 2\n" + $0.base64(64)
                    + "\n" + $0.base64(20) + "\nPrivate-Lines: 1\n" + $0.base64(44) + "\nPrivate-MAC: " + $0.hex(64)
            },
            .init("private-key-ssh2-encrypted", block: true) {
                "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n" + $0.base64(64) + "\n" + $0.base64(64)
                    + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----"
            },
            .init("kubernetes-secret-manifest", block: true) {
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ntype: Opaque\ndata:\n  tls.key: "
                    + Corpus.base64($0.alnum(30))
            },
            .init("kubernetes-secret-manifest", block: true) {
                "apiVersion: v1\ndata:\n  db-pass: " + Corpus.base64($0.alnum(18))
                    + "\nkind: Secret\nmetadata:\n  name: db"
            },
        ]
    }
}
