extension RuleSample {
    static func aiAndPaymentSamples(_ g: inout FakeCredential) -> [RuleSample] {
        [
            s(
                "anthropic-api-key", "ANTHROPIC_API_KEY=sk-ant-api03-" + g.urlSafe(93) + "AA",
                "sk-ant-api03-" + g.alnum(20)),
            s(
                "anthropic-admin-key", "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-" + g.urlSafe(93) + "AA",
                "sk-ant-admin01-" + g.alnum(20)),
            s("anthropic-oauth-token", "token=sk-ant-oat01-" + g.urlSafe(90), "sk-ant-oat01-" + g.alnum(20)),
            s(
                "openai-api-key", "OPENAI_API_KEY=sk-proj-" + g.urlSafe(40) + "T3BlbkFJ" + g.urlSafe(40),
                "OPENAI_API_KEY=sk-proj-" + g.alnum(20)),
            s("huggingface-access-token", "HF_TOKEN=hf_" + g.letters(34), "hf_" + g.letters(10)),
            s("huggingface-org-token", "token=api_org_" + g.letters(34), "api_org_" + g.letters(10)),
            s("cohere-api-key", "COHERE_API_KEY=" + g.alnum(40), "COHERE_API_KEY=" + env),
            s("groq-api-key", "GROQ_API_KEY=gsk_" + g.alnum(52), "gsk_" + g.alnum(10)),
            s("replicate-api-token", "REPLICATE_API_TOKEN=r8_" + g.alnum(37), "r8_" + g.alnum(10)),
            s("perplexity-api-key", "PPLX_API_KEY=pplx-" + g.alnum(48), "pplx-" + g.alnum(10)),
            s("xai-api-key", "XAI_API_KEY=xai-" + g.alnum(80), "xai-" + g.alnum(10)),
            s("mistral-api-key", "MISTRAL_API_KEY=" + g.alnum(32), "MISTRAL_API_KEY=" + env),
            s("deepseek-api-key", "DEEPSEEK_API_KEY=sk-" + g.hex(32), "DEEPSEEK_API_KEY=" + env),
            s("together-api-key", "TOGETHER_API_KEY=" + g.hex(64), "TOGETHER_API_KEY=" + env),
            s("openrouter-api-key", "OPENROUTER_API_KEY=sk-or-v1-" + g.hex(64), "sk-or-v1-" + g.hex(10)),
            s("langsmith-api-key", "LANGSMITH_API_KEY=lsv2_pt_" + g.hex(32) + "_" + g.hex(10), "lsv2_pt_" + g.hex(8)),
            s("pinecone-api-key", "PINECONE_API_KEY=pcsk_" + g.alnum(6) + "_" + g.alnum(64), "pcsk_" + g.alnum(6)),
            s("elevenlabs-api-key", "ELEVENLABS_API_KEY=sk_" + g.hex(48), "ELEVENLABS_API_KEY=" + env),
            s("assemblyai-api-key", "ASSEMBLYAI_API_KEY=" + g.hex(32), "ASSEMBLYAI_API_KEY=" + env),
            s("wandb-api-key", "WANDB_API_KEY=" + g.hex(40), "WANDB_API_KEY=" + env),
            s("stability-api-key", "STABILITY_API_KEY=sk-" + g.alnum(48), "STABILITY_API_KEY=" + env),
            // Payment
            s("stripe-secret-key", "stripe.api_key = \"sk_live_" + g.alnum(24) + "\"", "sk_live_" + g.alnum(8)),
            s("stripe-restricted-key", "key = rk_live_" + g.alnum(24), "rk_live_" + g.alnum(8)),
            s("stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET=whsec_" + g.alnum(32), "whsec_" + g.alnum(8)),
            s("square-access-token", "SQUARE_ACCESS_TOKEN=EAAA" + g.urlSafe(60), "EAAA" + g.alnum(8)),
            s("square-legacy-access-token", "token = sq0atp-" + g.urlSafe(22), "sq0atp-" + g.alnum(8)),
            s("square-oauth-secret", "secret = sq0csp-" + g.urlSafe(43), "sq0csp-" + g.alnum(8)),
            s(
                "braintree-access-token", "token = access_token$production$" + g.lower(16) + "$" + g.hex(32),
                "access_token$production$"),
            s("braintree-private-key", "BRAINTREE_PRIVATE_KEY=" + g.hex(32), "BRAINTREE_PRIVATE_KEY=" + env),
            s("paypal-client-secret", "PAYPAL_CLIENT_SECRET=" + g.urlSafe(80), "PAYPAL_CLIENT_SECRET=" + env),
            s("adyen-api-key", "ADYEN_API_KEY=AQE" + g.base64(100), "ADYEN_API_KEY=" + env),
            s("shopify-access-token", "token = shpat_" + g.hex(32), "shpat_" + g.hex(8)),
            s("shopify-custom-app-token", "token = shpca_" + g.hex(32), "shpca_" + g.hex(8)),
            s("shopify-private-app-token", "token = shppa_" + g.hex(32), "shppa_" + g.hex(8)),
            s("shopify-shared-secret", "secret = shpss_" + g.hex(32), "shpss_" + g.hex(8)),
            s("razorpay-key", "RAZORPAY_KEY=rzp_live_" + g.alnum(14), "rzp_live_" + g.alnum(5)),
            s("flutterwave-secret-key", "FLW_SECRET=FLWSECK-" + g.hex(32) + "-X", "FLWSECK-" + g.hex(8)),
            s("plaid-access-token", "token = access-sandbox-" + g.uuid(), "access-sandbox-" + g.hex(8)),
            s("plaid-secret", "PLAID_SECRET=" + g.hex(30), "PLAID_SECRET=" + env),
            s("gocardless-access-token", "GOCARDLESS_TOKEN=live_" + g.urlSafe(40), "GOCARDLESS_TOKEN=" + env),
            s("mollie-api-key", "MOLLIE_API_KEY=live_" + g.alnum(30), "MOLLIE_API_KEY=" + env),
            s("coinbase-api-secret", "COINBASE_API_SECRET=" + g.base64(64), "COINBASE_API_SECRET=" + env),
            s("shippo-api-token", "SHIPPO_TOKEN=shippo_live_" + g.hex(40), "shippo_live_" + g.hex(8)),
            s("easypost-api-key", "EASYPOST_API_KEY=EZAK" + g.alnum(54), "EZAK" + g.alnum(8)),
        ]
    }

