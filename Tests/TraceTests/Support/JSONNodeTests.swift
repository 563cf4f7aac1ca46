import Testing

@testable import Trace

/// Typed reads name the file and the dotted path of what is wrong.
@Suite struct JSONNodeTests {
  static let text = """
    {
      "devices": {"npu": {"peak_tops": "fast", "bandwidth_gb_s": 1e999, "tile": 64.5}},
      "layers": 32, "big": 99999999999999999999, "ratio": 0.5, "neg": -3,
      "kind": "nppu", "list": [1, "two"], "flag": true, "nothing": null, "huge": 9.3e18
    }
    """

  private func root() throws -> JSONNode { try JSONNode.parse(Self.text, file: "s.json") }

  private func message(_ body: (JSONNode) throws(LifeError) -> Void) throws -> String? {
    let node = try root()
    do {
      try body(node)
      return nil
    } catch {
      #expect(error.kind == .failure)
      return error.rendered
    }
  }

  @Test func readsValues() throws {
    let node = try root()
    #expect(try node.required("layers").int(min: 1) == 32)
    #expect(try node.required("ratio").double(min: 0, max: 1, exclusiveMin: true) == 0.5)
    #expect(try node.required("flag").bool())
    #expect(try node.optional("nothing") == nil)
    #expect(try node.optional("absent") == nil)
    #expect(try node.required("kind").string() == "nppu")
    #expect(try node.required("list").items().map(\.path) == ["list[0]", "list[1]"])
    #expect(try node.members().count == 10)
  }

  @Test func wrongTypeNamesThePath() throws {
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("devices").required("npu").required("peak_tops").double()
      } == "error: s.json: devices.npu.peak_tops: wrong type (got 'fast'; expected a number)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("list").items()[1].int() }
        == "error: s.json: list[1]: wrong type (got 'two'; expected an integer)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("layers").string() }
        == "error: s.json: layers: wrong type (got 32; expected a string)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("layers").items() }
        == "error: s.json: layers: wrong type (got 32; expected an array)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("layers").bool() }
        == "error: s.json: layers: wrong type (got 32; expected true or false)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("layers").optional("x") }
        == "error: s.json: layers: wrong type (got 32; expected an object)")
  }

  @Test func missingField() throws {
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("devices").required("npu").required("name", expected: "a string")
      } == "error: s.json: devices.npu.name: missing required field (expected a string)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("nothing") }
        == "error: s.json: nothing: missing required field")
  }

  @Test func unknownKeySuggestsTheClosest() throws {
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("devices").required("npu").members(allowed: [
          "peak_tops", "bandwidth_gb_s", "tiles",
        ])
      } == "error: s.json: devices.npu.tile: unknown key (got 'tile'; expected one of"
        + " 'peak_tops', 'bandwidth_gb_s', 'tiles'); did you mean 'tiles'?")
  }

  @Test func choiceSuggestsTheClosest() throws {
    #expect(
      try message { node throws(LifeError) in _ = try node.required("kind").choice(["cpu", "npu"]) }
        == "error: s.json: kind: unknown value (got 'nppu'; expected one of 'cpu', 'npu'); did you"
        + " mean 'npu'?")
  }

  @Test func numbersOutOfRange() throws {
    #expect(
      try message { node throws(LifeError) in _ = try node.required("big").int() }
        == "error: s.json: big: integer too large (got 99999999999999999999; expected an integer"
        + " of at most 64 bits)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("huge").int() }
        == "error: s.json: huge: integer too large (got 9.3e18; expected an integer of at most 64"
        + " bits)")
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("devices").required("npu").required("tile").int(min: 1)
      } == "error: s.json: devices.npu.tile: not a whole number (got 64.5; expected an integer)")
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("devices").required("npu").required("bandwidth_gb_s").double()
      } == "error: s.json: devices.npu.bandwidth_gb_s: number out of range (got 1e999; expected"
        + " a finite number)")
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("devices").required("npu").required("bandwidth_gb_s").int()
      } == "error: s.json: devices.npu.bandwidth_gb_s: integer too large (got 1e999; expected an"
        + " integer of at most 64 bits)")
  }

  @Test func rangeMessages() throws {
    #expect(
      try message { node throws(LifeError) in _ = try node.required("neg").int(min: 1) }
        == "error: s.json: neg: integer out of range (got -3; expected an integer ≥ 1)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("layers").int(max: 16) }
        == "error: s.json: layers: integer out of range (got 32; expected an integer ≤ 16)")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("layers").int(min: 1, max: 16) }
        == "error: s.json: layers: integer out of range (got 32; expected an integer in [1, 16])")
    #expect(
      try message { node throws(LifeError) in
        _ = try node.required("neg").double(min: 0, max: 1, exclusiveMin: true)
      } == "error: s.json: neg: number out of range (got -3; expected a number in (0, 1])")
    #expect(
      try message { node throws(LifeError) in _ = try node.required("neg").double(min: 0) }
        == "error: s.json: neg: number out of range (got -3; expected a number ≥ 0)")
  }

  @Test func rootErrorsHaveNoPath() throws {
    let node = try JSONNode.parse("[1]", file: "r.json")
    #expect(
      throws: LifeError.file(
        "r.json", path: nil, "wrong type", got: "an array of 1", expected: "an object")
    ) {
      try node.members()
    }
  }
}
