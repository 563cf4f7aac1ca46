import Engine
import Trace

/// Operator and layer slices on the device processes.
extension TimelineWriter {
  /// One operator: in `op` overlap an operator slice with the full args and
  /// its dispatch, compute and memory spans on their lanes; in `phase`
  /// overlap the compute and memory spans, each with the full args.
  func drawOp(_ event: OpEvent) {
    let pid = layout.devicePid(event.device)
    let text = opArgsCache.text(of: event) { opText(event) }
    let name = Self.quotedName(event.record, plainSite: text.plainSite)
    let category = text.category
    let args = TraceArgs.spliced(
      head: text.head, key: "layer", event.record.layer, tail: text.tail,
      encoding: file.argsEncoding)
    switch overlap {
    case .op:
      let tid = thread(pid: pid, lane: .operators)
      slice(
        quotedName: name, quotedCategory: category, pid: pid, tid: tid,
        start: TraceTime.ns(event.start), end: TraceTime.ns(event.end), args: args)
      span(event.dispatch, name: name, category: category, pid: pid, lane: .dispatch, args: nil)
      span(event.compute, name: name, category: category, pid: pid, lane: .compute, args: nil)
      span(event.memory, name: name, category: category, pid: pid, lane: .memory, args: nil)
    case .phase:
      span(event.dispatch, name: name, category: category, pid: pid, lane: .dispatch, args: nil)
      span(event.compute, name: name, category: category, pid: pid, lane: .compute, args: args)
      span(event.memory, name: name, category: category, pid: pid, lane: .memory, args: args)
    }
  }

  private func span(
    _ span: Span, name: [UInt8], category: [UInt8], pid: Int, lane: TimelineLayout.Lane,
    args: [UInt8]?
  ) {
    let start = TraceTime.ns(span.start)
    let end = TraceTime.ns(span.end)
    guard end > start else { return }
    slice(
      quotedName: name, quotedCategory: category, pid: pid, tid: thread(pid: pid, lane: lane),
      start: start, end: end, args: args)
  }

  /// The JSON string literal of `record.name`, built without the `String`
  /// from the site's name when it needs no escaping.
  static func quotedName(_ record: OpRecord, plainSite: [UInt8]?) -> [UInt8] {
    guard let plainSite else { return quoted(record.name) }
    var text = ByteText(capacity: 48)
    text.append("\"")
    if record.layer >= 0 {
      text.append("layers.")
      text.appendInt(record.layer)
      text.append(".")
    }
    text.append(bytes: plainSite)
    text.append("\"")
    return text.bytes
  }

  /// The text of an operator's slices apart from its layer index.
  func opText(_ event: OpEvent) -> OpArgsCache.Text {
    let parts = opArgsParts(event)
    let site = event.record.site.rawValue
    return OpArgsCache.Text(
      head: parts.head, tail: parts.tail, category: Self.quoted(event.record.kind.rawValue),
      plainSite: ByteText.isPlain(site) ? Array(site.utf8) : nil)
  }

  /// The args of an operator slice in two parts around the layer index:
  /// in JSON up to the `layer` key's colon, and from the member after the
  /// layer index to the closing brace; in Perfetto the members before and
  /// after it.
  func opArgsParts(_ event: OpEvent) -> (head: [UInt8], tail: [UInt8]) {
    let record = event.record
    var head = args()
    head.string("kind", record.kind.rawValue)
    head.string("phase", record.phase.rawValue)
    head.int("step", record.step)
    if record.phase == .prefill { head.int("chunk", record.chunk) }
    head.key("layer")
    var args = TraceArgs(continuing: (), file.argsEncoding)
    args.quoted("shape", Self.quotedShape(record.shape))
    args.string("input_dtype", record.inputType.rawValue)
    args.string("weight_dtype", record.weightType.text)
    args.string("compute_dtype", record.computeType.rawValue)
    args.number("ops", record.ops)
    args.number("ops_padded", record.opsPadded)
    args.number("bytes_read", record.read.total)
    args.number("read_activations", record.read.activations)
    args.number("read_weights", record.read.weights)
    args.number("read_kv", record.read.kv)
    args.number("bytes_written", record.written.total)
    args.number("written_activations", record.written.activations)
    args.number("written_kv", record.written.kv)
    args.int("dispatch_calls", record.dispatchCalls)
    args.number("dispatch_us", event.dispatch.duration * 1e6)
    args.number("compute_us", event.compute.duration * 1e6)
    args.number("memory_us", event.memory.duration * 1e6)
    args.string("bound", event.bound.rawValue)
    args.number("compute_efficiency", event.computeEfficiency)
    args.number("memory_efficiency", event.memoryEfficiency)
    args.number("peak_tops", event.peakTops)
    args.string("device", deviceKey(event.device))
    return (head.openBytes, args.bytes)
  }

