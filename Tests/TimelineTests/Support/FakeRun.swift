import Engine
import Trace

/// A small synthetic run, as the engine would stream it: two devices (an
/// NPU for prefill and an iGPU for decode), a chunked prefill, a few decode
/// steps and a hand-off before the first decode step. Durations are odd
/// fractions of a microsecond so that rounding is exercised.
struct FakeRun {
  var overlap: Overlap = .op
  var prompt = 12
  var chunks = 2
  var generate = 4
  var layers = 2
  var batch = 1
  var npuName = "Test NPU \"q\" \\ </script>"
  var gpuName = "Test iGPU"

  /// What the stream amounted to, for assertions.
  struct Result {
    var ttftMs = 0.0
    var tpotMs: [Double] = []
    /// Operator records streamed to the sink (after `wantsOpEvents`).
    var opsDelivered = 0
    /// Operator records per pass, all passes.
    var opsPerPass: [Int] = []
    var handoffs = 0
  }

  var info: RunInfo {
    RunInfo(
      name: "fake <run> \"one\"",
      devices: [
        (key: "npu", device: Self.device(npuName, .npu, tops: 50, bandwidth: 120)),
        (key: "igpu", device: Self.device(gpuName, .igpu, tops: 30, bandwidth: 250)),
      ],
      mapping: Mapping(prefill: "npu", decode: "igpu"), overlap: overlap)
  }

  static func device(_ name: String, _ kind: DeviceKind, tops: Double, bandwidth: Double) -> Device
  {
    Device(
      name: name, kind: kind, peakTops: ["default": tops], bandwidthGBs: bandwidth, dispatchUs: 3.3,
      efficiency: Efficiency(compute: 0.7, memory: 0.8))
  }

  /// The operators of one pass.
  func records(_ pass: PassInfo) -> [OpRecord] {
    let tokens = Double(pass.newTokens * pass.batch)
    func op(
      _ layer: Int, _ site: OpSite, _ kind: OpKind, ops: Double, read: Double, dispatch: Int = 1
    )
      -> OpRecord
    {
      OpRecord(
        phase: pass.phase, step: pass.step, chunk: pass.chunk, layer: layer, site: site, kind: kind,
        shape: OpShape(pass.newTokens, 64, 64), inputType: .bf16,
        weightType: kind == .gemm ? .plain(.int8) : .none, computeType: .bf16, ops: ops,
        opsPadded: ops * 1.25,
        read: BytesRead(
          activations: tokens * 128, weights: read,
          kv: kind == .bmm ? Double(pass.kvLength) * 256 : 0),
        written: BytesWritten(activations: tokens * 128, kv: kind == .kvCache ? tokens * 256 : 0),
        dispatchCalls: dispatch)
    }
    var out = [op(-1, .embedTokens, .embedding, ops: 0, read: tokens * 128)]
    for layer in 0..<layers {
      out.append(op(layer, .inputNorm, .norm, ops: tokens * 640, read: 128))
      out.append(op(layer, .qProj, .gemm, ops: tokens * 2 * 64 * 64, read: 4096 * 1.0625))
      out.append(op(layer, .kCache, .kvCache, ops: 0, read: 0, dispatch: 0))
      out.append(
        op(layer, .flashAttention, .bmm, ops: tokens * Double(pass.kvLength) * 512, read: 0))
      out.append(op(layer, .oProj, .gemm, ops: tokens * 2 * 64 * 64, read: 4096))
      out.append(op(layer, .mlpResidual, .elementwise, ops: tokens * 64, read: 0))
    }
    out.append(op(-1, .finalNorm, .norm, ops: tokens * 640, read: 128))
    out.append(
      op(-1, .lmHead, .gemm, ops: 2 * 64 * 1000 * Double(pass.batch), read: 64_000 * 1.0625))
    return out
  }

