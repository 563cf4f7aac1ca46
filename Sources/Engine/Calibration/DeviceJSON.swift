import Foundation
import Trace

/// Writes a ``Device`` as the device JSON CONTRACT.md defines, with a fixed
/// key order: `name, kind, peak_tops, bandwidth_gb_s, dispatch_us,
/// memory_gib, tile, shared_memory_group, efficiency{compute, memory,
/// by_kind, compute_curve, memory_curve}, uncertainty{prefill, decode}`.
/// Absent optional fields are left out; `peak_tops` keys are sorted with
/// `default` last; `by_kind` follows operator-kind order.
package enum DeviceJSON {
  /// The device as a JSON value.
  package static func encode(_ device: Device) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("name", .string(device.name)),
      ("kind", .string(device.kind.rawValue)),
      ("peak_tops", .object(peakTops(device.peakTops))),
      ("bandwidth_gb_s", .num(device.bandwidthGBs)),
      ("dispatch_us", .num(device.dispatchUs)),
    ]
    if let memory = device.memoryGiB { members.append(("memory_gib", .num(memory))) }
    if let tile = device.tile { members.append(("tile", .int(tile))) }
    if let group = device.sharedMemoryGroup {
      members.append(("shared_memory_group", .string(group)))
    }
    members.append(("efficiency", efficiency(device.efficiency)))
    if let uncertainty = device.uncertainty {
      members.append(("uncertainty", uncertainty.jsonValue))
    }
    return .object(members)
  }

  /// The device's JSON text: pretty, deterministic, newline-terminated.
  package static func text(_ device: Device) -> String {
    JSONFormat.text(encode(device))
  }

  static func peakTops(_ tops: [String: Double]) -> [(key: String, value: JSONValue)] {
    let keys =
      tops.keys.filter { $0 != "default" }.sorted()
      + (tops["default"] == nil ? [] : ["default"])
    return keys.compactMap { key in tops[key].map { (key, JSONValue.num($0)) } }
  }

  static func efficiency(_ e: Efficiency) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("compute", .num(e.compute)), ("memory", .num(e.memory)),
    ]
    if !e.byKind.isEmpty {
      let kinds = e.byKind.keys.sorted()
      members.append(
        (
          "by_kind",
          .object(
            kinds.compactMap { kind in
              guard let k = e.byKind[kind] else { return nil }
              var inner: [(key: String, value: JSONValue)] = []
              if let c = k.compute { inner.append(("compute", .num(c))) }
              if let m = k.memory { inner.append(("memory", .num(m))) }
              return (kind.rawValue, .object(inner))
            })
        ))
    }
    if let curve = e.computeCurve { members.append(("compute_curve", self.curve(curve))) }
    if let curve = e.memoryCurve { members.append(("memory_curve", self.curve(curve))) }
    return .object(members)
  }

  static func curve(_ c: EfficiencyCurve) -> JSONValue {
    .object([
      ("over", .string(c.over)),
      ("points", .array(c.points.map { .array([.num($0.0), .num($0.1)]) })),
    ])
  }
}
