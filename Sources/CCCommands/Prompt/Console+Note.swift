extension Console {
    /// Prints one `note:` line: something the user may want to act on, with the exit status unchanged.
    static func note(_ message: String) {
        err(colored("note:", .cyan) + " " + message)
    }
}
