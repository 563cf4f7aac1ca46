import Engine
import Trace

/// One finished run's timeline to put into a combined timeline.
package struct TimelineSource: Sendable, Equatable {
  /// timeline.json or timeline.json.gz.
  package var path: String
  /// Prefixed to each of the run's process names (e.g. `"hybrid · "`).
  package var prefix: String

  /// Creates a source.
  package init(path: String, prefix: String) {
    self.path = path
    self.prefix = prefix
  }
}

/// The integers a trace event read by ``TimelineMerge`` may hold. LIFE's
/// own timelines stay far below them (pids count processes, thread ids are
/// `pid × 10 + lane`, flow ids count hand-offs), and within them every
/// moved pid, thread id and flow id of a comparison of up to 1000 runs is
/// exact in a double (below 2^53).
package enum TraceEventLimits {
  /// The largest `pid`.
  package static let maxPid = 999_999
  /// The largest `tid`.
  package static let maxTid = 9_999_999
  /// The largest numeric `id` or `bind_id`.
  package static let maxId = 999_999_999_999
  /// The most bytes one event may take.
  package static let maxEventBytes = 1 << 20
  /// The most bytes the `metadata` member may take.
  package static let maxMetadataBytes = 16 << 20
  /// The most runs one comparison merges.
  package static let maxRuns = 1000
}

