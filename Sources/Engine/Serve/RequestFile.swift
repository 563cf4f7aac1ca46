import Trace

/// A requests file: JSON Lines, one request per line,
/// `{"arrival_s": 0.5, "prompt_tokens": 512, "output_tokens": 128}`.
/// Blank lines are skipped; every other line must be one JSON object with
/// exactly these keys (an unknown key is an error with a did-you-mean).
/// Errors name the file, the line and the field.
package enum RequestFile {
  /// The keys of a line.
  package static let keys = ["arrival_s", "prompt_tokens", "output_tokens"]

  /// Reads and validates `path`; requests get ids 0, 1, … in line order.
  package static func load(path: String) throws(LifeError) -> [ServeRequest] {
    let bytes = try FileInput.readBytes(path)
    return try parse(bytes, file: path)
  }

  /// Parses the bytes of a requests file named `file`.
  package static func parse(_ bytes: [UInt8], file: String?) throws(LifeError) -> [ServeRequest] {
    var requests: [ServeRequest] = []
    var lineNumber = 0
    var start = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    while start <= bytes.count {
      lineNumber += 1
      var end = start
      while end < bytes.count && bytes[end] != 0x0A { end += 1 }
      var line = bytes[start..<end]
      if line.last == 0x0D { line = line.dropLast() }
      if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
        requests.append(
          try request(Array(line), id: requests.count, line: lineNumber, file: file))
      }
      if end >= bytes.count { break }
      start = end + 1
    }
    if requests.isEmpty {
      throw LifeError.file(
        file, path: nil, "no requests",
        expected: "one JSON object per line: {\"arrival_s\": …, \"prompt_tokens\": …,"
          + " \"output_tokens\": …}")
    }
    if requests.count > ServeRequest.maxCount {
      throw LifeError.file(
        file, path: nil, "too many requests", got: "\(requests.count)",
        expected: "at most \(ServeRequest.maxCount)")
    }
    return requests
  }

  /// One line's request; errors say `line N` (and `field KEY`).
  static func request(_ bytes: [UInt8], id: Int, line: Int, file: String?) throws(LifeError)
    -> ServeRequest
  {
    do throws(LifeError) {
      let node = JSONNode(try JSONParser.parse(bytes, file: file), file: file)
      guard case .object = node.value else {
        throw node.error("wrong type", expected: "a JSON object")
      }
      _ = try node.members(allowed: keys)
      let arrival = try node.required("arrival_s", expected: "a number ≥ 0 (seconds)")
        .double(min: 0, max: 1e12)
      let prompt = try node.required("prompt_tokens", expected: "an integer ≥ 1").int(
        min: 1, max: ServeRequest.maxTokens)
      let output = try node.required("output_tokens", expected: "an integer ≥ 1").int(
        min: 1, max: ServeRequest.maxTokens)
      guard prompt + output <= ServeRequest.maxTokens else {
        throw LifeError.file(
          file, path: "output_tokens", "the request is beyond LIFE's token limit",
          got: "\(prompt) + \(output)",
          expected: "prompt_tokens + output_tokens ≤ 2^30 = \(ServeRequest.maxTokens)")
      }
      return ServeRequest(id: id, arrival: arrival, promptTokens: prompt, outputTokens: output)
    } catch {
      var placed = error
      let inner = error.location.path ?? ""
      if inner.hasPrefix("line 1, column ") {
        placed.location.path = "line \(line), column " + inner.dropFirst("line 1, column ".count)
      } else {
        placed.location.path = "line \(line)" + (inner.isEmpty ? "" : ", field \(inner)")
      }
      throw placed
    }
  }
}
