import Foundation

/// Writes a minimal uncompressed MATLAB level 5 file of double scalars, enough for
/// recognisers that read only variable names.
enum MATTestFile {
    static func write(scalars: [(name: String, value: Double)], to path: String) throws {
        var data = Data()
        var header = Array("MATLAB 5.0 MAT-file, written by Cortexscope tests".utf8)
        header += [UInt8](repeating: 0x20, count: 116 - header.count)
        data.append(contentsOf: header)
        data.append(contentsOf: [UInt8](repeating: 0, count: 8))
        data.append(contentsOf: [0x00, 0x01, UInt8(ascii: "I"), UInt8(ascii: "M")])
        for (name, value) in scalars {
            let nameBytes = Array(name.utf8)
            let paddedName = (nameBytes.count + 7) / 8 * 8
            var element = Data()
            appendTag(&element, type: 6, size: 8)  // array flags, miUINT32
            appendUInt32(&element, 6)  // mxDOUBLE_CLASS
            appendUInt32(&element, 0)
            appendTag(&element, type: 5, size: 8)  // dimensions, miINT32
            appendUInt32(&element, 1)
            appendUInt32(&element, 1)
            appendTag(&element, type: 1, size: UInt32(nameBytes.count))  // name, miINT8
            element.append(contentsOf: nameBytes)
            element.append(contentsOf: [UInt8](repeating: 0, count: paddedName - nameBytes.count))
            appendTag(&element, type: 9, size: 8)  // real part, miDOUBLE
            withUnsafeBytes(of: value.bitPattern.littleEndian) { element.append(contentsOf: $0) }
            appendTag(&data, type: 14, size: UInt32(element.count))  // miMATRIX
            data.append(element)
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    private static func appendTag(_ data: inout Data, type: UInt32, size: UInt32) {
        appendUInt32(&data, type)
        appendUInt32(&data, size)
    }

    private static func appendUInt32(_ data: inout Data, _ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}
