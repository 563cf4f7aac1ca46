/// The tensors of one role: how many, their elements and bytes, and their
/// type mix.
package struct TensorRoleSummary: Sendable, Equatable {
  /// The role.
  package var role: TensorRole
  /// Tensors with that role.
  package var tensors: Int
  /// Their elements.
  package var elements: Int
  /// Their bytes.
  package var bytes: Int
  /// Their types, largest share of bytes first.
  package var types: [TensorTypeCount]
}

extension ModelFileInfo {
  /// The file's type mix: tensors, elements and bytes per storage type.
  package var typeMix: [TensorTypeCount] { TensorTypeCount.counts(tensors) }

  /// The type mix as text: `Q4_K: 193 tensors, Q6_K: 33, F32: 65`.
  package var typeMixDescription: String { TensorTypeCount.describe(typeMix) }

  /// One summary per role present, in ``TensorRole`` order.
  package var roles: [TensorRoleSummary] {
    var byRole: [TensorRole: [ModelTensor]] = [:]
    for t in tensors { byRole[t.role, default: []].append(t) }
    return TensorRole.allCases.compactMap { role in
      guard let group = byRole[role] else { return nil }
      return TensorRoleSummary(
        role: role, tensors: group.count, elements: group.reduce(0) { $0 + $1.elements },
        bytes: group.reduce(0) { $0 + $1.bytes }, types: TensorTypeCount.counts(group))
    }
  }
}
