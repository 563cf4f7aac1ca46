import Engine
import Trace

/// The flags of speculative decoding (`forecast`, `serve`) and of a serving
/// run (`serve`, from the ``ServeOption`` catalogue).
extension FlagSpec {
  /// `--draft-model`, `--draft-device`, `--draft-tokens`, `--acceptance`.
  static let speculativeFlags: [FlagSpec] = [
    .option(
      "draft-model", "M", "speculative decoding: the draft model",
      values: "a preset name from 'life models' or a path to a Hugging Face config.json",
      default: "none (plain decoding)"),
    .option(
      "draft-device", "D", "speculative decoding: the device that runs the draft",
      values: deviceValues, default: "the decode device"),
    .option(
      "draft-tokens", "K", "speculative decoding: draft tokens per verify pass",
      values: "an integer in [1, \(Speculation.maxTokens)]", default: "required with --draft-model"
    ),
    .option(
      "acceptance", "A",
      "speculative decoding: the probability that each draft token is accepted (independently)",
      values: Speculation.acceptanceExpected, default: "required with --draft-model"),
  ]

  /// The serving flags, one per option of the catalogue, in its order.
  static let serveFlags: [FlagSpec] = ServeOption.allCases.map { option in
    .option(
      option.name, option.valueName, option.summary, values: option.accepted,
      default: option.defaultDescription)
  }
}

/// Speculative decoding as the command line gives it.
struct SpeculativeFlags: Sendable, Equatable {
  /// `--draft-model`, as typed.
  var model: String
  /// `--draft-device`, as typed (nil: the decode device).
  var device: String?
  /// `--draft-tokens`.
  var tokens: Int
  /// `--acceptance`.
  var acceptance: [Double]

  /// The settings, with the draft's device added to `devices` when it is
  /// not one of them: `references` are the devices as typed, by key; the
  /// draft's key is `draft` unless it names one of them.
  func resolve(
    devices: inout [(key: String, device: Device)], references: [String: String],
    decodeKey: String, overrides: DeviceOverrides
  ) throws(LifeError) -> SpeculativeSettings {
    let model: ModelConfig
    do {
      model = try ModelConfig.resolve(self.model)
    } catch {
      var placed = error
      if placed.location.origin == .parameter(.model) {
        placed.location.origin = .parameter(.draftModel)
      }
      throw placed
    }
    var key = decodeKey
    if let device {
      if let known = references.sorted(by: { $0.key < $1.key }).first(where: { $0.value == device })
      {
        key = known.key
      } else {
        key = "draft"
        devices.append(
          (key, overrides.apply(to: try Device.resolve(device, at: .parameter(.draftDevice)))))
      }
    }
    return SpeculativeSettings(
      draftModel: model, draftDevice: key, tokens: tokens, acceptance: acceptance)
  }
}

extension ParsedArguments {
  /// The speculative flags; nil without `--draft-model`. The others need
  /// it, and `--draft-tokens` and `--acceptance` are required with it.
  func speculativeFlags() throws(LifeError) -> SpeculativeFlags? {
    guard let model = try text("draft-model") else {
      for name in ["draft-device", "draft-tokens", "acceptance"] where has(name) {
        throw LifeError.usage(
          .argument("--" + name), "needs --draft-model",
          expected: "--draft-model M with --draft-tokens K and --acceptance A")
      }
      return nil
    }
    guard let tokens = try integer("draft-tokens", min: 1, max: Speculation.maxTokens) else {
      throw LifeError.usage(
        .parameter(.draftTokens), "missing required flag",
        expected: "an integer in [1, \(Speculation.maxTokens)] with --draft-model")
    }
    guard let text = try text("acceptance") else {
      throw LifeError.usage(
        .parameter(.acceptance), "missing required flag",
        expected: Speculation.acceptanceExpected + " with --draft-model")
    }
    let acceptance = try Speculation.parseAcceptance(text) { message throws(LifeError) in
      throw LifeError.usage(
        .parameter(.acceptance), message, got: "'\(text)'", expected: Speculation.acceptanceExpected
      )
    }
    if let problem = Speculation.check(tokens: tokens, acceptance: acceptance) {
      throw LifeError.usage(
        .parameter(.acceptance), problem, got: "'\(text)'",
        expected: "one rate, or \(tokens) (one per draft token)")
    }
    return SpeculativeFlags(
      model: model, device: try self.text("draft-device"), tokens: tokens, acceptance: acceptance)
  }

  /// The serving flags given, in command-line order.
  func serveSettings() -> [(option: ServeOption, text: String)] {
    settings.compactMap { setting in
      ServeOption(rawValue: setting.name).map { ($0, setting.value) }
    }
  }
}
