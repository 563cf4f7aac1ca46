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

/// Combines finished timelines into one, each run as its own group of
/// processes: every event is copied with its pid moved past the previous
/// runs' (by a multiple of 100), its thread id and flow ids moved with it,
/// and its process names prefixed. The inputs are streamed, one event at a
/// time; the output is written whole or not at all.
package enum TimelineMerge {
  /// Writes `sources`, in order, into one timeline at `path` (gzip when
  /// `gzip`); returns the pid base given to each source.
  @discardableResult
  package static func write(
    _ sources: [TimelineSource], to path: String, gzip: Bool = false
  ) throws(LifeError) -> [Int] {
    let file = try TimelineFile(path: path, gzip: gzip)
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

  /// Copies one source's events; returns the largest pid written.
  static func copy(_ source: TimelineSource, base: Int, into file: TimelineFile) throws(LifeError)
    -> Int
  {
    var reader = try TraceEventReader(path: source.path)
    var maxPid = base
    let metadata = try reader.read { (bytes) throws(LifeError) in
      if let fast = fastShifted(bytes, base: base) {
        if let pid = fast.pid { maxPid = max(maxPid, pid) }
        file.append(fast.text)
        return
      }
      let event = try JSONParser.parse(bytes, file: source.path)
      let (moved, pid) = shifted(event, base: base, prefix: source.prefix)
      if let pid { maxPid = max(maxPid, pid) }
      file.append(JSONFormat.text(moved, pretty: false))
    }
    var runs: [JSONValue] = []
    if case .array(let items)? = metadata?["life"]?["runs"] {
      runs = items.map { shiftedRun($0, base: base, prefix: source.prefix) }
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

  static func add(_ value: JSONValue, _ delta: Int) -> JSONValue {
    guard case .number(let n) = value, let int = n.exactInt, abs(int) < Int64(1) << 52 else {
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
