import CJPEG
import CZlib
import Foundation

/// Encoders for the image tests, written apart from the decoders they check: PNG by hand
/// (chunks, zlib `compress`, `crc32`), JPEG by libjpeg's compressor.
enum ImageTestEncoders {
    /// PNG colour types from the PNG specification, section 11.2.2.
    enum ColourType: UInt8 {
        case grey = 0
        case rgb = 2
        case palette = 3
        case greyAlpha = 4
        case rgba = 6
    }

    /// Encodes a non-interlaced PNG whose rows are given as raw bytes (filter type 0 is prepended).
    static func png(
        width: Int, height: Int, bitDepth: UInt8, colourType: ColourType, rows: [[UInt8]],
        palette: [UInt8]? = nil
    ) -> [UInt8] {
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [bitDepth, colourType.rawValue, 0, 0, 0]

        var raw: [UInt8] = []
        for row in rows { raw += [0] + row }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        _ = compress(&compressed, &compressedSize, raw, uLong(raw.count))
        compressed.removeLast(compressed.count - Int(compressedSize))

        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", header)
        if let palette { file += chunk("PLTE", palette) }
        file += chunk("IDAT", compressed)
        file += chunk("IEND", [])
        return file
    }

    /// Encodes a baseline JPEG of 8-bit samples (1 = grey, 3 = RGB) at the given quality.
    static func jpeg(
        width: Int, height: Int, components: Int, samples: [UInt8], quality: Int32,
        progressive: Bool = false
    ) -> [UInt8] {
        let info = UnsafeMutablePointer<jpeg_compress_struct>.allocate(capacity: 1)
        let error = UnsafeMutablePointer<jpeg_error_mgr>.allocate(capacity: 1)
        defer {
            info.deallocate()
            error.deallocate()
        }
        info.initialize(to: jpeg_compress_struct())
        error.initialize(to: jpeg_error_mgr())
        info.pointee.err = jpeg_std_error(error)
        jpeg_CreateCompress(info, JPEG_LIB_VERSION, MemoryLayout<jpeg_compress_struct>.size)

        var output: UnsafeMutablePointer<UInt8>?
        var outputSize: UInt = 0
        jpeg_mem_dest(info, &output, &outputSize)
        info.pointee.image_width = JDIMENSION(width)
        info.pointee.image_height = JDIMENSION(height)
        info.pointee.input_components = Int32(components)
        info.pointee.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB
        jpeg_set_defaults(info)
        jpeg_set_quality(info, quality, 1)
        if progressive {
            jpeg_simple_progression(info)
        }
        jpeg_start_compress(info, 1)
        var rowSamples = samples
        rowSamples.withUnsafeMutableBufferPointer { buffer in
            while info.pointee.next_scanline < info.pointee.image_height {
                var row: JSAMPROW? =
                    buffer.baseAddress! + Int(info.pointee.next_scanline) * width * components
                _ = jpeg_write_scanlines(info, &row, 1)
            }
        }
        jpeg_finish_compress(info)
        jpeg_destroy_compress(info)
        let bytes = Array(UnsafeBufferPointer(start: output, count: Int(outputSize)))
        free(output)
        return bytes
    }

    /// Writes `bytes` to the file `name` in `folder` and returns its path.
    static func write(_ bytes: [UInt8], name: String, in folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Creates a new empty folder under the system's temporary folder.
    static func temporaryFolder() -> String {
        let path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("cortexscope-image-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let checked = typeBytes + data
        let crc = UInt32(crc32(0, checked, uInt(checked.count)))
        return bigEndian(UInt32(data.count)) + checked + bigEndian(crc)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
            UInt8(value & 0xFF),
        ]
    }

    static func bigEndian16(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 8), UInt8(value & 0xFF)]
    }
}
