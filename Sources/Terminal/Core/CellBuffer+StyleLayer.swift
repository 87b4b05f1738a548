extension CellBuffer {
    /// The colour and attribute layer as readable text, for snapshot tests.
    ///
    /// Each cell becomes one letter naming its style: `.` for the plain style, then `a`-`z`,
    /// `A`-`Z`, `0`-`9` in order of first appearance (row by row); further styles share `?`.
    /// A blank line and a legend such as `a: fg=33 bg=default bold` follow the grid.
    /// Continuation cells repeat the letter of their wide grapheme.
    public func styleLayerText() -> String {
        let codes = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var letters: [Style: Character] = [.plain: "."]
        var legend: [String] = []
        var rows: [String] = []
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                let style = self[column, row].style
                if let letter = letters[style] {
                    line.append(letter)
                    continue
                }
                let index = letters.count - 1
                let letter: Character = index < codes.count ? codes[index] : "?"
                letters[style] = letter
                legend.append("\(letter): \(style)")
                line.append(letter)
            }
            rows.append(line)
        }
        return (rows + [""] + legend).joined(separator: "\n")
    }
}
