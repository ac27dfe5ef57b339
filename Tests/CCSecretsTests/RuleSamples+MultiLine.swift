extension RuleSample {
    /// Settings whose secret value sits on the line after the name that makes it secret.
    static func multiLineSettingSamples(_ g: inout FakeCredential) -> [RuleSample] {
        [
            s(
                "xml-element-secret", "<clientSecret>\n    " + g.alnum(32) + "\n</clientSecret>\n",
                "<clientSecret>\n    ${CLIENT_SECRET}\n</clientSecret>\n"),
            s(
                "kubernetes-env-secret",
                "env:\n  - name: DATABASE_PASSWORD\n    value: \"" + g.alnum(24) + "\"\n",
                "env:\n  - name: DATABASE_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n"),
        ]
    }
}
