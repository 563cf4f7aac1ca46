import Testing

@testable import Trace

/// The compact forms the hot path uses stand for what they replaced: per-kind
/// tables for the per-kind dictionaries, weight codes for weight storage, a
/// record buffer for the streamed pass.
@Suite struct HotPathLayoutTests {
  @Test func slotsFollowDeclarationOrder() {
    #expect(OpKind.allCases.count == OpKind.slotCount)
    for (i, kind) in OpKind.allCases.enumerated() { #expect(kind.slot == i) }
  }

  @Test func perKindTotalsReadAndWriteAsDictionaries() {
    var totals = PassTotals()
    #expect(totals.opsByKind.isEmpty)
    totals.opsByKind = [.gemm: 3, .softmax: 0]
    totals.bytesByKind = [.bmm: 5]
    #expect(totals.opsByKind == [.gemm: 3, .softmax: 0])
    #expect(totals.bytesByKind == [.bmm: 5])
    var other = PassTotals()
    other.opsByKind = [.gemm: 1, .norm: 2]
    totals.add(other)
    #expect(totals.opsByKind == [.gemm: 4, .softmax: 0, .norm: 2])
    #expect(totals.bytesByKind == [.bmm: 5])
  }

  @Test func weightStorageRoundTrips() throws {
    let format = try #require(WeightFormat.parse("int4:g64"))
    for storage in [WeightStorage.none, .plain(.bf16), .quantized(format)] {
      var record = OpRecord(
        phase: .decode, step: 1, layer: 0, site: .qProj, kind: .gemm, shape: OpShape(1, 2, 3),
        inputType: .bf16, weightType: storage, computeType: .bf16, ops: 1,
        read: BytesRead(), written: BytesWritten(), dispatchCalls: 1)
      #expect(record.weightType == storage)
      record.weightType = .plain(.int8)
      #expect(record.weightType == .plain(.int8))
    }
  }

  @Test func bufferedPassMatchesTheStreamedOne() throws {
    let model = try ModelConfig.resolve("llama-3.2-1b")
    let w = try workload(model, prompt: 32, generate: 2, [("weights", "int4")])
    var buffer: [OpRecord] = []
    for pass in w.prefillPasses + [w.decodePass(step: 2)] {
      var streamed = PassEmitter(workload: w, pass: pass, sink: RecordingSink())
      streamed.emitModel()
      w.records(of: pass, into: &buffer)
      #expect(buffer == streamed.sink.records)
      #expect(!buffer.isEmpty)
    }
  }
}
