import CZlib
import Foundation
import Trace

/// A file read in chunks, plain or gzip-compressed (detected from its first
/// two bytes), so that large timelines are never held in memory whole.
final class ByteSource {
  let path: String
  private var handle: UnsafeMutablePointer<FILE>?
  private var stream: UnsafeMutablePointer<z_stream>?
  private var input: [UInt8]
  private var inputStart = 0
  private var inputCount = 0
  private var inputEnded = false
  private var streamEnded = false
  private static let chunk = 1 << 18

  /// Opens `path`; errors name it.
  init(path: String) throws(LifeError) {
    self.path = path
    let (descriptor, _) = try FileInput.openRegular(path)
    guard let file = fdopen(descriptor, "rb") else {
      let reason = String(cString: strerror(errno))
      Foundation.close(descriptor)
      throw LifeError.file(path, path: nil, "cannot be read: \(reason)")
    }
    handle = file
    input = [UInt8](repeating: 0, count: Self.chunk)
    fillInput()
    if inputCount >= 2, input[0] == 0x1F, input[1] == 0x8B {
      let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      z.initialize(to: z_stream())
      // windowBits 15 + 32: zlib or gzip, detected from the header.
      let status = inflateInit2_(z, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        z.deinitialize(count: 1)
        z.deallocate()
        close()
        throw LifeError.file(
          path, path: nil, "cannot start gzip decompression (zlib status \(status))")
      }
      stream = z
    }
  }

  private func fillInput() {
    guard let handle, !inputEnded else {
      inputCount = 0
      return
    }
    let count = input.withUnsafeMutableBytes { fread($0.baseAddress, 1, Self.chunk, handle) }
    inputStart = 0
    inputCount = count
    if count < Self.chunk { inputEnded = true }
  }

  /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end.
  func read(into buffer: inout [UInt8]) throws(LifeError) -> Int {
    guard let stream else {
      if inputCount == 0 { fillInput() }
      let count = min(inputCount, buffer.count)
      if count == 0 { return 0 }
      buffer.withUnsafeMutableBufferPointer { out in
        input.withUnsafeBufferPointer { src in
          for i in 0..<count { out[i] = src[inputStart + i] }
        }
      }
      inputStart += count
      inputCount -= count
      return count
    }
    if streamEnded { return 0 }
    var produced = 0
    var failure: Int32?
    while produced == 0 && !streamEnded {
      if inputCount == 0 {
        fillInput()
        if inputCount == 0 {
          throw LifeError.file(path, path: nil, "truncated gzip data")
        }
      }
      let consumedBefore = inputCount
      buffer.withUnsafeMutableBufferPointer { out in
        input.withUnsafeMutableBufferPointer { src in
          stream.pointee.next_in = src.baseAddress.map { $0 + inputStart }
          stream.pointee.avail_in = UInt32(inputCount)
          stream.pointee.next_out = out.baseAddress
          stream.pointee.avail_out = UInt32(out.count)
          let status = inflate(stream, Z_NO_FLUSH)
          if status == Z_STREAM_END {
            streamEnded = true
          } else if status != Z_OK && status != Z_BUF_ERROR {
            failure = status
          }
          produced = out.count - Int(stream.pointee.avail_out)
          inputCount = Int(stream.pointee.avail_in)
        }
      }
      inputStart += consumedBefore - inputCount
      stream.pointee.next_in = nil
      stream.pointee.next_out = nil
      if let failure {
        throw LifeError.file(path, path: nil, "not valid gzip data (zlib status \(failure))")
      }
    }
    return produced
  }

  /// Closes the file.
  func close() {
    if let handle { fclose(handle) }
    handle = nil
    if let stream {
      inflateEnd(stream)
      stream.deinitialize(count: 1)
      stream.deallocate()
    }
    stream = nil
  }

  deinit { close() }
}
