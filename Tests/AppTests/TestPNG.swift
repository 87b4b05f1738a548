import Foundation

/// Writes 8-bit grey PNG files for the tests, with the image data in uncompressed
/// ("stored") deflate blocks so no compressor is needed. Layout from the PNG
/// specification (chunks with CRC-32) and RFC 1950/1951 (zlib header, stored blocks,
/// Adler-32).
enum TestPNG {
    /// Encodes a grey image whose pixels are given row-major.
    static func grey(width: Int, height: Int, pixels: [UInt8]) -> Data {
        var raw: [UInt8] = []
        for row in 0..<height {
            raw.append(0)
            raw += pixels[(row * width)..<((row + 1) * width)]
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, raw.count - offset)
            let final: UInt8 = offset + length == raw.count ? 1 : 0
            zlib += [final, UInt8(length & 0xFF), UInt8(length >> 8)]
            zlib += [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + length)]
            offset += length
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))

        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
        return Data(file)
    }

    /// Writes `count` textured `side x side` images (sums of seeded sinusoids) into a new
    /// temporary folder and returns its path.
    static func folder(count: Int = 4, side: Int = 32, seed: UInt64 = 7) throws -> String {
        let folder = NSTemporaryDirectory() + "cortexscope-apptests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var generator = SeededGenerator(state: seed)
        for index in 0..<count {
            let fx = Double.random(in: 0.1...0.6, using: &generator)
            let fy = Double.random(in: 0.1...0.6, using: &generator)
            var pixels: [UInt8] = []
            for y in 0..<side {
                for x in 0..<side {
                    let wave = sin(fx * Double(x) + fy * Double(y)) + cos(0.37 * Double(x * y % 17))
                    let noise = Double.random(in: -0.3...0.3, using: &generator)
                    pixels.append(UInt8(max(0, min(255, 128 + 60 * (wave + noise)))))
                }
            }
            try grey(width: side, height: side, pixels: pixels)
                .write(to: URL(fileURLWithPath: "\(folder)/image\(index).png"))
        }
        return folder
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
         UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return (b << 16) | a
    }
}

/// SplitMix64, so the test images are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
