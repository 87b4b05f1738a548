import Foundation
import Models
import Terminal

/// A latent traversal drawn as a row of half-block images with their offsets and a colour
/// bar, for the traversal screen and `cortexscope traverse --format text`.
///
/// Every image shares one value range (the min and max over all of them), so brightness
/// compares across the row, and the colour bar keys that range.
struct TraversalPicture {
    let traversal: LatentTraversal
    /// Side of the square images, pixels.
    let side: Int
    let colorMap: ColorMap

    /// Rows the picture needs: images of `side / 2` rows (half blocks), a label row and a
    /// three-row colour bar.
    var naturalHeight: Int { (side + 1) / 2 + 1 + 3 }

    /// Columns of one image and the gap after it at full size: one column per pixel, and
    /// at least the 7 columns of an offset label such as "+3.0sd ".
    var naturalSlotWidth: Int { max(side + 1, 7) }

    /// Columns the picture needs at full size.
    var naturalWidth: Int { traversal.offsets.count * naturalSlotWidth }

    /// The value range shared by all images.
    var range: ClosedRange<Double> {
        let finite = traversal.images.values.filter(\.isFinite)
        let low = Double(finite.min() ?? 0)
        let high = Double(finite.max() ?? 1)
        return high > low ? low...high : (low - 0.5)...(low + 0.5)
    }

    /// Draws the images side by side from the top-left of `rect`, scaled down to fit.
    func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        let count = traversal.offsets.count
        guard count > 0, rect.width >= count * 2, rect.height >= 2 else { return }
        let slotWidth = min(naturalSlotWidth, rect.width / count)
        let cellWidth = min(side, slotWidth - 1)
        let imageRows = min((side + 1) / 2, max(1, rect.height - 4))
        let shared = range
        let sigma = appearance.glyphs.isASCII ? "sd" : "σ"
        for (index, offset) in traversal.offsets.enumerated() {
            let pixels = traversal.images.row(index).map(Double.init)
            let x = rect.x + index * slotWidth
            if let image = try? HalfBlockImage(
                width: side, height: side, pixels: pixels, range: shared, colorMap: colorMap)
            {
                image.draw(
                    into: &buffer, in: Rect(x: x, y: rect.y, width: cellWidth, height: imageRows),
                    appearance: appearance)
            }
            let label = String(format: "%+.1f", offset) + sigma
            buffer.put(
                label, x: x, y: rect.y + imageRows, width: slotWidth,
                style: appearance.style(.axisLabel), ellipsis: appearance.glyphs.ellipsis)
        }
        let barTop = rect.y + imageRows + 1
        let barHeight = min(3, rect.maxY - barTop)
        guard barHeight >= 1 else { return }
        let barWidth = min(rect.width, count * slotWidth - 1)
        ColorBar(colorMap: colorMap, range: shared, label: "decoded pixel value").draw(
            into: &buffer, in: Rect(x: rect.x, y: barTop, width: barWidth, height: barHeight),
            appearance: appearance)
    }

    /// The picture as text without colour: pixels become density characters, and without
    /// `unicode` the offsets read "sd" in place of σ.
    func text(unicode: Bool) -> String {
        let appearance = Appearance(
            capabilities: TerminalCapabilities(colorMode: .none, unicode: unicode))
        var buffer = CellBuffer(width: max(naturalWidth, 40), height: naturalHeight)
        draw(into: &buffer, in: buffer.bounds, appearance: appearance)
        return buffer.plainText(asciiOnly: !unicode)
    }
}
