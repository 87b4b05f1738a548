@preconcurrency import CZlib
import Foundation

/// A zip archive read from its central directory, as NumPy writes `.npz` files: members
/// stored (method 0) or deflated (method 8), with zip64 sizes and offsets where present.
///
/// Layout reference: PKWARE's APPNOTE.TXT (end of central directory record, central file
/// headers, local file headers, zip64 extra field 0x0001). Encrypted and multi-disk
/// archives throw `DataError.unreadable`.
public struct ZipArchive {
    /// One member of the archive.
    public struct Member: Sendable, Equatable {
        public let name: String
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        public let uncompressedSize: Int
        let localHeaderOffset: Int
        let flags: UInt16
    }

    public let path: String
    public let members: [Member]
    private let bytes: [UInt8]

    /// Reads the archive at `path` and its central directory.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "file not found or not readable")
        }
        self.path = path
        self.bytes = [UInt8](data)
        self.members = try ZipArchive.centralDirectory(bytes, path: path)
    }

    /// Returns the uncompressed bytes of the member `name`.
    public func contents(of name: String) throws -> [UInt8] {
        guard let member = members.first(where: { $0.name == name }) else {
            throw DataError.unreadable(
                path: path, reason: "member '\(name)' not found; the archive has "
                    + members.map(\.name).joined(separator: ", "))
        }
        return try contents(of: member)
    }

    func contents(of member: Member) throws -> [UInt8] {
        func fail(_ reason: String) -> DataError {
            .unreadable(path: path, reason: "member '\(member.name)': \(reason)")
        }
        guard member.flags & 1 == 0 else { throw fail("encrypted members are not supported") }
        let local = member.localHeaderOffset
        guard local <= bytes.count - 30, read32(bytes, local) == 0x0403_4b50 else {
            throw fail("the local header is missing; the archive is truncated or damaged")
        }
        let start = local + 30 + Int(read16(bytes, local + 26)) + Int(read16(bytes, local + 28))
        guard member.compressedSize <= bytes.count - start else {
            throw fail("the data is truncated")
        }
        // Deflate cannot expand data more than about 1032 times, so a larger stated size
        // means a damaged header; checking it first avoids allocating that size.
        guard member.uncompressedSize <= member.compressedSize * 1100 + 1024 else {
            throw fail("the stated size \(member.uncompressedSize) bytes is impossible")
        }
        let stored = Array(bytes[start..<(start + member.compressedSize)])
        let output: [UInt8]
        switch member.method {
        case 0: output = stored
        case 8: output = try inflate(stored, size: member.uncompressedSize, fail: fail)
        default: throw fail("compression method \(member.method) is not supported (0 or 8 are)")
        }
        guard output.count == member.uncompressedSize else {
            throw fail("expected \(member.uncompressedSize) bytes but found \(output.count)")
        }
        let crc = output.withUnsafeBufferPointer {
            UInt32(crc32(0, $0.baseAddress, uInt($0.count)))
        }
        guard crc == member.crc else { throw fail("CRC-32 mismatch; the data is damaged") }
        return output
    }

    /// Raw deflate (no zlib header), through zlib's inflate with window bits -15.
    private func inflate(
        _ input: [UInt8], size: Int, fail: (String) -> DataError
    ) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            == Z_OK
        else { throw fail("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw fail("the deflated data is damaged (zlib status \(status))")
        }
        return Array(output.prefix(Int(stream.total_out)))
    }

    private static func centralDirectory(_ bytes: [UInt8], path: String) throws -> [Member] {
        func fail(_ reason: String) -> DataError { .unreadable(path: path, reason: reason) }
        // The end-of-central-directory record is 22 bytes plus a comment of up to 65535.
        let earliest = max(0, bytes.count - 22 - 65535)
        var end = -1
        var position = bytes.count - 22
        while position >= earliest {
            if read32(bytes, position) == 0x0605_4b50 {
                end = position
                break
            }
            position -= 1
        }
        guard end >= 0 else {
            throw fail("not a zip archive (no end of central directory record); "
                + "the file may be truncated")
        }
        var count = Int(read16(bytes, end + 10))
        var directorySize = Int(read32(bytes, end + 12))
        var directoryOffset = Int(read32(bytes, end + 16))
        let locator = end - 20
        if locator >= 0, read32(bytes, locator) == 0x0706_4b50 {
            let record = Int(clamping: read64(bytes, locator + 8))
            guard record <= bytes.count - 56, read32(bytes, record) == 0x0606_4b50 else {
                throw fail("the zip64 end of central directory record is damaged")
            }
            count = Int(clamping: read64(bytes, record + 32))
            directorySize = Int(clamping: read64(bytes, record + 40))
            directoryOffset = Int(clamping: read64(bytes, record + 48))
        }
        guard directoryOffset >= 0, directorySize >= 0,
            directoryOffset <= bytes.count - directorySize
        else {
            throw fail("the central directory lies outside the file; the file is truncated")
        }
        var members: [Member] = []
        var offset = directoryOffset
        for index in 0..<count {
            guard offset + 46 <= bytes.count, read32(bytes, offset) == 0x0201_4b50 else {
                throw fail("central directory entry \(index) is damaged")
            }
            let nameLength = Int(read16(bytes, offset + 28))
            let extraLength = Int(read16(bytes, offset + 30))
            let commentLength = Int(read16(bytes, offset + 32))
            guard offset + 46 + nameLength + extraLength <= bytes.count else {
                throw fail("central directory entry \(index) is truncated")
            }
            let name = String(
                decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            var compressed = UInt64(read32(bytes, offset + 20))
            var uncompressed = UInt64(read32(bytes, offset + 24))
            var localOffset = UInt64(read32(bytes, offset + 42))
            // Zip64 extra field: only the 32-bit fields that are 0xFFFFFFFF appear, in order.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = read16(bytes, extra)
                let size = Int(read16(bytes, extra + 2))
                if tag == 0x0001 {
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        uncompressed = read64(bytes, field)
                        field += 8
                    }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        compressed = read64(bytes, field)
                        field += 8
                    }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        localOffset = read64(bytes, field)
                    }
                }
                extra += 4 + size
            }
            members.append(
                Member(
                    name: name, method: read16(bytes, offset + 10),
                    crc: read32(bytes, offset + 16), compressedSize: Int(clamping: compressed),
                    uncompressedSize: Int(clamping: uncompressed),
                    localHeaderOffset: Int(clamping: localOffset),
                    flags: read16(bytes, offset + 8)))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return members
    }
}

private func read16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    guard offset + 2 <= bytes.count else { return 0 }
    return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

private func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
}

private func read64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
    guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
    return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
}
