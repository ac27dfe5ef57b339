public import Foundation

/// One task of a team's task graph: the contract's `teams/<team>/tasks/<id>.json`.
///
/// Named `TeamTask` rather than `Task` so that importing CCCore never shadows Swift's own
/// concurrency `Task`. The JSON keys are the contract's; `lease` and `fence` are extra fields the
/// task store uses for claims (other readers may ignore them).
public struct TeamTask: Codable, Sendable, Equatable {
    /// The contract's four task states.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        case inProgress = "in_progress"
        case resolved
        case failed

        /// Whether the task is finished, for better or worse.
        public var isTerminal: Bool { self == .resolved || self == .failed }
    }

    /// A note on a task, by an agent or a person.
    public struct Comment: Codable, Sendable, Equatable {
        public var author: String
        public var content: String
        public var at: Date

        public init(author: String, content: String, at: Date) {
            self.author = author
            self.content = content
            self.at = at
        }
    }

    /// A time-limited claim on a task: the owner's supervisor renews it; when it lapses, the task
    /// returns to `open`. `token` is the fencing token handed out with the claim.
    public struct Lease: Codable, Sendable, Equatable {
        public var owner: String
        public var token: UInt64
        public var expiresAt: Date

        public init(owner: String, token: UInt64, expiresAt: Date) {
            self.owner = owner
            self.token = token
            self.expiresAt = expiresAt
        }
    }

    /// A decimal string, "1", "2", ... unique within a team (archived tasks included).
    public var id: String
    public var subject: String
    public var description: String
    public var status: Status
    /// The agent working on (or last assigned to) the task.
    public var owner: String?
    /// Ids of tasks that wait for this one.
    public var blocks: [String]
    /// Ids of tasks this one waits for.
    public var blockedBy: [String]
    public var comments: [Comment]
    /// Globs of the paths the task may change; empty means the policy's allow list alone.
    public var scope: [String]
    /// The model this task's worker runs with, when the plan or the lead chose one (`--model`
    /// still overrides every worker).
    public var model: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The current claim, while a supervisor holds one.
    public var lease: Lease?
    /// The last fencing token issued for this task, kept after the lease ends so the store can
    /// recover its token counter from the task files alone.
    public var fence: UInt64?

    public init(
        id: String, subject: String, description: String = "", status: Status = .open, owner: String? = nil,
        blocks: [String] = [], blockedBy: [String] = [], comments: [Comment] = [], scope: [String] = [],
        model: String? = nil, createdAt: Date, updatedAt: Date? = nil, lease: Lease? = nil, fence: UInt64? = nil
    ) {
        self.id = id
        self.subject = subject
        self.description = description
        self.status = status
        self.owner = owner
        self.blocks = blocks
        self.blockedBy = blockedBy
        self.comments = comments
        self.scope = scope
        self.model = model
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.lease = lease
        self.fence = fence
    }

    private enum CodingKeys: String, CodingKey {
        case id, subject, description, status, owner, blocks, blockedBy, comments, scope, model, createdAt, updatedAt
        case lease, fence
    }

    /// Reads a task; the list fields may be missing (hand-written files), the rest are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        subject = try container.decode(String.self, forKey: .subject)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        status = try container.decode(Status.self, forKey: .status)
        owner = try container.decodeIfPresent(String.self, forKey: .owner)
        blocks = try container.decodeIfPresent([String].self, forKey: .blocks) ?? []
        blockedBy = try container.decodeIfPresent([String].self, forKey: .blockedBy) ?? []
        comments = try container.decodeIfPresent([Comment].self, forKey: .comments) ?? []
        scope = try container.decodeIfPresent([String].self, forKey: .scope) ?? []
        model = try container.decodeIfPresent(String.self, forKey: .model)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt) ?? createdAt
        lease = try container.decodeIfPresent(Lease.self, forKey: .lease)
        fence = try container.decodeIfPresent(UInt64.self, forKey: .fence)
    }

    /// Writes every contract key (`owner` as `null` when unset) so readers see a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(subject, forKey: .subject)
        try container.encode(description, forKey: .description)
        try container.encode(status, forKey: .status)
        try container.encode(owner, forKey: .owner)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(blockedBy, forKey: .blockedBy)
        try container.encode(comments, forKey: .comments)
        try container.encode(scope, forKey: .scope)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(lease, forKey: .lease)
        try container.encodeIfPresent(fence, forKey: .fence)
    }

    /// Whether a string is a task id: a positive decimal number without leading zeros.
    public static func isValidID(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.count <= 18 else { return false }
        return text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Orders ids numerically ("2" before "10"), the order people expect in lists.
    public static func idPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count != rhs.utf8.count ? lhs.utf8.count < rhs.utf8.count : lhs < rhs
    }
}
