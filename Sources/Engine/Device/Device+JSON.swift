import Trace

extension Device {
  /// The device as used, with defaults filled in, in the device JSON format
  /// (so it can be written to a file and loaded back): `memory_gib`, `tile`
  /// and `shared_memory_group` are `null` when unset; `uncertainty` only
  /// when the device has its own bands.
  package var jsonValue: JSONValue {
    .object(
      [
        ("name", .string(name)),
        ("kind", .string(kind.rawValue)),
        ("peak_tops", .object(sortedPeakTops.map { ($0.key, .num($0.value)) })),
        ("bandwidth_gb_s", .num(bandwidthGBs)),
        ("dispatch_us", .num(dispatchUs)),
        ("memory_gib", .num(memoryGiB)),
        ("tile", tile.map { .int($0) } ?? .null),
        ("shared_memory_group", .str(sharedMemoryGroup)),
        ("efficiency", efficiency.jsonValue),
      ] + traitsJSON + [("power", power.jsonValue)]
        + (uncertainty.map { [("uncertainty", $0.jsonValue)] } ?? []))
  }

  /// `vendor`, `backend` and `memory_type`, where known.
  var traitsJSON: [(key: String, value: JSONValue)] {
    var out: [(key: String, value: JSONValue)] = []
    if let vendor { out.append(("vendor", .string(vendor.rawValue))) }
    if let backend { out.append(("backend", .string(backend.rawValue))) }
    if let memoryType { out.append(("memory_type", .string(memoryType.rawValue))) }
    return out
  }

  /// `peak_tops` entries in a fixed order: dtypes as in ``peakTopsKeys``
  /// (`default` last).
  package var sortedPeakTops: [(key: String, value: Double)] {
    Device.peakTopsKeys.compactMap { key in peakTops[key].map { (key, $0) } }
  }
}

extension Efficiency {
  /// The `efficiency` object; `by_kind` and curves only where present.
  package var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("compute", .num(compute)), ("memory", .num(memory)),
    ]
    if !byKind.isEmpty {
      members.append(
        (
          "by_kind",
          .object(
            byKind.keys.sorted().compactMap { kind in
              guard let entry = byKind[kind] else { return nil }
              var fields: [(key: String, value: JSONValue)] = []
              if let c = entry.compute { fields.append(("compute", .num(c))) }
              if let m = entry.memory { fields.append(("memory", .num(m))) }
              if let c = entry.computeCurve { fields.append(("compute_curve", c.jsonValue)) }
              return (kind.rawValue, .object(fields))
            })
        ))
    }
    if let computeCurve { members.append(("compute_curve", computeCurve.jsonValue)) }
    if let memoryCurve { members.append(("memory_curve", memoryCurve.jsonValue)) }
    return .object(members)
  }
}

extension EfficiencyCurve {
  /// `{"over": ..., "points": [[tokens, efficiency], ...]}`.
  package var jsonValue: JSONValue {
    .object([
      ("over", .string(over)),
      ("points", .array(points.map { .array([.num($0.0), .num($0.1)]) })),
    ])
  }
}
