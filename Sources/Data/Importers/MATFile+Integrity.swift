import Foundation

extension MATFile {
    /// Checks that a MATLAB level 5 file is complete: the 128-byte header is present and the
    /// top-level data elements, each an 8-byte tag (type, byte count) followed by its bytes,
    /// end exactly at the end of the file.
    ///
    /// libmatio stops listing variables at the first damaged element without reporting it, so
    /// a truncated file would otherwise look like a file with fewer variables. Returns the
    /// number of top-level elements (one per variable), or nil for level 4 and 7.3 (HDF5)
    /// files, which are not checked. Throws `DataError.unreadable` naming the offset.
    @discardableResult
    public func checkComplete() throws -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError.unreadable(path: path, reason: "file not found or not readable")
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        let headerSize = 128
        guard size >= headerSize else {
            throw DataError.unreadable(
                path: path,
                reason: "the file has \(size) bytes, fewer than the 128-byte MAT header")
        }
        try handle.seek(toOffset: 0)
        let header = handle.readData(ofLength: headerSize)
        let bigEndian = header[126] == UInt8(ascii: "M") && header[127] == UInt8(ascii: "I")
        let littleEndian = header[126] == UInt8(ascii: "I") && header[127] == UInt8(ascii: "M")
        guard bigEndian || littleEndian else { return nil }
        let version = readUInt16(header, at: 124, bigEndian: bigEndian)
        guard version == 0x0100 else { return nil }

        var offset = headerSize
        var elementCount = 0
        while offset < size {
            guard offset + 8 <= size else {
                throw truncated(at: offset, size: size)
            }
            try handle.seek(toOffset: UInt64(offset))
            let tag = handle.readData(ofLength: 8)
            let type = readUInt32(tag, at: 0, bigEndian: bigEndian)
            let byteCount = Int(readUInt32(tag, at: 4, bigEndian: bigEndian))
            // miCOMPRESSED (15) elements are not padded; others are padded to 8 bytes.
            let padded = type == 15 ? byteCount : (byteCount + 7) / 8 * 8
            offset += 8 + padded
            if offset > size {
                throw truncated(at: offset, size: size)
            }
            elementCount += 1
        }
        return elementCount
    }

    private func truncated(at offset: Int, size: Int) -> DataError {
        DataError.unreadable(
            path: path,
            reason: "the file is truncated or corrupt: a data element ends at byte \(offset) "
                + "but the file has \(size) bytes; copy or download it again")
    }

    private func readUInt16(_ data: Data, at index: Int, bigEndian: Bool) -> UInt16 {
        let bytes = (0..<2).map { UInt16(data[data.startIndex + index + $0]) }
        return bigEndian ? bytes[0] << 8 | bytes[1] : bytes[1] << 8 | bytes[0]
    }

    private func readUInt32(_ data: Data, at index: Int, bigEndian: Bool) -> UInt32 {
        let bytes = (0..<4).map { UInt32(data[data.startIndex + index + $0]) }
        return bigEndian
            ? bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]
            : bytes[3] << 24 | bytes[2] << 16 | bytes[1] << 8 | bytes[0]
    }
}
