import Testing

/// One built-in rule with text it must flag and near-miss text it must not.
struct RuleSample: Sendable, CustomTestStringConvertible {
    var ruleID: String
    var truePositive: String
    var falsePositive: String
    var testDescription: String { ruleID }
}

extension RuleSample {
    /// A sample for every built-in rule. True positives are assembled from random characters of the
    /// documented shape; false positives are placeholders, wrong lengths or wrong alphabets.
    static let all: [RuleSample] = {
        var g = FakeCredential(seed: 2024)
        let q = "\""
        let cloud: [RuleSample] = [
            // Cloud providers
            s(
                "aws-access-key-id", "aws_key = \"AKIA" + g.base32(16) + q,
                "AKIA lowercase example akiaabcdefghijklmnop"),
            s(
                "aws-secret-access-key", "aws_secret_access_key = " + q + g.base64(40) + q,
                "aws_secret_access_key = " + env),
            s("aws-session-token", "AWS_SESSION_TOKEN=" + g.base64(120), "AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}"),
            s("aws-mws-key", "mws = amzn.mws." + g.uuid(), "amzn.mws.not-a-uuid"),
            s("aws-bedrock-api-key", "key: ABSK" + g.base64(120), "ABSK is the prefix of Bedrock keys"),
            s("gcp-api-key", "apiKey: \"AIza" + g.urlSafe(35) + q, "AIza" + g.alnum(20)),
            s("gcp-service-account-key-id", "\"private_key_id\": \"" + g.hex(40) + q, "\"private_key_id\": \"\""),
            s("gcp-oauth-client-secret", "secret: GOCSPX-" + g.urlSafe(28), "GOCSPX-short"),
            s("google-oauth-access-token", "Bearer ya29." + g.urlSafe(60), "ya29.short"),
            s("google-oauth-refresh-token", "refresh = 1//0" + g.urlSafe(60), "x = 1//0 + 2"),
            s("firebase-cloud-messaging-key", "AAAA" + g.urlSafe(7) + ":APA91b" + g.urlSafe(134), "AAAA:APA91b"),
            s(
                "azure-storage-connection-string",
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + g.base64(86) + "==;EndpointSuffix=x",
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=<key>"),
            s(
                "azure-cosmosdb-connection-string",
                "AccountEndpoint=https://db.documents.azure.com:443/;AccountKey=" + g.base64(86) + "==;",
                "AccountEndpoint=https://db.documents.azure.com:443/;AccountKey=;"),
            s(
                "azure-sas-token", "https://x.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=" + g.alnum(44) + "%3D",
                "https://x.blob.core.windows.net/c?sv=2022-11-02&sig=short"),
            s(
                "azure-ad-client-secret", "client_secret = \"" + g.alnum(3) + "8Q~" + g.alnum(34) + q,
                "value = \"abc8Q~short\""),
            s("azure-devops-pat", "pat: " + g.alnum(76) + "AZDO" + g.alnum(4), "AZDO pipelines " + g.alnum(20)),
            s("azure-function-key", "x-functions-key: " + g.urlSafe(54) + "==", "x-functions-key: {key}"),
            s("azure-openai-key", "AZURE_OPENAI_KEY = \"" + g.hex(32) + q, "AZURE_OPENAI_KEY = " + env),
            s("alibaba-access-key-id", "id = LTAI" + g.alnum(20), "LTAI docs"),
            s("alibaba-secret-key", "alibaba_access_secret = \"" + g.alnum(30) + q, "alibaba_access_secret = " + env),
            s("tencent-secret-id", "SecretId: AKID" + g.alnum(32), "AKID" + g.alnum(10)),
            s("digitalocean-pat", "token = dop_v1_" + g.hex(64), "dop_v1_" + g.hex(20)),
            s("digitalocean-oauth-token", "token = doo_v1_" + g.hex(64), "doo_v1_" + g.hex(20)),
            s("digitalocean-refresh-token", "token = dor_v1_" + g.hex(64), "dor_v1_" + g.hex(20)),
            s("ibm-cloud-api-key", "IBM_CLOUD_APIKEY=\"" + g.urlSafe(44) + q, "IBM_CLOUD_APIKEY=" + env),
            s("heroku-api-key", "HEROKU_API_KEY=HRKU-AA" + g.urlSafe(58), "HRKU-AA" + g.alnum(10)),
            s("heroku-api-key-legacy", "heroku_api_key: " + g.uuid(), "heroku_api_key: " + env),
            s("cloudflare-api-token", "CLOUDFLARE_API_TOKEN=\"" + g.urlSafe(40) + q, "CLOUDFLARE_API_TOKEN=" + env),
            s("cloudflare-origin-ca-key", "key = v1.0-" + g.hex(24) + "-" + g.hex(146), "v1.0-" + g.hex(24)),
            s("fastly-api-token", "FASTLY_API_TOKEN: " + g.urlSafe(32), "FASTLY_API_TOKEN: " + env),
            s("linode-api-token", "LINODE_TOKEN=" + g.hex(64), "LINODE_TOKEN=" + env),
            s("vultr-api-key", "VULTR_API_KEY=" + g.upper(36), "VULTR_API_KEY=" + env),
            s("scaleway-secret-key", "SCW_SECRET_KEY=" + g.uuid(), "SCW_SECRET_KEY=" + env),
            s("hashicorp-vault-service-token", "VAULT_TOKEN=hvs." + g.urlSafe(100), "hvs.short"),
            s("hashicorp-vault-batch-token", "VAULT_TOKEN=hvb." + g.urlSafe(150), "hvb.short"),
            s("terraform-cloud-token", "token = \"" + g.alnum(14) + ".atlasv1." + g.urlSafe(67) + q, "atlasv1 docs"),
            s("pulumi-access-token", "PULUMI_ACCESS_TOKEN=pul-" + g.hex(40), "pul-" + g.hex(10)),
            s("doppler-token", "DOPPLER_TOKEN=dp.pt." + g.alnum(43), "dp.pt.short"),
            s("defined-networking-token", "DN_API_KEY=dnkey-" + g.upper(26) + "-" + g.upper(52), "dnkey-" + g.upper(8)),
            s("netlify-pat", "NETLIFY_AUTH_TOKEN=nfp_" + g.alnum(36), "nfp_" + g.alnum(10)),
            s("vercel-token", "VERCEL_TOKEN=" + g.alnum(24), "VERCEL_TOKEN=" + env),
            s("flyio-token", "FLY_API_TOKEN=\"FlyV1 fm2_" + g.base64(120) + q, "FlyV1 fm2_short"),
            s("supabase-access-token", "SUPABASE_ACCESS_TOKEN=sbp_" + g.hex(40), "sbp_" + g.hex(10)),
            s("supabase-secret-key", "key = sb_secret_" + g.urlSafe(40), "sb_secret_" + g.alnum(8)),
            s("planetscale-password", "password: pscale_pw_" + g.urlSafe(43), "pscale_pw_" + g.alnum(8)),
            s("planetscale-token", "token: pscale_tkn_" + g.urlSafe(43), "pscale_tkn_" + g.alnum(8)),
            s("planetscale-oauth-token", "token: pscale_oauth_" + g.urlSafe(43), "pscale_oauth_" + g.alnum(8)),
            s("databricks-token", "DATABRICKS_TOKEN=dapi" + g.hex(32), "dapi" + g.hex(8)),
            s("confluent-api-secret", "confluent_api_secret = \"" + g.base64(64) + q, "confluent_api_secret = " + env),
            s("yandex-api-key", "api_key = AQVN" + g.urlSafe(36), "AQVN" + g.alnum(8)),
            s("yandex-iam-token", "token = t1." + g.urlSafe(40) + "." + g.urlSafe(86), "t1.start()"),
            s(
                "age-secret-key", "AGE-SECRET-KEY-1" + g.from("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
                "AGE-SECRET-KEY-1 is the prefix"),
            s("dynatrace-api-token", "DT_API_TOKEN=dt0c01." + g.upper(24) + "." + g.upper(64), "dt0c01." + g.upper(8)),
        ]
        return cloud + sourceHostSamples(&g) + aiAndPaymentSamples(&g) + messagingSamples(&g)
            + registryAndDatabaseSamples(&g)
            + keyAndGenericSamples(&g) + multiLineSettingSamples(&g)
    }()
}
