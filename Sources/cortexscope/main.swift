import App
import Foundation

exit(CommandLine.run())
