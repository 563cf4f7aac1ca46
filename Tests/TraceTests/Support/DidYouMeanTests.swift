import Testing

@testable import Trace

@Suite struct DidYouMeanTests {
  static let flags = ["--prompt", "--generate", "--batch", "--kv", "--kv-update", "--model"]

  @Test(arguments: [
    ("--promt", "--prompt"), ("--prmopt", "--prompt"), ("--PROMPT-", "--prompt"),
    ("--genrate", "--generate"), ("--kv-updat", "--kv-update"), ("--modle", "--model"),
    ("--gen", "--generate"),
  ])
  func suggestsTheNearest(_ pair: (String, String)) {
    #expect(DidYouMean.suggest(pair.0, among: Self.flags) == pair.1)
  }

  @Test(arguments: ["--xyzzy", "", "--completely-different", "q"])
  func staysQuietWhenNothingIsClose(_ input: String) {
    #expect(DidYouMean.suggest(input, among: Self.flags) == nil)
  }

  @Test func neverSuggestsTheInputItself() {
    #expect(DidYouMean.suggest("int4", among: ["int4", "int8"]) == "int8")
    #expect(DidYouMean.suggest("INT4", among: ["int4"]) == nil)
    #expect(DidYouMean.suggest("x", among: []) == nil)
  }

  @Test func editDistance() {
    #expect(DidYouMean.editDistance("", "") == 0)
    #expect(DidYouMean.editDistance("", "abc") == 3)
    #expect(DidYouMean.editDistance("abc", "") == 3)
    #expect(DidYouMean.editDistance("kitten", "sitting") == 3)
    #expect(DidYouMean.editDistance("ab", "ba") == 1)
    #expect(DidYouMean.editDistance("prompt", "prompt") == 0)
    #expect(DidYouMean.editDistance("naïve", "naive") == 1)
  }
}
