import Engine
import Trace

extension DefaultCommandRunner {
  /// `life forecast`: the workload on one device, or on a prefill and a
  /// decode device.
  func forecast(_ request: ForecastRequest, console: Console) throws(LifeError) {
    let pipeline = try Self.pipeline(for: request)
    let outcome = try pipeline.run()
    if request.json {
      let json = outcome.json
      try JSONFormat.checkFinite(json)
      console.write(JSONFormat.text(json))
    } else {
      console.write(outcome.text)
    }
    for warning in outcome.workload.warnings + outcome.capacity.warnings { console.warn(warning) }
  }

  /// The pipeline a forecast request describes: device keys are `device`
  /// for `--device`, or `prefill` / `decode` for the phase flags (one key
  /// when both phases name the same device).
  static func pipeline(for request: ForecastRequest) throws(LifeError) -> ForecastPipeline {
    let model = try ModelConfig.resolve(request.model)
    func load(_ reference: String, flag: String) throws(LifeError) -> Device {
      try Device.resolve(reference, at: .flag(flag)).overriding(
        computeEfficiency: request.overrides.computeEfficiency,
        memoryEfficiency: request.overrides.memoryEfficiency,
        dispatchUs: request.overrides.dispatchUs)
    }
    let devices: [(key: String, device: Device)]
    let mapping: Mapping
    if request.prefillDevice == request.decodeDevice {
      let flag = request.device == request.prefillDevice ? "--device" : "--prefill-device"
      let key = request.device == request.prefillDevice ? "device" : "prefill"
      devices = [(key, try load(request.prefillDevice, flag: flag))]
      mapping = Mapping(prefill: key, decode: key)
    } else {
      let prefillFlag = request.device == request.prefillDevice ? "--device" : "--prefill-device"
      let decodeFlag = request.device == request.decodeDevice ? "--device" : "--decode-device"
      devices = [
        ("prefill", try load(request.prefillDevice, flag: prefillFlag)),
        ("decode", try load(request.decodeDevice, flag: decodeFlag)),
      ]
      mapping = Mapping(prefill: "prefill", decode: "decode")
    }
    return ForecastPipeline(
      model: model, options: request.options, devices: devices, mapping: mapping,
      overlap: request.overlap, strict: request.strict)
  }
}
