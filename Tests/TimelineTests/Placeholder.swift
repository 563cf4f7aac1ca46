import Testing
@Test func placeholderTimelineTests() { #expect(1 + 1 == 2) }
