/// Colour maps from a position in 0...1 to a colour, with a density glyph for no colour.
public enum ColorMap: String, Hashable, Sendable, CaseIterable {
    /// Black to white, on xterm's 24-step grey ramp (indices 232-255).
    case grey
    /// Matplotlib's viridis, sampled at nine points and interpolated linearly.
    case viridis
    /// Blue through white to red, ColorBrewer's RdBu reversed, for signed values such as
    /// correlations (0.5 is white).
    case diverging

    static let viridisAnchors: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (253, 231, 37),
    ]
    static let divergingAnchors: [(Double, Double, Double)] = [
        (5, 48, 97), (33, 102, 172), (67, 147, 195), (146, 197, 222), (247, 247, 247),
        (244, 165, 130), (214, 96, 77), (178, 24, 43), (103, 0, 31),
    ]
    /// Signed levels without colour: strong negative to strong positive.
    public static let divergingRamp: [Character] = ["=", "-", ".", " ", "+", "*", "#"]

    /// Returns the RGB colour (0-255 per channel) at `t`, clamped to 0...1.
    public func rgb(at t: Double) -> (red: Int, green: Int, blue: Int) {
        let position = t.isFinite ? min(1, max(0, t)) : 0
        switch self {
        case .grey:
            let level = Int((position * 255).rounded())
            return (level, level, level)
        case .viridis:
            return ColorMap.interpolate(ColorMap.viridisAnchors, at: position)
        case .diverging:
            return ColorMap.interpolate(ColorMap.divergingAnchors, at: position)
        }
    }

    /// Returns the nearest xterm-256 colour at `t`.
    public func xtermIndex(at t: Double) -> UInt8 {
        let position = t.isFinite ? min(1, max(0, t)) : 0
        if self == .grey { return UInt8(232 + Int((position * 23).rounded())) }
        let color = rgb(at: position)
        return XtermPalette.nearest256(red: color.red, green: color.green, blue: color.blue)
    }

    /// Returns the colour at `t` for `mode`. Returns nil without colour, and for the grey map
    /// in 8-colour mode because eight colours give too few grey levels (use the density
    /// glyph then).
    /// In 8-colour mode the diverging map becomes blue below 0.4, white up to 0.6 and red
    /// above, because its light blues are nearer to ANSI cyan than to blue.
    public func color(at t: Double, mode: ColorMode) -> TerminalColor? {
        switch mode {
        case .none:
            return nil
        case .eight:
            switch self {
            case .grey:
                return nil
            case .diverging:
                let position = t.isFinite ? t : 0.5
                return position < 0.4 ? .blue : (position > 0.6 ? .red : .white)
            case .viridis:
                return .indexed(XtermPalette.nearest8(xtermIndex(at: t)))
            }
        case .xterm256:
            return .indexed(xtermIndex(at: t))
        }
    }

    /// Returns the character for `t` when there is no colour: the ASCII density ramp,
    /// or the signed ramp for the diverging map.
    public func densityGlyph(at t: Double) -> Character {
        let position = t.isFinite ? min(1, max(0, t)) : 0
        let ramp = self == .diverging ? ColorMap.divergingRamp : GlyphSet.asciiDensityRamp
        let index = Int((position * Double(ramp.count - 1)).rounded())
        return ramp[index]
    }

    static func interpolate(_ anchors: [(Double, Double, Double)], at t: Double)
        -> (red: Int, green: Int, blue: Int)
    {
        let scaled = t * Double(anchors.count - 1)
        let lower = min(anchors.count - 2, Int(scaled.rounded(.down)))
        let weight = scaled - Double(lower)
        let a = anchors[lower]
        let b = anchors[lower + 1]
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * weight).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}
