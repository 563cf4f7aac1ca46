import Foundation
import Trace

/// Speculative decoding: a draft model proposes `tokens` (K) tokens, one
/// pass each, and the target checks them and adds one of its own in one
/// pass over K + 1 tokens. Draft token j is accepted with probability
/// a_j, independently, given the ones before it were; the target then keeps
/// the accepted prefix and its own next token, so a verify pass yields
/// E = 1 + a₁ + a₁a₂ + … + a₁⋯a_K tokens on average; with one rate A for
/// every position, E = (1 − A^(K+1)) / (1 − A) (K + 1 when A = 1).
package struct Speculation: Sendable {
  /// The draft model's workload (its options are the target's).
  package var draft: Workload
  /// The device key that runs the draft's passes.
  package var draftDevice: String
  /// Draft tokens per verify pass, K ≥ 1.
  package var tokens: Int
  /// Acceptance probability per draft position: one value for every
  /// position, or K values.
  package var acceptance: [Double]

  /// The most draft tokens per pass.
  package static let maxTokens = 64

  /// A speculation setting.
  package init(draft: Workload, draftDevice: String, tokens: Int, acceptance: [Double]) {
    self.draft = draft
    self.draftDevice = draftDevice
    self.tokens = tokens
    self.acceptance = acceptance
  }

  /// Acceptance of draft position j (1-based).
  package func acceptance(at j: Int) -> Double {
    acceptance.count == 1 ? acceptance[0] : acceptance[j - 1]
  }

  /// Expected tokens a verify pass yields: 1 + Σ_j Π_{i ≤ j} a_i.
  package var expectedTokens: Double {
    var total = 1.0
    var run = 1.0
    for j in 1...max(1, tokens) {
      run *= acceptance(at: j)
      total += run
    }
    return total
  }

  /// What ``parseAcceptance(_:fail:)`` accepts.
  package static let acceptanceExpected =
    "a probability in [0, 1], or K comma-separated ones (one per draft position)"

  /// An acceptance rate, or a comma-separated list of them, each in [0, 1].
  package static func parseAcceptance(
    _ text: String, fail: (String) throws(LifeError) -> Never
  ) throws(LifeError) -> [Double] {
    var values: [Double] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      switch NumberText.number(item.trimmingCharacters(in: .whitespaces)) {
      case .failure(let failure): try fail(failure.message)
      case .success(let value):
        guard value >= 0, value <= 1 else { try fail("an acceptance rate out of range") }
        values.append(value)
      }
      if values.count > maxTokens { try fail("more rates than the most draft tokens") }
    }
    return values
  }

  /// Checks K and the acceptance list; nil when they go together, else
  /// what is wrong.
  package static func check(tokens: Int, acceptance: [Double]) -> String? {
    if tokens < 1 || tokens > maxTokens { return "draft tokens out of range" }
    if acceptance.isEmpty { return "no acceptance rate" }
    if acceptance.count != 1 && acceptance.count != tokens {
      return "the acceptance list has \(acceptance.count) values for \(tokens) draft tokens"
    }
    if acceptance.contains(where: { !($0 >= 0 && $0 <= 1) }) {
      return "an acceptance rate out of range"
    }
    return nil
  }
}
