import Foundation
import XCTest

@testable import Data

final class ImageDecodingTests: XCTestCase {
    private typealias Encode = ImageTestEncoders
    private var folder = ""

    override func setUp() {
        folder = Encode.temporaryFolder()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func decode(_ bytes: [UInt8], name: String = "test.png") throws -> GreyImage {
        try GreyImage(contentsOf: Encode.write(bytes, name: name, in: folder))
    }

    private func luma(_ red: Double, _ green: Double, _ blue: Double, maximum: Double) -> Float {
        Float((0.299 * red + 0.587 * green + 0.114 * blue) / maximum)
    }

    func testLumaWeightsAreBT601() {
        XCTAssertEqual(GreyImage.luma(red: 1, green: 0, blue: 0), 0.299)
        XCTAssertEqual(GreyImage.luma(red: 0, green: 1, blue: 0), 0.587)
        XCTAssertEqual(GreyImage.luma(red: 0, green: 0, blue: 1), 0.114)
        XCTAssertEqual(GreyImage.luma(red: 1, green: 1, blue: 1), 1, accuracy: 1e-6)
    }

    func testPNGGrey8BitExact() throws {
        let values: [UInt8] = [0, 128, 255, 1, 2, 3]
        let bytes = Encode.png(
            width: 3, height: 2, bitDepth: 8, colourType: .grey, rows: [[0, 128, 255], [1, 2, 3]])
        let image = try decode(bytes)
        XCTAssertEqual(image.width, 3)
        XCTAssertEqual(image.height, 2)
        XCTAssertEqual(image.pixels, values.map { Float($0) / 255 })
        XCTAssertEqual(image[x: 1, y: 0], Float(128) / 255)
    }

    func testPNGGrey16BitExact() throws {
        let values: [UInt16] = [0, 1, 256, 65535, 40000, 12345]
        let rows = [Array(values[0..<3]), Array(values[3..<6])].map {
            $0.flatMap(Encode.bigEndian16)
        }
        let bytes = Encode.png(width: 3, height: 2, bitDepth: 16, colourType: .grey, rows: rows)
        let image = try decode(bytes)
        XCTAssertEqual(image.pixels, values.map { Float($0) / 65535 })
    }

    func testPNGGrey1BitExpanded() throws {
        // 0b1010_0000: pixels 1, 0, 1, 0 in a 4-pixel row.
        let bytes = Encode.png(
            width: 4, height: 1, bitDepth: 1, colourType: .grey, rows: [[0b1010_0000]])
        XCTAssertEqual(try decode(bytes).pixels, [1, 0, 1, 0])
    }

    func testPNGRGB8BitLuma() throws {
        let pixels: [[Double]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [12, 200, 77]]
        let row = pixels.flatMap { $0.map { UInt8($0) } }
        let bytes = Encode.png(width: 4, height: 1, bitDepth: 8, colourType: .rgb, rows: [row])
        let image = try decode(bytes)
        for (i, rgb) in pixels.enumerated() {
            XCTAssertEqual(
                image.pixels[i], luma(rgb[0], rgb[1], rgb[2], maximum: 255), accuracy: 1e-6)
        }
    }

    func testPNGRGBA16BitIgnoresAlpha() throws {
        let rgba: [UInt16] = [65535, 30000, 100, 0, 1000, 2000, 3000, 65535]
        let bytes = Encode.png(
            width: 2, height: 1, bitDepth: 16, colourType: .rgba,
            rows: [rgba.flatMap(Encode.bigEndian16)])
        let image = try decode(bytes)
        XCTAssertEqual(image.pixels[0], luma(65535, 30000, 100, maximum: 65535), accuracy: 1e-6)
        XCTAssertEqual(image.pixels[1], luma(1000, 2000, 3000, maximum: 65535), accuracy: 1e-6)
    }

    func testPNGGreyAlphaIgnoresAlpha() throws {
        let bytes = Encode.png(
            width: 2, height: 1, bitDepth: 8, colourType: .greyAlpha, rows: [[10, 0, 250, 99]])
        XCTAssertEqual(try decode(bytes).pixels, [Float(10) / 255, Float(250) / 255])
    }

    func testPNGPalette2BitLuma() throws {
        let palette: [UInt8] = [0, 0, 0, 255, 255, 255, 200, 10, 40, 5, 90, 180]
        // Indices 3, 2, 1, 0 packed at 2 bits each: 0b11_10_01_00.
        let bytes = Encode.png(
            width: 4, height: 1, bitDepth: 2, colourType: .palette, rows: [[0b1110_0100]],
            palette: palette)
        let image = try decode(bytes)
        let expected = [3, 2, 1, 0].map { index in
            luma(
                Double(palette[3 * index]), Double(palette[3 * index + 1]),
                Double(palette[3 * index + 2]), maximum: 255)
        }
        for i in 0..<4 {
            XCTAssertEqual(image.pixels[i], expected[i], accuracy: 1e-6, "pixel \(i)")
        }
    }

    func testJPEGGreyConstantWithinOneLevel() throws {
        let samples = [UInt8](repeating: 100, count: 24 * 16)
        let bytes = Encode.jpeg(width: 24, height: 16, components: 1, samples: samples, quality: 95)
        let image = try decode(bytes, name: "grey.jpg")
        XCTAssertEqual(image.width, 24)
        XCTAssertEqual(image.height, 16)
        for value in image.pixels {
            XCTAssertEqual(value, Float(100) / 255, accuracy: 1.01 / 255)
        }
    }

    func testJPEGRGBConstantLuma() throws {
        let samples = Array(repeatElement([UInt8(200), 50, 30], count: 16 * 16).joined())
        let bytes = Encode.jpeg(width: 16, height: 16, components: 3, samples: samples, quality: 95)
        let image = try decode(bytes, name: "colour.jpeg")
        let expected = luma(200, 50, 30, maximum: 255)
        for value in image.pixels {
            XCTAssertEqual(value, expected, accuracy: 2.0 / 255)
        }
    }

    func testJPEGGradientWithinTolerance() throws {
        let width = 32
        let height = 16
        let samples = (0..<(width * height)).map { UInt8(8 * ($0 % width)) }
        let bytes = Encode.jpeg(
            width: width, height: height, components: 1, samples: samples, quality: 100)
        let image = try decode(bytes, name: "gradient.jpg")
        for (i, value) in image.pixels.enumerated() {
            XCTAssertEqual(value, Float(samples[i]) / 255, accuracy: 3.0 / 255, "pixel \(i)")
        }
    }

    func testJPEGProgressiveGradient() throws {
        let samples = (0..<(32 * 24)).map { (index: Int) -> UInt8 in
            UInt8(4 * (index % 32) + 2 * (index / 32))
        }
        let bytes = Encode.jpeg(
            width: 32, height: 24, components: 1, samples: samples, quality: 100,
            progressive: true)
        let image = try decode(bytes, name: "progressive.jpg")
        XCTAssertEqual(image.width, 32)
        XCTAssertEqual(image.height, 24)
        for (i, value) in image.pixels.enumerated() {
            XCTAssertEqual(value, Float(samples[i]) / 255, accuracy: 3.0 / 255, "pixel \(i)")
        }
    }

    func testTruncatedPNGThrowsNamingFile() throws {
        let rows = (0..<64).map { y in (0..<64).map { UInt8(($0 * y) & 0xFF) } }
        let bytes = Encode.png(width: 64, height: 64, bitDepth: 8, colourType: .grey, rows: rows)
        for cut in [20, 40, bytes.count / 2, bytes.count - 13] {
            let path = try Encode.write(Array(bytes.prefix(cut)), name: "cut.png", in: folder)
            XCTAssertThrowsError(try GreyImage(contentsOf: path), "cut at \(cut)") { error in
                XCTAssertTrue("\(error)".contains(path), "\(error)")
            }
        }
    }

    func testCorruptPNGChecksumThrows() throws {
        var bytes = Encode.png(
            width: 2, height: 2, bitDepth: 8, colourType: .grey, rows: [[1, 2], [3, 4]])
        // The IDAT payload starts after the signature (8 bytes), IHDR (25) and IDAT's length
        // and type (8).
        bytes[8 + 25 + 8 + 2] ^= 0xFF
        let path = try Encode.write(bytes, name: "corrupt.png", in: folder)
        XCTAssertThrowsError(try GreyImage(contentsOf: path)) { error in
            XCTAssertTrue("\(error)".contains("corrupt.png"), "\(error)")
        }
    }

    func testTruncatedJPEGThrowsNamingFile() throws {
        let samples = (0..<(64 * 64)).map { UInt8(($0 * 37) & 0xFF) }
        let bytes = Encode.jpeg(width: 64, height: 64, components: 1, samples: samples, quality: 90)
        for cut in [2, 100, bytes.count / 2, bytes.count - 2] {
            let path = try Encode.write(Array(bytes.prefix(cut)), name: "cut.jpg", in: folder)
            XCTAssertThrowsError(try GreyImage(contentsOf: path), "cut at \(cut)") { error in
                XCTAssertTrue("\(error)".contains(path), "\(error)")
            }
        }
    }

    func testUnknownFormatAndMissingFileThrow() throws {
        let path = try Encode.write(Array("GIF89a....".utf8), name: "image.png", in: folder)
        XCTAssertThrowsError(try GreyImage(contentsOf: path)) { error in
            XCTAssertTrue("\(error)".contains("not a PNG or JPEG"), "\(error)")
        }
        XCTAssertThrowsError(try GreyImage(contentsOf: path + ".missing"))
        XCTAssertThrowsError(try GreyImage(encoded: [], path: "empty.png"))
    }

    func testGreyImageRejectsWrongShapeAndNaN() {
        XCTAssertThrowsError(try GreyImage(width: 2, height: 2, pixels: [0, 0, 0]))
        XCTAssertThrowsError(try GreyImage(width: 0, height: 0, pixels: []))
        XCTAssertThrowsError(try GreyImage(width: 1, height: 1, pixels: [.nan]))
    }

    func testImageFolderSkipsOtherFilesSorted() throws {
        let png = Encode.png(width: 2, height: 1, bitDepth: 8, colourType: .grey, rows: [[0, 255]])
        let jpeg = Encode.jpeg(
            width: 8, height: 8, components: 1, samples: [UInt8](repeating: 9, count: 64),
            quality: 90)
        _ = try Encode.write(png, name: "b.PNG", in: folder)
        _ = try Encode.write(jpeg, name: "a.jpg", in: folder)
        _ = try Encode.write(Array("notes".utf8), name: "LICENSES.txt", in: folder)
        _ = try Encode.write(png, name: ".hidden.png", in: folder)
        let images = try ImageFolder(path: folder)
        XCTAssertEqual(images.names, ["a.jpg", "b.PNG"])
        XCTAssertEqual(images.images.map(\.width), [8, 2])
    }

    func testImageFolderWithoutImagesThrows() throws {
        _ = try Encode.write(Array("notes".utf8), name: "README.txt", in: folder)
        XCTAssertThrowsError(try ImageFolder(path: folder)) { error in
            XCTAssertTrue("\(error)".contains("no PNG or JPEG"), "\(error)")
        }
        XCTAssertThrowsError(try ImageFolder(path: folder + "/absent"))
    }

    func testImageFolderNamesCorruptFile() throws {
        _ = try Encode.write([0x89, 0x50, 0x4E, 0x47], name: "broken.png", in: folder)
        XCTAssertThrowsError(try ImageFolder(path: folder)) { error in
            XCTAssertTrue("\(error)".contains("broken.png"), "\(error)")
        }
    }
}
