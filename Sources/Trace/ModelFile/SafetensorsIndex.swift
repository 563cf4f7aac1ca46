/// A sharded safetensors checkpoint: `model.safetensors.index.json`, whose
/// `weight_map` names each tensor's shard, with every shard's header.
package struct SafetensorsIndex: Sendable, Equatable {
  /// One shard file.
  package struct Shard: Sendable, Equatable {
    /// The name as `weight_map` gives it.
    package var name: String
    /// The path it was read from (relative to the index's folder).
    package var path: String
    /// Its header.
    package var header: SafetensorsHeader
  }

  /// One tensor of `weight_map`, found in its shard.
  package struct Entry: Sendable, Equatable {
    /// The tensor, as its shard's header gives it.
    package var tensor: SafetensorsTensor
    /// Its shard: an index into ``shards``.
    package var shard: Int
  }

  /// The shards, in order of first mention in `weight_map`.
  package var shards: [Shard]
  /// The tensors of `weight_map`, in its order.
  package var entries: [Entry]
  /// `metadata.total_size`, when given (not checked: writers count it
  /// differently).
  package var declaredTotalSize: Int?

  /// Reads the index at `path` and the header of every shard it names.
  /// Tensors in a shard that `weight_map` does not list are left out, as
  /// Hugging Face's loader leaves them.
  package static func read(path: String) throws(LifeError) -> SafetensorsIndex {
    let root = try JSONNode.load(file: path)
    let map = try root.required("weight_map")
    let members = try map.members()
    guard !members.isEmpty else {
      throw map.error("no tensors", expected: "tensor names mapped to shard files")
    }
    var shards: [Shard] = []
    var shardIndex: [String: Int] = [:]
    var tensorIndex: [[String: Int]] = []
    var entries: [Entry] = []
    for (name, node) in members {
      let shardName = try node.string()
      guard !shardName.isEmpty else { throw node.error("empty shard name") }
      let shard: Int
      if let known = shardIndex[shardName] {
        shard = known
      } else {
        let shardPath = FileInput.resolve(shardName, relativeTo: path)
        shards.append(
          Shard(
            name: shardName, path: shardPath, header: try SafetensorsHeader.read(path: shardPath)))
        shard = shards.count - 1
        shardIndex[shardName] = shard
        var names: [String: Int] = [:]
        for (i, t) in shards[shard].header.tensors.enumerated() { names[t.name] = i }
        tensorIndex.append(names)
      }
      guard let found = tensorIndex[shard][name] else {
        throw node.error(
          "tensor not in its shard", expected: "a shard whose header lists '\(name)'")
      }
      entries.append(Entry(tensor: shards[shard].header.tensors[found], shard: shard))
    }
    let total = try root.optional("metadata")?.optional("total_size")?.int(min: 0)
    return SafetensorsIndex(shards: shards, entries: entries, declaredTotalSize: total)
  }
}
