import Testing
import Trace

@testable import Engine

@Suite struct CalibrationSupportTests {
  @Test func curveInterpolatesInLog2AndClamps() {
    let curve = EfficiencyCurve(points: [(128, 0.11), (2048, 0.31)])
    // 512 is halfway from 128 to 2048 in log2 (7 → 11): 0.11 + 0.5 · 0.2 = 0.21.
    #expect(abs(CurveInterpolation.value(of: curve, at: 512) - 0.21) < 1e-12)
    #expect(CurveInterpolation.value(of: curve, at: 16) == 0.11)
    #expect(CurveInterpolation.value(of: curve, at: 1e6) == 0.31)
  }

  @Test func logisticAndExponentialTransformsRoundTrip() {
    #expect(ParameterLayout.efficiency(0) == 0.5)
    #expect(abs(ParameterLayout.efficiency(ParameterLayout.logit(0.8)) - 0.8) < 1e-12)
    #expect(ParameterLayout.efficiency(1e9) <= 1)
    #expect(ParameterLayout.efficiency(-1e9) > 0)
    #expect(abs(ParameterLayout.dispatch(ParameterLayout.dispatchInverse(12)) - 12) < 1e-9)
    #expect(ParameterLayout.dispatch(-1e9) >= 0)
  }

  @Test func levenbergMarquardtSolvesALine() throws {
    // r_i = a·x_i + b − y_i with y = 2x + 1: the minimum is a = 2, b = 1.
    let xs = [0.0, 1, 2, 3]
    func residuals(_ p: [Double]) throws(LifeError) -> [Double] {
      xs.map { p[0] * $0 + p[1] - (2 * $0 + 1) }
    }
    let s = try LevenbergMarquardt().minimize(start: [0, 0], residuals: residuals)
    #expect(abs(s.x[0] - 2) < 1e-6 && abs(s.x[1] - 1) < 1e-6)
    // 2x + y = 3, x + 3y = 5: x = 0.8, y = 1.4.
    let x = try #require(LevenbergMarquardt.solve([[2, 1], [1, 3]], [3, 5]))
    #expect(abs(x[0] - 0.8) < 1e-12 && abs(x[1] - 1.4) < 1e-12)
    #expect(LevenbergMarquardt.solve([[1, 2], [2, 4]], [1, 2]) == nil)
  }

  @Test func parsesTheFitList() throws {
    #expect(
      try CalibrationParameter.parseList("compute, memory,dispatch") == [
        .compute, .memory, .dispatch,
      ])
    #expect(try CalibrationParameter.parseList("compute-curve") == [.computeCurve])
    #expect {
      try CalibrationParameter.parseList("compute,memroy")
    } throws: { error in
      let e = error as? LifeError
      return e?.suggestion == "memory" && e?.kind == .usage
        && e?.location.origin == .parameter(.fit)
    }
    #expect(throws: LifeError.self) { try CalibrationParameter.parseList("compute,compute-curve") }
  }

  @Test func roundsEfficienciesForFiles() {
    #expect(CalibrationParameters.roundEfficiency(0.123456789) == 0.123457)
    #expect(CalibrationParameters.roundEfficiency(0.99999999) == 1)
    #expect(CalibrationParameters.roundEfficiency(1e-9) == 1e-6)
    let p = CalibrationParameters(
      computeEfficiency: 0.5, memoryEfficiency: 0.5, dispatchUs: 12.34567)
    #expect(p.rounded.dispatchUs == 12.346)
  }

  static let npu = Device(
    name: "Ryzen AI Max+ 395 NPU", kind: .npu, peakTops: ["int8": 50, "default": 50, "bf16": 50],
    bandwidthGBs: 256, dispatchUs: 12, memoryGiB: 128, tile: 64, sharedMemoryGroup: "soc0",
    efficiency: Efficiency(
      compute: 0.5, memory: 0.8,
      byKind: [.softmax: KindEfficiency(memory: 0.6), .bmm: KindEfficiency(compute: 0.3)],
      computeCurve: EfficiencyCurve(points: [(128, 0.11), (1536, 0.24)])))

  @Test func deviceJSONHasTheContractKeyOrder() {
    let text = DeviceJSON.text(Self.npu)
    let expected = """
      {
        "name": "Ryzen AI Max+ 395 NPU",
        "kind": "npu",
        "peak_tops": {
          "bf16": 50,
          "int8": 50,
          "default": 50
        },
        "bandwidth_gb_s": 256,
        "dispatch_us": 12,
        "memory_gib": 128,
        "tile": 64,
        "shared_memory_group": "soc0",
        "efficiency": {
          "compute": 0.5,
          "memory": 0.8,
          "by_kind": {
            "bmm": {
              "compute": 0.3
            },
            "softmax": {
              "memory": 0.6
            }
          },
          "compute_curve": {
            "over": "tokens",
            "points": [
              [128, 0.11],
              [1536, 0.24]
            ]
          }
        }
      }

      """
    #expect(text == expected)
  }

  @Test func calibratedDeviceTakesTheFittedValues() {
    var p = CalibrationParameters(device: Self.npu)
    p.computeEfficiency = 0.4321
    p.computeCurve = nil
    p.dispatchUs = 7.5
    let result = CalibrationResult(
      parameters: p, fitted: [.compute, .dispatch], values: [], rows: [], mape: 0, iterations: 0)
    let device = result.device(base: Self.npu)
    #expect(device.efficiency.compute == 0.4321)
    #expect(device.efficiency.computeCurve == nil)
    #expect(device.dispatchUs == 7.5)
    #expect(device.efficiency.byKind == Self.npu.efficiency.byKind)
    #expect(device.peakTops == Self.npu.peakTops)
  }
}