  /// `shape.text` as a JSON string literal (`"[1, 4096, 4096]"`: digits,
  /// brackets, commas and spaces need no escaping).
  static func quotedShape(_ shape: OpShape) -> [UInt8] {
    var text = ByteText(capacity: 40)
    text.append("\"[")
    var first = true
    for d in [shape.d0, shape.d1, shape.d2, shape.d3] where d != 0 {
      if first {
        first = false
      } else {
        text.append(", ")
      }
      text.appendInt(d)
    }
    text.append("]\"")
    return text.bytes
  }

  func deviceKey(_ index: Int) -> String {
    guard let run, run.devices.indices.contains(index) else { return "\(index)" }
    return run.devices[index].key
  }
}

/// Operators of one layer on one device, aggregated into one slice.
struct LayerGroup {
  var layer: Int
  var firstName: String
  var count = 0
  var start = Int64.max, end = Int64.min
  var computeStart = Int64.max, computeEnd = Int64.min
  var memoryStart = Int64.max, memoryEnd = Int64.min
  var ops = 0.0, opsPadded = 0.0, bytesRead = 0.0, bytesWritten = 0.0
  var tCompute = 0.0, tMemory = 0.0, tDispatch = 0.0
  var dispatchCalls = 0

  init(layer: Int, firstName: String) {
    self.layer = layer
    self.firstName = firstName
  }

  mutating func add(_ event: OpEvent) {
    count += 1
    start = min(start, TraceTime.ns(event.start))
    end = max(end, TraceTime.ns(event.end))
    if event.compute.duration > 0 {
      computeStart = min(computeStart, TraceTime.ns(event.compute.start))
      computeEnd = max(computeEnd, TraceTime.ns(event.compute.end))
    }
    if event.memory.duration > 0 {
      memoryStart = min(memoryStart, TraceTime.ns(event.memory.start))
      memoryEnd = max(memoryEnd, TraceTime.ns(event.memory.end))
    }
    ops += event.record.ops
    opsPadded += event.record.opsPadded
    bytesRead += event.record.read.total
    bytesWritten += event.record.written.total
    tCompute += event.compute.duration
    tMemory += event.memory.duration
    tDispatch += event.dispatch.duration
    dispatchCalls += event.record.dispatchCalls
  }

  var name: String {
    if layer >= 0 { return "layers.\(layer)" }
    return count > 1 ? "\(firstName) +\(count - 1)" : firstName
  }

  func args(_ encoding: TraceArgsEncoding) -> [UInt8] {
    var args = TraceArgs(encoding)
    args.int("layer", layer)
    args.int("operators", count)
    args.number("ops", ops)
    args.number("ops_padded", opsPadded)
    args.number("bytes_read", bytesRead)
    args.number("bytes_written", bytesWritten)
    args.int("dispatch_calls", dispatchCalls)
    args.number("compute_us", tCompute * 1e6)
    args.number("memory_us", tMemory * 1e6)
    args.number("dispatch_us", tDispatch * 1e6)
    args.string("bound", tCompute >= tMemory ? "compute" : "memory")
    return args.bytes
  }
}

extension TimelineWriter {
  func addToLayer(_ event: OpEvent) {
    let device = event.device
    if let group = layerGroups[device], group.layer != event.record.layer {
      drawLayer(group, device: device)
      layerGroups[device] = nil
    }
    var group =
      layerGroups[device] ?? LayerGroup(layer: event.record.layer, firstName: event.record.name)
    group.add(event)
    layerGroups[device] = group
  }

  func flushLayers() {
    for device in layerGroups.keys.sorted() {
      if let group = layerGroups[device] { drawLayer(group, device: device) }
    }
    layerGroups.removeAll()
  }

  private func drawLayer(_ group: LayerGroup, device: Int) {
    let pid = layout.devicePid(device)
    let args = group.args(file.argsEncoding)
    switch overlap {
    case .op:
      guard group.end >= group.start else { return }
      slice(
        group.name, category: "layer", pid: pid, tid: thread(pid: pid, lane: .operators),
        start: group.start, end: group.end, args: args)
    case .phase:
      if group.computeEnd > group.computeStart {
        slice(
          group.name, category: "layer", pid: pid, tid: thread(pid: pid, lane: .compute),
          start: group.computeStart, end: group.computeEnd, args: args)
      }
      if group.memoryEnd > group.memoryStart {
        slice(
          group.name, category: "layer", pid: pid, tid: thread(pid: pid, lane: .memory),
          start: group.memoryStart, end: group.memoryEnd, args: args)
      }
    }
  }
}
