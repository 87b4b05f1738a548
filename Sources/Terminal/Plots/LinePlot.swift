/// One data series of a `LinePlot`.
public struct PlotSeries: Hashable, Sendable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Half-length of the error bar at each point (for example the SEM), or nil for none.
    public var error: [Double]?

    /// Creates a series; points beyond the shorter of `x` and `y` are ignored, and a
    /// missing or non-finite error draws no bar at that point.
    public init(name: String, x: [Double], y: [Double], error: [Double]? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.error = error
    }

    /// Creates a series with x = 0, 1, 2, ...
    public init(name: String, y: [Double], error: [Double]? = nil) {
        self.init(name: name, x: y.indices.map(Double.init), y: y, error: error)
    }

    /// Points whose x and y are both finite, with their error (nil when absent).
    var finitePoints: [(x: Double, y: Double, error: Double?)] {
        (0..<min(x.count, y.count)).compactMap { index in
            guard x[index].isFinite, y[index].isFinite else { return nil }
            let bar = error.flatMap { index < $0.count ? $0[index] : nil }
            return (x[index], y[index], bar.flatMap { $0.isFinite ? abs($0) : nil })
        }
    }
}

/// A vertical line at one x value with a label, such as a preferred orientation.
public struct PlotMarker: Hashable, Sendable {
    public var x: Double
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// A line plot of one or more series with optional error bars, axes and a marker.
///
/// Lines are braille dots (2x4 per cell) with Unicode glyphs, and `-/\|` strokes with
/// the series' mark at each data point in ASCII. A non-finite x or y breaks the line at
/// that point. Error bars are vertical whiskers from y - error to y + error. The y range
/// covers the data and error bars, padded by `yPadding` of its span on each side; the x
/// range covers the data and the marker. Rects smaller than 16x6 show "too small", and
/// series with no finite point show "no data".
public struct LinePlot: Hashable, Sendable {
    public var series: [PlotSeries]
    public var xLabel: String
    public var yLabel: String
    public var marker: PlotMarker?
    /// Fixed x range; nil fits the data.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range; nil fits the data with padding.
    public var yRange: ClosedRange<Double>?
    /// Fraction of the data's y span added above and below.
    public var yPadding: Double
    /// Fixed x tick positions (for example every 45 degrees); nil picks nice values.
    public var xTicks: [Double]?
    public var showsLegend: Bool

    public init(
        series: [PlotSeries], xLabel: String = "", yLabel: String = "",
        marker: PlotMarker? = nil, xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil, yPadding: Double = 0.05, xTicks: [Double]? = nil,
        showsLegend: Bool = true
    ) {
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.marker = marker
        self.xRange = xRange
        self.yRange = yRange
        self.yPadding = yPadding
        self.xTicks = xTicks
        self.showsLegend = showsLegend
    }

    /// Draws the plot into `rect`.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        let points = series.map(\.finitePoints)
        guard rect.width >= PlotFrame.minimumWidth, rect.height >= PlotFrame.minimumHeight else {
            PlotFrame.drawMessage("too small", into: &buffer, in: rect, appearance: appearance)
            return
        }
        guard let ranges = dataRanges(points) else {
            PlotFrame.drawMessage("no data", into: &buffer, in: rect, appearance: appearance)
            return
        }
        guard
            let frame = PlotFrame(
                rect: rect, xRange: ranges.x, yRange: ranges.y,
                xLabel: xLabel, yLabel: yLabel)
        else {
            PlotFrame.drawMessage("too small", into: &buffer, in: rect, appearance: appearance)
            return
        }

        let ticks: (ticks: [Double], labels: [String])
        if let xTicks {
            let inside = xTicks.filter { $0.isFinite && frame.xRange.contains($0) }
            ticks = (inside, AxisScale.labels(for: inside))
        } else {
            ticks = frame.defaultXTicks()
        }
        frame.drawAxes(
            into: &buffer, xTicks: ticks.ticks, xTickLabels: ticks.labels,
            appearance: appearance)
        let markerColumn = drawMarkerLine(into: &buffer, frame: frame, appearance: appearance)

        if appearance.glyphs.usesBraille {
            drawBraille(points, into: &buffer, frame: frame, appearance: appearance)
        } else {
            drawCharacters(points, into: &buffer, frame: frame, appearance: appearance)
        }
        drawLabels(
            into: &buffer, frame: frame, markerColumn: markerColumn,
            appearance: appearance)
    }

