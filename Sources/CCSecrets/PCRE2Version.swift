import CPCRE2

/// The PCRE2 the process runs with, for `ccteam doctor`.
public enum PCRE2Version {
    /// The loaded library's version string, e.g. `10.42 2022-12-11`.
    public static var current: String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), $0.baseAddress) }
        guard length > 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }
}
