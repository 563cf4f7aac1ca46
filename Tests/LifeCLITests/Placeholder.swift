import Testing
@Test func placeholderLifeCLITests() { #expect(1 + 1 == 2) }
