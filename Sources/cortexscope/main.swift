import App
import Foundation

exit(Program.run())
