/// The Anthropic Messages API wire format the server speaks: stream events, messages, errors.
enum MessagesProtocol {
    /// One server-sent event frame: `event: NAME\ndata: JSON\n\n`.
    static func frame(_ name: String, _ data: JSONValue) -> String {
        "event: \(name)\ndata: \(data.compactText)\n\n"
    }

    /// The content blocks of a reply as they appear in a finished message.
    static func contentBlocks(_ blocks: [ModelScript.Block], messageNumber: Int) -> [JSONValue] {
        blocks.enumerated().map { index, block in
            switch block {
            case .text(let text):
                ["type": "text", "text": .string(text)]
            case .toolUse(let name, let input):
                [
                    "type": "tool_use", "id": .string(toolUseID(messageNumber, index)), "name": .string(name),
                    "input": input,
                ]
            }
        }
    }

    /// A tool call's id: unique per reply and block.
    static func toolUseID(_ messageNumber: Int, _ index: Int) -> String {
        "toolu_ccmodel_\(messageNumber)_\(index)"
    }

    /// A rough token count for text of this many bytes (about four bytes a token).
    static func tokens(bytes: Int) -> Int { max(1, bytes / 4) }

    static func outputTokens(_ blocks: [ModelScript.Block]) -> Int {
        tokens(
            bytes: blocks.reduce(0) { total, block in
                switch block {
                case .text(let text): total + text.utf8.count
                case .toolUse(let name, let input): total + name.utf8.count + input.compactText.utf8.count
                }
            })
    }

    /// The `message_start` event: the message shell with usage so far.
    static func messageStart(id: String, model: String, inputTokens: Int) -> String {
        frame(
            "message_start",
            [
                "type": "message_start",
                "message": [
                    "id": .string(id), "type": "message", "role": "assistant", "model": .string(model),
                    "content": [], "stop_reason": nil, "stop_sequence": nil,
                    "usage": ["input_tokens": .number(Double(inputTokens)), "output_tokens": 1],
                ],
            ])
    }

    /// Every event after `message_start`, in order, for a reply.
    static func replyEvents(_ plan: ReplyPlan, messageNumber: Int) -> [String] {
        var events: [String] = []
        for (index, block) in plan.blocks.enumerated() {
            let position = JSONValue.number(Double(index))
            switch block {
            case .text(let text):
                events.append(
                    frame(
                        "content_block_start",
                        [
                            "type": "content_block_start", "index": position,
                            "content_block": ["type": "text", "text": ""],
                        ]))
                events.append(
                    frame(
                        "content_block_delta",
                        [
                            "type": "content_block_delta", "index": position,
                            "delta": ["type": "text_delta", "text": .string(text)],
                        ]))
            case .toolUse(let name, let input):
                events.append(
                    frame(
                        "content_block_start",
                        [
                            "type": "content_block_start", "index": position,
                            "content_block": [
                                "type": "tool_use", "id": .string(toolUseID(messageNumber, index)),
                                "name": .string(name),
                                "input": [:],
                            ],
                        ]))
                events.append(
                    frame(
                        "content_block_delta",
                        [
                            "type": "content_block_delta", "index": position,
                            "delta": ["type": "input_json_delta", "partial_json": .string(input.compactText)],
                        ]))
            }
            events.append(frame("content_block_stop", ["type": "content_block_stop", "index": position]))
        }
        events.append(
            frame(
                "message_delta",
                [
                    "type": "message_delta",
                    "delta": ["stop_reason": .string(plan.stopReason), "stop_sequence": nil],
                    "usage": ["output_tokens": .number(Double(outputTokens(plan.blocks)))],
                ]))
        events.append(frame("message_stop", ["type": "message_stop"]))
        return events
    }

    /// A whole message, for a request without `"stream": true`.
    static func message(_ plan: ReplyPlan, id: String, model: String, inputTokens: Int, messageNumber: Int)
        -> JSONValue
    {
        [
            "id": .string(id), "type": "message", "role": "assistant", "model": .string(model),
            "content": .array(contentBlocks(plan.blocks, messageNumber: messageNumber)),
            "stop_reason": .string(plan.stopReason), "stop_sequence": nil,
            "usage": [
                "input_tokens": .number(Double(inputTokens)),
                "output_tokens": .number(Double(outputTokens(plan.blocks))),
            ],
        ]
    }

    /// An API error body, typed the way the real API types each status.
    static func error(status: Int, message: String) -> JSONValue {
        let type =
            switch status {
            case 400: "invalid_request_error"
            case 401: "authentication_error"
            case 404: "not_found_error"
            case 429: "rate_limit_error"
            case 529: "overloaded_error"
            default: "api_error"
            }
        return ["type": "error", "error": ["type": .string(type), "message": .string(message)]]
    }
}