    static func messagingSamples(_ g: inout FakeCredential) -> [RuleSample] {
        [
            s(
                "slack-bot-token", "SLACK_BOT_TOKEN=xoxb-" + g.digits(12) + "-" + g.digits(12) + "-" + g.alnum(24),
                "xoxb-" + g.digits(5)),
            s(
                "slack-user-token",
                "token=xoxp-" + g.digits(12) + "-" + g.digits(12) + "-" + g.digits(12) + "-" + g.hex(32),
                "xoxp-" + g.digits(5)),
            s(
                "slack-app-token", "SLACK_APP_TOKEN=xapp-1-" + g.upper(11) + "-" + g.digits(13) + "-" + g.hex(64),
                "xapp-1-"),
            s("slack-config-token", "token=xoxe.xoxp-1-" + g.upper(164), "xoxe.xoxp-1-" + g.upper(8)),
            s(
                "slack-legacy-token",
                "token=xoxs-" + g.digits(10) + "-" + g.digits(10) + "-" + g.digits(10) + "-" + g.hex(32), "xoxs-1"),
            s(
                "slack-webhook-url",
                "url: https://hooks.slack.com/services/T" + g.upper(10) + "/B" + g.upper(10) + "/" + g.alnum(24),
                "https://hooks.slack.com/services/TXXXX/BXXXX/XXXX"),
            s(
                "discord-bot-token", "DISCORD_TOKEN=M" + g.urlSafe(23) + "." + g.urlSafe(6) + "." + g.urlSafe(27),
                "DISCORD_TOKEN=" + env),
            s(
                "discord-webhook-url", "https://discord.com/api/webhooks/" + g.digits(18) + "/" + g.urlSafe(68),
                "https://discord.com/api/webhooks/{id}/{token}"),
            s("telegram-bot-token", "BOT_TOKEN=" + g.digits(10) + ":AA" + g.urlSafe(33), "time 10:AA"),
            s("twilio-api-key", "TWILIO_API_KEY=SK" + g.hex(32), "TWILIO_API_KEY=" + env),
            s("twilio-auth-token", "TWILIO_AUTH_TOKEN=" + g.hex(32), "TWILIO_AUTH_TOKEN=" + env),
            s("sendgrid-api-key", "SENDGRID_API_KEY=SG." + g.urlSafe(22) + "." + g.urlSafe(43), "msg.send(text)"),
            s("mailgun-api-key", "MAILGUN_API_KEY=key-" + g.hex(32), "hotkey-binding"),
            s(
                "mailgun-private-key", "MAILGUN_KEY=" + g.hex(32) + "-" + g.hex(8) + "-" + g.hex(8),
                "MAILGUN_KEY=" + env),
            s("mailchimp-api-key", "MAILCHIMP_API_KEY=" + g.hex(32) + "-us14", "locale = en-us"),
            s("postmark-server-token", "POSTMARK_SERVER_TOKEN=" + g.uuid(), "POSTMARK_SERVER_TOKEN=" + env),
            s("brevo-api-key", "BREVO_API_KEY=xkeysib-" + g.hex(64) + "-" + g.alnum(16), "xkeysib-" + g.hex(8)),
            s("mailjet-secret-key", "MAILJET_SECRET_KEY=" + g.hex(32), "MAILJET_SECRET_KEY=" + env),
            s("mandrill-api-key", "MANDRILL_API_KEY=" + g.urlSafe(22), "MANDRILL_API_KEY=" + env),
            s(
                "microsoft-teams-webhook-url",
                "https://contoso.webhook.office.com/webhookb2/" + g.uuid() + "@" + g.uuid() + "/IncomingWebhook/"
                    + g.hex(32) + "/" + g.uuid(),
                "https://contoso.webhook.office.com/webhookb2/"),
            s("vonage-api-secret", "VONAGE_API_SECRET=" + g.alnum(16), "VONAGE_API_SECRET=" + env),
            s("messagebird-api-key", "MESSAGEBIRD_API_KEY=" + g.alnum(25), "MESSAGEBIRD_API_KEY=" + env),
            s("zendesk-api-token", "ZENDESK_API_TOKEN=" + g.alnum(40), "ZENDESK_API_TOKEN=" + env),
            s("intercom-access-token", "INTERCOM_ACCESS_TOKEN=" + g.urlSafe(60), "INTERCOM_ACCESS_TOKEN=" + env),
            s(
                "twitter-bearer-token", "TWITTER_BEARER_TOKEN=" + String(repeating: "A", count: 22) + g.alnum(90),
                "TWITTER_BEARER_TOKEN=" + env),
            s("twitter-api-secret", "TWITTER_API_SECRET=" + g.alnum(50), "TWITTER_API_SECRET=" + env),
            s("facebook-access-token", "token = EAAB" + g.alnum(120), "EAAB" + g.alnum(8)),
            s("facebook-app-secret", "FACEBOOK_APP_SECRET=" + g.hex(32), "FACEBOOK_APP_SECRET=" + env),
            s("twitch-api-token", "TWITCH_TOKEN=" + g.lower(30), "TWITCH_TOKEN=" + env),
            s("linkedin-client-secret", "LINKEDIN_CLIENT_SECRET=" + g.alnum(16), "LINKEDIN_CLIENT_SECRET=" + env),
        ]
    }
}
