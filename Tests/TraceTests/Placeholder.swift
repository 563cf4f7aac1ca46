import Testing
@Test func placeholderTraceTests() { #expect(1 + 1 == 2) }
