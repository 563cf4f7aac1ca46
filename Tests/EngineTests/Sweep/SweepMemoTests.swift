import Testing
import Trace

@testable import Engine

@Suite struct SweepMemoTests {
  /// Costs 4, 4, 5 under a budget of 10: the third evicts the least
  /// recently used; a value costing more than the budget is returned and
  /// not kept.
  @Test func budgetEvictsTheLeastRecentlyUsedAndSkipsOversizedValues() throws {
    let memo = SweepMemo<Int, Int>(budget: 10) { $0 }
    var made = 0
    func get(_ k: Int, _ cost: Int) throws -> Int {
      try memo.value(for: k) { () throws(LifeError) in
        made += 1
        return cost
      }
    }
    #expect(try get(1, 4) == 4 && get(2, 4) == 4)
    #expect(memo.totalCost == 8)
    _ = try get(1, 4)  // 1 is now the most recent
    _ = try get(3, 5)  // 8 + 5 > 10: evicts 2
    #expect(memo.count == 2 && memo.totalCost == 9)
    #expect(made == 3)
    _ = try get(1, 4)
    #expect(made == 3)
    _ = try get(2, 4)
    #expect(made == 4)
    #expect(try get(9, 11) == 11)
    #expect(memo.totalCost <= 10)
    _ = try get(9, 11)
    #expect(made == 6, "an oversized value is built each time")
  }
}
