extension RuleSample {
    static func registryAndDatabaseSamples(_ g: inout FakeCredential) -> [RuleSample] {
        let password = g.alnum(16)
        return [
            s("npm-access-token", "NPM_TOKEN=npm_" + g.alnum(36), "npm_" + g.alnum(10)),
            s(
                "npmrc-auth-token", "//registry.npmjs.org/:_authToken=" + g.urlSafe(36),
                "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
            s("pypi-upload-token", "password = pypi-AgEIcHlwaS5vcmc" + g.urlSafe(70), "pypi-AgEIcHlwaS5vcmc"),
            s(
                "pypi-test-upload-token", "password = pypi-AgENdGVzdC5weXBpLm9yZw" + g.urlSafe(70),
                "pypi-AgENdGVzdC5weXBpLm9yZw"),
            s("rubygems-api-key", "GEM_HOST_API_KEY=rubygems_" + g.hex(48), "rubygems_" + g.hex(8)),
            s("nuget-api-key", "NUGET_API_KEY=oy2" + g.lower(43), "oy2" + g.lower(8)),
            s("dockerhub-pat", "DOCKER_TOKEN=dckr_pat_" + g.urlSafe(27), "dckr_pat_" + g.alnum(8)),
            s("dockerhub-oat", "DOCKER_TOKEN=dckr_oat_" + g.urlSafe(32), "dckr_oat_" + g.alnum(8)),
            s(
                "docker-config-auth", "{\"auths\": {\"r.io\": {\"auth\": \"" + g.base64(32) + "\"}}}",
                "{\"auth\": \"\"}"),
            s("cargo-registry-token", "CARGO_REGISTRY_TOKEN=cio" + g.alnum(32), "precious cio" + g.alnum(8)),
            s("clojars-deploy-token", "CLOJARS_PASSWORD=CLOJARS_" + g.lower(60), "CLOJARS_" + g.lower(8)),
            s("hex-pm-api-key", "HEX_API_KEY=" + g.hex(32), "HEX_API_KEY=" + env),
            s("packagist-token", "PACKAGIST_TOKEN=" + g.alnum(20), "PACKAGIST_TOKEN=" + env),
            s("cocoapods-trunk-token", "COCOAPODS_TRUNK_TOKEN=" + g.hex(32), "COCOAPODS_TRUNK_TOKEN=" + env),
            s("gradle-credential", "ossrhPassword=" + g.alnum(20), "ossrhPassword=${OSSRH_PASSWORD}"),
            // Databases and connection strings
            s(
                "postgres-connection-string", "DATABASE_URL=postgres://app:" + password + "@db.internal:5432/app",
                "postgres://app@db.internal/app"),
            s(
                "mysql-connection-string", "mysql://root:" + g.alnum(16) + "@localhost:3306/db",
                "mysql://root@localhost/db"),
            s(
                "mongodb-connection-string", "mongodb+srv://admin:" + g.alnum(16) + "@cluster0.example.net/db",
                "mongodb+srv://cluster0.example.net/db"),
            s("redis-connection-string", "REDIS_URL=redis://:" + g.alnum(16) + "@cache:6379/0", "redis://cache:6379/0"),
            s("amqp-connection-string", "amqp://guest:" + g.alnum(16) + "@rabbit:5672/", "amqp://rabbit:5672/"),
            s("mssql-connection-string", "mssql://sa:" + g.alnum(16) + "@sql:1433/db", "mssql://sql:1433/db"),
            s("oracle-connection-string", "oracle://scott:" + g.alnum(16) + "@ora:1521/orcl", "oracle://ora:1521/orcl"),
            s(
                "clickhouse-connection-string", "clickhouse://default:" + g.alnum(16) + "@ch:9000/db",
                "clickhouse://ch:9000/db"),
            s(
                "neo4j-connection-string", "neo4j+s://neo4j:" + g.alnum(16) + "@graph.example.io",
                "neo4j+s://graph.example.io"),
            s("snowflake-connection-string", "snowflake://user:" + g.alnum(16) + "@acct/db", "snowflake://acct/db"),
            s(
                "cassandra-connection-string", "cassandra://cass:" + g.alnum(16) + "@node1:9042/ks",
                "cassandra://node1:9042/ks"),
            s(
                "jdbc-password", "jdbc:sqlserver://db:1433;user=sa;password=" + g.alnum(16) + ";",
                "jdbc:sqlserver://db:1433;integratedSecurity=true;"),
            s("jdbc-url-credentials", "jdbc:mysql://app:" + g.alnum(16) + "@db:3306/app", "jdbc:mysql://db:3306/app"),
            s(
                "ado-net-connection-string",
                "Server=tcp:db.example.net,1433;Database=app;User ID=app;Password=" + g.alnum(16) + ";",
                "Server=tcp:db.example.net,1433;Database=app;Integrated Security=true;"),
            s(
                "url-credentials", "git clone https://deploy:" + g.alnum(20) + "@git.example.com/repo.git",
                "https://git.example.com/repo.git"),
            s(
                "kafka-jaas-password",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\""
                    + g.alnum(16) + "\";",
                "sasl.jaas.config=${JAAS_CONFIG}"),
            s(
                "netrc-password", "machine api.example.com login deploy password " + g.alnum(16),
                "machine learning models"),
            s("htpasswd-apr1-hash", "admin:$apr1$" + g.alnum(8) + "$" + g.alnum(22), "admin:$apr1$"),
        ]
    }

    static func keyAndGenericSamples(_ g: inout FakeCredential) -> [RuleSample] {
        func block(_ label: String, lines: Int = 4) -> String {
            var text = "-----BEGIN \(label)-----\n"
            for _ in 0..<lines { text += g.base64(64) + "\n" }
            return text + "-----END \(label)-----\n"
        }
        let dashes = "-----"
        return [
            s(
                "private-key-rsa", block("RSA PRIVATE KEY"),
                dashes + "BEGIN RSA PRIVATE KEY" + dashes + "\n...\n" + dashes + "END RSA PRIVATE KEY" + dashes),
            s(
                "private-key-ec", block("EC PRIVATE KEY"),
                dashes + "BEGIN EC PRIVATE KEY" + dashes + "\n" + dashes + "END EC PRIVATE KEY" + dashes),
            s(
                "private-key-dsa", block("DSA PRIVATE KEY"),
                dashes + "BEGIN DSA PRIVATE KEY" + dashes + " (placeholder)"),
            s(
                "private-key-pkcs8",
                "{\"private_key\": \"" + dashes + "BEGIN PRIVATE KEY" + dashes + "\\n" + g.base64(64) + "\\n"
                    + g.base64(64)
                    + "\\n" + dashes + "END PRIVATE KEY" + dashes + "\\n\"}",
                dashes + "BEGIN PUBLIC KEY" + dashes + "\n" + g.base64(64) + "\n" + dashes + "END PUBLIC KEY" + dashes),
            s(
                "private-key-openssh", block("OPENSSH PRIVATE KEY", lines: 6),
                dashes + "BEGIN OPENSSH PRIVATE KEY" + dashes + "\nredacted\n"),
            s(
                "private-key-pgp",
                dashes + "BEGIN PGP PRIVATE KEY BLOCK" + dashes + "\nVersion: Fake 1\n\n" + g.base64(64) + "\n"
                    + g.base64(64) + "\n="
                    + g.alnum(4) + "\n" + dashes + "END PGP PRIVATE KEY BLOCK" + dashes + "\n",
                dashes + "BEGIN PGP PUBLIC KEY BLOCK" + dashes + "\n" + g.base64(64) + "\n" + dashes
                    + "END PGP PUBLIC KEY BLOCK" + dashes),
            s(
                "private-key-putty",
                "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: fake\nPublic-Lines: 2\n" + g.base64(64)
                    + "\n"
                    + g.base64(20) + "\nPrivate-Lines: 1\n" + g.base64(44) + "\nPrivate-MAC: " + g.hex(64) + "\n",
                "PuTTY-User-Key-File-3: ssh-ed25519\nPublic-Lines: 2\n"),
            s(
                "private-key-ssh2-encrypted",
                "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n" + g.base64(64) + "\n" + g.base64(64)
                    + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n",
                "---- BEGIN SSH2 PUBLIC KEY ----\n" + g.base64(64) + "\n---- END SSH2 PUBLIC KEY ----"),
            s(
                "kubeconfig-client-key-data", "    client-key-data: " + g.base64(80) + "==",
                "    client-key-data: <base64>"),
            s(
                "jwt", "Authorization: " + "eyJ" + g.urlSafe(20) + ".eyJ" + g.urlSafe(40) + "." + g.urlSafe(43),
                "eyJhbGciOiJIUzI1NiJ9 is a JWT header"),
            s("generic-api-key", "API_KEY = \"" + g.alnum(32) + "\"", "api_key = \"your_api_key_goes_here\""),
            s("generic-password", "db_password = \"" + g.alnum(12) + "!\"", "password = \"changeme123\""),
            s("generic-env-secret", "STRIPE_SECRET=" + g.alnum(28), "STRIPE_SECRET=replace-me"),
            s(
                "authorization-bearer-token", "headers = {\"Authorization\": \"Bearer " + g.urlSafe(40) + "\"}",
                "Authorization: Bearer {token}"),
            s(
                "authorization-basic-credentials", "Authorization: Basic " + g.base64(28) + "=",
                "Authorization: Basic realm=\"x\""),
            s(
                "curl-user-password", "curl -u deploy:" + g.alnum(16) + " https://api.example.com",
                "curl -u \"$USER:$PASS\" https://x"),
            s(
                "ansible-password", "ansible_become_password: " + g.alnum(16),
                "ansible_become_password: \"{{ vault_pw }}\""),
        ]
    }
}