    /// X and y ranges of the data, error bars and marker, or nil when nothing is finite.
    func dataRanges(_ points: [[(x: Double, y: Double, error: Double?)]])
        -> (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    {
        let all = points.joined()
        guard !all.isEmpty else { return nil }
        var xs = all.map(\.x)
        if let marker, marker.x.isFinite { xs.append(marker.x) }
        var ys = all.map(\.y)
        for point in all {
            if let error = point.error {
                ys.append(point.y - error)
                ys.append(point.y + error)
            }
        }
        let fittedX: ClosedRange<Double>
        if let xRange, xRange.lowerBound.isFinite, xRange.upperBound.isFinite,
            xRange.upperBound > xRange.lowerBound
        {
            fittedX = xRange
        } else {
            guard let low = xs.min(), let high = xs.max() else { return nil }
            fittedX = high > low ? low...high : AxisScale.padded(low...high, fraction: 0)
        }
        let fittedY: ClosedRange<Double>
        if let yRange, yRange.lowerBound.isFinite, yRange.upperBound.isFinite,
            yRange.upperBound > yRange.lowerBound
        {
            fittedY = yRange
        } else {
            let padding = yPadding.isFinite ? max(0, yPadding) : 0
            guard let range = AxisScale.paddedRange(ys, fraction: padding) else { return nil }
            fittedY = range
        }
        return (fittedX, fittedY)
    }

    private func drawMarkerLine(
        into buffer: inout CellBuffer, frame: PlotFrame, appearance: Appearance
    ) -> Int? {
        guard let marker, marker.x.isFinite, frame.xRange.contains(marker.x) else { return nil }
        let column = frame.column(marker.x)
        let style = appearance.style(.marker)
        for row in frame.area.y..<frame.area.maxY {
            buffer.putGlyph(appearance.glyphs.markerLine, x: column, y: row, style: style)
        }
        return column
    }

    private func drawBraille(
        _ points: [[(x: Double, y: Double, error: Double?)]], into buffer: inout CellBuffer,
        frame: PlotFrame, appearance: Appearance
    ) {
        var canvas = BrailleCanvas(columns: frame.area.width, rows: frame.area.height)
        let errorLayer = -1
        for seriesPoints in points {
            for point in seriesPoints {
                guard let error = point.error, error > 0 else { continue }
                let px = frame.pixelX(point.x, resolution: 2)
                let top = frame.pixelY(point.y + error, resolution: 4)
                let bottom = frame.pixelY(point.y - error, resolution: 4)
                canvas.line(from: (px, top), to: (px, bottom), layer: errorLayer)
                canvas.line(from: (px - 1, top), to: (px + 1, top), layer: errorLayer)
                canvas.line(from: (px - 1, bottom), to: (px + 1, bottom), layer: errorLayer)
            }
        }
        for (index, seriesPoints) in points.enumerated() {
            let pixels = seriesPoints.map {
                (frame.pixelX($0.x, resolution: 2), frame.pixelY($0.y, resolution: 4))
            }
            if pixels.count == 1, let only = pixels.first {
                for dx in 0...1 {
                    for dy in 0...1 { canvas.set(px: only.0 + dx, py: only.1 + dy, layer: index) }
                }
            }
            for (start, end) in zip(pixels, pixels.dropFirst()) {
                canvas.line(from: start, to: end, layer: index)
            }
        }
        let errorStyle = appearance.style(.plotError)
        canvas.draw(into: &buffer, x: frame.area.x, y: frame.area.y) { layer in
            layer == errorLayer ? errorStyle : appearance.seriesStyle(layer)
        }
    }

    private func drawCharacters(
        _ points: [[(x: Double, y: Double, error: Double?)]], into buffer: inout CellBuffer,
        frame: PlotFrame, appearance: Appearance
    ) {
        var canvas = CharacterCanvas(columns: frame.area.width, rows: frame.area.height)
        let errorLayer = -1
        let width = Double(frame.area.width - 1)
        let height = Double(frame.area.height - 1)
        func cell(_ x: Double, _ y: Double) -> (Double, Double) {
            (frame.xFraction(x) * width, frame.yFraction(y) * height)
        }
        for seriesPoints in points {
            for point in seriesPoints {
                guard let error = point.error, error > 0 else { continue }
                let top = cell(point.x, point.y + error)
                let bottom = cell(point.x, point.y - error)
                let column = roundedPosition(top.0)
                canvas.verticalRun(
                    column: column, from: top.1, to: bottom.1, glyph: "|",
                    layer: errorLayer)
                if roundedPosition(bottom.1) - roundedPosition(top.1) >= 2 {
                    canvas.set(
                        column: column, row: roundedPosition(top.1), glyph: "-",
                        layer: errorLayer)
                    canvas.set(
                        column: column, row: roundedPosition(bottom.1), glyph: "-",
                        layer: errorLayer)
                }
            }
        }
        for (index, seriesPoints) in points.enumerated() {
            let cells = seriesPoints.map { cell($0.x, $0.y) }
            for (start, end) in zip(cells, cells.dropFirst()) {
                canvas.line(from: start, to: end, layer: index)
            }
        }
        let marks = appearance.glyphs.seriesMarks
        for (index, seriesPoints) in points.enumerated() {
            for point in seriesPoints {
                let position = cell(point.x, point.y)
                canvas.set(
                    column: roundedPosition(position.0), row: roundedPosition(position.1),
                    glyph: marks[index % marks.count], layer: index)
            }
        }
        let errorStyle = appearance.style(.plotError)
        canvas.draw(into: &buffer, x: frame.area.x, y: frame.area.y) { layer in
            layer == errorLayer ? errorStyle : appearance.seriesStyle(layer)
        }
    }

    /// Draws the marker label and the legend in the row above the data area, the legend
    /// right-aligned. A part that would overlap the y label or the other is moved into the
    /// top row of the data area, or left out when it fits nowhere.
    private func drawLabels(
        into buffer: inout CellBuffer, frame: PlotFrame, markerColumn: Int?,
        appearance: Appearance
    ) {
        let titleRow = frame.rect.y
        var occupied: [ClosedRange<Int>] = []
        let yLabelWidth = DisplayWidth.of(TextSanitizer.sanitize(yLabel))
        if yLabelWidth > 0 { occupied.append(frame.rect.x...(frame.rect.x + yLabelWidth)) }

        let legendEntries =
            showsLegend && series.count > 1
            ? series.enumerated().map {
                (index: $0.offset, text: TextSanitizer.sanitize($0.element.name))
            } : []
        let marks = appearance.glyphs.seriesMarks
        let legendWidth = legendEntries.reduce(0) { $0 + DisplayWidth.of($1.text) + 4 } - 1
        if legendWidth > 0, legendWidth <= frame.area.width {
            var row = titleRow
            var x = frame.area.maxX - legendWidth
            if occupied.contains(where: { $0.overlaps(x...(x + legendWidth)) }) {
                row = frame.area.y
                x = frame.area.maxX - legendWidth
            }
            for entry in legendEntries {
                let mark =
                    appearance.glyphs.usesBraille ? "━" : String(marks[entry.index % marks.count])
                buffer.put(mark + mark, x: x, y: row, style: appearance.seriesStyle(entry.index))
                x += 3
                x += buffer.put(entry.text, x: x, y: row, style: appearance.style(.legend))
                x += 1
            }
            if row == titleRow {
                occupied.append((frame.area.maxX - legendWidth)...frame.area.maxX)
            }
        }

        guard let marker, let markerColumn else { return }
        let label = TextSanitizer.sanitize(marker.label)
        let width = DisplayWidth.of(label)
        guard width > 0, width <= frame.rect.width else { return }
        var start = markerColumn - width / 2
        start = min(max(frame.rect.x, start), frame.rect.maxX - width)
        let style = appearance.style(.marker)
        if !occupied.contains(where: { $0.overlaps(start...(start + width)) }) {
            buffer.put(label, x: start, y: titleRow, style: style, clip: frame.rect)
            return
        }
        // Beside the marker line in the data area's top row: right of it when it fits.
        let right = markerColumn + 1
        let inside = right + width <= frame.area.maxX ? right : markerColumn - width
        guard inside >= frame.area.x else { return }
        buffer.put(label, x: inside, y: frame.area.y, style: style, clip: frame.area)
    }
}
