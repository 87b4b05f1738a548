/// Per-command help, printed by `cortexscope COMMAND --help`.
enum HelpText {
    static func command(_ name: String) -> String {
        switch name {
        case "tuning":
            return """
                Usage: cortexscope tuning PATH... [--format json|tsv|text]
                                          [--baseline START,STOP] [--response START,STOP]
                                          [--running-threshold SPEED]

                Prints each neuron's direction tuning (mean, SEM and n per direction) and its
                selectivity indices for every session found in the files and folders given.

                  --format             json (default), tsv or text
                  --baseline           baseline window in seconds from stimulus onset,
                                       default -1,0
                  --response           response window in seconds, default 0,2
                  --running-threshold  mean running speed above which a trial counts as
                                       running, in the session's speed units
                """
        default:
            return Program.usage
        }
    }
}
