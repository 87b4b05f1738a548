/// Maps the column names that sources use to the standard names of `StimulusTable` and
/// guesses which columns are behaviour, so every importer names variables alike.
enum StimulusColumnNames {
    /// Source names (lower case) and the standard name each maps to. Plural forms cover
    /// array archives (`directions.npy`), the short forms cover Allen Brain Observatory
    /// tables (`Ori`, `TF`, `SF`).
    static let standardNames: [String: String] = [
        "orientation": StimulusTable.orientation, "orientations": StimulusTable.orientation,
        "ori": StimulusTable.orientation,
        "direction": StimulusTable.direction, "directions": StimulusTable.direction,
        "dir": StimulusTable.direction,
        "contrast": StimulusTable.contrast, "contrasts": StimulusTable.contrast,
        "temporal_frequency": StimulusTable.temporalFrequency,
        "tf": StimulusTable.temporalFrequency,
        "spatial_frequency": StimulusTable.spatialFrequency,
        "sf": StimulusTable.spatialFrequency,
        "image_index": StimulusTable.imageID, "frame": StimulusTable.imageID,
        "image_id": StimulusTable.imageID,
    ]

    /// Returns the standard name for `name`, or `name` itself when it has none.
    static func standardName(for name: String) -> String {
        standardNames[name.lowercased()] ?? name
    }

    /// True when `name` is one of the standard numeric stimulus names.
    static func isStandardNumeric(_ name: String) -> Bool {
        Set(standardNames.values).contains(name)
    }

    /// Returns the behaviour kind a variable's name suggests: `running_speed`, `speed` and
    /// `velocity` are running speed, names with `pupil` are pupil size, `choice` and `lick`
    /// are choices; anything else is `.other`.
    static func behaviourKind(ofName name: String) -> BehaviourSeries.Kind {
        let lower = name.lowercased()
        if lower.contains("speed") || lower.contains("running") || lower.contains("velocity") {
            return .runningSpeed
        }
        if lower.contains("pupil") { return .pupil }
        if lower.contains("choice") || lower.contains("lick") { return .choice }
        return .other
    }
}
