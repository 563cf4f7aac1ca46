import Engine
import Trace

/// The text of recent operator slices (args, category, site), so that an operator equal to
/// one already drawn apart from its layer (the same operator of the next
/// identical layer) reuses its text. Entries are kept by the operator's
/// position within its layer; an entry is used only when every input of
/// the text but the layer index is equal, so the bytes are those a fresh
/// build would give.
struct OpArgsCache {
  /// Everything the args text depends on except the layer index.
  struct Key: Equatable {
    var record: OpRecord
    var dispatch: Double
    var compute: Double
    var memory: Double
    var computeEfficiency: Double
    var memoryEfficiency: Double
    var peakTops: Double
    var bound: Bound
    var device: Int

    init(_ event: OpEvent) {
      record = event.record
      record.layer = 0
      dispatch = event.dispatch.duration
      compute = event.compute.duration
      memory = event.memory.duration
      computeEfficiency = event.computeEfficiency
      memoryEfficiency = event.memoryEfficiency
      peakTops = event.peakTops
      bound = event.bound
      device = event.device
    }
  }

  /// The text of an operator's slices apart from its layer index.
  struct Text {
    /// The args up to the `layer` key's colon.
    var head: [UInt8]
    /// The args from the member after the layer index to the closing brace.
    var tail: [UInt8]
    /// The category (the kind) as a JSON string literal.
    var category: [UInt8]
    /// The site's name when it needs no escaping (nil otherwise).
    var plainSite: [UInt8]?
  }

  struct Entry {
    var key: Key
    var text: Text
  }

  private var entries: [Entry] = []
  private var layer = Int.min
  private var index = 0

  /// The text of `event`'s slices: from the entry at its position in its
  /// layer when that entry matches, else from `build`, which then replaces
  /// the entry.
  mutating func text(of event: OpEvent, build: () -> Text) -> Text {
    if event.record.layer != layer {
      layer = event.record.layer
      index = 0
    }
    let slot = index
    index += 1
    let key = Key(event)
    if slot < entries.count, entries[slot].key == key {
      return entries[slot].text
    }
    let text = build()
    let entry = Entry(key: key, text: text)
    if slot < entries.count {
      entries[slot] = entry
    } else {
      entries.append(entry)
    }
    return text
  }
}
