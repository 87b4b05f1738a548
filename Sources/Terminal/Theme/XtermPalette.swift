/// The RGB values of the xterm-256 palette and nearest-colour search in it.
public enum XtermPalette {
    /// The six channel levels of the 6x6x6 colour cube (indices 16-231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 ANSI colours.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
        (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Returns the RGB triple (0-255 each) of palette entry `index`.
    public static func rgb(_ index: UInt8) -> (red: Int, green: Int, blue: Int) {
        let value = Int(index)
        if value < 16 {
            let entry = ansi[value]
            return (entry.0, entry.1, entry.2)
        }
        if value < 232 {
            let cube = value - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        }
        let grey = 8 + 10 * (value - 232)
        return (grey, grey, grey)
    }

    /// Returns the cube or grey-ramp index (16-255) nearest to an RGB colour.
    public static func nearest256(red: Int, green: Int, blue: Int) -> UInt8 {
        func level(_ channel: Int) -> Int {
            var best = 0
            for (index, candidate) in cubeLevels.enumerated()
            where abs(candidate - channel) < abs(cubeLevels[best] - channel) {
                best = index
            }
            return best
        }
        let cubeIndex = 16 + 36 * level(red) + 6 * level(green) + level(blue)
        let greyStep = min(23, max(0, ((red + green + blue) / 3 - 3) / 10))
        let greyIndex = 232 + greyStep
        let cubeDistance = distance(rgb(UInt8(cubeIndex)), (red, green, blue))
        let greyDistance = distance(rgb(UInt8(greyIndex)), (red, green, blue))
        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// Returns the ANSI colour 0-7 nearest to palette entry `index`.
    ///
    /// Greys map to black or white by lightness; other colours map to the ANSI hue whose
    /// channels are on where the colour's channels exceed half of its brightest channel.
    public static func nearest8(_ index: UInt8) -> UInt8 {
        if index < 8 { return index }
        if index < 16 { return index - 8 }
        let (red, green, blue) = rgb(index)
        let brightest = max(red, green, blue)
        let darkest = min(red, green, blue)
        if brightest - darkest < 40 { return (red + green + blue) / 3 >= 110 ? 7 : 0 }
        let threshold = brightest / 2 + darkest / 2
        var code: UInt8 = 0
        if red > threshold { code |= 1 }
        if green > threshold { code |= 2 }
        if blue > threshold { code |= 4 }
        return code
    }

    private static func distance(
        _ a: (red: Int, green: Int, blue: Int), _ b: (Int, Int, Int)
    ) -> Int {
        let dr = a.red - b.0
        let dg = a.green - b.1
        let db = a.blue - b.2
        return dr * dr + dg * dg + db * db
    }
}
