import CImageShim
import Foundation

extension GreyImage {
    /// Reads a PNG or JPEG file, chosen by its first bytes, and converts it to grey.
    ///
    /// PNG: 1 to 16 bits a sample, grey, grey with alpha, RGB, RGBA or palette, expanded by
    /// libpng (`png_set_expand`); alpha is dropped. JPEG: grey or YCbCr, decoded by libjpeg
    /// to RGB. Throws `DataError.unreadable` naming the file when it cannot be read, is
    /// neither format, is truncated or is corrupt.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(
                path: path, reason: "the file does not exist or cannot be read")
        }
        try self.init(encoded: [UInt8](data), path: path)
    }

    /// Decodes PNG or JPEG bytes. `path` only names the source in error messages.
    public init(encoded bytes: [UInt8], path: String) throws {
        let format = ImageFormat(signature: bytes)
        guard let format else {
            throw DataError.unreadable(
                path: path,
                reason: "not a PNG or JPEG file (unknown signature); "
                    + "convert it to PNG or JPEG")
        }

        var decoded = cs_image()
        let messageCapacity = 512
        var message = [CChar](repeating: 0, count: messageCapacity)
        let status = bytes.withUnsafeBufferPointer { buffer in
            switch format {
            case .png:
                cs_png_decode(
                    buffer.baseAddress, buffer.count, &decoded, &message, messageCapacity)
            case .jpeg:
                cs_jpeg_decode(
                    buffer.baseAddress, buffer.count, &decoded, &message, messageCapacity)
            }
        }
        defer { cs_image_free(&decoded) }
        guard status == 0, let samples = decoded.samples else {
            let reason = String(
                decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                as: UTF8.self)
            throw DataError.unreadable(path: path, reason: "invalid \(format.rawValue): \(reason)")
        }

        let width = Int(decoded.width)
        let height = Int(decoded.height)
        let channels = Int(decoded.channels)
        let count = width * height
        var pixels = [Float](repeating: 0, count: count)
        if decoded.bit_depth == 16 {
            let values = samples.bindMemory(to: UInt16.self, capacity: count * channels)
            Self.convert(values, channels: channels, maximum: 65535, into: &pixels)
        } else {
            let values = samples.bindMemory(to: UInt8.self, capacity: count * channels)
            Self.convert(values, channels: channels, maximum: 255, into: &pixels)
        }
        try self.init(width: width, height: height, pixels: pixels)
    }

    /// Converts interleaved grey (1 channel) or RGB (3 channels) samples to luma in 0...1.
    private static func convert<Sample: BinaryInteger>(
        _ samples: UnsafeMutablePointer<Sample>, channels: Int, maximum: Float,
        into pixels: inout [Float]
    ) {
        if channels == 1 {
            for i in pixels.indices {
                pixels[i] = Float(samples[i]) / maximum
            }
            return
        }
        for i in pixels.indices {
            let red = Float(samples[channels * i]) / maximum
            let green = Float(samples[channels * i + 1]) / maximum
            let blue = Float(samples[channels * i + 2]) / maximum
            pixels[i] = luma(red: red, green: green, blue: blue)
        }
    }
}

/// An encoded image format that `GreyImage` decodes.
enum ImageFormat: String {
    case png = "PNG"
    case jpeg = "JPEG"

    /// File-name extensions (lower case) of each format.
    static let extensions: [String: ImageFormat] = ["png": .png, "jpg": .jpeg, "jpeg": .jpeg]

    /// The format whose signature starts `bytes`, or nil: PNG's 8-byte signature
    /// (89 50 4E 47 0D 0A 1A 0A) or JPEG's start-of-image marker FF D8 FF.
    init?(signature bytes: [UInt8]) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }
}
