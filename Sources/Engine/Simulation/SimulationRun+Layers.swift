import Trace

extension SimulationRun {
  /// `count` alike layers. When no per-operator events are wanted and the
  /// layer runs on one device, each record is timed once and its timing is
  /// added `count` times in execution order — the same additions, in the
  /// same order, as the expanded stream, so every sum is equal to the last
  /// digit. Otherwise (op events, several devices, a dtype with no peak
  /// TOPS) the run is expanded into ``consume(_:)`` calls.
  package mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    guard count > 1, !wantsOps, !failed, let first = layer.first, let last = layer.last else {
      consumeExpanded(layers: layer, repeating: count)
      return
    }
    let device = device(of: first)
    layerTimes.removeAll(keepingCapacity: true)
    layerCalls.removeAll(keepingCapacity: true)
    for record in layer {
      guard self.device(of: record) == device,
        let timing = simulator.timing(of: record, on: device, efficiencies: efficiencies)
      else {
        consumeExpanded(layers: layer, repeating: count)
        return
      }
      layerTimes.append(timing)
      layerCalls.append(simulator.calls(record, on: device))
    }
    if device != segmentDevice { switchSegment(to: device) }
    // The sums in locals (the same additions in the same order), fields read
    // in place through buffer pointers.
    var clock = self.clock
    var sums = self.sums
    layerTimes.withUnsafeBufferPointer { times in
      layerCalls.withUnsafeBufferPointer { calls in
        layer.withUnsafeBufferPointer { records in
          for _ in 0..<count {
            for j in 0..<records.count {
              clock.add(times[j])
              sums.add(records[j], calls: calls[j])
            }
          }
        }
      }
    }
    self.clock = clock
    self.sums = sums
    lastWrittenActivations = last.written.activations
  }
}
