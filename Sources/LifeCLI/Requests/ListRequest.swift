/// `life models` and `life devices`: list the presets.
struct ListRequest: Sendable, Equatable {
  /// `--json`.
  var json: Bool
}