/// Combines finished timelines into one, each run as its own group of
/// processes: every event is copied with its pid moved past the previous
/// runs' (by a multiple of 100), its thread id and flow ids moved with it,
/// and its process names prefixed. The inputs are streamed, one event at a
/// time; the output is written whole or not at all.
package enum TimelineMerge {
  /// Writes `sources`, in order, into one timeline at `path` in `format`
  /// (gzip when `gzip`; a file of `transaction`'s set when given); returns
  /// the pid base given to each source.
  @discardableResult
  package static func write(
    _ sources: [TimelineSource], to path: String, format: TraceFormat = .json,
    gzip: Bool = false, in transaction: OutputTransaction? = nil
  ) throws(LifeError) -> [Int] {
    guard sources.count <= TraceEventLimits.maxRuns else {
      throw LifeError.file(
        sources[TraceEventLimits.maxRuns].path, path: nil, "too many runs in one timeline",
        got: String(sources.count), expected: "at most \(TraceEventLimits.maxRuns)")
    }
    let file = try TimelineFile(path: path, format: format, gzip: gzip, in: transaction)
    var bases: [Int] = []
    do {
      var base = 0
      for source in sources {
        bases.append(base)
        let maxPid = try copy(source, base: base, into: file)
        base = (max(maxPid, base) / 100 + 1) * 100
      }
      try file.finish()
    } catch {
      file.discard()
      throw error
    }
    return bases
  }

  /// Copies one source's events; returns the largest pid written. Every
  /// event is checked first (``checked(_:index:file:)``): one that is not
  /// a trace event LIFE could have written is an error naming the file and
  /// the event, and nothing is written.
  static func copy(_ source: TimelineSource, base: Int, into file: TimelineFile) throws(LifeError)
    -> Int
  {
    var reader = try TraceEventReader(path: source.path)
    var maxPid = base
    var index = 0
    var nesting = Nesting()
    let metadata = try reader.read { (bytes) throws(LifeError) in
      let event = try checked(bytes, index: index, file: source.path)
      index += 1
      if file.format == .perfetto {
        let (moved, pid) = shifted(event, base: base, prefix: source.prefix)
        if let pid { maxPid = max(maxPid, pid) }
        draw(moved, into: file, nesting: &nesting)
        return
      }
      if let fast = fastShifted(bytes, base: base) {
        if let pid = fast.pid { maxPid = max(maxPid, pid) }
        file.append(fast.text)
        return
      }
      let (moved, pid) = shifted(event, base: base, prefix: source.prefix)
      if let pid { maxPid = max(maxPid, pid) }
      file.append(JSONFormat.text(moved, pretty: false))
    }
    var runs: [JSONValue] = []
    if let metadata {
      let node = JSONNode(metadata, file: source.path, path: "metadata")
      try JSONFormat.checkFinite(metadata, file: source.path, path: "metadata")
      if let life = try? node.optional("life"), let list = try? life.optional("runs"),
        case .array = list.value
      {
        for run in try list.items() {
          _ = try run.optional("pid_base")?.int(min: 0, max: TraceEventLimits.maxPid)
          runs.append(shiftedRun(run.value, base: base, prefix: source.prefix))
        }
      }
    }
    if runs.isEmpty {
      runs = [
        .object([
          ("name", .string(source.prefix)), ("pid_base", .int(base)),
          ("name_prefix", .string(source.prefix)),
        ])
      ]
    }
    for run in runs { file.addRunMetadata(JSONFormat.text(run, pretty: false)) }
    return maxPid
  }

  /// The event `bytes` (the `index`-th of `file`'s `traceEvents`), parsed
  /// and checked: a JSON object of at most ``TraceEventLimits/maxEventBytes``
  /// with a string `ph`, finite numbers only, and a `pid`, `tid`, `id` and
  /// `bind_id` (where present) that are integers within
  /// ``TraceEventLimits`` (ids may also be strings), so that moving them
  /// never overflows.
  package static func checked(_ bytes: [UInt8], index: Int, file: String) throws(LifeError)
    -> JSONValue
  {
    let path = "traceEvents[\(index)]"
    guard bytes.count <= TraceEventLimits.maxEventBytes else {
      throw LifeError.file(
        file, path: path, "trace event too large", got: "\(bytes.count) bytes",
        expected: "at most \(TraceEventLimits.maxEventBytes >> 10) KiB")
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes, file: file)
    } catch {
      throw LifeError.file(
        file, path: path, error.message, got: error.got,
        expected: "a trace event written by 'life simulate'")
    }
    let node = JSONNode(value, file: file, path: path)
    guard case .object = value else {
      throw node.error("not a trace event", expected: "a JSON object")
    }
    try JSONFormat.checkFinite(value, file: file, path: path)
    _ = try node.required("ph", expected: "a string").string()
    _ = try node.optional("pid")?.int(min: 0, max: TraceEventLimits.maxPid)
    _ = try node.optional("tid")?.int(min: 0, max: TraceEventLimits.maxTid)
    for key in ["id", "bind_id"] {
      guard let id = try node.optional(key) else { continue }
      if case .string = id.value { continue }
      guard case .number = id.value else {
        throw id.error("wrong type", expected: "an integer or a string")
      }
      _ = try id.int(min: 0, max: TraceEventLimits.maxId)
    }
    return value
  }

  static func add(_ value: JSONValue, _ delta: Int) -> JSONValue {
    guard case .number(let n) = value, let int = n.exactInt, int.magnitude < UInt64(1) << 52 else {
      return value
    }
    return .int(Int(int) + delta)
  }

  /// The event with pid, tid, flow ids and sort indexes moved by `base`
  /// and process names prefixed; also its new pid.
  static func shifted(_ event: JSONValue, base: Int, prefix: String) -> (JSONValue, Int?) {
    guard case .object(let members) = event else { return (event, nil) }
    let name = event["name"]
    let isMetadata = event["ph"] == .string("M")
    var pid: Int?
    var out: [(key: String, value: JSONValue)] = []
    out.reserveCapacity(members.count)
    for (key, value) in members {
      switch key {
      case "pid":
        let moved = add(value, base)
        if case .number(let n) = moved, let v = n.exactInt { pid = Int(v) }
        out.append((key, moved))
      case "tid": out.append((key, add(value, 10 * base)))
      case "bind_id", "id":
        if case .string(let s) = value {
          out.append((key, .string("\(base):" + s)))
        } else {
          out.append((key, add(value, base * 1_000_000)))
        }
      case "args" where isMetadata:
        guard case .object(let args) = value else {
          out.append((key, value))
          continue
        }
        out.append(
          (
            key,
            .object(
              args.map { arg in
                if name == .string("process_name"), arg.key == "name",
                  case .string(let s) = arg.value
                {
                  return (arg.key, .string(prefix + s))
                }
                if name == .string("process_sort_index"), arg.key == "sort_index" {
                  return (arg.key, add(arg.value, base))
                }
                return arg
              })
          ))
      default: out.append((key, value))
      }
    }
    return (.object(out), pid)
  }

  static func shiftedRun(_ run: JSONValue, base: Int, prefix: String) -> JSONValue {
    guard case .object(let members) = run else { return run }
    return .object(
      members.map { member in
        switch member.key {
        case "pid_base": return (member.key, add(member.value, base))
        case "name_prefix":
          if case .string(let s) = member.value { return (member.key, .string(prefix + s)) }
          return member
        default: return member
        }
      })
  }
}
