import Foundation
import XCTest

@testable import Data

/// libpng's decoding of scikit-image's photographs against scripts/image_reference.py, which
/// decodes the same files with zlib and numpy only.
final class ImagePhotographTests: XCTestCase {
    private struct Reference: Decodable {
        struct Pixel: Decodable {
            let x: Int
            let y: Int
            let value: Double
        }

        let width: Int
        let height: Int
        let mean: Double
        let pixels: [Pixel]
    }

    private let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testPhotographsMatchIndependentDecoder() throws {
        let fixture = root.appendingPathComponent("Tests/Fixtures/generated/image_reference.json")
        guard let data = FileManager.default.contents(atPath: fixture.path) else {
            throw XCTSkip("\(fixture.path) is missing; run `make fixtures`")
        }
        let references = try JSONDecoder().decode([String: Reference].self, from: data)
        XCTAssertFalse(references.isEmpty)
        let folder = root.appendingPathComponent(".build/images/skimage")
        for (name, reference) in references.sorted(by: { $0.key < $1.key }) {
            let image = try GreyImage(contentsOf: folder.appendingPathComponent(name).path)
            XCTAssertEqual(image.width, reference.width, name)
            XCTAssertEqual(image.height, reference.height, name)
            let mean = image.pixels.reduce(0.0) { $0 + Double($1) } / Double(image.pixels.count)
            XCTAssertEqual(mean, reference.mean, accuracy: 1e-6, name)
            for pixel in reference.pixels {
                XCTAssertEqual(
                    Double(image[x: pixel.x, y: pixel.y]), pixel.value, accuracy: 1e-6,
                    "\(name) at (\(pixel.x), \(pixel.y))")
            }
        }
    }

    func testPhotographFolderHasEightImages() throws {
        let folder = root.appendingPathComponent(".build/images/skimage").path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw XCTSkip("\(folder) is missing; run `make images`")
        }
        let photographs = try ImageFolder(path: folder)
        XCTAssertEqual(
            photographs.names,
            [
                "astronaut.png", "brick.png", "camera.png", "chelsea.png", "coffee.png",
                "grass.png",
                "gravel.png", "rocket.jpg",
            ])
        for image in photographs.images {
            XCTAssertGreaterThanOrEqual(image.pixels.min() ?? -1, 0)
            XCTAssertLessThanOrEqual(image.pixels.max() ?? 2, 1)
        }
    }
}
