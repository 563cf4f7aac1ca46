import CZlib
import Trace

/// Streams text through zlib's deflate (gzip wrapper, no name, mtime 0: the
/// bytes are deterministic) into an ``AtomicFile``. Memory stays bounded by
/// two fixed buffers whatever the input size.
final class GzipOutput: TextOutput {
  let path: String
  private let file: AtomicFile
  private let stream: UnsafeMutablePointer<z_stream>
  private var pending: [UInt8] = []
  private var out: [UInt8]
  private var compressionFailure: LifeError?
  private var open = true
  private static let chunk = 1 << 18

  init(path: String, in transaction: OutputTransaction? = nil) throws(LifeError) {
    self.path = path
    file = try AtomicFile.open(path, in: transaction)
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    out = [UInt8](repeating: 0, count: Self.chunk)
    pending.reserveCapacity(Self.chunk)
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    let status = deflateInit2_(
      stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    if status != Z_OK {
      file.discard()
      stream.deinitialize(count: 1)
      stream.deallocate()
      open = false
      throw LifeError.file(path, path: nil, "cannot start gzip compression (zlib status \(status))")
    }
  }

  func write(_ text: String) {
    pending.append(contentsOf: text.utf8)
    if pending.count >= Self.chunk { deflatePending(finish: false) }
  }

  func write(buffer: UnsafeBufferPointer<UInt8>) {
    pending.append(contentsOf: buffer)
    if pending.count >= Self.chunk { deflatePending(finish: false) }
  }

  private func deflatePending(finish: Bool) {
    guard open, compressionFailure == nil, file.failure == nil else {
      pending.removeAll(keepingCapacity: true)
      return
    }
    let flush = finish ? Z_FINISH : Z_NO_FLUSH
    pending.withUnsafeMutableBufferPointer { input in
      stream.pointee.next_in = input.baseAddress
      stream.pointee.avail_in = UInt32(input.count)
      var done = false
      while !done {
        let produced: Int = out.withUnsafeMutableBufferPointer { output in
          stream.pointee.next_out = output.baseAddress
          stream.pointee.avail_out = UInt32(output.count)
          let status = deflate(stream, flush)
          if status == Z_STREAM_ERROR {
            compressionFailure = LifeError.file(path, path: nil, "gzip compression failed")
            done = true
          }
          if finish {
            if status == Z_STREAM_END { done = true }
          } else if stream.pointee.avail_out != 0 {
            done = true
          }
          return output.count - Int(stream.pointee.avail_out)
        }
        if produced > 0 { file.write(bytes: Array(out[0..<produced])) }
        if compressionFailure != nil || file.failure != nil { done = true }
      }
      stream.pointee.next_in = nil
      stream.pointee.avail_in = 0
    }
    pending.removeAll(keepingCapacity: true)
  }

  private func close() {
    guard open else { return }
    open = false
    deflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  func commit() throws(LifeError) {
    deflatePending(finish: true)
    close()
    if let compressionFailure {
      file.discard()
      throw compressionFailure
    }
    try file.commit()
  }

  func discard() {
    close()
    file.discard()
  }

  var failure: LifeError? { compressionFailure ?? file.failure }

  deinit {
    close()
  }
}