  /// Streams the run into `sink`.
  @discardableResult
  func play<S: EventSink>(into sink: inout S) -> Result {
    var result = Result()
    let run = info
    sink.begin(run)
    var time = 0.000_001_7
    var passes: [PassInfo] = []
    let chunkSize = (prompt + chunks - 1) / max(chunks, 1)
    if prompt > 0 {
      var past = 0
      for chunk in 0..<chunks {
        let tokens = min(chunkSize, prompt - past)
        passes.append(
          PassInfo(
            phase: .prefill, step: 0, chunk: chunk, chunks: chunks, newTokens: tokens,
            pastTokens: past,
            batch: batch))
        past += tokens
      }
    }
    for step in stride(from: 1, through: generate, by: 1) {
      passes.append(
        PassInfo(
          phase: .decode, step: step, newTokens: 1, pastTokens: prompt + step - 1, batch: batch))
    }
    for pass in passes {
      let device = pass.phase == .prefill ? 0 : 1
      let dev = run.devices[device].device
      let passStart = time
      var tHandoff = 0.0
      if pass.phase == .decode, pass.step == 1, prompt > 0 {
        let span = Span(start: time, duration: 12.700_3e-6)
        sink.handoff(
          HandoffEvent(
            from: 0, to: 1, span: span, bytes: 8192, isTransfer: true, phase: .decode, step: 1))
        result.handoffs += 1
        tHandoff = span.duration
        time = span.end
      }
      sink.passBegan(pass, at: time)
      let wants = sink.wantsOpEvents(in: pass)
      var tc = time, tm = time
      var sumC = 0.0, sumM = 0.0, sumD = 0.0, ops = 0.0, padded = 0.0, calls = 0
      var read = BytesRead(), written = BytesWritten()
      let recs = records(pass)
      result.opsPerPass.append(recs.count)
      for record in recs {
        let d = record.dispatchCalls > 0 ? dev.dispatchUs * 1e-6 : 0
        let c = record.ops / (0.7 * 1e12 * (dev.peakTops["default"] ?? 1))
        let m = record.bytes / (0.8 * 1e9 * dev.bandwidthGBs)
        let event: OpEvent
        switch overlap {
        case .op:
          let dispatch = Span(start: time, duration: d)
          let compute = Span(start: dispatch.end, duration: c)
          let memory = Span(start: dispatch.end, duration: m)
          let end = dispatch.end + max(c, m)
          event = OpEvent(
            record: record, device: device, start: time, end: end, dispatch: dispatch,
            compute: compute,
            memory: memory, computeEfficiency: 0.7, memoryEfficiency: 0.8,
            peakTops: dev.peakTops["default"] ?? 0, bound: c >= m ? .compute : .memory)
          time = end
        case .phase:
          let dispatch = Span(start: tc, duration: d)
          let compute = Span(start: dispatch.end, duration: c)
          let memory = Span(start: tm, duration: m)
          tc = compute.end
          tm = memory.end
          event = OpEvent(
            record: record, device: device, start: min(dispatch.start, memory.start),
            end: max(compute.end, memory.end), dispatch: dispatch, compute: compute, memory: memory,
            computeEfficiency: 0.7, memoryEfficiency: 0.8, peakTops: dev.peakTops["default"] ?? 0,
            bound: c >= m ? .compute : .memory)
        }
        if wants {
          sink.op(event)
          result.opsDelivered += 1
        }
        sumC += c
        sumM += m
        sumD += d
        ops += record.ops
        padded += record.opsPadded
        read += record.read
        written += record.written
        calls += record.dispatchCalls
      }
      if overlap == .phase { time = max(tc, tm) }
      let span = Span(start: passStart, duration: time - passStart)
      let kvBytes = Double(pass.kvLength * batch * layers * 256)
      sink.passEnded(
        PassTiming(
          pass: pass, device: device, span: span, tCompute: sumC, tMemory: sumM, tDispatch: sumD,
          tHandoff: tHandoff, bound: sumC >= sumM ? .compute : .memory, ops: ops, opsPadded: padded,
          read: read, written: written, dispatchCalls: calls, kvCacheBytes: kvBytes))
      if pass.phase == .prefill {
        result.ttftMs += span.duration * 1e3
      } else {
        result.tpotMs.append(span.duration * 1e3)
      }
    }
    sink.end()
    return result
  }
}
