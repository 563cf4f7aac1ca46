import Trace

extension SimulationRun {
  /// `count` alike layers. When no per-operator events are wanted and the
  /// layer runs on one device, each record is timed once and its times are
  /// added `count` times in execution order — the same additions, in the
  /// same order, as the expanded stream, so every sum is equal to the last
  /// digit. Otherwise (op events, several devices, a dtype with no peak
  /// TOPS) the run is expanded into ``consume(_:)`` calls.
  public mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    guard count > 1, !wantsOps, !failed, let first = layer.first, let last = layer.last else {
      consumeExpanded(layers: layer, repeating: count)
      return
    }
    let phaseIndex = first.phase == .prefill ? 0 : 1
    let device = simulator.deviceOf[phaseIndex * OpKind.count + first.kind.tableIndex]
    layerTimes.removeAll(keepingCapacity: true)
    let secondsPerByte = simulator.secondsPerByte[device]
    let dispatchSeconds = simulator.dispatchSeconds[device]
    for record in layer {
      let kind = record.kind.tableIndex
      let perOp = simulator.secondsPerOp[device * DType.count + record.computeType.tableIndex]
      guard simulator.deviceOf[phaseIndex * OpKind.count + kind] == device, perOp != 0 else {
        consumeExpanded(layers: layer, repeating: count)
        return
      }
      let cell = device * OpKind.count + kind
      layerTimes.append(
        (
          c: record.opsPadded * perOp * efficiencies.inverseCompute[cell],
          m: record.bytes * secondsPerByte * efficiencies.inverseMemory[cell],
          d: Double(record.dispatchCalls) * dispatchSeconds
        ))
    }
    if device != segmentDevice { switchSegment(to: device) }
    let overlapsOps = simulator.info.overlap == .op
    // The sums in locals (the same additions in the same order).
    var time = self.time
    var segmentCompute = self.segmentCompute
    var segmentMemory = self.segmentMemory
    var tCompute = self.tCompute
    var tMemory = self.tMemory
    var tDispatch = self.tDispatch
    var ops = self.ops
    var opsPadded = self.opsPadded
    var read = self.read
    var written = self.written
    var calls = self.calls
    // Through buffer pointers: fields are read in place, records not copied.
    layerTimes.withUnsafeBufferPointer { times in
      layer.withUnsafeBufferPointer { records in
        for _ in 0..<count {
          for j in 0..<records.count {
            let (c, m, d) = times[j]
            if overlapsOps {
              time += d + max(c, m)
            } else {
              segmentCompute += d + c
              segmentMemory += d + m
            }
            tCompute += c
            tMemory += m
            tDispatch += d
            ops += records[j].ops
            opsPadded += records[j].opsPadded
            read += records[j].read
            written += records[j].written
            calls += records[j].dispatchCalls
          }
        }
      }
    }
    self.time = time
    self.segmentCompute = segmentCompute
    self.segmentMemory = segmentMemory
    self.tCompute = tCompute
    self.tMemory = tMemory
    self.tDispatch = tDispatch
    self.ops = ops
    self.opsPadded = opsPadded
    self.read = read
    self.written = written
    self.calls = calls
    lastWrittenActivations = last.written.activations
  }
}
