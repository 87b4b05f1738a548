import Data
import Numerics
