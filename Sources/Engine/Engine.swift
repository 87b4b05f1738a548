import Data
import Models
